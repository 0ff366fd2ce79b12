import {
  EVENT_ACTIONS,
  EVENT_DEPARTMENT_ROLES,
  EVENT_PHOTO_STAGES,
  EVENT_RATINGS,
  EVENT_SORTS,
  EVENT_SOURCES,
  EVENT_STATES,
  EVENT_STEPS,
  EXTENSION_STATES,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, ref } from '../../platform/http-schemas.ts';

const DateTime = Type.String({ format: 'date-time' });
const DateText = Type.String({ format: 'date' });
const Longitude = Type.Number({ minimum: 73, maximum: 136, description: '经度（WGS-84）' });
const Latitude = Type.Number({ minimum: 3, maximum: 54, description: '纬度（WGS-84）' });
const GridCode = Type.String({ pattern: '^[0-9]{15}$', description: '网格代码（15 位）' });
const DivisionPrefix = Type.String({ pattern: '^[0-9]{6,15}$', description: '区划代码（前缀匹配）' });
const CategoryCode = Type.String({ pattern: '^[0-9]{4}$', description: '事件小类代码' });
const PhotoIds = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 9, uniqueItems: true });
const Rate = (description: string) => Nullable(Type.Number({ minimum: 0, maximum: 1, description }));

export const EventStateSchema = literalUnion(EVENT_STATES, { $id: 'EventState' });
export const EventActionSchema = literalUnion(EVENT_ACTIONS, { $id: 'EventAction' });
export const EventSourceSchema = literalUnion(EVENT_SOURCES, { $id: 'EventSource' });
export const EventRatingSchema = literalUnion(EVENT_RATINGS, { $id: 'EventRating' });
const StepSchema = literalUnion(EVENT_STEPS);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const listItem = {
  id: Type.String(),
  no: Type.String({ description: '事件编号，如 SJ2026112700012' }),
  state: ref(EventStateSchema),
  categoryCode: Type.String(),
  categoryName: Type.String(),
  className: Type.String({ description: '所属大类名称' }),
  divisionCode: Type.String({ description: '网格代码' }),
  gridName: Type.String(),
  communityName: Type.String(),
  description: Type.String(),
  address: Nullable(Type.String()),
  longitude: Nullable(Type.Number()),
  latitude: Nullable(Type.Number()),
  source: ref(EventSourceSchema),
  reporterName: Type.String(),
  leadDepartment: Nullable(Type.String({ description: '当前主办部门' })),
  step: Nullable(StepSchema),
  dueAt: Nullable(Type.String({ format: 'date-time', description: '当前环节的办理时限' })),
  overdue: Type.Boolean({ description: '当前环节已超期' }),
  everOverdue: Type.Boolean({ description: '曾经超期（统计用）' }),
  reopened: Type.Integer({ description: '因不满意重办的次数' }),
  rating: Nullable(ref(EventRatingSchema)),
  photoCount: Type.Integer(),
  reportedAt: DateTime,
  updatedAt: DateTime,
  version: Type.Integer(),
};
export const EventListItemSchema = Type.Object(listItem, { $id: 'EventListItem' });

export const EventDepartmentSchema = Type.Object(
  {
    department: Type.String(),
    role: literalUnion(EVENT_DEPARTMENT_ROLES),
    assignedAt: DateTime,
    releasedAt: Nullable(DateTime),
    returned: Type.Boolean({ description: '由该部门退单' }),
    returnReason: Nullable(Type.String()),
  },
  { $id: 'EventDepartment' },
);

export const EventPhotoSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    stage: literalUnion(EVENT_PHOTO_STAGES),
    width: Type.Integer(),
    height: Type.Integer(),
    uploadedByName: Type.String(),
    createdAt: DateTime,
  },
  { $id: 'EventPhoto' },
);

export const EventExtensionSchema = Type.Object(
  {
    id: Type.String(),
    department: Type.String(),
    days: Type.Integer({ description: '申请延长的工作日数' }),
    reason: Type.String(),
    state: literalUnion(EXTENSION_STATES),
    requestedByName: Type.String(),
    requestedAt: DateTime,
    decidedByName: Nullable(Type.String()),
    decidedAt: Nullable(DateTime),
    decisionComment: Nullable(Type.String()),
  },
  { $id: 'EventExtension' },
);

