import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { AnsafClient } from '../api/client';
import { AnsafProvider } from '../api/hooks';
import { router } from './router';
import { theme } from './theme';
import './dashboard.css';

// Served by the API's own server at /dashboard/: same origin, so the default base URL ('') is right.
const client = new AnsafClient();
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <AnsafProvider client={client}>
          <RouterProvider router={router} />
        </AnsafProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
