import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import type { ResidentListQuery } from '../residents.types.ts';
import { residentKeys } from './resident-keys.ts';

/** GET /residents: one server-side page, ID numbers and phones masked. */
export function useResidents(query: ResidentListQuery) {
  return useQuery({
    queryKey: residentKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/residents', { params: { query }, signal })),
  });
}

/** GET /residents/{id}: masked detail with the caller's abilities on this resident. */
export function useResident(id: string | undefined) {
  return useQuery({
    queryKey: residentKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/residents/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

/** GET /residents/{id}/consents: the consents given or withdrawn, newest first. */
export function useResidentConsents(id: string | undefined) {
  return useQuery({
    queryKey: residentKeys.consents(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/residents/{id}/consents', {
          params: { path: { id: id ?? '' }, query: { limit: 100 } },
          signal,
        }),
      ),
  });
}

/** GET /divisions/tree one level at a time, for the division picker (the caller's own area at the top). */
export function useDivisionLevel(root: string | null) {
  return useQuery({
    queryKey: residentKeys.divisions(root),
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/divisions/tree', {
          params: { query: root ? { root, depth: 1 } : { depth: 1 } },
          signal,
        }),
      ),
  });
}
