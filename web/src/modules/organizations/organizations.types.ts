import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];

export type OrganizationSummary = Schemas['OrganizationSummary'];
export type OrganizationDetail = Schemas['OrganizationDetail'];
export type OrganizationHistoryEntry = Schemas['OrganizationHistoryEntry'];
export type OrganizationAbilities = Schemas['OrganizationAbilities'];
export type OrganizationListQuery = NonNullable<paths['/api/v1/organizations']['get']['parameters']['query']>;
export type OrganizationExportQuery = NonNullable<
  paths['/api/v1/organizations/export']['get']['parameters']['query']
>;
export type TransitionBody = NonNullable<
  paths['/api/v1/organizations/{id}/transitions']['post']['requestBody']
>['content']['application/json'];
