import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type GridAssignment = Schemas['GridAssignment'];
export type GridDuty = Schemas['GridDuty'];
export type GridOverview = Schemas['GridOverview'];
export type RosterSummary = Schemas['GridRosterSummary'];
export type RosterListQuery = NonNullable<paths['/api/v1/grid-assignments']['get']['parameters']['query']>;
export type RosterExportQuery = NonNullable<
  paths['/api/v1/grid-assignments/export']['get']['parameters']['query']
>;
export type CreateAssignmentBody = JsonBody<paths['/api/v1/grid-assignments']['post']['requestBody']>;
export type EndAssignmentBody = JsonBody<paths['/api/v1/grid-assignments/{id}/end']['post']['requestBody']>;
