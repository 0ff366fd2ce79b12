import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { storeSession } from '../../auth/auth-session.ts';

/** POST /me/totp/recovery-codes: a new set (the old ones stop working), after a current code. */
export function useRenewRecoveryCodes() {
  return useMutation({
    mutationFn: async (code: string) =>
      (await unwrap(api.POST('/api/v1/me/totp/recovery-codes', { body: { code } }))).recoveryCodes,
  });
}

/** POST /me/totp/disable: turns the second factor off, after the password. */
export function useDisableTotp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => unwrap(api.POST('/api/v1/me/totp/disable', { body: { password } })),
    onSuccess: (state) => storeSession(client, state),
  });
}
