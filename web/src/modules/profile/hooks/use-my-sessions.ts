import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { endSession } from '../../auth/auth-session.ts';
import { profileKeys } from './profile-keys.ts';

/** GET /me/sessions: where the user is signed in, this device first among equals. */
export function useMySessions() {
  return useQuery({
    queryKey: profileKeys.sessions,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/sessions', { signal })),
    staleTime: 0,
  });
}

/** DELETE /me/sessions/{id}: that device's next request finds itself signed out. */
export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/me/sessions/{id}', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: profileKeys.sessions }),
  });
}

/** POST /auth/logout-all, then this tab (and its siblings) forget the session: the guard opens sign-in. */
export function useLogoutEverywhere() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout-all')),
    onSuccess: () => endSession(client, { reason: 'signedOut' }),
  });
}
