import { useQueryClient } from '@tanstack/react-query';
import { Flex } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { FORBIDDEN_PATH, SIGN_IN_PATH, signInPath } from '../auth.paths.ts';
import type { AuthState } from '../auth.types.ts';
import { endSession, isActive, isForbidden, lastSignOutReason, onSignOutElsewhere } from '../auth-session.ts';
import { useSession } from '../hooks/use-auth.ts';
import { useSessionTimers } from '../hooks/use-session-timers.ts';

/**
 * The route guard: everything inside needs an `active` session. Without one (never signed in, a
 * sign-in step still open, the session ended by a 401, an idle timeout or 退出登录) the user is sent
 * to `/login?next=<path+search>` and comes back after signing in.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();

  if (session.isPending) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
        <PageLoading />
      </Flex>
    );
  }
  if (session.error) {
    return (
      <main style={{ padding: 24 }}>
        <ErrorAlert error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  if (!isActive(session.data)) {
    const reason = session.data === null ? lastSignOutReason() : 'lost';
    const to =
      reason === 'signedOut'
        ? SIGN_IN_PATH
        : signInPath(location.pathname + location.search, reason === 'idle' ? 'idle' : undefined);
    return <Navigate to={to} replace />;
  }
  return <SignedIn session={session.data}>{children}</SignedIn>;
}

function SignedIn({ session, children }: { session: AuthState; children: ReactNode }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  useSessionTimers(session);

  // Signing out in another tab ends this tab's session too (they share the cookie).
  useEffect(() => onSignOutElsewhere(() => endSession(client, { announce: false })), [client]);

  // A query answered 403 `auth.forbidden` opens the 403 page; the address it came from stays in history state.
  useEffect(
    () =>
      client.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'error' && isForbidden(event.action.error)) {
          const from = window.location.pathname + window.location.search;
          navigate(FORBIDDEN_PATH, { replace: true, state: { from } });
        }
      }),
    [client, navigate],
  );

  return children;
}
