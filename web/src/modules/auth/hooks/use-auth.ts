import type { Permission } from '@linli/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, unwrap } from '../../../app/api/client.ts';
import type { ChangePasswordBody, LoginBody, Session, SignOutReason } from '../auth.types.ts';
import {
  authKeys,
  csrfTokenOf,
  endSession,
  isActive,
  isSessionLost,
  startSession,
  storeSession,
} from '../auth-session.ts';

/** GET /auth/me, with 401 `auth.required` read as "nobody is signed in" rather than as an error. */
async function fetchSession(signal: AbortSignal): Promise<Session> {
  try {
    return await unwrap(api.GET('/api/v1/auth/me', { signal }));
  } catch (error) {
    if (isSessionLost(error)) return null;
    throw error;
  }
}

/**
 * The current session. Loaded once per page load and then kept up to date by the sign-in steps,
 * sign-out and any 401; `staleTime: Infinity` so it is not refetched behind the user's back.
 */
export function useSession() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** The session when it is `active`, else null (the route guard makes sure pages inside it have one). */
export function useActiveSession() {
  const { data } = useSession();
  return isActive(data) ? data : null;
}

/** `can('division:write')`: whether the signed-in user holds a permission. */
export function usePermissions() {
  const session = useActiveSession();
  const permissions = session?.permissions;
  const can = useCallback(
    (permission: Permission) => permissions?.includes(permission) ?? false,
    [permissions],
  );
  return { can };
}

/**
 * Whether a division code lies inside one of the user's data scopes (DESIGN §2: a prefix match).
 * The server enforces the scope; the web uses this only to avoid offering links that would fail.
 */
export function useDivisionScope() {
  const session = useActiveSession();
  const roles = session?.roles;
  const inScope = useCallback(
    (code: string) =>
      roles?.some((grant) => grant.scopeCode !== null && code.startsWith(grant.scopeCode)) ?? false,
    [roles],
  );
  return { inScope };
}

/** POST /auth/login: the answer says which step comes next (`totp`, `totpEnroll`, `changePassword` or `active`). */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess: (state) => startSession(client, state),
  });
}

/** POST /auth/totp with a 6-digit code or a recovery code. */
export function useVerifyTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/totp', { body: { code } })),
    onSuccess: (state) => storeSession(client, state),
  });
}

/** POST /auth/password: on the first sign-in of an account an admin created, and from the profile page. */
export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordBody) => unwrap(api.POST('/api/v1/auth/password', { body })),
    onSuccess: (state) => storeSession(client, state),
  });
}

/**
 * 退出登录: the session is forgotten here at once (the route guard opens the sign-in page, with
 * `reason=idle` after an idle timeout), then POST /auth/logout ends it on the server, carrying the
 * token read before. Its errors are only logged: the user is leaving either way (offline, or the
 * server already ended the session), and no global 401 handler must race this sign-out.
 */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (reason: Exclude<SignOutReason, 'lost'> = 'signedOut') => {
      const token = csrfTokenOf(client);
      endSession(client, { reason });
      await unwrap(
        api.POST('/api/v1/auth/logout', token ? { headers: { 'x-csrf-token': token } } : {}),
      ).catch((error: unknown) => {
        console.warn('sign-out request failed; the session is forgotten locally', error);
      });
    },
  });
}
