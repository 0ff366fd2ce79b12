import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];

export type DivisionLevel = Schemas['DivisionLevel'];
export type CommunityType = Schemas['CommunityType'];
export type DivisionDetail = Schemas['DivisionDetail'];
export type DivisionSummary = Schemas['DivisionSummary'];
export type DivisionTreeNode = Schemas['DivisionTreeNode'];
export type DivisionSearchHit = Schemas['DivisionSearchHit'];
export type DivisionRef = Schemas['DivisionRef'];
export type DivisionMap = Schemas['DivisionMap'];
export type DivisionFeature = Schemas['DivisionFeature'];
export type DivisionImportResult = Schemas['DivisionImportResult'];
export type SpecialArea = Schemas['SpecialArea'];

export type CreateDivisionBody = NonNullable<
  paths['/api/v1/divisions']['post']['requestBody']
>['content']['application/json'];
export type UpdateDivisionBody = NonNullable<
  paths['/api/v1/divisions/{code}']['patch']['requestBody']
>['content']['application/json'];
export type ChildrenQuery = NonNullable<
  paths['/api/v1/divisions/{code}/children']['get']['parameters']['query']
>;
