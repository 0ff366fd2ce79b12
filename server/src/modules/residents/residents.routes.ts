import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { residentsWorkbook } from './residents.excel.ts';
import {
  ConsentPage,
  ConsentQuery,
  CreateResidentBody,
  DeleteQuery,
  ExportQuery,
  IdParams,
  ListQuery,
  RESIDENT_SCHEMAS,
  RecordConsentBody,
  ResidentConsentSchema,
  ResidentDetailSchema,
  ResidentPage,
  RevealBody,
  RevealResultSchema,
  UpdateResidentBody,
} from './residents.schemas.ts';
import type { ResidentService } from './residents.service.ts';

const tags = ['residents'];

export const residentRoutes: FastifyPluginAsyncTypebox<{ residents: ResidentService }> = async (
  app,
  { residents },
) => {
  for (const schema of RESIDENT_SCHEMAS) app.addSchema(schema);

  // A full ID number or phone typed in to find someone travels in the query string: the request
  // log redacts those parameters (platform/log-redaction.ts).
  app.get(
    '/residents',
    {
      schema: {
        operationId: 'listResidents',
        tags,
        summary: '居民列表（身份证号、手机号脱敏；可按完整号码精确查找）',
        querystring: ListQuery,
        response: { 200: ResidentPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => residents.list(requestCaller(request), request.query),
  );

  app.get(
    '/residents/export',
    {
      schema: {
        operationId: 'exportResidents',
        tags,
        summary: '导出居民信息为 Excel（脱敏）',
        querystring: ExportQuery,
        response: {
          200: XLSX_RESPONSE,
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const rows = await residents.exportRows(requestCaller(request), request.query);
      const buffer = await residentsWorkbook(rows);
      return sendXlsx(reply, buffer, datedFilename('居民信息'));
    },
  );

  app.get(
    '/residents/:id',
    {
      schema: {
        operationId: 'getResident',
        tags,
        summary: '居民详情（脱敏）',
        params: IdParams,
        response: { 200: ref(ResidentDetailSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => residents.detail(requestCaller(request), request.params.id),
  );

  app.post(
    '/residents',
    {
      schema: {
        operationId: 'createResident',
        tags,
        summary: '登记居民（性别、出生日期由身份证号推出）',
        body: CreateResidentBody,
        response: { 201: ref(ResidentDetailSchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await residents.create(requestCaller(request), request.body)),
  );

  app.patch(
    '/residents/:id',
    {
      schema: {
        operationId: 'updateResident',
        tags,
        summary: '修改居民信息',
        params: IdParams,
        body: UpdateResidentBody,
        response: { 200: ref(ResidentDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => residents.update(requestCaller(request), request.params.id, request.body),
  );

  app.delete(
    '/residents/:id',
    {
      schema: {
        operationId: 'deleteResident',
        tags,
        summary: '删除居民（已绑定居民账号的不能删除）',
        params: IdParams,
        querystring: DeleteQuery,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await residents.remove(requestCaller(request), request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/residents/:id/reveal',
    {
      schema: {
        operationId: 'revealResident',
        tags,
        summary: '查看完整身份证号/手机号（须填写事由，记入审计日志）',
        params: IdParams,
        body: RevealBody,
        response: { 200: ref(RevealResultSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => residents.reveal(requestCaller(request), request.params.id, request.body),
  );

  app.get(
    '/residents/:id/consents',
    {
      schema: {
        operationId: 'listResidentConsents',
        tags,
        summary: '居民个人信息处理同意记录',
        params: IdParams,
        querystring: ConsentQuery,
        response: { 200: ConsentPage, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => residents.consents(requestCaller(request), request.params.id, request.query),
  );

  app.post(
    '/residents/:id/consents',
    {
      schema: {
        operationId: 'recordResidentConsent',
        tags,
        summary: '代为记录居民的同意或撤回（须在为该居民代办时）',
        params: IdParams,
        body: RecordConsentBody,
        response: { 201: ref(ResidentConsentSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await residents.recordConsent(requestCaller(request), request.params.id, request.body)),
  );
};
