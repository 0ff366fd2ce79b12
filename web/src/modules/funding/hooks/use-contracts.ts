import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { components, paths } from '../../../app/api/schema.gen.ts';
import { fundingKeys } from './use-funding.ts';

type Schemas = components['schemas'];
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ContractSummary = Schemas['ContractSummary'];
export type ContractDetail = Schemas['ContractDetail'];
export type ContractEvaluation = Schemas['ContractEvaluation'];
export type ContractQuery = NonNullable<paths['/api/v1/contracts/export']['get']['parameters']['query']>;
export type CreateContractBody = JsonBody<paths['/api/v1/contracts']['post']['requestBody']>;
export type UpdateContractBody = JsonBody<paths['/api/v1/contracts/{id}']['patch']['requestBody']>;
export type ContractTransitionBody = JsonBody<
  paths['/api/v1/contracts/{id}/transitions']['post']['requestBody']
>;
export type ContractProgressBody = JsonBody<paths['/api/v1/contracts/{id}/progress']['post']['requestBody']>;
export type EvaluationBody = JsonBody<paths['/api/v1/contracts/{id}/evaluations']['post']['requestBody']>;

type Page = { limit?: number; offset?: number };

/** Under the funding keys: a contract step changes the fund's money too. */
const contractKeys = {
  list: (q: ContractQuery & Page) => [...fundingKeys.all, 'contracts', q] as const,
  one: (id: string) => [...fundingKeys.all, 'contract', id] as const,
  evaluators: [...fundingKeys.all, 'contract-evaluators'] as const,
};

function useContractMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => client.invalidateQueries({ queryKey: fundingKeys.all }),
  });
}

export function useContracts(query: ContractQuery & Page) {
  return useQuery({
    queryKey: contractKeys.list(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contracts', { params: { query }, signal })),
  });
}

export function useContract(id: string) {
  return useQuery({
    queryKey: contractKeys.one(id),
    enabled: Boolean(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contracts/{id}', { params: { path: { id } }, signal })),
  });
}

export function useContractEvaluators(enabled: boolean) {
  return useQuery({
    queryKey: contractKeys.evaluators,
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/contracts/evaluators', { signal })),
  });
}

export const useCreateContract = () =>
  useContractMutation((body: CreateContractBody) => unwrap(api.POST('/api/v1/contracts', { body })));
export const useTransitionContract = (id: string) =>
  useContractMutation((body: ContractTransitionBody) =>
    unwrap(api.POST('/api/v1/contracts/{id}/transitions', { params: { path: { id } }, body })),
  );
export const useContractProgress = (id: string) =>
  useContractMutation((body: ContractProgressBody) =>
    unwrap(api.POST('/api/v1/contracts/{id}/progress', { params: { path: { id } }, body })),
  );
export const useReportRectification = (id: string) =>
  useContractMutation(
    ({ rectificationId, version, report }: { rectificationId: string; version: number; report: string }) =>
      unwrap(
        api.POST('/api/v1/contracts/{id}/rectifications/{rectificationId}/report', {
          params: { path: { id, rectificationId } },
          body: { version, report },
        }),
      ),
  );
export const useSubmitEvaluation = (id: string) =>
  useContractMutation((body: EvaluationBody) =>
    unwrap(api.POST('/api/v1/contracts/{id}/evaluations', { params: { path: { id } }, body })),
  );

/** POST /contracts/{id}/photos: the photo's raw bytes; the server tells PNG and JPEG by their content. */
export function useUploadContractPhoto(id: string) {
  return useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.POST('/api/v1/contracts/{id}/photos', {
          params: { path: { id }, query: { filename: file.name } },
          headers: { 'Content-Type': 'application/octet-stream' },
          body: file,
          bodySerializer: (body) => body as File,
        }),
      ),
  });
}

export function useExportContracts() {
  return useMutation({
    mutationFn: (query: ContractQuery) =>
      downloadFile(
        api.GET('/api/v1/contracts/export', { params: { query }, parseAs: 'blob' }),
        'contracts.xlsx',
      ),
  });
}

/** The contract text as PDF, saved under the server's (Chinese) file name. */
export function useDownloadContractPdf(id: string) {
  return useMutation({
    mutationFn: () =>
      downloadFile(
        api.GET('/api/v1/contracts/{id}/contract.pdf', { params: { path: { id } }, parseAs: 'blob' }),
        'contract.pdf',
      ),
  });
}

/** Where a contract's site-visit photo is shown (the session cookie authorizes the GET). */
export const contractPhotoUrl = (contractId: string, photoId: string) =>
  `/api/v1/contracts/${encodeURIComponent(contractId)}/photos/${encodeURIComponent(photoId)}`;
