import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { divisionKeys } from './division-keys.ts';

export const SEARCH_LIMIT = 20;

/** GET /divisions/search: name search across the tree; idle until there is a query. */
export function useDivisionSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: divisionKeys.search(term),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/divisions/search', { params: { query: { q: term, limit: SEARCH_LIMIT } }, signal }),
      ),
  });
}
