import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];

export type IncubationSummary = Schemas['IncubationSummary'];
export type IncubationDetail = Schemas['IncubationDetail'];
export type IncubationCounts = Schemas['IncubationCounts'];
export type IncubationCandidate = Schemas['IncubationCandidate'];
export type IncubationPlan = Schemas['IncubationPlan'];
export type IncubationListQuery = NonNullable<paths['/api/v1/incubations']['get']['parameters']['query']>;
export type IncubationExportQuery = NonNullable<
  paths['/api/v1/incubations/export']['get']['parameters']['query']
>;
export type CreateIncubationBody = NonNullable<
  paths['/api/v1/incubations']['post']['requestBody']
>['content']['application/json'];
export type IncubationTransitionBody = NonNullable<
  paths['/api/v1/incubations/{id}/transitions']['post']['requestBody']
>['content']['application/json'];
export type IncubationPlanBody = NonNullable<
  paths['/api/v1/incubations/{id}/plan']['put']['requestBody']
>['content']['application/json'];
