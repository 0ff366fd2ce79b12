import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import type { CreateDivisionBody, UpdateDivisionBody } from '../divisions.types.ts';
import { divisionKeys } from './division-keys.ts';

/** POST /divisions: the parent is implied by the code (the code minus its last three digits). */
export function useCreateDivision() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDivisionBody) => unwrap(api.POST('/api/v1/divisions', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: divisionKeys.all }),
  });
}

/** PATCH /divisions/{code} with the row version; a stale version is a 409 `conflict.version`. */
export function useUpdateDivision(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDivisionBody) =>
      unwrap(api.PATCH('/api/v1/divisions/{code}', { params: { path: { code } }, body })),
    onSuccess: (detail) => {
      client.setQueryData(divisionKeys.detail(code), detail);
      return client.invalidateQueries({ queryKey: divisionKeys.all });
    },
    // On a version conflict the detail is refetched so the form can show what changed.
    onError: () => client.invalidateQueries({ queryKey: divisionKeys.detail(code) }),
  });
}

/** DELETE /divisions/{code}?version: only a division without children, and never the district. */
export function useDeleteDivision(code: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) =>
      unwrap(api.DELETE('/api/v1/divisions/{code}', { params: { path: { code }, query: { version } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: divisionKeys.all }),
  });
}
