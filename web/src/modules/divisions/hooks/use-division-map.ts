import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { divisionKeys } from './division-keys.ts';

/** GET /divisions/{code}/map: the children's GeoJSON polygons, plus those still without a boundary. */
export function useDivisionMap(code: string) {
  return useQuery({
    queryKey: divisionKeys.map(code),
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/divisions/{code}/map', { params: { path: { code } }, signal })),
  });
}
