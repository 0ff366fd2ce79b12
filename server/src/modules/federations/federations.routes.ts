import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { federationsWorkbook } from './federations.excel.ts';
import {
  AddMemberBody,
  CreateFederationBody,
  EndMembershipBody,
  ExportQuery,
  FEDERATION_SCHEMAS,
  FederationDetailSchema,
  FederationPage,
  IdParams,
  ListQuery,
  MemberParams,
  MoveInBody,
  MoveInListQuery,
  MoveInPage,
  UpdateFederationBody,
} from './federations.schemas.ts';
import type { FederationService } from './federations.service.ts';

const tags = ['federations'];
const detail = ref(FederationDetailSchema);

export const federationRoutes: FastifyPluginAsyncTypebox<{ federations: FederationService }> = async (
  app,
  { federations },
) => {
  for (const schema of FEDERATION_SCHEMAS) app.addSchema(schema);

  app.get(
    '/federations',
    {
      schema: {
        operationId: 'listFederations',
        tags,
        summary: '联合会列表（按街道范围；可按名称、类别、街道筛选）',
        querystring: ListQuery,
        response: { 200: FederationPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => federations.list(requestCaller(request), request.query),
  );

  app.get(
    '/federations/move-ins',
    {
      schema: {
        operationId: 'listFederationMoveIns',
        tags,
        summary: '经联合会入驻的域外组织（入驻日期新的在前）',
        querystring: MoveInListQuery,
        response: { 200: MoveInPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => federations.moveIns(requestCaller(request), request.query),
  );

  app.get(
    '/federations/export',
    {
      schema: {
        operationId: 'exportFederations',
        tags,
        summary: '导出联合会、成员和入驻组织为 Excel',
        querystring: ExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const data = await federations.exportData(requestCaller(request), request.query);
      return sendXlsx(reply, await federationsWorkbook(data), datedFilename('联合会'));
    },
  );

  app.get(
    '/federations/:id',
    {
      schema: {
        operationId: 'getFederation',
        tags,
        summary: '联合会详情：成员和入驻组织',
        params: IdParams,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => federations.detail(requestCaller(request), request.params.id),
  );

  app.post(
    '/federations',
    {
      schema: {
        operationId: 'createFederation',
        tags,
        summary: '新建联合会（区民政局；街道工作人员限本街道）',
        body: CreateFederationBody,
        response: { 201: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await federations.create(requestCaller(request), request.body)),
  );

  app.patch(
    '/federations/:id',
    {
      schema: {
        operationId: 'updateFederation',
        tags,
        summary: '修改联合会信息',
        params: IdParams,
        body: UpdateFederationBody,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => federations.update(requestCaller(request), request.params.id, request.body),
  );

  app.post(
    '/federations/:id/members',
    {
      schema: {
        operationId: 'addFederationMember',
        tags,
        summary: '联合会新增成员（会长、副会长或成员）',
        params: IdParams,
        body: AddMemberBody,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => federations.addMember(requestCaller(request), request.params.id, request.body),
  );

  app.post(
    '/federations/:id/members/:memberId/leave',
    {
      schema: {
        operationId: 'endFederationMembership',
        tags,
        summary: '成员退出联合会（记录退出日期，保留历史）',
        params: MemberParams,
        body: EndMembershipBody,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      federations.endMembership(
        requestCaller(request),
        request.params.id,
        request.params.memberId,
        request.body,
      ),
  );

  app.post(
    '/federations/:id/move-ins',
    {
      schema: {
        operationId: 'recordFederationMoveIn',
        tags,
        summary: '登记经本联合会入驻的域外组织（同时标记名录中的“域外入驻”）',
        params: IdParams,
        body: MoveInBody,
        response: { 200: detail, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => federations.recordMoveIn(requestCaller(request), request.params.id, request.body),
  );
};
