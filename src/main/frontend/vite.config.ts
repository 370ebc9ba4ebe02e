import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import path from 'node:path';
import { distDir } from './scripts/dist-dir.mjs';

// The dashboard is served by the WAR at /dashboard/ (maven-war-plugin webResources: target/frontend-dist).
// `npm run dev` proxies the API and sockets to a server on ANSAF_DEV_SERVER (default http://localhost:8080).
const server = process.env.ANSAF_DEV_SERVER ?? 'http://localhost:8080';

export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: path.join(distDir, 'dashboard'),
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': server,
      '/openapi': server,
      '/ws': { target: server, ws: true },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'src/**/*.test.tsx'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'live', include: ['src/**/*.live.ts'], environment: 'node', testTimeout: 30000 },
      },
    ],
  },
});
