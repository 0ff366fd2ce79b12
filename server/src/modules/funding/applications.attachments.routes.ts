import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError } from '../../platform/errors.ts';
import { formatBytes, sendStoredFile } from '../../platform/files.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import {
  ApplicationAttachmentSchema,
  type ApplicationAttachmentService,
} from './applications.attachments.ts';
import { IdParams } from './funding.schemas.ts';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const AttachmentParams = Type.Object({ id: Id, attachmentId: Id });
const UploadQuery = Type.Object({
  filename: Type.String({ minLength: 1, maxLength: 255, description: '原文件名（显示和下载用）' }),
});
const DownloadQuery = Type.Object({
  inline: Type.Optional(Type.Boolean({ description: 'PDF 和图片在浏览器中直接打开' })),
});
const FILE_RESPONSE = {
  description: '附件文件',
  content: { 'application/octet-stream': { schema: Type.String({ format: 'binary' }) } },
};
/** Types a browser may show in place; everything else is always saved as a download. */
const INLINE_TYPES = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/**
 * Attachments of applications, and the same files read through a reviewer's sheet. A plugin of its
 * own: the upload takes the file as the raw body (`application/octet-stream`, its name in the query).
 */
export const applicationAttachmentRoutes: FastifyPluginAsyncTypebox<{
  attachments: ApplicationAttachmentService;
}> = async (app, { attachments }) => {
  app.addSchema(ApplicationAttachmentSchema);
  const maxBytes = attachments.files.maxBytes;
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_request, body, done) => done(null, body),
  );
  const tags = ['applications'];
  const list = { 200: Type.Array(ref(ApplicationAttachmentSchema)), ...problemResponses(400, 401, 403, 404) };

  app.get(
    '/applications/:id/attachments',
    {
      schema: {
        operationId: 'listApplicationAttachments',
        tags,
        summary: '项目申报的附件',
        params: IdParams,
        response: list,
      },
    },
    async (request) => attachments.list(requestCaller(request), request.params.id),
  );

  app.post(
    '/applications/:id/attachments',
    {
      // Refuse an oversized file by its declared length before reading it, with the real limit.
      onRequest: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > maxBytes)
          throw new AppError('attachment.tooLarge', { limit: formatBytes(maxBytes) });
      },
      schema: {
        operationId: 'uploadApplicationAttachment',
        tags,
        summary: '上传申报附件（仅草稿；PDF、图片、Word、Excel，按文件内容识别类型）',
        params: IdParams,
        querystring: UploadQuery,
        consumes: ['application/octet-stream'],
        body: Type.Unsafe<Buffer>({ description: '文件内容（二进制）' }),
        response: {
          201: ref(ApplicationAttachmentSchema),
          ...problemResponses(400, 401, 403, 404, 409, 413, 415),
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
    '/applications/:id/attachments/:attachmentId/content',
    {
      schema: {
        operationId: 'downloadApplicationAttachment',
        tags,
        summary: '下载申报附件（留痕）',
        params: AttachmentParams,
        querystring: DownloadQuery,
        response: { 200: FILE_RESPONSE, ...problemResponses(400, 401, 403, 404) },
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
    '/applications/:id/attachments/:attachmentId',
    {
      schema: {
        operationId: 'deleteApplicationAttachment',
        tags,
        summary: '删除申报附件（仅草稿）',
        params: AttachmentParams,
        response: { 204: Type.Null(), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await attachments.remove(requestCaller(request), request.params.id, request.params.attachmentId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/reviews/:id/attachments',
    {
      schema: {
        operationId: 'listReviewAttachments',
        tags: ['reviews'],
        summary: '评审表对应申报的附件（评审专家只能看到分配给自己的）',
        params: IdParams,
        response: list,
      },
    },
    async (request) => attachments.listForReview(requestCaller(request), request.params.id),
  );

  app.get(
    '/reviews/:id/attachments/:attachmentId/content',
    {
      schema: {
        operationId: 'downloadReviewAttachment',
        tags: ['reviews'],
        summary: '评审时下载申报附件（留痕）',
        params: AttachmentParams,
        querystring: DownloadQuery,
        response: { 200: FILE_RESPONSE, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const file = await attachments.contentForReview(
        requestCaller(request),
        request.params.id,
        request.params.attachmentId,
      );
      const inline = request.query.inline === true && INLINE_TYPES.has(file.mime);
      return sendStoredFile(reply, file, inline ? 'inline' : 'attachment');
    },
  );
};
