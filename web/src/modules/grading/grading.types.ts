import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];

export type GradeRound = Schemas['GradeRound'];
export type GradeEvaluation = Schemas['GradeEvaluation'];
export type GradeEvaluationDetail = Schemas['GradeEvaluationDetail'];
export type GradeSheet = Schemas['GradeMyAssignment'];
export type IndicatorArea = Schemas['GradeIndicatorArea'];
export type GradeBand = Schemas['GradeBand'];
export type CreateRoundBody = NonNullable<
  paths['/api/v1/grade-rounds']['post']['requestBody']
>['content']['application/json'];
export type RoundTransitionBody = NonNullable<
  paths['/api/v1/grade-rounds/{id}/transitions']['post']['requestBody']
>['content']['application/json'];
export type EvaluationTransitionBody = NonNullable<
  paths['/api/v1/grade-evaluations/{id}/transitions']['post']['requestBody']
>['content']['application/json'];
export type ScoresBody = NonNullable<
  paths['/api/v1/grade-sheets/{id}']['put']['requestBody']
>['content']['application/json'];
export type EvaluationListQuery = NonNullable<
  paths['/api/v1/grade-evaluations']['get']['parameters']['query']
>;

/** Tag colours whose text keeps the 4.5:1 contrast. */
export const EVALUATION_STATE_COLORS: Record<GradeEvaluation['state'], string> = {
  applied: 'default',
  submitted: 'blue',
  accepted: 'geekblue',
  rejected: 'red',
  reviewed: 'purple',
  notice: 'magenta',
  appealed: 'red',
  answered: 'purple',
  confirmed: 'blue',
};
