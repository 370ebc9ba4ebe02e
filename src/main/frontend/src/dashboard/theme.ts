import { createTheme } from '@mantine/core';

/**
 * Darker shades than Mantine's defaults, so that white text on filled buttons and coloured text on
 * light badges keep WCAG AA contrast (axe-core's color-contrast rule, checked by the e2e).
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 9,
  autoContrast: true,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  defaultRadius: 'sm',
});
