import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AnsafClient } from '../api/client';
import { AnsafProvider } from '../api/hooks';
import { App } from './App';
import './dashboard.css';

// Served by the API's own server at /dashboard/: same origin, so the default base URL ('') is right.
const client = new AnsafClient();
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AnsafProvider client={client}>
        <App />
      </AnsafProvider>
    </QueryClientProvider>
  </StrictMode>,
);
