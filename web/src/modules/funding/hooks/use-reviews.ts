import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { components, paths } from '../../../app/api/schema.gen.ts';
import { fundingKeys } from './use-funding.ts';

type Schemas = components['schemas'];
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ReviewSummary = Schemas['ReviewSummary'];
export type ReviewDetail = Schemas['ReviewDetail'];
export type RankingRow = Schemas['RankingRow'];
export type CallRanking = Schemas['CallRanking'];
export type NoticeDetail = Schemas['NoticeDetail'];
export type NoticeSummary = Schemas['NoticeSummary'];
export type Objection = Schemas['Objection'];
export type ReviewState = Schemas['ReviewState'];
type ReviewTransitionBody = JsonBody<paths['/api/v1/reviews/{id}/transitions']['post']['requestBody']>;
type SaveSheetBody = JsonBody<paths['/api/v1/reviews/{id}']['patch']['requestBody']>;
type PublishNoticeBody = JsonBody<paths['/api/v1/calls/{id}/notice']['post']['requestBody']>;
type AssignBody = JsonBody<paths['/api/v1/calls/{id}/reviewers']['post']['requestBody']>;
type AnswerBody = JsonBody<paths['/api/v1/objections/{id}/answer']['post']['requestBody']>;
type ObjectionBody = JsonBody<paths['/api/v1/notices/{id}/objections']['post']['requestBody']>;

type Page = { limit?: number; offset?: number };

/** Under the funding keys: a sheet, a notice or an objection changes applications and awards too. */
const keys = {
  mine: (q: Page & { state?: ReviewState }) => [...fundingKeys.all, 'my-reviews', q] as const,
  review: (id: string) => [...fundingKeys.all, 'review', id] as const,
  reviewers: () => [...fundingKeys.all, 'reviewers'] as const,
  ranking: (callId: string, q: Page) => [...fundingKeys.all, 'ranking', callId, q] as const,
  sheets: (applicationId: string) => [...fundingKeys.all, 'sheets', applicationId] as const,
  result: (applicationId: string) => [...fundingKeys.all, 'review-result', applicationId] as const,
  notices: (q: Page & { running?: boolean }) => [...fundingKeys.all, 'notices', q] as const,
  notice: (id: string) => [...fundingKeys.all, 'notice', id] as const,
};

function useReviewMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => client.invalidateQueries({ queryKey: fundingKeys.all }),
  });
}

export function useMyReviews(query: Page & { state?: ReviewState }) {
  return useQuery({
    queryKey: keys.mine(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/my-reviews', { params: { query }, signal })),
  });
}

export function useReview(id: string) {
  return useQuery({
    queryKey: keys.review(id),
    enabled: Boolean(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reviews/{id}', { params: { path: { id } }, signal })),
  });
}

export const useSaveSheet = (id: string) =>
  useReviewMutation((body: SaveSheetBody) =>
    unwrap(api.PATCH('/api/v1/reviews/{id}', { params: { path: { id } }, body })),
  );
export const useTransitionReview = (id: string) =>
  useReviewMutation((body: ReviewTransitionBody) =>
    unwrap(api.POST('/api/v1/reviews/{id}/transitions', { params: { path: { id } }, body })),
  );
export const useReturnReview = () =>
  useReviewMutation(({ id, version, reason }: { id: string; version: number; reason: string }) =>
    unwrap(api.POST('/api/v1/reviews/{id}/return', { params: { path: { id } }, body: { version, reason } })),
  );

export function useReviewers(enabled: boolean) {
  return useQuery({
    queryKey: keys.reviewers(),
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reviewers', { signal })),
  });
}

/** One page of a call's ranking, with the whole call's counts. */
export function useRanking(callId: string, query: Page, enabled: boolean) {
  return useQuery({
    queryKey: keys.ranking(callId, query),
    enabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/calls/{id}/ranking', { params: { path: { id: callId }, query }, signal })),
  });
}

export function useApplicationSheets(applicationId: string) {
  return useQuery({
    queryKey: keys.sheets(applicationId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/applications/{id}/reviews', { params: { path: { id: applicationId } }, signal }),
      ),
  });
}

export function useReviewResult(applicationId: string) {
  return useQuery({
    queryKey: keys.result(applicationId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/applications/{id}/review-result', {
          params: { path: { id: applicationId } },
          signal,
        }),
      ),
  });
}

export const useAssignReviewers = (callId: string) =>
  useReviewMutation((body: AssignBody) =>
    unwrap(api.POST('/api/v1/calls/{id}/reviewers', { params: { path: { id: callId } }, body })),
  );
export const usePublishNotice = (callId: string) =>
  useReviewMutation((body: PublishNoticeBody) =>
    unwrap(api.POST('/api/v1/calls/{id}/notice', { params: { path: { id: callId } }, body })),
  );

export function useExportRanking(callId: string) {
  return useMutation({
    mutationFn: () =>
      downloadFile(
        api.GET('/api/v1/calls/{id}/ranking/export', { params: { path: { id: callId } }, parseAs: 'blob' }),
        'ranking.xlsx',
      ),
  });
}

export function useNotices(query: Page & { running?: boolean }) {
  return useQuery({
    queryKey: keys.notices(query),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/notices', { params: { query }, signal })),
  });
}

export function useNotice(id: string) {
  return useQuery({
    queryKey: keys.notice(id),
    enabled: Boolean(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/notices/{id}', { params: { path: { id } }, signal })),
  });
}

export const useFileObjection = (noticeId: string) =>
  useReviewMutation((body: ObjectionBody) =>
    unwrap(api.POST('/api/v1/notices/{id}/objections', { params: { path: { id: noticeId } }, body })),
  );
export const useAnswerObjection = () =>
  useReviewMutation(({ id, body }: { id: string; body: AnswerBody }) =>
    unwrap(api.POST('/api/v1/objections/{id}/answer', { params: { path: { id } }, body })),
  );
