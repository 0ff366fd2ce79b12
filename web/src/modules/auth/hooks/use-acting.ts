import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import type { ActingFor, AuthState } from '../auth.types.ts';
import { authKeys, storeSession } from '../auth-session.ts';
import { useActiveSession } from './use-auth.ts';

/**
 * Acting for a resident (代办, DESIGN §5): `start(residentId, reason)` puts this session into acting
 * mode, `stop()` ends it; both refresh the session (`me`) and reload everything else, whose rows'
 * abilities depend on whom the session acts for. `actingFor` is the current resident, or null.
 */
export function useActing() {
  const client = useQueryClient();
  const session = useActiveSession();
  const onSuccess = (state: AuthState) => {
    storeSession(client, state);
    void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
  };
  const starting = useMutation({
    mutationFn: (input: { residentId: string; reason: string }) =>
      unwrap(api.POST('/api/v1/auth/acting', { body: input })),
    onSuccess,
  });
  const stopping = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/auth/acting')),
    onSuccess,
  });
  const actingFor: ActingFor = session?.actingFor ?? null;
  return {
    actingFor,
    start: (residentId: string, reason: string) =>
      starting.mutateAsync({ residentId, reason: reason.trim() }),
    stop: () => stopping.mutateAsync(),
    starting,
    stopping,
  };
}
