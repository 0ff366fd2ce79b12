import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../app/api/client.ts';
import type { paths } from '../../app/api/schema.gen.ts';

export type IssueBody = NonNullable<
  paths['/api/v1/open311-clients']['post']['requestBody']
>['content']['application/json'];

const key = ['open311-clients'] as const;

export function useOpen311Clients() {
  return useQuery({
    queryKey: key,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/open311-clients', { signal })),
  });
}

export function useIssueOpen311Client() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: IssueBody) => unwrap(api.POST('/api/v1/open311-clients', { body })),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeOpen311Client() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(
        api.POST('/api/v1/open311-clients/{id}/revoke', { params: { path: { id } }, body: { version } }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}
