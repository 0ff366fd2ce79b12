import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { requireSession } from '../../platform/auth-guard.ts';
import { AppError, localeOf } from '../../platform/errors.ts';
import { problemResponses } from '../../platform/http-schemas.ts';
import type { NotificationHub, NotificationService } from '../../platform/notifications.ts';
import {
  MarkedCount,
  NotificationIdParams,
  NotificationPage,
  NotificationQuery,
  NotificationSchema,
  UnreadCount,
} from './notifications.schemas.ts';

const tags = ['notifications'];

/** A stream ends after this long; the browser's EventSource reconnects, which re-checks the session. */
const STREAM_LIFETIME_MS = 5 * 60_000;
const HEARTBEAT_MS = 25_000;

function activeAccount(request: Parameters<typeof requireSession>[0]): string {
  const session = requireSession(request);
  if (session.stage !== 'active') throw new AppError('auth.required');
  return session.accountId;
}

/** The signed-in user's notification centre: list, unread count, mark read, and a live stream (SSE). */
export const notificationRoutes: FastifyPluginAsyncTypebox<{
  notifications: NotificationService;
  hub: NotificationHub;
}> = async (app, { notifications, hub }) => {
  app.addSchema(NotificationSchema);

  app.get(
    '/notifications',
    {
      schema: {
        operationId: 'listNotifications',
        tags,
        summary: '我的消息（最新在前）',
        querystring: NotificationQuery,
        response: { 200: NotificationPage, ...problemResponses(400, 401) },
      },
    },
    async (request) => notifications.list(activeAccount(request), localeOf(request), request.query),
  );

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        operationId: 'countUnreadNotifications',
        tags,
        summary: '未读消息数',
        response: { 200: UnreadCount, ...problemResponses(401) },
      },
    },
    async (request) => ({ unread: await notifications.unreadCount(activeAccount(request)) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        operationId: 'markNotificationRead',
        tags,
        summary: '标为已读',
        params: NotificationIdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 404) },
      },
    },
    async (request, reply) => {
      if (!(await notifications.markRead(activeAccount(request), request.params.id)))
        throw new AppError('resource.notFound');
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        operationId: 'markAllNotificationsRead',
        tags,
        summary: '全部标为已读',
        response: { 200: MarkedCount, ...problemResponses(401) },
      },
    },
    async (request) => ({ marked: await notifications.markAllRead(activeAccount(request)) }),
  );

  app.get(
    '/notifications/stream',
    {
      schema: {
        operationId: 'streamNotifications',
        tags,
        summary: '实时消息（Server-Sent Events：每条新消息一个 notification 事件，含未读数）',
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'text/event-stream' }), ...problemResponses(401) },
      },
    },
    async (request, reply) => {
      const accountId = activeAccount(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const unread = await notifications.unreadCount(accountId);
      res.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ unread })}\n\n`);
      const unsubscribe = await hub.subscribe(accountId, (message) => {
        res.write(`id: ${message.id}\nevent: notification\ndata: ${JSON.stringify(message)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = setTimeout(() => res.end(), STREAM_LIFETIME_MS);
      const close = () => {
        clearInterval(heartbeat);
        clearTimeout(end);
        unsubscribe();
      };
      res.on('close', close);
    },
  );
};
