import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import type {
  CreateResidentBody,
  RecordConsentBody,
  RevealBody,
  UpdateResidentBody,
} from '../residents.types.ts';
import { residentKeys } from './resident-keys.ts';

/** POST /residents: gender and birth date are derived by the server from the ID number. */
export function useCreateResident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateResidentBody) => unwrap(api.POST('/api/v1/residents', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: residentKeys.all }),
  });
}

/** PATCH /residents/{id} with the row version; a stale version is a 409 `conflict.version`. */
export function useUpdateResident(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateResidentBody) =>
      unwrap(api.PATCH('/api/v1/residents/{id}', { params: { path: { id } }, body })),
    onSuccess: (detail) => {
      client.setQueryData(residentKeys.detail(id), detail);
      return client.invalidateQueries({ queryKey: residentKeys.all });
    },
    // On a version conflict the detail is refetched so the form can show what changed.
    onError: () => client.invalidateQueries({ queryKey: residentKeys.detail(id) }),
  });
}

/** DELETE /residents/{id}?version=. */
export function useDeleteResident() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(api.DELETE('/api/v1/residents/{id}', { params: { path: { id }, query: { version } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: residentKeys.all }),
  });
}

/**
 * POST /residents/{id}/reveal: the full values, for this view only. They are never put in the
 * query cache, so they vanish with the component that asked for them.
 */
export function useRevealResident(id: string) {
  return useMutation({
    mutationFn: (body: RevealBody) =>
      unwrap(api.POST('/api/v1/residents/{id}/reveal', { params: { path: { id } }, body })),
  });
}

/** POST /residents/{id}/consents: only while the session acts for this resident. */
export function useRecordConsent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordConsentBody) =>
      unwrap(api.POST('/api/v1/residents/{id}/consents', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: residentKeys.consents(id) }),
  });
}
