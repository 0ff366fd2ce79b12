import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller, requestScope } from '../../platform/scope.ts';
import { acceptSpreadsheets, sendXlsx, XLSX_MIME, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { exportDivisions, importDivisions } from './divisions.excel.ts';
import { pageWithAbilities, withAbilities } from './divisions.policy.ts';
import {
  ChildrenQuery,
  CodeParams,
  CreateDivisionBody,
  DeleteQuery,
  DIVISION_SCHEMAS,
  DivisionDetailSchema,
  DivisionPage,
  ExportQuery,
  ImportQuery,
  ImportResultSchema,
  MapResponse,
  MoveDivisionBody,
  SearchPage,
  SearchQuery,
  TreeQuery,
  TreeResponse,
  UpdateDivisionBody,
} from './divisions.schemas.ts';
import type { DivisionService } from './divisions.service.ts';

const tags = ['divisions'];

export const divisionRoutes: FastifyPluginAsyncTypebox<{ divisions: DivisionService }> = async (
  app,
  { divisions },
) => {
  for (const schema of DIVISION_SCHEMAS) app.addSchema(schema);

  acceptSpreadsheets(app);

  app.get(
    '/divisions/tree',
    {
      schema: {
        operationId: 'getDivisionTree',
        tags,
        summary: '区划树（自根节点起若干层）',
        querystring: TreeQuery,
        response: { 200: TreeResponse, ...problemResponses(400, 404) },
      },
    },
    async (request) => ({
      items: await divisions.tree(requestScope(request), request.query.root, request.query.depth ?? 1),
    }),
  );

  app.get(
    '/divisions/search',
    {
      schema: {
        operationId: 'searchDivisions',
        tags,
        summary: '按名称搜索区划',
        querystring: SearchQuery,
        response: { 200: SearchPage, ...problemResponses(400) },
      },
    },
    async (request) => divisions.search(requestScope(request), request.query),
  );

  app.get(
    '/divisions/export',
    {
      schema: {
        operationId: 'exportDivisions',
        tags,
        summary: '导出区划为 Excel',
        querystring: ExportQuery,
        response: {
          200: XLSX_RESPONSE,
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { buffer, filename } = await exportDivisions(divisions, requestScope(request), {
        root: request.query.root,
        boundaries: request.query.boundaries ?? false,
      });
      return sendXlsx(reply, buffer, filename);
    },
  );

  app.post(
    '/divisions/import',
    {
      schema: {
        operationId: 'importDivisions',
        tags,
        summary: '从 Excel 导入区划（全部校验通过才写入）',
        querystring: ImportQuery,
        consumes: [XLSX_MIME],
        // No constraint: the parsed body is a Buffer of the file's bytes, checked by the importer.
        body: Type.Unsafe<Buffer>({ description: 'Excel (.xlsx) 文件内容（二进制）' }),
        response: { 200: ref(ImportResultSchema), ...problemResponses(400, 413, 422) },
      },
    },
    async (request) =>
      importDivisions(divisions, requestCaller(request), request.body as Buffer, {
        dryRun: request.query.dryRun ?? false,
        locale: request.headers['accept-language'],
      }),
  );

  app.get(
    '/divisions/:code',
    {
      schema: {
        operationId: 'getDivision',
        tags,
        summary: '区划详情',
        params: CodeParams,
        response: { 200: ref(DivisionDetailSchema), ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      withAbilities(
        requestCaller(request),
        await divisions.detail(requestScope(request), request.params.code),
      ),
  );

  app.get(
    '/divisions/:code/children',
    {
      schema: {
        operationId: 'listDivisionChildren',
        tags,
        summary: '下级区划列表',
        params: CodeParams,
        querystring: ChildrenQuery,
        response: { 200: DivisionPage, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      pageWithAbilities(
        requestCaller(request),
        await divisions.children(requestScope(request), request.params.code, request.query),
      ),
  );

  app.get(
    '/divisions/:code/map',
    {
      schema: {
        operationId: 'getDivisionMap',
        tags,
        summary: '下级区划边界（GeoJSON 要素），用于网格地图',
        params: CodeParams,
        response: { 200: ref(MapResponse), ...problemResponses(400, 404) },
      },
    },
    async (request) => divisions.map(requestScope(request), request.params.code),
  );

  app.post(
    '/divisions',
    {
      schema: {
        operationId: 'createDivision',
        tags,
        summary: '新建区划（上级由代码推出）',
        body: CreateDivisionBody,
        response: { 201: ref(DivisionDetailSchema), ...problemResponses(400, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          withAbilities(requestCaller(request), await divisions.create(requestCaller(request), request.body)),
        ),
  );

  app.patch(
    '/divisions/:code',
    {
      schema: {
        operationId: 'updateDivision',
        tags,
        summary: '修改区划',
        params: CodeParams,
        body: UpdateDivisionBody,
        response: { 200: ref(DivisionDetailSchema), ...problemResponses(400, 404, 409) },
      },
    },
    async (request) =>
      withAbilities(
        requestCaller(request),
        await divisions.update(requestCaller(request), request.params.code, request.body),
      ),
  );

  app.post(
    '/divisions/:code/move',
    {
      schema: {
        operationId: 'moveDivision',
        tags,
        summary: '调整隶属关系（连同下级一并重新编码）',
        params: CodeParams,
        body: MoveDivisionBody,
        response: { 200: ref(DivisionDetailSchema), ...problemResponses(400, 404, 409) },
      },
    },
    async (request) =>
      withAbilities(
        requestCaller(request),
        await divisions.move(requestCaller(request), request.params.code, request.body),
      ),
  );

  app.delete(
    '/divisions/:code',
    {
      schema: {
        operationId: 'deleteDivision',
        tags,
        summary: '删除没有下级的区划',
        params: CodeParams,
        querystring: DeleteQuery,
        response: { 204: Type.Null(), ...problemResponses(400, 404, 409) },
      },
    },
    async (request, reply) => {
      await divisions.remove(requestCaller(request), request.params.code, request.query.version);
      return reply.status(204).send(null);
    },
  );
};
