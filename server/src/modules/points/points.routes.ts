import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { awardsWorkbook } from './points.excel.ts';
import {
  AccountParams,
  AwardBody,
  AwardExportQuery,
  AwardListQuery,
  AwardPage,
  FundPoolBody,
  POINTS_SCHEMAS,
  PointsAccountSchema,
  PostingListQuery,
  PostingPage,
  RuleSchema,
  SaveRuleBody,
  StatementQuery,
  StatementSchema,
  TeamAwardBody,
  TransferSchema,
} from './points.schemas.ts';
import type { PointsService } from './points.service.ts';

const read = problemResponses(400, 401, 403, 404);
const write = problemResponses(400, 401, 403, 404, 409);

/** Points accounts, statements, awards and earning rules (issue #6 item 3). */
export const pointsRoutes: FastifyPluginAsyncTypebox<{ points: PointsService }> = async (app, { points }) => {
  for (const schema of POINTS_SCHEMAS) app.addSchema(schema);
  const tags = ['points'];

  app.get(
    '/points/accounts/mine',
    {
      schema: {
        operationId: 'getMyPointsAccount',
        tags,
        summary: '我的积分账户',
        response: { 200: ref(PointsAccountSchema), ...read },
      },
    },
    async (request) => points.mine(requestCaller(request)),
  );
  app.get(
    '/points/accounts/:id',
    {
      schema: {
        operationId: 'getPointsAccount',
        tags,
        summary: '积分账户（余额）',
        params: AccountParams,
        response: { 200: ref(PointsAccountSchema), ...read },
      },
    },
    async (request) => points.account(requestCaller(request), request.params.id),
  );
  app.get(
    '/points/accounts/:id/postings',
    {
      schema: {
        operationId: 'listPointsPostings',
        tags,
        summary: '积分明细（新的在前）',
        params: AccountParams,
        querystring: PostingListQuery,
        response: { 200: PostingPage, ...read },
      },
    },
    async (request) => points.postings(requestCaller(request), request.params.id, request.query),
  );
  app.get(
    '/points/accounts/:id/statement',
    {
      schema: {
        operationId: 'getPointsStatement',
        tags,
        summary: '月度积分对账单：期初、收入、支出、期末与明细',
        params: AccountParams,
        querystring: StatementQuery,
        response: { 200: ref(StatementSchema), ...read },
      },
    },
    async (request) => points.statement(requestCaller(request), request.params.id, request.query.month),
  );
  app.post(
    '/points/awards',
    {
      schema: {
        operationId: 'awardPoints',
        tags,
        summary: '区级奖励积分（从奖励积分池转出；同一请求编号只记账一次）',
        body: AwardBody,
        response: { 200: ref(TransferSchema), ...write },
      },
    },
    async (request) => {
      const result = await points.award(requestCaller(request), request.body);
      return { ...result, at: result.at.toISOString() };
    },
  );
  app.post(
    '/points/awards/team',
    {
      schema: {
        operationId: 'awardTeamPoints',
        tags,
        summary: '按服务队奖励积分：每位在册队员同样积分，一笔转账从奖励积分池转出',
        body: TeamAwardBody,
        response: { 200: ref(TransferSchema), ...write },
      },
    },
    async (request) => {
      const result = await points.awardTeam(requestCaller(request), request.body);
      return { ...result, at: result.at.toISOString() };
    },
  );
  app.get(
    '/points/awards',
    {
      schema: {
        operationId: 'listPointsAwards',
        tags,
        summary: '奖励积分记录（每位志愿者一行，新的在前）',
        querystring: AwardListQuery,
        response: { 200: AwardPage, ...read },
      },
    },
    async (request) => points.awards(requestCaller(request), request.query),
  );
  app.get(
    '/points/awards/export',
    {
      schema: {
        operationId: 'exportPointsAwards',
        tags,
        summary: '导出奖励积分记录为 Excel',
        querystring: AwardExportQuery,
        response: { 200: XLSX_RESPONSE, ...read },
      },
    },
    async (request, reply) => {
      const rows = await points.exportAwards(requestCaller(request), request.query);
      return sendXlsx(reply, await awardsWorkbook(rows), datedFilename('奖励积分'));
    },
  );
  app.post(
    '/points/award-pool',
    {
      schema: {
        operationId: 'fundAwardPool',
        tags,
        summary: '向区级奖励积分池拨入积分',
        body: FundPoolBody,
        response: { 200: ref(TransferSchema), ...write },
      },
    },
    async (request) => {
      const result = await points.fundPool(requestCaller(request), request.body);
      return { ...result, at: result.at.toISOString() };
    },
  );
  app.get(
    '/points/rules',
    {
      schema: {
        operationId: 'listPointsRules',
        tags,
        summary: '积分规则：按项目、类别的每小时积分（默认 1 小时 = 1 分）',
        response: { 200: Type.Array(ref(RuleSchema)), ...problemResponses(401, 403) },
      },
    },
    async () => points.rules(),
  );
  app.put(
    '/points/rules',
    {
      schema: {
        operationId: 'savePointsRule',
        tags,
        summary: '设置积分规则',
        body: SaveRuleBody,
        response: { 200: Type.Array(ref(RuleSchema)), ...write },
      },
    },
    async (request) => points.saveRule(requestCaller(request), request.body),
  );
};
