import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type {
  CreateInspectionBody,
  InspectionExportQuery,
  InspectionListQuery,
  InspectionTransitionBody,
  OverdueQuery,
} from '../inspections.types.ts';

/** Query keys of the inspections module; all start with 'inspections' so one invalidation refreshes all. */
export const inspectionKeys = {
  all: ['inspections'] as const,
  list: (query: InspectionListQuery) => ['inspections', 'list', query] as const,
  overdue: (query: OverdueQuery) => ['inspections', 'overdue', query] as const,
  detail: (id: string) => ['inspections', 'detail', id] as const,
};

export function useInspections(query: InspectionListQuery) {
  return useQuery({
    queryKey: inspectionKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/inspections', { params: { query }, signal })),
  });
}

export function useOverdue(query: OverdueQuery, enabled: boolean) {
  return useQuery({
    queryKey: inspectionKeys.overdue(query),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/inspections/overdue', { params: { query }, signal })),
  });
}

export function useInspection(id: string | undefined) {
  return useQuery({
    queryKey: inspectionKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/inspections/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

/** POST /inspections/{id}/transitions: review (with a result), return for correction, resubmit. */
export function useTransitionInspection(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InspectionTransitionBody) =>
      unwrap(api.POST('/api/v1/inspections/{id}/transitions', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: inspectionKeys.all }),
  });
}

export function useExportInspections() {
  return useMutation({
    mutationFn: (query: InspectionExportQuery) =>
      downloadFile(
        api.GET('/api/v1/inspections/export', { params: { query }, parseAs: 'blob' }),
        'inspections.xlsx',
      ),
  });
}

/** POST /inspections: a year's report, submitted by the organization or entered by the district. */
export function useCreateInspection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInspectionBody) => unwrap(api.POST('/api/v1/inspections', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: inspectionKeys.all }),
  });
}

/** Registered organizations the caller sees (an organization account: its own), searched by name. */
export function useRegisteredOrganizations(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['organizations', 'pick-registered', q],
    enabled,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const page = await unwrap(
        api.GET('/api/v1/organizations', {
          params: { query: { q: q || undefined, limit: 50, sort: 'name', order: 'asc' } },
          signal,
        }),
      );
      // Community organizations file with their street and take no annual inspection.
      return { ...page, items: page.items.filter((o) => o.kind !== 'community_org') };
    },
  });
}
