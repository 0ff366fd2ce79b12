import { type Static, Type } from '@sinclair/typebox';
import { Page, PageQuery } from '../../platform/http-schemas.ts';

export const AuditEntrySchema = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    actorId: Type.Union([Type.String(), Type.Null()]),
    actorName: Type.Union([Type.String(), Type.Null()]),
    actorRole: Type.Union([Type.String(), Type.Null()]),
    onBehalfOf: Type.Union([Type.String(), Type.Null()], { description: '代办时：居民编号' }),
    onBehalfName: Type.Union([Type.String(), Type.Null()], { description: '代办时：居民姓名' }),
    onBehalfReason: Type.Union([Type.String(), Type.Null()], { description: '代办原因' }),
    action: Type.String(),
    entityType: Type.String(),
    entityId: Type.Union([Type.String(), Type.Null()]),
    divisionCode: Type.Union([Type.String(), Type.Null()]),
    before: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    after: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
    success: Type.Boolean(),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    hash: Type.String(),
  },
  { $id: 'AuditEntry' },
);

const Filters = {
  actor: Type.Optional(Type.String({ maxLength: 64, description: '操作人姓名（部分）' })),
  action: Type.Optional(Type.String({ maxLength: 64 })),
  entityType: Type.Optional(Type.String({ maxLength: 64 })),
  entityId: Type.Optional(Type.String({ maxLength: 64 })),
  success: Type.Optional(Type.Boolean()),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
};

export const AuditQuery = Type.Object({ ...PageQuery, ...Filters });
export const AuditExportQuery = Type.Object(Filters);
export const AuditPage = Page(Type.Unsafe<Static<typeof AuditEntrySchema>>({ $ref: 'AuditEntry' }));

export type AuditEntry = Static<typeof AuditEntrySchema>;
export type AuditFilters = Static<typeof AuditExportQuery>;
