import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import { useActiveSession } from '../../auth/hooks/use-auth.ts';
import { useDivisionChildren } from '../../divisions/hooks/use-division-children.ts';
import type {
  AddMemberBody,
  CreateFederationBody,
  FederationExportQuery,
  FederationListQuery,
  MoveInBody,
  MoveInListQuery,
  UpdateFederationBody,
} from '../federations.types.ts';

/** Query keys of the federations module; all start with 'federations' so one invalidation refreshes all. */
export const federationKeys = {
  all: ['federations'] as const,
  list: (query: FederationListQuery) => ['federations', 'list', query] as const,
  moveIns: (query: MoveInListQuery) => ['federations', 'move-ins', query] as const,
  detail: (id: string) => ['federations', 'detail', id] as const,
};

export function useFederations(query: FederationListQuery) {
  return useQuery({
    queryKey: federationKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/federations', { params: { query }, signal })),
  });
}

export function useMoveIns(query: MoveInListQuery) {
  return useQuery({
    queryKey: federationKeys.moveIns(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/federations/move-ins', { params: { query }, signal })),
  });
}

export function useFederation(id: string | undefined) {
  return useQuery({
    queryKey: federationKeys.detail(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/federations/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

function useFederationMutation<T, R>(call: (body: T) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Move-ins change the registry's "from outside" flag too.
    onSettled: () => {
      void client.invalidateQueries({ queryKey: federationKeys.all });
      void client.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
}

export function useCreateFederation() {
  return useFederationMutation((body: CreateFederationBody) =>
    unwrap(api.POST('/api/v1/federations', { body })),
  );
}

export function useAddMember(id: string) {
  return useFederationMutation((body: AddMemberBody) =>
    unwrap(api.POST('/api/v1/federations/{id}/members', { params: { path: { id } }, body })),
  );
}

export function useEndMembership(id: string) {
  return useFederationMutation(({ memberId, leftOn }: { memberId: string; leftOn: string }) =>
    unwrap(
      api.POST('/api/v1/federations/{id}/members/{memberId}/leave', {
        params: { path: { id, memberId } },
        body: { leftOn },
      }),
    ),
  );
}

export function useRecordMoveIn(id: string) {
  return useFederationMutation((body: MoveInBody) =>
    unwrap(api.POST('/api/v1/federations/{id}/move-ins', { params: { path: { id } }, body })),
  );
}

/** GET /federations/export: federations, members and move-ins as one .xlsx. */
export function useExportFederations() {
  return useMutation({
    mutationFn: (query: FederationExportQuery) =>
      downloadFile(
        api.GET('/api/v1/federations/export', { params: { query }, parseAs: 'blob' }),
        'federations.xlsx',
      ),
  });
}

/** Organizations of a street to pick from (the registry's own list, searched by name). */
export function useStreetOrganizations(street: string | undefined, q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['organizations', 'pick', street, q],
    enabled: enabled && Boolean(street),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/organizations', {
          params: {
            query: { divisionCode: street, q: q || undefined, limit: 50, sort: 'name', order: 'asc' },
          },
          signal,
        }),
      ),
  });
}

/**
 * Streets a federation may be founded in: a street grant's own street, or the streets and towns
 * under a district grant (the server checks the scope again).
 */
export function useStreetOptions(enabled: boolean) {
  const session = useActiveSession();
  const grants = (session?.roles ?? []).filter((g) => g.scopeCode && g.scopeCode.length <= 9);
  const district = grants.find((g) => g.scopeCode!.length === 6)?.scopeCode ?? undefined;
  const children = useDivisionChildren(enabled ? district : undefined, { limit: 100 });
  const own = grants
    .filter((g) => g.scopeCode!.length === 9)
    .map((g) => ({ value: g.scopeCode!, label: g.scopeName ?? g.scopeCode! }));
  const under = (children.data?.items ?? [])
    .filter((d) => d.code.length === 9)
    .map((d) => ({ value: d.code, label: d.name }));
  return [...own, ...under.filter((u) => !own.some((o) => o.value === u.value))];
}

export function useUpdateFederation(id: string) {
  return useFederationMutation((body: UpdateFederationBody) =>
    unwrap(api.PATCH('/api/v1/federations/{id}', { params: { path: { id } }, body })),
  );
}
