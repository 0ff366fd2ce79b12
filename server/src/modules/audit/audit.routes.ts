import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses } from '../../platform/http-schemas.ts';
import { requestScope } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { AuditEntrySchema, AuditExportQuery, AuditPage, AuditQuery } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

const tags = ['audit'];

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.addSchema(AuditEntrySchema);

  app.get(
    '/audit',
    {
      schema: {
        operationId: 'listAuditEntries',
        tags,
        summary: '审计日志（按操作人、操作、对象、时间筛选）',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => audit.list(requestScope(request), request.query),
  );

  app.get(
    '/audit/export',
    {
      schema: {
        operationId: 'exportAuditEntries',
        tags,
        summary: '导出审计日志为 Excel',
        querystring: AuditExportQuery,
        response: {
          200: XLSX_RESPONSE,
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const buffer = await audit.exportXlsx(requestScope(request), request.query);
      return sendXlsx(reply, buffer, datedFilename('审计日志'));
    },
  );
};
