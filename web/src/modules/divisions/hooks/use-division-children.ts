import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import type { ChildrenQuery } from '../divisions.types.ts';
import { divisionKeys } from './division-keys.ts';

/** GET /divisions/{code}/children: one server-side page of direct children. */
export function useDivisionChildren(code: string | undefined, query: ChildrenQuery) {
  return useQuery({
    queryKey: divisionKeys.children(code ?? '', query),
    enabled: Boolean(code),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/divisions/{code}/children', {
          params: { path: { code: code ?? '' }, query },
          signal,
        }),
      ),
  });
}
