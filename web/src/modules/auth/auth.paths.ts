import type { SignInReason } from './auth.types.ts';

export const SIGN_IN_PATH = '/login';
export const FORBIDDEN_PATH = '/403';

/**
 * Only same-origin paths are followed after sign-in (`/divisions?q=1`); anything else
 * (`https://…`, `//host`, `/\host`, the sign-in page itself) falls back to `/`, so the `next`
 * parameter cannot be used to send a user elsewhere.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next === SIGN_IN_PATH || next.startsWith(`${SIGN_IN_PATH}?`)) return '/';
  return next;
}

/** `/login?next=<path+search>[&reason=idle]`. */
export function signInPath(next: string, reason?: SignInReason): string {
  const params = new URLSearchParams();
  const target = safeNext(next);
  if (target !== '/') params.set('next', target);
  if (reason) params.set('reason', reason);
  const query = params.toString();
  return query ? `${SIGN_IN_PATH}?${query}` : SIGN_IN_PATH;
}
