import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];

export type FederationSummary = Schemas['FederationSummary'];
export type FederationDetail = Schemas['FederationDetail'];
export type FederationMember = Schemas['FederationMember'];
export type FederationMoveIn = Schemas['FederationMoveIn'];
export type FederationKind = Schemas['FederationKind'];
export type MemberRole = Schemas['FederationMemberRole'];
export type FederationListQuery = NonNullable<paths['/api/v1/federations']['get']['parameters']['query']>;
export type FederationExportQuery = NonNullable<
  paths['/api/v1/federations/export']['get']['parameters']['query']
>;
export type MoveInListQuery = NonNullable<
  paths['/api/v1/federations/move-ins']['get']['parameters']['query']
>;
type Body<P extends keyof paths> = paths[P] extends { post: { requestBody?: infer B } }
  ? NonNullable<B> extends { content: { 'application/json': infer J } }
    ? J
    : never
  : never;
export type CreateFederationBody = Body<'/api/v1/federations'>;
export type AddMemberBody = Body<'/api/v1/federations/{id}/members'>;
export type MoveInBody = Body<'/api/v1/federations/{id}/move-ins'>;
export type UpdateFederationBody = NonNullable<
  paths['/api/v1/federations/{id}']['patch']['requestBody']
>['content']['application/json'];

export const FEDERATION_KINDS: readonly FederationKind[] = [
  'property_management',
  'maker',
  'internet_platform',
  'elderly_care',
  'social_work',
  'culture_sports',
  'other',
];
export const MEMBER_ROLES: readonly MemberRole[] = ['president', 'vice_president', 'member'];
