import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type {
  CreateIncubationBody,
  IncubationExportQuery,
  IncubationListQuery,
  IncubationPlanBody,
  IncubationTransitionBody,
} from '../incubation.types.ts';

/** Query keys of the incubation module; all start with 'incubations' so one invalidation refreshes all. */
export const incubationKeys = {
  all: ['incubations'] as const,
  list: (query: IncubationListQuery) => ['incubations', 'list', query] as const,
  summary: ['incubations', 'summary'] as const,
  candidates: (q: string) => ['incubations', 'candidates', q] as const,
  detail: (id: string) => ['incubations', 'detail', id] as const,
};

/** GET /incubations: one page of the base's records, ranked by the R2.2 priority by default. */
export function useIncubations(query: IncubationListQuery) {
  return useQuery({
    queryKey: incubationKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/incubations', { params: { query }, signal })),
  });
}

/** GET /incubations/summary: counts by stage, class and branch, computed from the records. */
export function useIncubationSummary() {
  return useQuery({
    queryKey: incubationKeys.summary,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/incubations/summary', { signal })),
  });
}

/** GET /incubations/candidates: organizations that may apply now, by name. */
export function useIncubationCandidates(q: string, enabled: boolean) {
  return useQuery({
    queryKey: incubationKeys.candidates(q),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/incubations/candidates', { params: { query: q ? { q } : {} }, signal })),
  });
}

export function useIncubation(id: string | undefined) {
  return useQuery({
    queryKey: incubationKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/incubations/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

/** POST /incubations: an intake application. */
export function useCreateIncubation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateIncubationBody) => unwrap(api.POST('/api/v1/incubations', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: incubationKeys.all }),
  });
}

/** POST /incubations/{id}/transitions: one stage step with the version the user saw. */
export function useTransitionIncubation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IncubationTransitionBody) =>
      unwrap(api.POST('/api/v1/incubations/{id}/transitions', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: incubationKeys.all }),
  });
}

/** PUT /incubations/{id}/plan: the whole plan with the version the user saw (409 if it changed meanwhile). */
export function useUpdateIncubationPlan(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IncubationPlanBody) =>
      unwrap(api.PUT('/api/v1/incubations/{id}/plan', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: incubationKeys.all }),
  });
}

/** GET /incubations/export: the filtered ledger as .xlsx, saved under the server's file name. */
export function useExportIncubations() {
  return useMutation({
    mutationFn: (query: IncubationExportQuery) =>
      downloadFile(
        api.GET('/api/v1/incubations/export', { params: { query }, parseAs: 'blob' }),
        'incubations.xlsx',
      ),
  });
}
