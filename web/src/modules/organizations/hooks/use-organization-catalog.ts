import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import type { CatalogCreateBody, CatalogList, CatalogUpdateBody } from '../organizations.types.ts';
import { organizationKeys } from './use-organizations.ts';

const catalogKey = [...organizationKeys.all, 'catalog'] as const;

/** GET /organization-catalog: both lists (inactive entries too, so older records keep their names). */
export function useOrganizationCatalog() {
  return useQuery({
    queryKey: catalogKey,
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organization-catalog', { signal })),
  });
}

export function useCreateCatalogEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CatalogCreateBody) => unwrap(api.POST('/api/v1/organization-catalog', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: catalogKey }),
  });
}

export function useUpdateCatalogEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ list, code, body }: { list: CatalogList; code: string; body: CatalogUpdateBody }) =>
      unwrap(
        api.PATCH('/api/v1/organization-catalog/{list}/{code}', { params: { path: { list, code } }, body }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: catalogKey }),
  });
}
