import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { divisionKeys } from './division-keys.ts';

/** GET /divisions/{code}: detail with ancestors, descendant counts and the row version. */
export function useDivision(code: string | undefined) {
  return useQuery({
    queryKey: divisionKeys.detail(code ?? ''),
    enabled: Boolean(code),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/divisions/{code}', { params: { path: { code: code ?? '' } }, signal })),
  });
}
