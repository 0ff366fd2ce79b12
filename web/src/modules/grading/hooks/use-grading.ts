import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type {
  CreateRoundBody,
  EvaluationListQuery,
  EvaluationTransitionBody,
  RoundTransitionBody,
  ScoresBody,
} from '../grading.types.ts';

/** Query keys of the grading module; all start with 'grading' so one invalidation refreshes all. */
const all = ['grading'] as const;

export function useGradeRounds() {
  return useQuery({
    queryKey: [...all, 'rounds'],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/grade-rounds', { params: { query: { limit: 100 } }, signal })),
  });
}

export function useGradeRound(id: string) {
  return useQuery({
    queryKey: [...all, 'round', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/grade-rounds/{id}', { params: { path: { id } }, signal })),
  });
}

export function useGradingDefaults(enabled: boolean) {
  return useQuery({
    queryKey: [...all, 'defaults'],
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/grade-defaults', { signal })),
  });
}

export function useGradeNotice(id: string) {
  return useQuery({
    queryKey: [...all, 'notice', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/grade-rounds/{id}/notice', { params: { path: { id } }, signal })),
  });
}

export function useGradeEvaluations(query: EvaluationListQuery) {
  return useQuery({
    queryKey: [...all, 'evaluations', query],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/grade-evaluations', { params: { query }, signal })),
  });
}

export function useGradeEvaluation(id: string) {
  return useQuery({
    queryKey: [...all, 'evaluation', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/grade-evaluations/{id}', { params: { path: { id } }, signal })),
  });
}

export function useGradeEvaluators(enabled: boolean) {
  return useQuery({
    queryKey: [...all, 'evaluators'],
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/grade-evaluators', { signal })),
  });
}

export function useMyGradeSheets() {
  return useQuery({
    queryKey: [...all, 'my-sheets'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/my-grade-sheets', { signal })),
  });
}

function useGradingMutation<V, R>(fn: (v: V) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => client.invalidateQueries({ queryKey: all }) });
}

export const useCreateRound = () =>
  useGradingMutation((body: CreateRoundBody) => unwrap(api.POST('/api/v1/grade-rounds', { body })));

export const useTransitionRound = (id: string) =>
  useGradingMutation((body: RoundTransitionBody) =>
    unwrap(api.POST('/api/v1/grade-rounds/{id}/transitions', { params: { path: { id } }, body })),
  );

export const useApply = () =>
  useGradingMutation((roundId: string) =>
    unwrap(
      api.POST('/api/v1/grade-rounds/{id}/applications', { params: { path: { id: roundId } }, body: {} }),
    ),
  );

export const useTransitionEvaluation = (id: string) =>
  useGradingMutation((body: EvaluationTransitionBody) =>
    unwrap(api.POST('/api/v1/grade-evaluations/{id}/transitions', { params: { path: { id } }, body })),
  );

export const useSaveSelfAssessment = (id: string) =>
  useGradingMutation((body: ScoresBody) =>
    unwrap(api.PUT('/api/v1/grade-evaluations/{id}/self-assessment', { params: { path: { id } }, body })),
  );

export const useAssignEvaluators = (id: string) =>
  useGradingMutation((evaluatorIds: string[]) =>
    unwrap(
      api.POST('/api/v1/grade-evaluations/{id}/evaluators', {
        params: { path: { id } },
        body: { evaluatorIds },
      }),
    ),
  );

export const useSaveSheet = () =>
  useGradingMutation(({ id, submit, ...body }: ScoresBody & { id: string; submit: boolean }) =>
    submit
      ? unwrap(api.POST('/api/v1/grade-sheets/{id}/submit', { params: { path: { id } }, body }))
      : unwrap(api.PUT('/api/v1/grade-sheets/{id}', { params: { path: { id } }, body })),
  );

export function useExportRound() {
  return useMutation({
    mutationFn: (id: string) =>
      downloadFile(
        api.GET('/api/v1/grade-rounds/{id}/export', { params: { path: { id } }, parseAs: 'blob' }),
        'grading.xlsx',
      ),
  });
}
