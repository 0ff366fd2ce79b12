import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type {
  CreateEventBody,
  DuplicateQuery,
  EventQuery,
  EventTransitionBody,
  MapQuery,
  StatsQuery,
} from '../events.types.ts';

/** Every key starts with 'events': one step changes lists, the event, the map and the statistics. */
export const eventKeys = {
  all: ['events'] as const,
  list: (q: EventQuery) => ['events', 'list', q] as const,
  detail: (id: string) => ['events', 'detail', id] as const,
  stats: (q: StatsQuery) => ['events', 'stats', q] as const,
  map: (q: MapQuery) => ['events', 'map', q] as const,
  duplicates: (q: DuplicateQuery) => ['events', 'duplicates', q] as const,
  // Outside the 'events' prefix: a workflow step does not change the category tree.
  categories: ['event-categories', 'events-picker'] as const,
};

export function useEvents(query: EventQuery, enabled = true) {
  return useQuery({
    queryKey: eventKeys.list(query),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events', { params: { query }, signal })),
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({
    queryKey: eventKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/events/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

export function useEventStats(query: StatsQuery) {
  return useQuery({
    queryKey: eventKeys.stats(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events/stats', { params: { query }, signal })),
  });
}

export function useEventMap(query: MapQuery) {
  return useQuery({
    queryKey: eventKeys.map(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/events/map', { params: { query }, signal })),
  });
}

/** Likely duplicates of a report about to be made (same category, nearby, recent, open). */
export function useDuplicates(query: DuplicateQuery | undefined) {
  return useQuery({
    queryKey: eventKeys.duplicates(query ?? ({} as DuplicateQuery)),
    enabled: Boolean(query),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/events/duplicates', { params: { query: query ?? ({} as DuplicateQuery) }, signal }),
      ),
  });
}

/** The category tree (active only), for the filter cascader and the report form. */
export function useEventCategories() {
  return useQuery({
    queryKey: eventKeys.categories,
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/event-categories', { params: { query: {} }, signal })),
  });
}

export function useCreateEvent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateEventBody) => unwrap(api.POST('/api/v1/events', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

/** One step of the workflow with the version the user saw (409 `conflict.version` if it changed). */
export function useTransitionEvent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EventTransitionBody) =>
      unwrap(api.POST('/api/v1/events/{id}/transitions', { params: { path: { id } }, body })),
    onSuccess: (detail) => client.setQueryData(eventKeys.detail(id), detail),
    onSettled: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

/** POST /events/photos: one picture, compressed by the server; answers its id and where to show it. */
export function useUploadPhoto() {
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return unwrap(
        api.POST('/api/v1/events/photos', {
          body: form as never,
          bodySerializer: (body) => body as FormData,
        }),
      );
    },
  });
}

export function useExportEventStats() {
  return useMutation({
    mutationFn: (query: StatsQuery) =>
      downloadFile(
        api.GET('/api/v1/events/stats/export', { params: { query }, parseAs: 'blob' }),
        'event-stats.xlsx',
      ),
  });
}

export function useExportEvents() {
  return useMutation({
    mutationFn: (query: EventQuery) =>
      downloadFile(api.GET('/api/v1/events/export', { params: { query }, parseAs: 'blob' }), 'events.xlsx'),
  });
}
