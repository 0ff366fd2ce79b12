import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type {
  AdjustFundBody,
  ApplicationQuery,
  ApplicationTransitionBody,
  AwardBody,
  CallQuery,
  CallTransitionBody,
  CreateApplicationBody,
  CreateCallBody,
  CreateFundBody,
  CreateNeedBody,
  FundQuery,
  NeedQuery,
  UpdateApplicationBody,
  UpdateFundBody,
  UpdateNeedBody,
} from '../funding.types.ts';

type Page = { limit?: number; offset?: number };

/** Every key starts with 'funding': an award changes funds, calls and applications at once. */
export const fundingKeys = {
  all: ['funding'] as const,
  funds: (q: FundQuery & Page) => ['funding', 'funds', q] as const,
  fundSummary: (year?: number) => ['funding', 'fund-summary', year ?? null] as const,
  postings: (id: string, q: Page) => ['funding', 'postings', id, q] as const,
  needs: (q: NeedQuery & Page) => ['funding', 'needs', q] as const,
  calls: (q: CallQuery & Page) => ['funding', 'calls', q] as const,
  call: (id: string) => ['funding', 'call', id] as const,
  applications: (q: ApplicationQuery & Page) => ['funding', 'applications', q] as const,
  application: (id: string) => ['funding', 'application', id] as const,
};

function useFundingMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => client.invalidateQueries({ queryKey: fundingKeys.all }),
  });
}

// ------------------------------------------------------------------ funds

export function useFunds(query: FundQuery & Page, enabled = true) {
  return useQuery({
    queryKey: fundingKeys.funds(query),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/funds', { params: { query }, signal })),
  });
}

export function useFundSummary(year?: number) {
  return useQuery({
    queryKey: fundingKeys.fundSummary(year),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/funds/summary', { params: { query: year ? { year } : {} }, signal })),
  });
}

export function useFundPostings(id: string | undefined, query: Page) {
  return useQuery({
    queryKey: fundingKeys.postings(id ?? '', query),
    enabled: Boolean(id),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/funds/{id}/postings', { params: { path: { id: id ?? '' }, query }, signal })),
  });
}

export const useCreateFund = () =>
  useFundingMutation((body: CreateFundBody) => unwrap(api.POST('/api/v1/funds', { body })));
export const useUpdateFund = (id: string) =>
  useFundingMutation((body: UpdateFundBody) =>
    unwrap(api.PATCH('/api/v1/funds/{id}', { params: { path: { id } }, body })),
  );
export const useAdjustFund = (id: string) =>
  useFundingMutation((body: AdjustFundBody) =>
    unwrap(api.POST('/api/v1/funds/{id}/adjustments', { params: { path: { id } }, body })),
  );

// ------------------------------------------------------------------ needs

export function useNeeds(query: NeedQuery & Page, enabled = true) {
  return useQuery({
    queryKey: fundingKeys.needs(query),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/needs', { params: { query }, signal })),
  });
}
export const useCreateNeed = () =>
  useFundingMutation((body: CreateNeedBody) => unwrap(api.POST('/api/v1/needs', { body })));
export const useUpdateNeed = (id: string) =>
  useFundingMutation((body: UpdateNeedBody) =>
    unwrap(api.PATCH('/api/v1/needs/{id}', { params: { path: { id } }, body })),
  );

// ------------------------------------------------------------------ calls

export function useCalls(query: CallQuery & Page) {
  return useQuery({
    queryKey: fundingKeys.calls(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/calls', { params: { query }, signal })),
  });
}
export function useCall(id: string | undefined) {
  return useQuery({
    queryKey: fundingKeys.call(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/calls/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}
export const useCreateCall = () =>
  useFundingMutation((body: CreateCallBody) => unwrap(api.POST('/api/v1/calls', { body })));
export const useTransitionCall = (id: string) =>
  useFundingMutation((body: CallTransitionBody) =>
    unwrap(api.POST('/api/v1/calls/{id}/transitions', { params: { path: { id } }, body })),
  );

// ------------------------------------------------------------------ applications

export function useApplications(query: ApplicationQuery & Page, enabled = true) {
  return useQuery({
    queryKey: fundingKeys.applications(query),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/applications', { params: { query }, signal })),
  });
}
export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: fundingKeys.application(id ?? ''),
    enabled: Boolean(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/applications/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}
export const useCreateApplication = () =>
  useFundingMutation((body: CreateApplicationBody) => unwrap(api.POST('/api/v1/applications', { body })));
export const useUpdateApplication = () =>
  useFundingMutation(({ id, body }: { id: string; body: UpdateApplicationBody }) =>
    unwrap(api.PATCH('/api/v1/applications/{id}', { params: { path: { id } }, body })),
  );
export const useTransitionApplication = () =>
  useFundingMutation(({ id, body }: { id: string; body: ApplicationTransitionBody }) =>
    unwrap(api.POST('/api/v1/applications/{id}/transitions', { params: { path: { id } }, body })),
  );
export const useAwardApplication = () =>
  useFundingMutation(({ id, body }: { id: string; body: AwardBody }) =>
    unwrap(api.POST('/api/v1/applications/{id}/award', { params: { path: { id } }, body })),
  );

// ------------------------------------------------------------------ exports

/** The four lists as .xlsx, saved under the server's (Chinese) file name. */
export function useExport() {
  return useMutation({
    mutationFn: (
      what:
        | { list: 'funds'; query: FundQuery }
        | { list: 'needs'; query: NeedQuery }
        | { list: 'calls'; query: CallQuery }
        | { list: 'applications'; query: ApplicationQuery },
    ) => {
      switch (what.list) {
        case 'funds':
          return downloadFile(
            api.GET('/api/v1/funds/export', { params: { query: what.query }, parseAs: 'blob' }),
            'funds.xlsx',
          );
        case 'needs':
          return downloadFile(
            api.GET('/api/v1/needs/export', { params: { query: what.query }, parseAs: 'blob' }),
            'needs.xlsx',
          );
        case 'calls':
          return downloadFile(
            api.GET('/api/v1/calls/export', { params: { query: what.query }, parseAs: 'blob' }),
            'calls.xlsx',
          );
        default:
          return downloadFile(
            api.GET('/api/v1/applications/export', { params: { query: what.query }, parseAs: 'blob' }),
            'applications.xlsx',
          );
      }
    },
  });
}

/** Active organizations matching a name, for the district entering an application for one. */
export function useOrganizationOptions(q: string) {
  return useQuery({
    queryKey: ['funding', 'organization-options', q],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/organizations', {
          params: { query: { state: 'active', limit: 20, ...(q ? { q } : {}) } },
          signal,
        }),
      ),
  });
}
