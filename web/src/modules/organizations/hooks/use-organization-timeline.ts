import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { organizationKeys } from './use-organizations.ts';

/** GET /organizations/{id}/timeline: everything that happened to one organization, newest first. */
export function useOrganizationTimeline(id: string | undefined) {
  return useQuery({
    queryKey: [...organizationKeys.detail(id ?? ''), 'timeline'],
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/organizations/{id}/timeline', { params: { path: { id: id ?? '' } }, signal })),
  });
}
