import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './App';
import { ApiError, apiClient } from './api/client';
import { AppContext, type AppContextValue } from './lib/app-context';
import { type AppConfig, loadConfig } from './lib/config';
import { clearToken, type Session, sessionFromToken, storedSession, storeToken } from './lib/session';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});

function Root({ config }: { config: AppConfig }) {
  const [session, setSession] = useState<Session | null>(storedSession);
  const value = useMemo<AppContextValue>(() => {
    const signOut = () => {
      clearToken();
      queryClient.clear();
      setSession(null);
    };
    return {
      config,
      session,
      api: apiClient(config.apiBaseUrl, () => session?.token ?? null, signOut),
      signIn(token) {
        storeToken(token);
        queryClient.clear();
        setSession(sessionFromToken(token));
      },
      signOut,
    };
  }, [config, session]);
  return (
    <AppContext value={value}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </QueryClientProvider>
    </AppContext>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
loadConfig().then(
  (config) =>
    createRoot(root).render(
      <StrictMode>
        <Root config={config} />
      </StrictMode>,
    ),
  (error: unknown) => {
    root.textContent = `Tenderflow could not start: ${error instanceof Error ? error.message : String(error)}`;
  },
);
