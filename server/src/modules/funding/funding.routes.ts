import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { ApplicationService } from './applications.service.ts';
import { CallService } from './calls.service.ts';
import { applicationsWorkbook, callsWorkbook, fundsWorkbook, needsWorkbook } from './funding.excel.ts';
import {
  AdjustFundBody,
  ApplicationDetailSchema,
  ApplicationExportQuery,
  ApplicationListQuery,
  ApplicationPage,
  ApplicationTransitionBody,
  AwardBody,
  CallDetailSchema,
  CallExportQuery,
  CallListQuery,
  CallPage,
  CallTransitionBody,
  CreateApplicationBody,
  CreateCallBody,
  CreateFundBody,
  CreateNeedBody,
  FUNDING_SCHEMAS,
  FundExportQuery,
  FundListQuery,
  FundPage,
  FundSchema,
  FundSummaryQuery,
  FundSummarySchema,
  IdParams,
  NeedExportQuery,
  NeedListQuery,
  NeedPage,
  NeedSchema,
  PostingListQuery,
  PostingPage,
  UpdateApplicationBody,
  UpdateCallBody,
  UpdateFundBody,
  UpdateNeedBody,
} from './funding.schemas.ts';
import { FundService } from './funds.service.ts';
import { NeedService } from './needs.service.ts';

export interface FundingServices {
  funds: FundService;
  needs: NeedService;
  calls: CallService;
  applications: ApplicationService;
}

/** The module's services; later steps (contracts, payments) post to the fund ledger through `funds`. */
export function fundingServices(db: Kysely<DB>): FundingServices {
  const funds = new FundService(db);
  const needs = new NeedService(db);
  const calls = new CallService(db, funds, needs);
  return { funds, needs, calls, applications: new ApplicationService(db, funds, calls) };
}

const read = problemResponses(400, 401, 403, 404);
const write = problemResponses(400, 401, 403, 404, 409);

