import { createContext, useContext } from 'react';
import type { Api } from '../api/client';
import type { AppConfig } from './config';
import type { Session } from './session';

export interface AppContextValue {
  config: AppConfig;
  api: Api;
  session: Session | null;
  signIn(token: string): void;
  signOut(): void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside <AppContext>');
  return value;
}

/** The signed-in session (the screens under /app are only rendered with one). */
export function useSession() {
  const { session } = useApp();
  if (!session) throw new Error('no session');
  return session;
}
