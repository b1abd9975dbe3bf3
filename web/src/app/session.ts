import { createContext, useContext } from 'react';
import type { components } from '../api/schema.ts';
import type { Duty } from './navigation.ts';

/** Who is signed in (the service's Session) and the duties their roles carry. */
export type Session = components['schemas']['Session'] & { duties: readonly Duty[] };

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

export function can(session: Session, duty: Duty): boolean {
  return session.duties.includes(duty);
}
