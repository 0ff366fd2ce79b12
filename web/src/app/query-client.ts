import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { authKeys, endSession, isSessionLost } from '../modules/auth/auth-session.ts';
import { ApiError } from './api/api-error.ts';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A problem document is the server's considered answer; only network trouble and 5xx are worth retrying.
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * Any call answered 401 `auth.required` ends the session here; the route guard then asks for
 * sign-in. A 403 `auth.csrf` means the token held here is not the session's (the cookie changed in
 * another tab): the session is re-read, so a retry carries the right one.
 */
function onApiError(error: unknown): void {
  if (isSessionLost(error)) endSession(queryClient);
  else if (error instanceof ApiError && error.is('auth.csrf')) {
    void queryClient.refetchQueries({ queryKey: authKeys.me, exact: true });
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});
