import type { ChildrenQuery } from '../divisions.types.ts';

/** Query keys of the divisions module; every key starts with 'divisions' so one invalidation refreshes all. */
export const divisionKeys = {
  all: ['divisions'] as const,
  detail: (code: string) => ['divisions', 'detail', code] as const,
  treeLevel: (root: string | null) => ['divisions', 'tree', root ?? '(district)'] as const,
  children: (code: string, query: ChildrenQuery) => ['divisions', 'children', code, query] as const,
  search: (q: string) => ['divisions', 'search', q] as const,
  map: (code: string) => ['divisions', 'map', code] as const,
};
