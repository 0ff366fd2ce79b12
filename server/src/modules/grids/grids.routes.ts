import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { rosterWorkbook } from './grids.excel.ts';
import {
  CreateAssignmentBody,
  CreateDutyBody,
  DutyParams,
  EndAssignmentBody,
  ExportQuery,
  GRID_SCHEMAS,
  GridAssignmentPage,
  GridAssignmentSchema,
  GridDutyList,
  GridDutySchema,
  GridOverviewSchema,
  GridParams,
  IdParams,
  ListQuery,
  RosterSummarySchema,
  SummaryQuery,
  UpdateDutyBody,
} from './grids.schemas.ts';
import type { GridService } from './grids.service.ts';

const tags = ['grids'];

export const gridRoutes: FastifyPluginAsyncTypebox<{ grids: GridService }> = async (app, { grids }) => {
  for (const schema of GRID_SCHEMAS) app.addSchema(schema);

  app.get(
    '/grid-duties',
    {
      schema: {
        operationId: 'listGridDuties',
        tags,
        summary: '网格岗位（“一长九员”，含已停用的）',
        response: { 200: GridDutyList, ...problemResponses(401, 403) },
      },
    },
    async () => grids.duties(),
  );

  app.post(
    '/grid-duties',
    {
      schema: {
        operationId: 'createGridDuty',
        tags,
        summary: '新增网格岗位（区民政局）',
        body: CreateDutyBody,
        response: { 201: ref(GridDutySchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await grids.createDuty(requestCaller(request), request.body)),
  );

  app.patch(
    '/grid-duties/:code',
    {
      schema: {
        operationId: 'updateGridDuty',
        tags,
        summary: '修改网格岗位的名称、顺序或停用（区民政局；网格长岗位不能停用）',
        params: DutyParams,
        body: UpdateDutyBody,
        response: { 200: ref(GridDutySchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => grids.updateDuty(requestCaller(request), request.params.code, request.body),
  );

  app.get(
    '/grid-assignments/summary',
    {
      schema: {
        operationId: 'gridRosterSummary',
        tags,
        summary: '网格人员统计：网格数、有网格长的网格数、各岗位在任人数（按记录实时计算）',
        querystring: SummaryQuery,
        response: { 200: ref(RosterSummarySchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => grids.summary(requestCaller(request), request.query.divisionCode),
  );

  app.get(
    '/grid-assignments',
    {
      schema: {
        operationId: 'listGridAssignments',
        tags,
        summary: '网格人员名册（可按网格、区划、岗位、在任状态、姓名筛选；手机号脱敏）',
        querystring: ListQuery,
        response: { 200: GridAssignmentPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => grids.list(requestCaller(request), request.query),
  );

  app.get(
    '/grid-assignments/export',
    {
      schema: {
        operationId: 'exportGridAssignments',
        tags,
        summary: '导出筛选后的网格人员名册为 Excel（手机号脱敏）',
        querystring: ExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await grids.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await rosterWorkbook(rows), datedFilename('网格人员名册'));
    },
  );

  app.post(
    '/grid-assignments',
    {
      schema: {
        operationId: 'createGridAssignment',
        tags,
        summary: '安排网格人员（每个网格同一时间只有一名网格长）',
        body: CreateAssignmentBody,
        response: { 201: ref(GridAssignmentSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await grids.create(requestCaller(request), request.body)),
  );

  app.post(
    '/grid-assignments/:id/end',
    {
      schema: {
        operationId: 'endGridAssignment',
        tags,
        summary: '结束网格人员任职（默认今天为最后一天）',
        params: IdParams,
        body: EndAssignmentBody,
        response: { 200: ref(GridAssignmentSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => grids.end(requestCaller(request), request.params.id, request.body),
  );

  app.get(
    '/grids/:code',
    {
      schema: {
        operationId: 'getGrid',
        tags,
        summary: '网格概况：所属社区街道、人口户数、登记居民、在任人员',
        params: GridParams,
        response: { 200: ref(GridOverviewSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => grids.overview(requestCaller(request), request.params.code),
  );
};
