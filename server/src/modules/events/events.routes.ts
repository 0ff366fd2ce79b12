import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError, localeOf } from '../../platform/errors.ts';
import { formatBytes, sendStoredFile } from '../../platform/files.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { eventStatsWorkbook, eventsWorkbook } from './events.excel.ts';
import { PHOTO_UPLOAD_MAX_BYTES } from './events.photos.ts';
import {
  CreateEventBody,
  DuplicateSchema,
  DuplicatesQuery,
  EVENT_SCHEMAS,
  EventDetailSchema,
  EventExportQuery,
  EventListQuery,
  EventMapSchema,
  EventPage,
  EventStatsSchema,
  IdParams,
  MapQuery,
  PhotoUploadSchema,
  StatsQuery,
  TransitionBody,
} from './events.schemas.ts';
import type { EventService } from './events.service.ts';
import type { EventStatsService } from './events.stats.ts';

const tags = ['events'];
const read = problemResponses(400, 401, 403, 404);
const write = problemResponses(400, 401, 403, 404, 409);

/**
 * Grid events (issue #5 items 3, 4, 7): intake, lists, the map, statistics, export, photos and the
 * closed-loop transitions. Photos come as `multipart/form-data` with the image in field `file`
 * (what a browser's upload control and a phone's camera input send), parsed by this plugin only.
 */
export const eventRoutes: FastifyPluginAsyncTypebox<{
  events: EventService;
  stats: EventStatsService;
}> = async (app, { events, stats }) => {
  for (const schema of EVENT_SCHEMAS) app.addSchema(schema);
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: PHOTO_UPLOAD_MAX_BYTES + 64 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/events',
    {
      schema: {
        operationId: 'listEvents',
        tags,
        summary: '网格事件列表（状态、类别、区划、超期、部门、日期、全文检索；我上报的、我的待办）',
        querystring: EventListQuery,
        response: { 200: EventPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => events.list(requestCaller(request), request.query),
  );
  app.get(
    '/events/export',
    {
      schema: {
        operationId: 'exportEvents',
        tags,
        summary: '按筛选条件导出网格事件为 Excel',
        querystring: EventExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await events.exportRows(requestCaller(request), request.query);
      return sendXlsx(reply, await eventsWorkbook(rows), datedFilename('网格事件'));
    },
  );
  app.get(
    '/events/stats',
    {
      schema: {
        operationId: 'eventStats',
        tags,
        summary: '事件统计：按类别、部门、网格、月份；按期办结率、退单率、平均处置时长、满意率；部门排名',
        querystring: StatsQuery,
        response: { 200: ref(EventStatsSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => stats.stats(requestCaller(request), request.query),
  );
  app.get(
    '/events/stats/export',
    {
      schema: {
        operationId: 'exportEventStats',
        tags,
        summary: '导出事件统计为 Excel（按类别、部门、网格、月份各一张表，及部门排名）',
        querystring: StatsQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const result = await stats.stats(requestCaller(request), request.query);
      return sendXlsx(reply, await eventStatsWorkbook(result), datedFilename('事件统计'));
    },
  );
  app.get(
    '/events/map',
    {
      schema: {
        operationId: 'eventMap',
        tags,
        summary: '未办结事件地图：各网格的未办结与超期数，以及有坐标的事件点位',
        querystring: MapQuery,
        response: { 200: ref(EventMapSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => events.map(requestCaller(request), request.query.divisionCode),
  );
  app.get(
    '/events/duplicates',
    {
      schema: {
        operationId: 'eventDuplicates',
        tags,
        summary: '疑似重复事件：同类别、近 7 天、200 米内（无坐标时同网格）的未办结事件',
        querystring: DuplicatesQuery,
        response: { 200: Type.Array(ref(DuplicateSchema)), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => events.duplicates(requestCaller(request), request.query),
  );
  app.post(
    '/events/photos',
    {
      onRequest: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > PHOTO_UPLOAD_MAX_BYTES + 64 * 1024)
          throw new AppError('attachment.tooLarge', { limit: formatBytes(PHOTO_UPLOAD_MAX_BYTES) });
      },
      schema: {
        operationId: 'uploadEventPhoto',
        tags,
        summary: '上传事件照片（multipart 字段 file；服务器压缩为最长边 1600 像素的 JPEG，不保留原图）',
        consumes: ['multipart/form-data'],
        body: Type.Unsafe<Buffer>({ description: 'multipart/form-data，图片在字段 file 中' }),
        response: { 201: ref(PhotoUploadSchema), ...problemResponses(400, 401, 403, 413, 415) },
      },
    },
    async (request, reply) => {
      const file = await multipartFile(request.body as Buffer, String(request.headers['content-type']));
      return reply.status(201).send(await events.photos.upload(requestCaller(request), file));
    },
  );
  app.get(
    '/events/photos/:id',
    {
      schema: {
        operationId: 'getEventPhoto',
        tags,
        summary: '事件照片（JPEG）',
        params: IdParams,
        response: {
          200: {
            description: 'JPEG',
            content: { 'image/jpeg': { schema: Type.String({ format: 'binary' }) } },
          },
          ...read,
        },
      },
    },
    async (request, reply) => {
      const photo = await events.photos.read(requestCaller(request), request.params.id);
      return sendStoredFile(reply, { filename: `${request.params.id}.jpg`, ...photo }, 'inline');
    },
  );
  app.post(
    '/events',
    {
      schema: {
        operationId: 'createEvent',
        tags,
        summary: '上报事件（网格员巡查、居民上报、社区电话登记）',
        body: CreateEventBody,
        response: { 201: ref(EventDetailSchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await events.create(requestCaller(request), request.body, localeOf(request))),
  );
  app.get(
    '/events/:id',
    {
      schema: {
        operationId: 'getEvent',
        tags,
        summary: '事件详情：部门、照片、延期申请、办理过程、当前可执行的操作',
        params: IdParams,
        response: { 200: ref(EventDetailSchema), ...read },
      },
    },
    async (request) => events.detail(requestCaller(request), request.params.id, localeOf(request)),
  );
  app.post(
    '/events/:id/transitions',
    {
      schema: {
        operationId: 'transitionEvent',
        tags,
        summary: '办理事件：立案、派遣、处置、退单、核查、评价、催办、督办、延期等',
        params: IdParams,
        body: TransitionBody,
        response: { 200: ref(EventDetailSchema), ...write },
      },
    },
    async (request) =>
      events.transition(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );
};

/** The `file` field of a multipart body (undici's parser, as fetch's `Response.formData()` reads it). */
async function multipartFile(body: Buffer, contentType: string): Promise<Buffer> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError('event.photoMissing');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new AppError('event.photoMissing');
  return Buffer.from(await file.arrayBuffer());
}
