import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import type { CreateCategoryBody, SaveCalendarBody, UpdateCategoryBody } from '../event-categories.types.ts';

export const eventCategoryKeys = {
  all: ['event-categories'] as const,
  tree: (includeInactive: boolean) => ['event-categories', 'tree', includeInactive] as const,
  calendar: (year: number) => ['work-calendar', year] as const,
  calendars: ['work-calendar'] as const,
};

/** GET /event-categories: classes with their subclasses, departments and step limits. */
export function useCategoryTree(includeInactive: boolean) {
  return useQuery({
    queryKey: eventCategoryKeys.tree(includeInactive),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/event-categories', { params: { query: { includeInactive } }, signal })),
  });
}

export function useCreateCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCategoryBody) => unwrap(api.POST('/api/v1/event-categories', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: eventCategoryKeys.all }),
  });
}

export function useUpdateCategory() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: UpdateCategoryBody }) =>
      unwrap(api.PATCH('/api/v1/event-categories/{code}', { params: { path: { code } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: eventCategoryKeys.all }),
  });
}

/** GET /work-calendar?year=: the entered years, and one year's days off and make-up workdays. */
export function useWorkCalendar(year: number) {
  return useQuery({
    queryKey: eventCategoryKeys.calendar(year),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/work-calendar', { params: { query: { year } }, signal })),
  });
}

export function useSaveCalendar(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveCalendarBody) =>
      unwrap(api.PUT('/api/v1/work-calendar/{year}', { params: { path: { year } }, body })),
    onSettled: () => client.invalidateQueries({ queryKey: eventCategoryKeys.calendars }),
  });
}
