import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '../../app/api/api-error.ts';
import type { AuthState, Session, SignOutReason } from './auth.types.ts';

/** Query keys of the auth module. `auth/me` holds the session every part of the app reads. */
export const authKeys = {
  all: ['auth'] as const,
  me: ['auth', 'me'] as const,
};

export function sessionOf(client: QueryClient): Session | undefined {
  return client.getQueryData<Session>(authKeys.me);
}

/** The CSRF token every unsafe request must carry, from the current session (none before sign-in). */
export function csrfTokenOf(client: QueryClient): string | undefined {
  return sessionOf(client)?.csrfToken;
}

export function isActive(session: Session | undefined): session is AuthState & { stage: 'active' } {
  return session?.stage === 'active';
}

/** A call answered 401 `auth.required`: the session ended (timeout, sign-out elsewhere, server restart). */
export function isSessionLost(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401 && error.is('auth.required');
}

export function isForbidden(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.is('auth.forbidden');
}

// Read by the route guard when the session turns null, to pick where the user is sent.
let lastSignOut: SignOutReason = 'lost';

/** Why the most recent session on this page ended. */
export function lastSignOutReason(): SignOutReason {
  return lastSignOut;
}

/** Stores a session the server just answered with (sign-in steps, `auth/me`). */
export function storeSession(client: QueryClient, state: AuthState): void {
  lastSignOut = 'lost';
  client.setQueryData<Session>(authKeys.me, state);
}

/** A new session (any sign-in method): whatever was cached belonged to the previous one. */
export function startSession(client: QueryClient, state: AuthState): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
  storeSession(client, state);
}

/**
 * Forgets the session and everything loaded under it, so the next user of this browser sees none
 * of it. The route guard notices the empty session and sends the user to the sign-in page.
 */
export function endSession(
  client: QueryClient,
  { reason = 'lost', announce = true }: { reason?: SignOutReason; announce?: boolean } = {},
): void {
  lastSignOut = reason;
  void client.cancelQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
  client.setQueryData<Session>(authKeys.me, null);
  if (announce) announceSignOut();
}

// Tabs share the cookie, so a sign-out in one tab ends the session in all of them.
const SIGN_OUT_KEY = 'linli.signedOutAt';

function announceSignOut(): void {
  try {
    window.localStorage.setItem(SIGN_OUT_KEY, String(Date.now()));
  } catch {
    // Storage disabled: the other tabs learn of it from their next request's 401.
  }
}

/** Calls `listener` when another tab of this browser signs out. Returns the unsubscribe function. */
export function onSignOutElsewhere(listener: () => void): () => void {
  const handler = (event: StorageEvent) => {
    if (event.key === SIGN_OUT_KEY && event.newValue) listener();
  };
  window.addEventListener('storage', handler);
  return () => window.removeEventListener('storage', handler);
}
