import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { formatBytes, sendStoredFile } from '../../platform/files.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import {
  AttachmentParams,
  AttachmentSchema,
  DownloadQuery,
  type OrganizationAttachmentService,
  UploadQuery,
} from './organizations.attachments.ts';
import { IdParams } from './organizations.schemas.ts';

const tags = ['organizations'];

/** Types a browser may show in place; everything else is always saved as a download. */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * Attachments of an organization. A plugin of its own: the upload takes the file as the raw body
 * (`application/octet-stream`, its name in the query), which only these routes parse.
 */
export const organizationAttachmentRoutes: FastifyPluginAsyncTypebox<{
  attachments: OrganizationAttachmentService;
}> = async (app, { attachments }) => {
  app.addSchema(AttachmentSchema);
  const maxBytes = attachments.files.maxBytes;
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/organizations/:id/attachments',
    {
      schema: {
        operationId: 'listOrganizationAttachments',
        tags,
        summary: '社会组织的附件（备案材料等）',
        params: IdParams,
        response: { 200: Type.Array(ref(AttachmentSchema)), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => attachments.list(requestCaller(request), request.params.id),
  );

  app.post(
    '/organizations/:id/attachments',
    {
      // Refuse an oversized file by its declared length before reading it, with the real limit.
      onRequest: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > maxBytes)
          throw new AppError('attachment.tooLarge', { limit: formatBytes(maxBytes) });
      },
      schema: {
        operationId: 'uploadOrganizationAttachment',
        tags,
        summary: '上传附件（PDF、图片、Word、Excel，按文件内容识别类型，每个不超过上限）',
        params: IdParams,
        querystring: UploadQuery,
        consumes: ['application/octet-stream'],
        body: Type.Unsafe<Buffer>({ description: '文件内容（二进制）' }),
        response: {
          201: ref(AttachmentSchema),
          ...problemResponses(400, 401, 403, 404, 413, 415),
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await attachments.upload(
            requestCaller(request),
            request.params.id,
            request.query,
            request.body as Buffer,
          ),
        ),
  );

  app.get(
    '/organizations/:id/attachments/:attachmentId/content',
    {
      schema: {
        operationId: 'downloadOrganizationAttachment',
        tags,
        summary: '下载附件（留痕）',
        params: AttachmentParams,
        querystring: DownloadQuery,
        response: {
          200: {
            description: '附件文件',
            content: { 'application/octet-stream': { schema: Type.String({ format: 'binary' }) } },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await attachments.content(
        requestCaller(request),
        request.params.id,
        request.params.attachmentId,
      );
      const inline = request.query.inline === true && INLINE_TYPES.has(file.mime);
      return sendStoredFile(reply, file, inline ? 'inline' : 'attachment');
    },
  );

  app.delete(
    '/organizations/:id/attachments/:attachmentId',
    {
      schema: {
        operationId: 'deleteOrganizationAttachment',
        tags,
        summary: '删除附件',
        params: AttachmentParams,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await attachments.remove(requestCaller(request), request.params.id, request.params.attachmentId);
      return reply.status(204).send(null);
    },
  );
};
