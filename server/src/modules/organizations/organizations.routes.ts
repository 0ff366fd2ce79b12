import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { localeOf } from '../../platform/errors.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import {
  acceptSpreadsheets,
  datedFilename,
  sendXlsx,
  XLSX_MIME,
  XLSX_RESPONSE,
} from '../../platform/spreadsheet.ts';
import { organizationsWorkbook } from './organizations.excel.ts';
import {
  CreateOrganizationBody,
  ExportQuery,
  FundingBody,
  FundingParams,
  HistoryList,
  IdParams,
  ImportQuery,
  ListQuery,
  ORGANIZATION_SCHEMAS,
  OrganizationDetailSchema,
  OrganizationImportResultSchema,
  OrganizationPage,
  RegistrySummarySchema,
  TimelineList,
  TransitionBody,
  UpdateOrganizationBody,
  UsccVerificationBody,
} from './organizations.schemas.ts';
import type { OrganizationService } from './organizations.service.ts';

const tags = ['organizations'];
const UNDEFINED_TABLE = '42P01';

export const organizationRoutes: FastifyPluginAsyncTypebox<{ organizations: OrganizationService }> = async (
  app,
  { organizations },
) => {
  for (const schema of ORGANIZATION_SCHEMAS) app.addSchema(schema);
  // Records written before the search migration (or by code that sets no vector) get theirs now.
  // Records without a search vector (after an upgrade or a bulk load) are filled in the background:
  // start does not wait for a large registry, and until then they are still found by character pairs.
  const stopBackfill = new AbortController();
  let backfill: Promise<unknown> = Promise.resolve();
  app.addHook('onReady', async () => {
    backfill = organizations.backfillSearchVectors(stopBackfill.signal).catch((error) => {
      // An unmigrated database (the OpenAPI generator builds the app on one) has nothing to fill.
      if ((error as { code?: string }).code !== UNDEFINED_TABLE)
        app.log.error({ err: error }, 'organization search backfill failed');
    });
  });
  app.addHook('onClose', async () => {
    stopBackfill.abort();
    await backfill;
  });
  acceptSpreadsheets(app);

  app.get(
    '/organizations/import-template',
    {
      schema: {
        operationId: 'getOrganizationImportTemplate',
        tags,
        summary: '社会组织名录导入模板（与导出同列，含示例行和填写说明）',
        response: { 200: XLSX_RESPONSE, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) =>
      sendXlsx(
        reply,
        await organizations.importTemplate(requestCaller(request)),
        '社会组织名录导入模板.xlsx',
      ),
  );

  app.post(
    '/organizations/import',
    {
      schema: {
        operationId: 'importOrganizations',
        tags,
        summary:
          '从 Excel 导入社会组织名录（与导出同列；有系统编号的行更新该组织，无编号的新增为待审核；全部校验通过才写入）',
        querystring: ImportQuery,
        consumes: [XLSX_MIME],
        // No constraint: the parsed body is a Buffer of the file's bytes, checked by the importer.
        body: Type.Unsafe<Buffer>({ description: 'Excel (.xlsx) 文件内容（二进制）' }),
        response: {
          200: ref(OrganizationImportResultSchema),
          ...problemResponses(400, 401, 403, 413, 422),
        },
      },
    },
    async (request) =>
      organizations.importSheet(requestCaller(request), request.body as Buffer, {
        dryRun: request.query.dryRun ?? false,
        locale: localeOf(request),
      }),
  );

  app.get(
    '/organizations',
    {
      schema: {
        operationId: 'listOrganizations',
        tags,
        summary: '社会组织名录（可按名称/简介、类型、状态、领域、类别、等级、区划、域外、场地筛选）',
        querystring: ListQuery,
        response: { 200: OrganizationPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => organizations.list(requestCaller(request), request.query),
  );

  app.get(
    '/organizations/summary',
    {
      schema: {
        operationId: 'organizationSummary',
        tags,
        summary: '名录统计：总数、按类型、按状态、登记与备案（按记录实时计算）',
        response: { 200: ref(RegistrySummarySchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => organizations.summary(requestCaller(request)),
  );

  app.get(
    '/organizations/export',
    {
      schema: {
        operationId: 'exportOrganizations',
        tags,
        summary: '导出筛选后的社会组织名录为 Excel（联系电话脱敏）',
        querystring: ExportQuery,
        response: {
          200: XLSX_RESPONSE,
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const rows = await organizations.exportRows(requestCaller(request), request.query);
      const buffer = await organizationsWorkbook(rows, await organizations.catalogNames('zh-CN'));
      return sendXlsx(reply, buffer, datedFilename('社会组织名录'));
    },
  );

  app.get(
    '/organizations/:id',
    {
      schema: {
        operationId: 'getOrganization',
        tags,
        summary: '社会组织详情（联系电话脱敏）',
        params: IdParams,
        response: { 200: ref(OrganizationDetailSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => organizations.detail(requestCaller(request), request.params.id),
  );

  app.get(
    '/organizations/:id/history',
    {
      schema: {
        operationId: 'organizationHistory',
        tags,
        summary: '社会组织状态变更记录（新的在前）',
        params: IdParams,
        response: { 200: HistoryList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => organizations.history(requestCaller(request), request.params.id, localeOf(request)),
  );

  app.get(
    '/organizations/:id/timeline',
    {
      schema: {
        operationId: 'organizationTimeline',
        tags,
        summary: '社会组织大事记：状态变更、信息修改、备案、年检、孵化、联合会等（新的在前）',
        params: IdParams,
        response: { 200: TimelineList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => organizations.timeline(requestCaller(request), request.params.id, localeOf(request)),
  );

  app.post(
    '/organizations',
    {
      schema: {
        operationId: 'createOrganization',
        tags,
        summary: '新建社会组织：社区社会组织申请备案，登记类由区民政局录入（均为待审核）',
        body: CreateOrganizationBody,
        response: { 201: ref(OrganizationDetailSchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await organizations.create(requestCaller(request), request.body, localeOf(request))),
  );

  app.patch(
    '/organizations/:id',
    {
      schema: {
        operationId: 'updateOrganization',
        tags,
        summary: '修改社会组织信息',
        params: IdParams,
        body: UpdateOrganizationBody,
        response: { 200: ref(OrganizationDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      organizations.update(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );

  app.post(
    '/organizations/:id/transitions',
    {
      schema: {
        operationId: 'transitionOrganization',
        tags,
        summary: '办理社会组织状态变更（备案、登记、退回、暂停、恢复、注销）',
        params: IdParams,
        body: TransitionBody,
        response: { 200: ref(OrganizationDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => organizations.transition(requestCaller(request), request.params.id, request.body),
  );

  app.put(
    '/organizations/:id/funding/:year',
    {
      schema: {
        operationId: 'saveOrganizationFunding',
        tags,
        summary: '填报社会组织某一年的经费来源（五种来源，金额以分计）',
        params: FundingParams,
        body: FundingBody,
        response: { 200: ref(OrganizationDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      organizations.saveFunding(requestCaller(request), request.params.id, request.params.year, request.body),
  );

  app.post(
    '/organizations/:id/uscc-verification',
    {
      schema: {
        operationId: 'verifyOrganizationUscc',
        tags,
        summary: '区民政局人工核验未通过校验位的历史统一社会信用代码（留痕）',
        params: IdParams,
        body: UsccVerificationBody,
        response: { 200: ref(OrganizationDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      organizations.verifyUscc(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );
};