export const EventHistoryEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    action: Type.String(),
    actionName: Type.String(),
    fromState: Type.String(),
    toState: Type.String(),
    comment: Nullable(Type.String()),
    data: Type.Unknown({ description: '该步骤的数据：派遣部门、处置结果、评价、延期天数、位置等' }),
    actorName: Type.String(),
    actorRole: Nullable(Type.String()),
    onBehalfName: Nullable(Type.String()),
    at: DateTime,
  },
  { $id: 'EventHistoryEntry' },
);

export const EventDetailSchema = Type.Object(
  {
    ...listItem,
    contactName: Nullable(Type.String()),
    contactPhone: Nullable(Type.String({ description: '来电人电话（已脱敏）' })),
    handleResult: Nullable(Type.String()),
    mergedInto: Nullable(Type.Object({ id: Type.String(), no: Type.String() })),
    stepStartedAt: Nullable(DateTime),
    overdueCount: Type.Integer(),
    returnedCount: Type.Integer(),
    ratingComment: Nullable(Type.String()),
    filedAt: Nullable(DateTime),
    dispatchedAt: Nullable(DateTime),
    handledAt: Nullable(DateTime),
    closedAt: Nullable(DateTime),
    ratedAt: Nullable(DateTime),
    departments: Type.Array(ref(EventDepartmentSchema)),
    photos: Type.Array(ref(EventPhotoSchema)),
    extensions: Type.Array(ref(EventExtensionSchema)),
    abilities: Type.Array(ref(EventActionSchema), { description: '当前用户现在可以执行的操作' }),
    history: Type.Array(ref(EventHistoryEntrySchema), { description: '办理过程，新的在前' }),
  },
  { $id: 'EventDetail' },
);

