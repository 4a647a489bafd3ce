import { createContext, useContext } from 'react';
import type { Role, SessionInfo } from '@fenghuo/shared/workflow';

export interface SessionState {
  session: SessionInfo;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | undefined>(undefined);

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in page');
  return s;
}

/** Roles allowed by a page or action: 'all', or any of the listed roles. */
export type Allowed = 'all' | readonly Role[];

export function allowed(roles: readonly Role[], who: Allowed): boolean {
  return who === 'all' || roles.some((r) => who.includes(r));
}

export function useCan(who: Allowed): boolean {
  const s = useContext(SessionContext);
  return Boolean(s && allowed(s.session.user.roles, who));
}
