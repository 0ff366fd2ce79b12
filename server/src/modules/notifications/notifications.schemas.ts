import { Type } from '@sinclair/typebox';
import { PageQuery, ref } from '../../platform/http-schemas.ts';

export const NotificationSchema = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.String({ description: '类别，如 event.overdue（事件超期）' }),
    title: Type.String(),
    body: Type.Union([Type.String(), Type.Null()]),
    link: Type.Union([Type.String(), Type.Null()], { description: '在页面中打开的路径' }),
    entityType: Type.Union([Type.String(), Type.Null()]),
    entityId: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    read: Type.Boolean(),
  },
  { $id: 'Notification' },
);

export const NotificationQuery = Type.Object({
  ...PageQuery,
  unread: Type.Optional(Type.Boolean({ description: '只看未读' })),
});

export const NotificationPage = Type.Object({
  items: Type.Array(ref(NotificationSchema)),
  total: Type.Integer(),
  unread: Type.Integer({ description: '未读总数' }),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const UnreadCount = Type.Object({ unread: Type.Integer() });
export const NotificationIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const MarkedCount = Type.Object({ marked: Type.Integer() });
