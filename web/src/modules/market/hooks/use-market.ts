import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { components, paths } from '../../../app/api/schema.gen.ts';

export type Market = components['schemas']['Market'];
export type MarketItem = components['schemas']['MarketItem'];
export type Redemption = components['schemas']['MarketRedemption'];
export type Customer = components['schemas']['MarketCustomer'];
type Body<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends {
  requestBody: { content: { 'application/json': infer B } };
}
  ? B
  : never;
export type ItemBody = Body<'/api/v1/markets/{id}/items', 'post'>;
export type DonationBody = Body<'/api/v1/markets/{id}/donations', 'post'>;
export type Line = { itemId: string; quantity: number };

/** Every key starts with 'market': a redemption changes stock, balances, lists and reports at once. */
const all = ['market'] as const;

function useMarketMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: all }) });
}

export function useMarkets() {
  return useQuery({
    queryKey: [...all, 'list'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/markets', { params: { query: { limit: 100 } }, signal })),
  });
}

export function useMarketItems(marketId: string | undefined) {
  return useQuery({
    queryKey: [...all, 'items', marketId],
    enabled: !!marketId,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/markets/{id}/items', { params: { path: { id: marketId! } }, signal })),
  });
}

export function useMovements(marketId: string | undefined, page: number) {
  return useQuery({
    queryKey: [...all, 'movements', marketId, page],
    enabled: !!marketId,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/markets/{id}/movements', {
          params: { path: { id: marketId! }, query: { limit: 20, offset: (page - 1) * 20 } },
          signal,
        }),
      ),
  });
}

export function useDonations(marketId: string | undefined) {
  return useQuery({
    queryKey: [...all, 'donations', marketId],
    enabled: !!marketId,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/markets/{id}/donations', {
          params: { path: { id: marketId! }, query: { limit: 50 } },
          signal,
        }),
      ),
  });
}

export function useMarketRedemptions(marketId: string | undefined, state?: 'reserved') {
  return useQuery({
    queryKey: [...all, 'redemptions', marketId, state],
    enabled: !!marketId,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/markets/{id}/redemptions', {
          params: { path: { id: marketId! }, query: { limit: 20, ...(state ? { state } : {}) } },
          signal,
        }),
      ),
  });
}

export function useReport(marketId: string | undefined, month: string) {
  return useQuery({
    queryKey: [...all, 'report', marketId, month],
    enabled: !!marketId,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/markets/{id}/report', {
          params: { path: { id: marketId! }, query: { month } },
          signal,
        }),
      ),
  });
}

export function useRollup(month: string) {
  return useQuery({
    queryKey: [...all, 'rollup', month],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/market-reports', { params: { query: { month } }, signal })),
  });
}

export function downloadReport(marketId: string, month: string) {
  return downloadFile(
    api.GET('/api/v1/markets/{id}/report/export', {
      params: { path: { id: marketId }, query: { month } },
      parseAs: 'blob',
    }),
    `爱心超市月报-${month}.xlsx`,
  );
}

export function downloadRollup(month: string) {
  return downloadFile(
    api.GET('/api/v1/market-reports/export', { params: { query: { month } }, parseAs: 'blob' }),
    `爱心超市月度汇总-${month}.xlsx`,
  );
}

export function useIdentifyCustomer() {
  return useMutation({
    mutationFn: ({ marketId, phone, code }: { marketId: string; phone?: string; code?: string }) =>
      unwrap(
        api.POST('/api/v1/markets/{id}/customer', {
          params: { path: { id: marketId } },
          body: phone ? { phone } : { code: code ?? '' },
        }),
      ),
  });
}

export function useRedeem() {
  return useMarketMutation(
    (v: { marketId: string; idempotencyKey: string; customerToken: string; lines: Line[] }) =>
      unwrap(
        api.POST('/api/v1/markets/{id}/redemptions', {
          params: { path: { id: v.marketId } },
          body: { idempotencyKey: v.idempotencyKey, customerToken: v.customerToken, lines: v.lines },
        }),
      ),
  );
}

export function usePickUp() {
  return useMarketMutation((v: { marketId: string; code: string }) =>
    unwrap(
      api.POST('/api/v1/markets/{id}/pickups', {
        params: { path: { id: v.marketId } },
        body: { code: v.code },
      }),
    ),
  );
}

export function useCreateItem() {
  return useMarketMutation((v: { marketId: string; body: ItemBody }) =>
    unwrap(api.POST('/api/v1/markets/{id}/items', { params: { path: { id: v.marketId } }, body: v.body })),
  );
}

export function useUpdateItem() {
  return useMarketMutation((v: { id: string; body: Body<'/api/v1/market-items/{id}', 'put'> }) =>
    unwrap(api.PUT('/api/v1/market-items/{id}', { params: { path: { id: v.id } }, body: v.body })),
  );
}

export function useAdjustStock() {
  return useMarketMutation((v: { id: string; body: Body<'/api/v1/market-items/{id}/stock', 'post'> }) =>
    unwrap(api.POST('/api/v1/market-items/{id}/stock', { params: { path: { id: v.id } }, body: v.body })),
  );
}

export function useRecordDonation() {
  return useMarketMutation((v: { marketId: string; body: DonationBody }) =>
    unwrap(
      api.POST('/api/v1/markets/{id}/donations', { params: { path: { id: v.marketId } }, body: v.body }),
    ),
  );
}

// ------------------------------------------------------------ the resident

export function useMyMarket() {
  return useQuery({
    queryKey: [...all, 'mine'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/market/mine', { signal })),
  });
}

export function useMyCode(enabled: boolean) {
  return useQuery({
    queryKey: [...all, 'my-code'],
    enabled,
    retry: false,
    // The code lives ten minutes; a fresh one well before it ends.
    refetchInterval: 5 * 60_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/market/mine/code', { signal })),
  });
}

export function useMyRedemptions() {
  return useQuery({
    queryKey: [...all, 'my-redemptions'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/market/reservations', { params: { query: { limit: 50 } }, signal })),
  });
}

export function useReserve() {
  return useMarketMutation((v: { marketId: string; idempotencyKey: string; lines: Line[] }) =>
    unwrap(api.POST('/api/v1/market/reservations', { body: v })),
  );
}

export function useCancelReservation() {
  return useMarketMutation((v: { id: string; version: number; mine: boolean }) =>
    v.mine
      ? unwrap(
          api.POST('/api/v1/market/reservations/{id}/cancel', {
            params: { path: { id: v.id } },
            body: { version: v.version },
          }),
        )
      : unwrap(
          api.POST('/api/v1/market-redemptions/{id}/cancel', {
            params: { path: { id: v.id } },
            body: { version: v.version },
          }),
        ),
  );
}
