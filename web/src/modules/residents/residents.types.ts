import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];

export type ResidentSummary = Schemas['ResidentSummary'];
export type ResidentDetail = Schemas['ResidentDetail'];
export type ResidentConsent = Schemas['ResidentConsent'];
export type ResidentReveal = Schemas['ResidentReveal'];
export type ResidentTag = Schemas['ResidentTag'];
export type ConsentPurpose = Schemas['ConsentPurpose'];
export type Gender = Schemas['Gender'];

export type ResidentListQuery = NonNullable<paths['/api/v1/residents']['get']['parameters']['query']>;
export type ResidentExportQuery = NonNullable<
  paths['/api/v1/residents/export']['get']['parameters']['query']
>;
export type CreateResidentBody = NonNullable<
  paths['/api/v1/residents']['post']['requestBody']
>['content']['application/json'];
export type UpdateResidentBody = NonNullable<
  paths['/api/v1/residents/{id}']['patch']['requestBody']
>['content']['application/json'];
export type RevealBody = NonNullable<
  paths['/api/v1/residents/{id}/reveal']['post']['requestBody']
>['content']['application/json'];
export type RecordConsentBody = NonNullable<
  paths['/api/v1/residents/{id}/consents']['post']['requestBody']
>['content']['application/json'];
