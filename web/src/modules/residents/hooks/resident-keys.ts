import type { ResidentListQuery } from '../residents.types.ts';

/** Query keys of the residents module; every key starts with 'residents' so one invalidation refreshes all. */
export const residentKeys = {
  all: ['residents'] as const,
  list: (query: ResidentListQuery) => ['residents', 'list', query] as const,
  detail: (id: string) => ['residents', 'detail', id] as const,
  consents: (id: string) => ['residents', 'consents', id] as const,
  divisions: (root: string | null) => ['residents', 'divisions', root ?? '(top)'] as const,
};