/** Funds, needs, calls and applications (issue #7 items 1–2). */
export const fundingRoutes: FastifyPluginAsyncTypebox<FundingServices> = async (
  app,
  { funds, needs, calls, applications },
) => {
  for (const schema of FUNDING_SCHEMAS) app.addSchema(schema);

  // ------------------------------------------------------------ funds
  const fundTags = ['funds'];
  app.get(
    '/funds',
    {
      schema: {
        operationId: 'listFunds',
        tags: fundTags,
        summary: '资金列表（按年度、渠道、领域筛选）：预算、已占用、已拨付、余额',
        querystring: FundListQuery,
        response: { 200: FundPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => funds.list(requestCaller(request), request.query),
  );
  app.get(
    '/funds/summary',
    {
      schema: {
        operationId: 'fundSummary',
        tags: fundTags,
        summary: '资金汇总：合计、按渠道、按领域（由台账实时计算）',
        querystring: FundSummaryQuery,
        response: { 200: ref(FundSummarySchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => funds.summary(requestCaller(request), request.query.year),
  );
  app.get(
    '/funds/export',
    {
      schema: {
        operationId: 'exportFunds',
        tags: fundTags,
        summary: '导出资金列表为 Excel',
        querystring: FundExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await funds.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await fundsWorkbook(rows), datedFilename('资金'));
    },
  );
  app.get(
    '/funds/:id',
    {
      schema: {
        operationId: 'getFund',
        tags: fundTags,
        summary: '资金详情',
        params: IdParams,
        response: { 200: ref(FundSchema), ...read },
      },
    },
    async (request) => funds.detail(requestCaller(request), request.params.id),
  );
  app.get(
    '/funds/:id/postings',
    {
      schema: {
        operationId: 'listFundPostings',
        tags: fundTags,
        summary: '资金台账：占用、释放、拨付、调整（新的在前）',
        params: IdParams,
        querystring: PostingListQuery,
        response: { 200: PostingPage, ...read },
      },
    },
    async (request) => funds.postings(requestCaller(request), request.params.id, request.query),
  );
  app.post(
    '/funds',
    {
      schema: {
        operationId: 'createFund',
        tags: fundTags,
        summary: '新建资金（年度、渠道、重点领域、预算）',
        body: CreateFundBody,
        response: { 201: ref(FundSchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await funds.create(requestCaller(request), request.body)),
  );
  app.patch(
    '/funds/:id',
    {
      schema: {
        operationId: 'updateFund',
        tags: fundTags,
        summary: '修改资金（预算不能低于已占用金额）',
        params: IdParams,
        body: UpdateFundBody,
        response: { 200: ref(FundSchema), ...write },
      },
    },
    async (request) => funds.update(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/funds/:id/adjustments',
    {
      schema: {
        operationId: 'adjustFund',
        tags: fundTags,
        summary: '调整已占用金额（须说明理由，记入台账）',
        params: IdParams,
        body: AdjustFundBody,
        response: { 200: ref(FundSchema), ...write },
      },
    },
    async (request) => funds.adjust(requestCaller(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------ needs
  const needTags = ['needs'];
  app.get(
    '/needs',
    {
      schema: {
        operationId: 'listNeeds',
        tags: needTags,
        summary: '需求清单（按领域、提出单位、区划、是否已纳入征集筛选）',
        querystring: NeedListQuery,
        response: { 200: NeedPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => needs.list(requestCaller(request), request.query),
  );
  app.get(
    '/needs/export',
    {
      schema: {
        operationId: 'exportNeeds',
        tags: needTags,
        summary: '导出需求清单为 Excel',
        querystring: NeedExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await needs.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await needsWorkbook(rows), datedFilename('需求清单'));
    },
  );
  app.get(
    '/needs/:id',
    {
      schema: {
        operationId: 'getNeed',
        tags: needTags,
        summary: '需求详情',
        params: IdParams,
        response: { 200: ref(NeedSchema), ...read },
      },
    },
    async (request) => needs.detail(requestCaller(request), request.params.id),
  );
  app.post(
    '/needs',
    {
      schema: {
        operationId: 'createNeed',
        tags: needTags,
        summary: '登记需求（社区、服务站、镇街、职能部门）',
        body: CreateNeedBody,
        response: { 201: ref(NeedSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await needs.create(requestCaller(request), request.body)),
  );
  app.patch(
    '/needs/:id',
    {
      schema: {
        operationId: 'updateNeed',
        tags: needTags,
        summary: '修改需求（纳入征集后不能修改）',
        params: IdParams,
        body: UpdateNeedBody,
        response: { 200: ref(NeedSchema), ...write },
      },
    },
    async (request) => needs.update(requestCaller(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------ calls
  const callTags = ['calls'];
  app.get(
    '/calls',
    {
      schema: {
        operationId: 'listCalls',
        tags: callTags,
        summary: '项目征集列表（征集中的在前）',
        querystring: CallListQuery,
        response: { 200: CallPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => calls.list(requestCaller(request), request.query),
  );
  app.get(
    '/calls/export',
    {
      schema: {
        operationId: 'exportCalls',
        tags: callTags,
        summary: '导出项目征集列表为 Excel',
        querystring: CallExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await calls.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await callsWorkbook(rows), datedFilename('项目征集'));
    },
  );
  app.get(
    '/calls/:id',
    {
      schema: {
        operationId: 'getCall',
        tags: callTags,
        summary: '项目征集详情：申报条件、评分模板、纳入的需求',
        params: IdParams,
        response: { 200: ref(CallDetailSchema), ...read },
      },
    },
    async (request) => calls.detail(requestCaller(request), request.params.id),
  );
  app.post(
    '/calls',
    {
      schema: {
        operationId: 'createCall',
        tags: callTags,
        summary: '新建项目征集（草稿）',
        body: CreateCallBody,
        response: { 201: ref(CallDetailSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await calls.create(requestCaller(request), request.body)),
  );
  app.patch(
    '/calls/:id',
    {
      schema: {
        operationId: 'updateCall',
        tags: callTags,
        summary: '修改项目征集（仅草稿）',
        params: IdParams,
        body: UpdateCallBody,
        response: { 200: ref(CallDetailSchema), ...write },
      },
    },
    async (request) => calls.update(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/calls/:id/transitions',
    {
      schema: {
        operationId: 'transitionCall',
        tags: callTags,
        summary: '发布或结束项目征集',
        params: IdParams,
        body: CallTransitionBody,
        response: { 200: ref(CallDetailSchema), ...write },
      },
    },
    async (request) => calls.transition(requestCaller(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------ applications
  const applicationTags = ['applications'];
  app.get(
    '/applications',
    {
      schema: {
        operationId: 'listApplications',
        tags: applicationTags,
        summary: '项目申报列表（默认等级达到优先门槛的组织在前）',
        querystring: ApplicationListQuery,
        response: { 200: ApplicationPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => applications.list(requestCaller(request), request.query),
  );
  app.get(
    '/applications/export',
    {
      schema: {
        operationId: 'exportApplications',
        tags: applicationTags,
        summary: '导出项目申报列表为 Excel',
        querystring: ApplicationExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await applications.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await applicationsWorkbook(rows), datedFilename('项目申报'));
    },
  );
  app.get(
    '/applications/:id',
    {
      schema: {
        operationId: 'getApplication',
        tags: applicationTags,
        summary: '项目申报详情：预算明细、实施方案、预期成效',
        params: IdParams,
        response: { 200: ref(ApplicationDetailSchema), ...read },
      },
    },
    async (request) => applications.detail(requestCaller(request), request.params.id),
  );
  app.post(
    '/applications',
    {
      schema: {
        operationId: 'createApplication',
        tags: applicationTags,
        summary: '新建项目申报（草稿）：社会组织为本组织申报，区民政局可代为录入',
        body: CreateApplicationBody,
        response: { 201: ref(ApplicationDetailSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await applications.create(requestCaller(request), request.body)),
  );
  app.patch(
    '/applications/:id',
    {
      schema: {
        operationId: 'updateApplication',
        tags: applicationTags,
        summary: '修改项目申报（仅草稿）',
        params: IdParams,
        body: UpdateApplicationBody,
        response: { 200: ref(ApplicationDetailSchema), ...write },
      },
    },
    async (request) => applications.update(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/applications/:id/transitions',
    {
      schema: {
        operationId: 'transitionApplication',
        tags: applicationTags,
        summary: '提交（截止前）或撤回项目申报',
        params: IdParams,
        body: ApplicationTransitionBody,
        response: { 200: ref(ApplicationDetailSchema), ...write },
      },
    },
    async (request) => applications.transition(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/applications/:id/award',
    {
      schema: {
        operationId: 'awardApplication',
        tags: applicationTags,
        summary: '立项资助：从征集的资金中占用立项金额（余额不足则拒绝）',
        params: IdParams,
        body: AwardBody,
        response: { 200: ref(ApplicationDetailSchema), ...write },
      },
    },
    async (request) => applications.award(requestCaller(request), request.params.id, request.body),
  );
};
