import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { localeOf } from '../../platform/errors.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { incubationWorkbook } from './incubation.excel.ts';
import {
  CandidateList,
  CandidatesQuery,
  CreateIncubationBody,
  ExportQuery,
  IdParams,
  INCUBATION_SCHEMAS,
  IncubationCountsSchema,
  IncubationDetailSchema,
  IncubationPage,
  ListQuery,
  PlanBody,
  TransitionBody,
} from './incubation.schemas.ts';
import type { IncubationService } from './incubation.service.ts';

const tags = ['incubation'];

export const incubationRoutes: FastifyPluginAsyncTypebox<{ incubation: IncubationService }> = async (
  app,
  { incubation },
) => {
  for (const schema of INCUBATION_SCHEMAS) app.addSchema(schema);

  app.get(
    '/incubations',
    {
      schema: {
        operationId: 'listIncubations',
        tags,
        summary: '入孵申请与孵化记录（默认按 R2.2 优先级：服务类、公益类、活动类，再按申请日期）',
        querystring: ListQuery,
        response: { 200: IncubationPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => incubation.list(requestCaller(request), request.query, localeOf(request)),
  );

  app.get(
    '/incubations/summary',
    {
      schema: {
        operationId: 'incubationSummary',
        tags,
        summary: '孵化基地统计：按阶段、优先类别和分基地（按记录实时计算）',
        response: { 200: ref(IncubationCountsSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => incubation.summary(requestCaller(request), localeOf(request)),
  );

  app.get(
    '/incubations/export',
    {
      schema: {
        operationId: 'exportIncubations',
        tags,
        summary: '导出筛选后的入孵台账为 Excel',
        querystring: ExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await incubation.exportRows(requestCaller(request), request.query, localeOf(request));
      return sendXlsx(reply, await incubationWorkbook(rows), datedFilename('入孵台账'));
    },
  );

  app.get(
    '/incubations/candidates',
    {
      schema: {
        operationId: 'incubationCandidates',
        tags,
        summary: '可申请入孵的社会组织（正常或待审核、无进行中的申请），按名称查找',
        querystring: CandidatesQuery,
        response: { 200: CandidateList, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => incubation.candidates(requestCaller(request), request.query.q),
  );

  app.get(
    '/incubations/:id',
    {
      schema: {
        operationId: 'getIncubation',
        tags,
        summary: '入孵记录详情：申请、孵化计划（导师、里程碑、服务记录）与阶段变更记录',
        params: IdParams,
        response: { 200: ref(IncubationDetailSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => incubation.detail(requestCaller(request), request.params.id, localeOf(request)),
  );

  app.post(
    '/incubations',
    {
      schema: {
        operationId: 'createIncubation',
        tags,
        summary: '提交入孵申请（孵化基地、区民政局，或社会组织为本组织申请）',
        body: CreateIncubationBody,
        response: { 201: ref(IncubationDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await incubation.create(requestCaller(request), request.body, localeOf(request))),
  );

  app.post(
    '/incubations/:id/transitions',
    {
      schema: {
        operationId: 'transitionIncubation',
        tags,
        summary: '办理孵化阶段变更（准予入孵、不予入孵、开始孵化、出壳毕业、退出）',
        params: IdParams,
        body: TransitionBody,
        response: { 200: ref(IncubationDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      incubation.transition(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );

  app.put(
    '/incubations/:id/plan',
    {
      schema: {
        operationId: 'updateIncubationPlan',
        tags,
        summary: '修改孵化计划（导师、里程碑、服务记录）；仅孵化中，带版本号防止覆盖',
        params: IdParams,
        body: PlanBody,
        response: { 200: ref(IncubationDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      incubation.updatePlan(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );
};
