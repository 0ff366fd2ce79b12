import type { components, paths } from '../../app/api/schema.gen.ts';

type Schemas = components['schemas'];
type JsonBody<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type Fund = Schemas['Fund'];
export type FundSummary = Schemas['FundSummary'];
export type FundPosting = Schemas['FundPosting'];
export type Need = Schemas['Need'];
export type CallSummary = Schemas['CallSummary'];
export type CallDetail = Schemas['CallDetail'];
export type ApplicationSummary = Schemas['ApplicationSummary'];
export type ApplicationDetail = Schemas['ApplicationDetail'];
export type BudgetLine = Schemas['BudgetLine'];
export type ApplicationAttachment = Schemas['ApplicationAttachment'];
export type FeedbackProject = Schemas['FeedbackProject'];
export type ContractFeedback = Schemas['ContractFeedback'];
export type AnswerFeedbackBody = JsonBody<paths['/api/v1/contracts/{id}/feedback']['post']['requestBody']>;

export type FundQuery = Query<'/api/v1/funds/export'>;
export type NeedQuery = Query<'/api/v1/needs/export'>;
export type CallQuery = Query<'/api/v1/calls/export'>;
export type ApplicationQuery = Query<'/api/v1/applications/export'>;

export type CreateFundBody = JsonBody<paths['/api/v1/funds']['post']['requestBody']>;
export type UpdateFundBody = JsonBody<paths['/api/v1/funds/{id}']['patch']['requestBody']>;
export type AdjustFundBody = JsonBody<paths['/api/v1/funds/{id}/adjustments']['post']['requestBody']>;
export type CreateNeedBody = JsonBody<paths['/api/v1/needs']['post']['requestBody']>;
export type UpdateNeedBody = JsonBody<paths['/api/v1/needs/{id}']['patch']['requestBody']>;
export type CreateCallBody = JsonBody<paths['/api/v1/calls']['post']['requestBody']>;
export type CallTransitionBody = JsonBody<paths['/api/v1/calls/{id}/transitions']['post']['requestBody']>;
export type CreateApplicationBody = JsonBody<paths['/api/v1/applications']['post']['requestBody']>;
export type UpdateApplicationBody = JsonBody<paths['/api/v1/applications/{id}']['patch']['requestBody']>;
export type ApplicationTransitionBody = JsonBody<
  paths['/api/v1/applications/{id}/transitions']['post']['requestBody']
>;
export type AwardBody = JsonBody<paths['/api/v1/applications/{id}/award']['post']['requestBody']>;