const filters = {
  state: Type.Optional(
    Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$', description: '状态，可用逗号分隔多个' }),
  ),
  categoryCode: Type.Optional(
    Type.String({
      pattern: '^[0-9]{2}([0-9]{2})?(,[0-9]{2}([0-9]{2})?)*$',
      description: '大类或小类，可用逗号分隔多个',
    }),
  ),
  divisionCode: Type.Optional(DivisionPrefix),
  overdue: Type.Optional(Type.Boolean()),
  department: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  q: Type.Optional(Type.String({ maxLength: 50, description: '全文检索：描述、地址、编号' })),
  mine: Type.Optional(
    literalUnion(['reported', 'tasks'] as const, {
      description: 'reported：我上报的；tasks：等我办理的（我现在能执行操作的）',
    }),
  ),
  sort: Type.Optional(literalUnion(EVENT_SORTS)),
};
export const EventListQuery = Type.Object({
  ...filters,
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export const EventExportQuery = Type.Object(filters);
export const EventPage = Type.Object({
  items: Type.Array(ref(EventListItemSchema)),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const CreateEventBody = Type.Object(
  {
    categoryCode: CategoryCode,
    divisionCode: GridCode,
    description: Type.String({ minLength: 5, maxLength: 1000 }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    longitude: Type.Optional(Nullable(Longitude)),
    latitude: Type.Optional(Nullable(Latitude)),
    photoIds: Type.Optional(PhotoIds),
    source: Type.Optional(literalUnion(EVENT_SOURCES)),
    contactName: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    contactPhone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    action: literalUnion(EVENT_ACTIONS),
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    data: Type.Optional(
      Type.Object(
        {
          lead: Type.Optional(
            Type.String({ minLength: 1, maxLength: 30, description: 'dispatch：主办部门' }),
          ),
          assists: Type.Optional(
            Type.Array(Type.String({ minLength: 1, maxLength: 30 }), {
              maxItems: 10,
              uniqueItems: true,
              description: 'dispatch：协办部门',
            }),
          ),
          result: Type.Optional(
            Type.String({ minLength: 1, maxLength: 1000, description: 'handle：处置结果' }),
          ),
          photoIds: Type.Optional(PhotoIds),
          rating: Type.Optional(
            Type.Union([Type.Literal('satisfied'), Type.Literal('basic'), Type.Literal('unsatisfied')], {
              description: 'rate：评价',
            }),
          ),
          days: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 30, description: 'requestExtension：延长的工作日数' }),
          ),
          into: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'merge：并入的事件' })),
          longitude: Type.Optional(Longitude),
          latitude: Type.Optional(Latitude),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const DuplicatesQuery = Type.Object({
  categoryCode: CategoryCode,
  divisionCode: GridCode,
  longitude: Type.Optional(Longitude),
  latitude: Type.Optional(Latitude),
  excludeId: Type.Optional(Type.String({ maxLength: 64, description: '排除的事件（合并时排除自身）' })),
});
export const DuplicateSchema = Type.Object(
  {
    id: Type.String(),
    no: Type.String(),
    state: ref(EventStateSchema),
    description: Type.String(),
    address: Nullable(Type.String()),
    divisionCode: Type.String(),
    gridName: Type.String(),
    reportedAt: DateTime,
    distanceMetres: Nullable(Type.Integer({ description: '与所报位置的距离（米）；无坐标时为空' })),
  },
  { $id: 'EventDuplicate' },
);

export const MapQuery = Type.Object({ divisionCode: Type.Optional(DivisionPrefix) });
export const EventMapSchema = Type.Object(
  {
    grids: Type.Array(
      Type.Object({
        divisionCode: Type.String(),
        name: Type.String(),
        open: Type.Integer(),
        overdue: Type.Integer(),
      }),
    ),
    points: Type.Array(
      Type.Object({
        id: Type.String(),
        no: Type.String(),
        state: ref(EventStateSchema),
        categoryName: Type.String(),
        divisionCode: Type.String(),
        longitude: Type.Number(),
        latitude: Type.Number(),
        overdue: Type.Boolean(),
      }),
      { description: '有坐标的未办结事件（最多 2000 个，超期的在前）' },
    ),
  },
  { $id: 'EventMap' },
);

export const StatsQuery = Type.Object({
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  divisionCode: Type.Optional(DivisionPrefix),
});
export const EventStatsRowSchema = Type.Object(
  {
    key: Type.String(),
    name: Type.String(),
    total: Type.Integer({ description: '上报数' }),
    closed: Type.Integer({ description: '办结数（已结案、已评价）' }),
    onTimeRate: Rate('按期办结率：办结事件中从未超期的比例'),
    returnRate: Rate('退单率：派遣中被退单的比例'),
    avgHandlingHours: Nullable(Type.Number({ description: '平均处置时长（小时，派遣到处置完成）' })),
    satisfactionRate: Rate('满意率：评价中满意与基本满意的比例'),
    overdue: Type.Integer({ description: '曾超期的事件数' }),
  },
  { $id: 'EventStatsRow' },
);
export const EventStatsSchema = Type.Object(
  {
    from: Nullable(DateText),
    to: Nullable(DateText),
    byCategory: Type.Array(ref(EventStatsRowSchema)),
    byDepartment: Type.Array(ref(EventStatsRowSchema)),
    byGrid: Type.Array(ref(EventStatsRowSchema)),
    byMonth: Type.Array(ref(EventStatsRowSchema)),
    departmentRanking: Type.Array(
      Type.Object({
        rank: Type.Integer(),
        score: Type.Number({ description: '综合得分 0–100' }),
        row: ref(EventStatsRowSchema),
      }),
      { description: '部门排名：按期办结率 40%、满意率 40%、(1−退单率) 20%' },
    ),
  },
  { $id: 'EventStats' },
);

export const PhotoUploadSchema = Type.Object(
  {
    id: Type.String(),
    url: Type.String(),
    width: Type.Integer(),
    height: Type.Integer(),
    size: Type.Integer(),
  },
  { $id: 'EventPhotoUpload' },
);

export type EventListItem = Static<typeof EventListItemSchema>;
export type EventDetail = Static<typeof EventDetailSchema>;
export type EventFilters = Static<typeof EventExportQuery>;
export type EventListInput = Static<typeof EventListQuery>;
export type CreateEventInput = Static<typeof CreateEventBody>;
export type TransitionInput = Static<typeof TransitionBody>;
export type DuplicatesInput = Static<typeof DuplicatesQuery>;
export type Duplicate = Static<typeof DuplicateSchema>;
export type EventMap = Static<typeof EventMapSchema>;
export type StatsInput = Static<typeof StatsQuery>;
export type EventStatsRow = Static<typeof EventStatsRowSchema>;
export type EventStats = Static<typeof EventStatsSchema>;
export type PhotoUpload = Static<typeof PhotoUploadSchema>;

export const EVENT_SCHEMAS = [
  EventStateSchema,
  EventActionSchema,
  EventSourceSchema,
  EventRatingSchema,
  EventListItemSchema,
  EventDepartmentSchema,
  EventPhotoSchema,
  EventExtensionSchema,
  EventHistoryEntrySchema,
  EventDetailSchema,
  DuplicateSchema,
  EventMapSchema,
  EventStatsRowSchema,
  EventStatsSchema,
  PhotoUploadSchema,
];
