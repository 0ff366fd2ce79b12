import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];

export type OrganizationSummary = Schemas['OrganizationSummary'];
export type OrganizationDetail = Schemas['OrganizationDetail'];
export type OrganizationHistoryEntry = Schemas['OrganizationHistoryEntry'];
export type OrganizationAbilities = Schemas['OrganizationAbilities'];
export type OrganizationAttachment = Schemas['OrganizationAttachment'];
export type CatalogEntry = Schemas['OrganizationCatalogEntry'];
export type CatalogList = CatalogEntry['list'];
export type OrganizationListQuery = NonNullable<paths['/api/v1/organizations']['get']['parameters']['query']>;
export type OrganizationExportQuery = NonNullable<
  paths['/api/v1/organizations/export']['get']['parameters']['query']
>;
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type TransitionBody = JsonBody<paths['/api/v1/organizations/{id}/transitions']['post']['requestBody']>;
export type CreateOrganizationBody = JsonBody<paths['/api/v1/organizations']['post']['requestBody']>;
export type UpdateOrganizationBody = JsonBody<paths['/api/v1/organizations/{id}']['patch']['requestBody']>;
export type UsccVerificationBody = JsonBody<
  paths['/api/v1/organizations/{id}/uscc-verification']['post']['requestBody']
>;
export type FundingBody = JsonBody<paths['/api/v1/organizations/{id}/funding/{year}']['put']['requestBody']>;
export type CatalogCreateBody = JsonBody<paths['/api/v1/organization-catalog']['post']['requestBody']>;
export type CatalogUpdateBody = JsonBody<
  paths['/api/v1/organization-catalog/{list}/{code}']['patch']['requestBody']
>;
export type AttachmentPurpose = OrganizationAttachment['purpose'];
