import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { components, paths } from '../../../app/api/schema.gen.ts';

export type Fair = components['schemas']['Fair'];
export type FairOffer = components['schemas']['FairOffer'];
export type FairExhibit = components['schemas']['FairExhibit'];
export type FairMatch = components['schemas']['FairMatch'];
export type FairSuggestion = components['schemas']['FairSuggestion'];
export type FairFigures = components['schemas']['FairFigures'];
export type FairCategory = components['schemas']['FairCategory'];
type Body<P extends keyof paths> = paths[P] extends {
  post: { requestBody?: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
export type FairBody = Body<'/api/v1/fairs'>;
export type OfferBody = Body<'/api/v1/fairs/{id}/offers'>;
export type ExhibitBody = Body<'/api/v1/fairs/{id}/exhibits'>;
export type SignBody = Body<'/api/v1/fair-matches/{id}/sign'>;

/** Every key starts with 'fair': a signing changes matches, counts and figures at once. */
const all = ['fair'] as const;

function useFairMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: all }) });
}

export function useFairCategories() {
  return useQuery({
    queryKey: [...all, 'categories'],
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/fair-categories', { signal })),
  });
}

export function useFairs(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...all, 'list', page],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/fairs', { params: { query: page }, signal })),
  });
}

export function useFair(id: string) {
  return useQuery({
    queryKey: [...all, 'one', id],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/fairs/{id}', { params: { path: { id } }, signal })),
  });
}

export function useCreateFair() {
  return useFairMutation((body: FairBody) => unwrap(api.POST('/api/v1/fairs', { body })));
}

export function useFairTransition(id: string) {
  return useFairMutation((body: { action: 'open' | 'close'; version: number }) =>
    unwrap(api.POST('/api/v1/fairs/{id}/transitions', { params: { path: { id } }, body })),
  );
}

export function useOffers(fairId: string, page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: [...all, 'offers', fairId, page],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/fairs/{id}/offers', { params: { path: { id: fairId }, query: page }, signal })),
  });
}

export function useExhibits(fairId: string, page: { limit: number; offset: number; mine?: boolean }) {
  return useQuery({
    queryKey: [...all, 'exhibits', fairId, page],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/fairs/{id}/exhibits', { params: { path: { id: fairId }, query: page }, signal }),
      ),
  });
}

export function useCreateOffer(fairId: string) {
  return useFairMutation((body: OfferBody) =>
    unwrap(api.POST('/api/v1/fairs/{id}/offers', { params: { path: { id: fairId } }, body })),
  );
}

export function useCreateExhibit(fairId: string) {
  return useFairMutation((body: ExhibitBody) =>
    unwrap(api.POST('/api/v1/fairs/{id}/exhibits', { params: { path: { id: fairId } }, body })),
  );
}

export function useSuggestions(target: { kind: 'offer' | 'exhibit'; id: string } | null) {
  return useQuery({
    queryKey: [...all, 'suggestions', target],
    enabled: target !== null,
    queryFn: ({ signal }) =>
      target!.kind === 'offer'
        ? unwrap(
            api.GET('/api/v1/fair-offers/{id}/suggestions', { params: { path: { id: target!.id } }, signal }),
          )
        : unwrap(
            api.GET('/api/v1/fair-exhibits/{id}/suggestions', {
              params: { path: { id: target!.id } },
              signal,
            }),
          ),
  });
}

export function useMatches(query: { fairId?: string; limit: number; offset: number }, enabled = true) {
  return useQuery({
    queryKey: [...all, 'matches', query],
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/fair-matches', { params: { query }, signal })),
  });
}

export function useRequestMatch() {
  return useFairMutation((body: { offerId: string; exhibitId: string }) =>
    unwrap(api.POST('/api/v1/fair-matches', { body })),
  );
}

export function useMatchTransition() {
  return useFairMutation(
    ({
      id,
      ...body
    }: {
      id: string;
      action: 'accept' | 'decline';
      version: number;
      comment?: string | null;
    }) => unwrap(api.POST('/api/v1/fair-matches/{id}/transitions', { params: { path: { id } }, body })),
  );
}

export function useSignMatch() {
  return useFairMutation(({ id, ...body }: SignBody & { id: string }) =>
    unwrap(api.POST('/api/v1/fair-matches/{id}/sign', { params: { path: { id } }, body })),
  );
}

export function useFigures() {
  return useQuery({
    queryKey: [...all, 'figures'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/fair-figures', { signal })),
  });
}

export function useExportFigures() {
  return useMutation({
    mutationFn: () =>
      downloadFile(api.GET('/api/v1/fair-figures/export', { parseAs: 'blob' }), 'fair-figures.xlsx'),
  });
}
