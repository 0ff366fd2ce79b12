import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DEFAULT_GRADE_BANDS, DEFAULT_INDICATOR_TEMPLATES } from '@linli/common';
import { Type } from '@sinclair/typebox';
import { localeOf } from '../../platform/errors.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { gradingWorkbook } from './grading.excel.ts';
import type { CreateRoundInput, UpdateRoundInput } from './grading.schemas.ts';
import {
  ApplyBody,
  AssignBody,
  CreateRoundBody,
  EvaluationListQuery,
  EvaluationPage,
  EvaluationTransitionBody,
  EvaluatorSchema,
  GRADING_SCHEMAS,
  GradeBandSchema,
  GradeEvaluationDetailSchema,
  GradeRoundSchema,
  IdParams,
  IndicatorTemplatesSchema,
  MyAssignmentSchema,
  RoundListQuery,
  RoundNoticeSchema,
  RoundPage,
  RoundTransitionBody,
  ScoresBody,
  UpdateRoundBody,
} from './grading.schemas.ts';
import type { GradingService } from './grading.service.ts';

const tags = ['grading'];
const round = ref(GradeRoundSchema);
const detail = ref(GradeEvaluationDetailSchema);
const sheet = ref(MyAssignmentSchema);

export const gradingRoutes: FastifyPluginAsyncTypebox<{ grading: GradingService }> = async (
  app,
  { grading },
) => {
  for (const schema of GRADING_SCHEMAS) app.addSchema(schema);

  app.get(
    '/grade-defaults',
    {
      schema: {
        operationId: 'getGradingDefaults',
        tags,
        summary: '等级评估的默认分数线与指标体系（新建评估批次时的初始值）',
        response: {
          200: Type.Object({
            bands: Type.Array(ref(GradeBandSchema)),
            templates: ref(IndicatorTemplatesSchema),
          }),
          ...problemResponses(401, 403),
        },
      },
    },
    async () => ({ bands: [...DEFAULT_GRADE_BANDS], templates: DEFAULT_INDICATOR_TEMPLATES }),
  );

  app.get(
    '/grade-rounds',
    {
      schema: {
        operationId: 'listGradeRounds',
        tags,
        summary: '等级评估批次（分类分批）',
        querystring: RoundListQuery,
        response: { 200: RoundPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => grading.listRounds(requestCaller(request), request.query),
  );

  app.post(
    '/grade-rounds',
    {
      schema: {
        operationId: 'createGradeRound',
        tags,
        summary: '新建评估批次：年度、批次、参评类型、申报期、公示期、等级分数线、指标体系',
        body: CreateRoundBody,
        response: { 201: round, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await grading.createRound(requestCaller(request), request.body as CreateRoundInput)),
  );

  app.get(
    '/grade-rounds/:id',
    {
      schema: {
        operationId: 'getGradeRound',
        tags,
        summary: '评估批次详情',
        params: IdParams,
        response: { 200: round, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => grading.getRound(requestCaller(request), request.params.id),
  );

  app.patch(
    '/grade-rounds/:id',
    {
      schema: {
        operationId: 'updateGradeRound',
        tags,
        summary: '修改评估批次（草稿或申报期内）：日期、公示期、分数线、指标分值',
        params: IdParams,
        body: UpdateRoundBody,
        response: { 200: round, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      grading.updateRound(requestCaller(request), request.params.id, request.body as UpdateRoundInput),
  );

  app.post(
    '/grade-rounds/:id/transitions',
    {
      schema: {
        operationId: 'transitionGradeRound',
        tags,
        summary: '评估批次办理：发布通知、截止申报开始评估、公示结果、结束',
        params: IdParams,
        body: RoundTransitionBody,
        response: { 200: round, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => grading.transitionRound(requestCaller(request), request.params.id, request.body),
  );

  app.get(
    '/grade-rounds/:id/notice',
    {
      schema: {
        operationId: 'getGradeRoundNotice',
        tags,
        summary: '评估结果公示（所有登录用户可见）',
        params: IdParams,
        response: { 200: ref(RoundNoticeSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => grading.notice(request.params.id),
  );

  app.get(
    '/grade-rounds/:id/export',
    {
      schema: {
        operationId: 'exportGradeRound',
        tags,
        summary: '导出评估批次的参评组织与结果为 Excel',
        params: IdParams,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const caller = requestCaller(request);
      const r = await grading.getRound(caller, request.params.id);
      const rows = await grading.exportRows(caller, r.id);
      return sendXlsx(
        reply,
        await gradingWorkbook(r, rows),
        datedFilename(`等级评估-${r.year}-${r.batchNo}`),
      );
    },
  );

  app.post(
    '/grade-rounds/:id/applications',
    {
      schema: {
        operationId: 'applyForGrading',
        tags,
        summary: '社会组织申报参加评估（自动核对参评资格）',
        params: IdParams,
        body: ApplyBody,
        response: { 201: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await grading.apply(
            requestCaller(request),
            request.params.id,
            request.body.organizationId,
            localeOf(request),
          ),
        ),
  );

  app.get(
    '/grade-evaluations',
    {
      schema: {
        operationId: 'listGradeEvaluations',
        tags,
        summary: '参评组织的评估记录（区：辖区；组织：本组织；评估机构：分配给它的）',
        querystring: EvaluationListQuery,
        response: { 200: EvaluationPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => grading.listEvaluations(requestCaller(request), request.query, localeOf(request)),
  );

  app.get(
    '/grade-evaluations/:id',
    {
      schema: {
        operationId: 'getGradeEvaluation',
        tags,
        summary: '评估记录详情：资格、自评、评分、委员会审核、公示、复核、确认',
        params: IdParams,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => grading.getEvaluation(requestCaller(request), request.params.id, localeOf(request)),
  );

  app.put(
    '/grade-evaluations/:id/self-assessment',
    {
      schema: {
        operationId: 'saveGradeSelfAssessment',
        tags,
        summary: '保存自评分（提交申报前）',
        params: IdParams,
        body: ScoresBody,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      grading.saveSelfAssessment(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );

  app.post(
    '/grade-evaluations/:id/evaluators',
    {
      schema: {
        operationId: 'assignGradeEvaluators',
        tags,
        summary: '为通过资格审核的组织分配评估人员',
        params: IdParams,
        body: AssignBody,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      grading.assign(requestCaller(request), request.params.id, request.body.evaluatorIds, localeOf(request)),
  );

  app.post(
    '/grade-evaluations/:id/transitions',
    {
      schema: {
        operationId: 'transitionGradeEvaluation',
        tags,
        summary: '评估办理：提交申报、资格审核、委员会审核、申请复核、答复复核、确认等级',
        params: IdParams,
        body: EvaluationTransitionBody,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      grading.transitionEvaluation(
        requestCaller(request),
        request.params.id,
        request.body,
        localeOf(request),
      ),
  );

  app.get(
    '/grade-evaluators',
    {
      schema: {
        operationId: 'listGradeEvaluators',
        tags,
        summary: '可分配的评估人员（第三方评估机构账号）',
        response: { 200: Type.Array(EvaluatorSchema), ...problemResponses(401, 403) },
      },
    },
    async () => grading.evaluators(),
  );

  app.get(
    '/my-grade-sheets',
    {
      schema: {
        operationId: 'listMyGradeSheets',
        tags,
        summary: '分配给我的评分表',
        response: { 200: Type.Array(sheet), ...problemResponses(401, 403) },
      },
    },
    async (request) => grading.myAssignments(requestCaller(request)),
  );

  app.put(
    '/grade-sheets/:id',
    {
      schema: {
        operationId: 'saveGradeSheet',
        tags,
        summary: '保存评分表（逐项打分，不超过各指标分值）',
        params: IdParams,
        body: ScoresBody,
        response: { 200: sheet, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => grading.saveSheet(requestCaller(request), request.params.id, request.body, false),
  );

  app.post(
    '/grade-sheets/:id/submit',
    {
      schema: {
        operationId: 'submitGradeSheet',
        tags,
        summary: '提交评分表（每个指标都须打分）',
        params: IdParams,
        body: ScoresBody,
        response: { 200: sheet, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => grading.saveSheet(requestCaller(request), request.params.id, request.body, true),
  );
};
