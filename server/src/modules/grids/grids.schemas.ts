import { GRID_ASSIGNMENT_STATUSES, GRID_DUTY_CODE_PATTERN, GRID_DUTY_ORIGINS } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const DateText = Type.String({ format: 'date' });
const GridCode = Type.String({
  pattern: '^[0-9]{15}$',
  description: '15 位网格代码（社区代码 + 3 位网格序号）',
});

export const GridDutySchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    nameEn: Type.String(),
    origin: literalUnion(GRID_DUTY_ORIGINS, {
      description: 'report：区里文件规定的岗位；extra：常用岗位，可改名或停用；district：区里新增',
    }),
    leader: Type.Boolean({ description: '网格长岗位：每个网格同一时间只有一名' }),
    sortOrder: Type.Integer(),
    active: Type.Boolean(),
    version: Type.Integer(),
  },
  { $id: 'GridDuty' },
);

export const GridAssignmentAbilitiesSchema = Type.Object(
  { end: Type.Boolean({ description: '可结束任职' }) },
  { $id: 'GridAssignmentAbilities' },
);

export const GridAssignmentSchema = Type.Object(
  {
    id: Type.String(),
    gridCode: Type.String(),
    gridName: Type.String(),
    communityName: Type.String(),
    dutyCode: Type.String(),
    dutyName: Type.String(),
    leader: Type.Boolean(),
    personName: Type.String(),
    phone: Nullable(Type.String({ description: '脱敏的手机号' })),
    accountUsername: Nullable(Type.String({ description: '关联的系统账号' })),
    fromDate: DateText,
    toDate: Nullable(DateText),
    current: Type.Boolean({ description: '今天（北京时间）在任' }),
    endReason: Nullable(Type.String()),
    note: Nullable(Type.String()),
    version: Type.Integer(),
    abilities: ref(GridAssignmentAbilitiesSchema),
  },
  { $id: 'GridAssignment' },
);

const DutyCount = Type.Object({ dutyCode: Type.String(), dutyName: Type.String(), count: Type.Integer() });

export const RosterSummarySchema = Type.Object(
  {
    grids: Type.Integer({ description: '范围内的网格数' }),
    gridsWithLeader: Type.Integer({ description: '今天有在任网格长的网格数' }),
    people: Type.Integer({ description: '今天在任的网格人员（人次）' }),
    byDuty: Type.Array(DutyCount),
  },
  { $id: 'GridRosterSummary' },
);

export const GridOverviewSchema = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    communityCode: Type.String(),
    communityName: Type.String(),
    streetCode: Type.String(),
    streetName: Type.String(),
    population: Nullable(Type.Integer({ description: '区划记录的人口' })),
    households: Nullable(Type.Integer({ description: '区划记录的户数' })),
    registeredResidents: Type.Integer({ description: '居民信息库中登记在本网格的居民' }),
    leaderName: Nullable(Type.String()),
    byDuty: Type.Array(DutyCount),
    canAssign: Type.Boolean({ description: '当前用户可安排或结束本网格人员' }),
  },
  { $id: 'GridOverview' },
);

export const GridAssignmentPage = Page(ref(GridAssignmentSchema));
export const GridDutyList = Type.Array(ref(GridDutySchema));

export const GridParams = Type.Object({ code: GridCode });
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const DutyParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) });

const Filters = {
  gridCode: Type.Optional(GridCode),
  divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: '区划代码前缀' })),
  duty: Type.Optional(Type.String({ maxLength: 40, description: '岗位代码' })),
  status: Type.Optional(
    literalUnion(GRID_ASSIGNMENT_STATUSES, { description: 'current 在任（默认）、ended 已离任、all 全部' }),
  ),
  q: Type.Optional(Type.String({ maxLength: 50, description: '姓名包含' })),
};

export const ListQuery = Type.Object({ ...PageQuery, ...Filters });
export const ExportQuery = Type.Object(Filters);
export const SummaryQuery = Type.Object({
  divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,15}$', description: '区划代码前缀' })),
});

export const CreateAssignmentBody = Type.Object(
  {
    gridCode: GridCode,
    dutyCode: Type.String({ minLength: 1, maxLength: 40 }),
    personName: Type.String({ minLength: 1, maxLength: 50 }),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
    accountUsername: Type.Optional(
      Nullable(Type.String({ maxLength: 64, description: '关联的系统账号用户名' })),
    ),
    fromDate: Type.Optional(DateText),
    toDate: Type.Optional(Nullable(DateText)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const EndAssignmentBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    toDate: Type.Optional(DateText),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);

export const CreateDutyBody = Type.Object(
  {
    code: Type.String({ pattern: GRID_DUTY_CODE_PATTERN, description: '岗位代码（小写字母、数字、下划线）' }),
    name: Type.String({ minLength: 1, maxLength: 30 }),
    nameEn: Type.String({ minLength: 1, maxLength: 60 }),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  },
  { additionalProperties: false },
);

export const UpdateDutyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 30 })),
    nameEn: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    sortOrder: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export type GridDuty = Static<typeof GridDutySchema>;
export type GridAssignment = Static<typeof GridAssignmentSchema>;
export type GridAssignmentAbilities = Static<typeof GridAssignmentAbilitiesSchema>;
export type RosterSummary = Static<typeof RosterSummarySchema>;
export type GridOverview = Static<typeof GridOverviewSchema>;
export type AssignmentFilters = Static<typeof ExportQuery>;
export type CreateAssignmentInput = Static<typeof CreateAssignmentBody>;
export type EndAssignmentInput = Static<typeof EndAssignmentBody>;
export type CreateDutyInput = Static<typeof CreateDutyBody>;
export type UpdateDutyInput = Static<typeof UpdateDutyBody>;

export const GRID_SCHEMAS = [
  GridDutySchema,
  GridAssignmentAbilitiesSchema,
  GridAssignmentSchema,
  RosterSummarySchema,
  GridOverviewSchema,
];
