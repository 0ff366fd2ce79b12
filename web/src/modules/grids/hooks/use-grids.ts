import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type {
  CreateAssignmentBody,
  EndAssignmentBody,
  RosterExportQuery,
  RosterListQuery,
} from '../grids.types.ts';

/** Query keys of the grids module; all start with 'grids' so one invalidation refreshes them all. */
export const gridKeys = {
  all: ['grids'] as const,
  roster: (query: RosterListQuery) => ['grids', 'roster', query] as const,
  summary: (divisionCode: string | undefined) => ['grids', 'summary', divisionCode ?? ''] as const,
  grid: (code: string) => ['grids', 'grid', code] as const,
  duties: ['grids', 'duties'] as const,
};

/** GET /grid-assignments: one page of the roster in the caller's scope. */
export function useRoster(query: RosterListQuery) {
  return useQuery({
    queryKey: gridKeys.roster(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/grid-assignments', { params: { query }, signal })),
  });
}

/** GET /grid-assignments/summary: grids, grids with a leader and people on duty, counted from the records. */
export function useRosterSummary(divisionCode?: string) {
  return useQuery({
    queryKey: gridKeys.summary(divisionCode),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/grid-assignments/summary', {
          params: { query: divisionCode ? { divisionCode } : {} },
          signal,
        }),
      ),
  });
}

/** GET /grids/{code}: the grid's page header (place, people, roster counts). */
export function useGrid(code: string) {
  return useQuery({
    queryKey: gridKeys.grid(code),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/grids/{code}', { params: { path: { code } }, signal })),
  });
}

/** GET /grid-duties: the duties the district has configured (switched-off ones included). */
export function useGridDuties() {
  return useQuery({
    queryKey: gridKeys.duties,
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/grid-duties', { signal })),
  });
}

export function useCreateAssignment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAssignmentBody) => unwrap(api.POST('/api/v1/grid-assignments', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: gridKeys.all }),
  });
}

export function useEndAssignment() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: EndAssignmentBody }) =>
      unwrap(api.POST('/api/v1/grid-assignments/{id}/end', { params: { path: { id } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: gridKeys.all }),
  });
}

/** GET /grid-assignments/export: the filtered roster as .xlsx, saved under the server's file name. */
export function useExportRoster() {
  return useMutation({
    mutationFn: (query: RosterExportQuery) =>
      downloadFile(
        api.GET('/api/v1/grid-assignments/export', { params: { query }, parseAs: 'blob' }),
        'grid-roster.xlsx',
      ),
  });
}
