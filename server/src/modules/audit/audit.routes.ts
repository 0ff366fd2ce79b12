import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses } from '../../platform/http-schemas.ts';
import { requestScope } from '../../platform/scope.ts';
import { XLSX_MIME } from '../../platform/spreadsheet.ts';
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
          200: {
            description: 'xlsx 文件',
            content: { [XLSX_MIME]: { schema: Type.String({ format: 'binary' }) } },
          },
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const buffer = await audit.exportXlsx(requestScope(request), request.query);
      const stamp = new Date().toISOString().slice(0, 10).replaceAll('-', '');
      return reply
        .type(XLSX_MIME)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`审计日志-${stamp}.xlsx`)}`,
        )
        .send(buffer as unknown as string);
    },
  );
};
