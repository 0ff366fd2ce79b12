import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type {
  OrganizationExportQuery,
  OrganizationListQuery,
  TransitionBody,
} from '../organizations.types.ts';

/** Query keys of the organizations module; all start with 'organizations' so one invalidation refreshes all. */
export const organizationKeys = {
  all: ['organizations'] as const,
  list: (query: OrganizationListQuery) => ['organizations', 'list', query] as const,
  summary: ['organizations', 'summary'] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
  history: (id: string) => ['organizations', 'history', id] as const,
};

/** GET /organizations: one server-side page of the registry. */
export function useOrganizations(query: OrganizationListQuery) {
  return useQuery({
    queryKey: organizationKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organizations', { params: { query }, signal })),
  });
}

/** GET /organizations/summary: the header counts, computed from the records in the caller's scope. */
export function useOrganizationSummary() {
  return useQuery({
    queryKey: organizationKeys.summary,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organizations/summary', { signal })),
  });
}

export function useOrganization(id: string | undefined) {
  return useQuery({
    queryKey: organizationKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/organizations/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

export function useOrganizationHistory(id: string | undefined) {
  return useQuery({
    queryKey: organizationKeys.history(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/organizations/{id}/history', { params: { path: { id: id ?? '' } }, signal })),
  });
}

/** POST /organizations/{id}/transitions: one lifecycle step with the version the user saw. */
export function useTransitionOrganization(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TransitionBody) =>
      unwrap(api.POST('/api/v1/organizations/{id}/transitions', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: organizationKeys.all }),
  });
}

/** GET /organizations/export: the filtered registry as .xlsx, saved under the server's file name. */
export function useExportOrganizations() {
  return useMutation({
    mutationFn: (query: OrganizationExportQuery) =>
      downloadFile(
        api.GET('/api/v1/organizations/export', { params: { query }, parseAs: 'blob' }),
        'organizations.xlsx',
      ),
  });
}
