import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];

export type Inspection = Schemas['Inspection'];
export type InspectionDetail = Schemas['InspectionDetail'];
export type InspectionState = Schemas['InspectionState'];
export type InspectionResult = Schemas['InspectionResult'];
export type OverdueOrganization = Schemas['OverdueOrganization'];
export type InspectionListQuery = NonNullable<paths['/api/v1/inspections']['get']['parameters']['query']>;
export type InspectionExportQuery = NonNullable<
  paths['/api/v1/inspections/export']['get']['parameters']['query']
>;
export type OverdueQuery = NonNullable<paths['/api/v1/inspections/overdue']['get']['parameters']['query']>;
export type InspectionTransitionBody = NonNullable<
  paths['/api/v1/inspections/{id}/transitions']['post']['requestBody']
>['content']['application/json'];
export type InspectionAction = InspectionTransitionBody['action'];
export type CreateInspectionBody = NonNullable<
  paths['/api/v1/inspections']['post']['requestBody']
>['content']['application/json'];

export const INSPECTION_STATES: readonly InspectionState[] = ['submitted', 'returned', 'reviewed'];
export const INSPECTION_RESULTS: readonly InspectionResult[] = [
  'qualified',
  'basically_qualified',
  'unqualified',
];
export const INSPECTION_ACTIONS: readonly InspectionAction[] = ['review', 'return', 'resubmit'];

/** Tag colours whose text keeps the 4.5:1 contrast (Ant Design's green, gold and orange tags do not). */
export const RESULT_COLORS: Record<InspectionResult, string> = {
  qualified: 'geekblue',
  basically_qualified: 'purple',
  unqualified: 'red',
};
export const STATE_COLORS: Record<InspectionState, string> = {
  submitted: 'blue',
  returned: 'magenta',
  reviewed: 'default',
};
