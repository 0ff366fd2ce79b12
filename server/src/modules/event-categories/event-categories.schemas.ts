import {
  CALENDAR_DAY_KINDS,
  CALENDAR_YEAR_MAX,
  CALENDAR_YEAR_MIN,
  EVENT_CATEGORY_CODE_PATTERN,
  TIME_LIMIT_UNITS,
} from '@linli/common';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { literalUnion, ref } from '../../platform/http-schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const TimeLimitSchema = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, description: 'work_minutes：工作时间分钟数；work_days：工作日数' }),
    unit: literalUnion(TIME_LIMIT_UNITS, {
      description: 'work_minutes 工作时（按分钟计）或 work_days 工作日',
    }),
  },
  { $id: 'TimeLimit', additionalProperties: false },
);

export const StepLimitsSchema = Type.Object(
  {
    accept: ref(TimeLimitSchema),
    dispatch: ref(TimeLimitSchema),
    handle: ref(TimeLimitSchema),
    verify: ref(TimeLimitSchema),
  },
  { $id: 'StepTimeLimits', description: '受理、派遣、处置、核查各环节时限', additionalProperties: false },
);

const categoryProperties = {
  code: Type.String({ description: '大类 2 位，小类为大类代码加 2 位' }),
  parentCode: Nullable(Type.String()),
  name: Type.String(),
  nameEn: Type.String(),
  description: Nullable(Type.String()),
  department: Nullable(Type.String({ description: '责任部门（与职能部门授权的部门代码一致，如“城管”）' })),
  limits: Nullable(ref(StepLimitsSchema)),
  sortOrder: Type.Integer(),
  active: Type.Boolean(),
  version: Type.Integer(),
};

export const EventCategorySchema = Type.Object(categoryProperties, { $id: 'EventCategory' });
export const EventClassSchema = Type.Object(
  { ...categoryProperties, children: Type.Array(ref(EventCategorySchema)) },
  { $id: 'EventCategoryClass' },
);
export const EventCategoryTree = Type.Array(ref(EventClassSchema));

export const TreeQuery = Type.Object({
  includeInactive: Type.Optional(Type.Boolean({ description: '包括已停用的类别' })),
});
export const CodeParams = Type.Object({ code: Type.String({ pattern: EVENT_CATEGORY_CODE_PATTERN }) });

const editable = {
  description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  department: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 30 }))),
  limits: Type.Optional(Nullable(StepLimitsInput())),
  sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
};

/** Inline copy for request bodies, so a bad value is reported against the field itself. */
function StepLimitsInput() {
  const limit = Type.Object(
    { amount: Type.Integer({ minimum: 1 }), unit: literalUnion(TIME_LIMIT_UNITS) },
    { additionalProperties: false },
  );
  return Type.Object(
    { accept: limit, dispatch: limit, handle: limit, verify: limit },
    { additionalProperties: false },
  );
}

export const CreateCategoryBody = Type.Object(
  {
    code: Type.String({ pattern: EVENT_CATEGORY_CODE_PATTERN }),
    name: Type.String({ minLength: 1, maxLength: 30 }),
    nameEn: Type.String({ minLength: 1, maxLength: 80 }),
    ...editable,
  },
  { additionalProperties: false },
);

export const UpdateCategoryBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    active: Type.Optional(Type.Boolean({ description: '停用大类会同时停用其下小类' })),
    ...editable,
  },
  { additionalProperties: false },
);

// The working-day calendar.
const DateText = Type.String({ format: 'date' });

export const CalendarDaySchema = Type.Object(
  { date: DateText, kind: literalUnion(CALENDAR_DAY_KINDS), name: Type.String() },
  { $id: 'CalendarDay' },
);

export const CalendarYearInfoSchema = Type.Object(
  {
    year: Type.Integer(),
    source: Nullable(Type.String()),
    holidays: Type.Integer(),
    workdays: Type.Integer(),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
    updatedByName: Type.String(),
  },
  { $id: 'CalendarYearInfo' },
);

export const WorkCalendarSchema = Type.Object(
  {
    years: Type.Array(ref(CalendarYearInfoSchema), { description: '已录入的年份' }),
    year: Type.Integer(),
    loaded: Type.Boolean({ description: '该年是否已录入；未录入的年份不能按工作日计算期限' }),
    version: Nullable(Type.Integer()),
    source: Nullable(Type.String()),
    days: Type.Array(ref(CalendarDaySchema)),
  },
  { $id: 'WorkCalendar' },
);

const Year = Type.Integer({ minimum: CALENDAR_YEAR_MIN, maximum: CALENDAR_YEAR_MAX });
export const CalendarQuery = Type.Object({ year: Type.Optional(Year) });
export const YearParams = Type.Object({ year: Year });

export const SaveCalendarBody = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1, description: '修改已录入的年份时必填' })),
    source: Type.Optional(Nullable(Type.String({ maxLength: 200, description: '依据，如国务院办公厅通知' }))),
    days: Type.Array(
      Type.Object(
        {
          date: DateText,
          kind: literalUnion(CALENDAR_DAY_KINDS),
          name: Type.String({ minLength: 1, maxLength: 30 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 120 },
    ),
  },
  { additionalProperties: false },
);

export const DeadlineQuery = Type.Object({
  start: Type.String({ format: 'date-time' }),
  amount: Type.Integer({ minimum: 0, maximum: 14_400 }),
  unit: literalUnion(TIME_LIMIT_UNITS),
});

export const DeadlineSchema = Type.Object(
  {
    start: Type.String({ format: 'date-time' }),
    deadline: Type.String({ format: 'date-time' }),
    workingMinutes: Type.Number({ description: '起止之间的工作时间（分钟）' }),
  },
  { $id: 'WorkDeadline' },
);

export type EventCategory = Static<typeof EventCategorySchema>;
export type EventClass = Static<typeof EventClassSchema>;
export type CreateCategoryInput = Static<typeof CreateCategoryBody>;
export type UpdateCategoryInput = Static<typeof UpdateCategoryBody>;
export type WorkCalendarView = Static<typeof WorkCalendarSchema>;
export type SaveCalendarInput = Static<typeof SaveCalendarBody>;
export type Deadline = Static<typeof DeadlineSchema>;

export const EVENT_CATEGORY_SCHEMAS = [
  TimeLimitSchema,
  StepLimitsSchema,
  EventCategorySchema,
  EventClassSchema,
  CalendarDaySchema,
  CalendarYearInfoSchema,
  WorkCalendarSchema,
  DeadlineSchema,
];
