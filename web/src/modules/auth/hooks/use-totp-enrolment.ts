import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { authKeys } from '../auth-session.ts';

/**
 * POST /me/totp/setup: a new secret for this enrolment screen. A query (not a mutation) so that a
 * second mount of the same screen shares the one request instead of replacing the secret being
 * scanned; forgotten as soon as the screen closes, so opening it again starts afresh.
 */
export function useTotpSetup() {
  return useQuery({
    queryKey: [...authKeys.all, 'totpSetup'],
    queryFn: () => unwrap(api.POST('/api/v1/me/totp/setup')),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
    refetchOnMount: false,
    refetchOnReconnect: false,
  });
}

/** POST /me/totp/confirm: the first code from the app turns the factor on and yields the recovery codes. */
export function useConfirmTotp() {
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/me/totp/confirm', { body: { code } })),
  });
}
