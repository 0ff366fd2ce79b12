import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { startSession } from '../auth-session.ts';

/** POST /auth/sms/code: a one-time code to a resident's mobile (the answer is the same for any number). */
export function useRequestSmsCode() {
  return useMutation({
    mutationFn: (phone: string) => unwrap(api.POST('/api/v1/auth/sms/code', { body: { phone } })),
  });
}

/** POST /auth/sms/login: a resident's mobile number and the code sent to it open a session. */
export function useSmsLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { phone: string; code: string }) =>
      unwrap(api.POST('/api/v1/auth/sms/login', { body })),
    onSuccess: (state) => startSession(client, state),
  });
}
