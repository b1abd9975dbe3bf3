import { createContext, useContext } from 'react';

/** Who is signed in, and the duties the service's authorization table gives them. */
export interface Session {
  account: string;
  roles: readonly string[];
  actions: readonly string[];
}

export interface SessionContextValue {
  session: Session;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in page');
  return value;
}

export function can(session: Session, action: string): boolean {
  return session.actions.includes(action);
}
