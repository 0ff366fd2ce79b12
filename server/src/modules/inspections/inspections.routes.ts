import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { localeOf } from '../../platform/errors.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { inspectionsWorkbook } from './inspections.excel.ts';
import {
  CreateInspectionBody,
  ExportQuery,
  IdParams,
  INSPECTION_SCHEMAS,
  InspectionDetailSchema,
  InspectionPage,
  ListQuery,
  OverduePage,
  OverdueQuery,
  TransitionBody,
} from './inspections.schemas.ts';
import type { InspectionService } from './inspections.service.ts';

const tags = ['inspections'];
const detail = ref(InspectionDetailSchema);

export const inspectionRoutes: FastifyPluginAsyncTypebox<{ inspections: InspectionService }> = async (
  app,
  { inspections },
) => {
  for (const schema of INSPECTION_SCHEMAS) app.addSchema(schema);

  app.get(
    '/inspections',
    {
      schema: {
        operationId: 'listInspections',
        tags,
        summary: '年检记录（可按年度、结论、状态、简化年检、区划、组织筛选）',
        querystring: ListQuery,
        response: { 200: InspectionPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => inspections.list(requestCaller(request), request.query),
  );

  app.get(
    '/inspections/overdue',
    {
      schema: {
        operationId: 'listOverdueInspections',
        tags,
        summary: '逾期未年检：截止日期后仍无该年度年检记录的登记社会组织',
        querystring: OverdueQuery,
        response: { 200: OverduePage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => inspections.overdue(requestCaller(request), request.query),
  );

  app.get(
    '/inspections/export',
    {
      schema: {
        operationId: 'exportInspections',
        tags,
        summary: '导出筛选后的年检记录为 Excel',
        querystring: ExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await inspections.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await inspectionsWorkbook(rows), datedFilename('社会组织年检'));
    },
  );

  app.get(
    '/inspections/:id',
    {
      schema: {
        operationId: 'getInspection',
        tags,
        summary: '年检记录详情及办理记录',
        params: IdParams,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => inspections.detail(requestCaller(request), request.params.id, localeOf(request)),
  );

  app.post(
    '/inspections',
    {
      schema: {
        operationId: 'createInspection',
        tags,
        summary: '报送年度年检报告（社会组织本身或区民政局代录）',
        body: CreateInspectionBody,
        response: { 201: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await inspections.create(requestCaller(request), request.body, localeOf(request))),
  );

  app.post(
    '/inspections/:id/transitions',
    {
      schema: {
        operationId: 'transitionInspection',
        tags,
        summary: '办理年检：审核（给出结论）、退回补正、重新报送',
        params: IdParams,
        body: TransitionBody,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      inspections.transition(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );
};
