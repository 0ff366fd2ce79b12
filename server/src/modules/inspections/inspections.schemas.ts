import { ORGANIZATION_GRADES, ORGANIZATION_KINDS } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, PageQuery, ref } from '../../platform/http-schemas.ts';

/** 已报送 → 已审核, with 退回补正 in between (R2.5). */
export const INSPECTION_STATES = ['submitted', 'returned', 'reviewed'] as const;
export type InspectionState = (typeof INSPECTION_STATES)[number];
export const INSPECTION_ACTIONS = ['review', 'return', 'resubmit'] as const;
export type InspectionAction = (typeof INSPECTION_ACTIONS)[number];
/** 合格 / 基本合格 / 不合格 (民政部 conclusions, reference/standards.md §4). */
export const INSPECTION_RESULTS = ['qualified', 'basically_qualified', 'unqualified'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];

type Names<K extends string> = Record<'zh-CN' | 'en-US', Record<K, string>>;
export const INSPECTION_STATE_NAMES: Names<InspectionState> = {
  'zh-CN': { submitted: '已报送', returned: '退回补正', reviewed: '已审核' },
  'en-US': { submitted: 'Submitted', returned: 'Returned for correction', reviewed: 'Reviewed' },
};
export const INSPECTION_ACTION_NAMES: Names<InspectionAction> = {
  'zh-CN': { review: '审核', return: '退回补正', resubmit: '重新报送' },
  'en-US': { review: 'Review', return: 'Return for correction', resubmit: 'Resubmit' },
};
export const INSPECTION_RESULT_NAMES: Names<InspectionResult> = {
  'zh-CN': { qualified: '合格', basically_qualified: '基本合格', unqualified: '不合格' },
  'en-US': { qualified: 'Qualified', basically_qualified: 'Basically qualified', unqualified: 'Unqualified' },
};

export const InspectionStateSchema = literalUnion(INSPECTION_STATES, { $id: 'InspectionState' });
export const InspectionResultSchema = literalUnion(INSPECTION_RESULTS, { $id: 'InspectionResult' });

const DateText = Type.String({ format: 'date' });
const Year = Type.Integer({ minimum: 2000, maximum: 2100 });

export const InspectionAbilitiesSchema = Type.Object(
  { review: Type.Boolean(), return: Type.Boolean(), resubmit: Type.Boolean() },
  { $id: 'InspectionAbilities' },
);

const properties = {
  id: Type.String(),
  organizationId: Type.String(),
  organizationName: Type.String(),
  organizationKind: literalUnion(ORGANIZATION_KINDS),
  divisionCode: Type.String(),
  divisionName: Type.String(),
  year: Type.Integer({ description: '年检年度' }),
  state: ref(InspectionStateSchema),
  submittedOn: DateText,
  reportSummary: Nullable(Type.String()),
  simplified: Type.Boolean({ description: '简化年检：报送时评估等级达到配置的门槛' }),
  gradeAtSubmission: Nullable(literalUnion(ORGANIZATION_GRADES)),
  result: Nullable(ref(InspectionResultSchema)),
  findings: Nullable(Type.String()),
  inspectorName: Nullable(Type.String()),
  reviewedOn: Nullable(DateText),
  version: Type.Integer(),
  abilities: ref(InspectionAbilitiesSchema),
};
export const InspectionSchema = Type.Object(properties, { $id: 'Inspection' });

export const InspectionHistoryEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    action: Type.String(),
    actionName: Type.String(),
    comment: Nullable(Type.String()),
    actorName: Type.String(),
    at: Type.String({ format: 'date-time' }),
  },
  { $id: 'InspectionHistoryEntry' },
);

export const InspectionDetailSchema = Type.Object(
  { ...properties, history: Type.Array(ref(InspectionHistoryEntrySchema)) },
  { $id: 'InspectionDetail' },
);

export const OverdueOrganizationSchema = Type.Object(
  {
    organizationId: Type.String(),
    name: Type.String(),
    kind: literalUnion(ORGANIZATION_KINDS),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    grade: Nullable(literalUnion(ORGANIZATION_GRADES)),
    registeredOn: Nullable(DateText),
  },
  { $id: 'OverdueOrganization' },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const DivisionPrefix = Type.String({ pattern: '^[0-9]{6,12}$', description: '区划代码前缀' });
const Filters = {
  year: Type.Optional(Year),
  result: Type.Optional(literalUnion(INSPECTION_RESULTS)),
  state: Type.Optional(literalUnion(INSPECTION_STATES)),
  simplified: Type.Optional(Type.Boolean()),
  divisionCode: Type.Optional(DivisionPrefix),
  organizationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  q: Type.Optional(Type.String({ maxLength: 50, description: '组织名称包含' })),
};
export const ListQuery = Type.Object({ ...PageQuery, ...Filters });
export const ExportQuery = Type.Object(Filters);
export const OverdueQuery = Type.Object({
  ...PageQuery,
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100, description: '年检年度，默认上一年度' })),
  asOf: Type.Optional(Type.String({ format: 'date', description: '按哪一天计算逾期，默认今天（北京时间）' })),
  divisionCode: Type.Optional(DivisionPrefix),
});

export const CreateInspectionBody = Type.Object(
  {
    organizationId: Type.String({ minLength: 1, maxLength: 64 }),
    year: Year,
    submittedOn: Type.Optional(Type.String({ format: 'date', description: '报送日期，默认今天' })),
    reportSummary: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

export const TransitionBody = Type.Object(
  {
    action: literalUnion(INSPECTION_ACTIONS),
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    result: Type.Optional(literalUnion(INSPECTION_RESULTS)),
    findings: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    reportSummary: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

export const InspectionPage = Type.Object({
  items: Type.Array(ref(InspectionSchema)),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const OverduePage = Type.Object({
  year: Type.Integer(),
  deadline: DateText,
  due: Type.Boolean({ description: '截止日期已过' }),
  items: Type.Array(ref(OverdueOrganizationSchema)),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export type InspectionAbilities = Static<typeof InspectionAbilitiesSchema>;
export type Inspection = Static<typeof InspectionSchema>;
export type InspectionDetail = Static<typeof InspectionDetailSchema>;
export type OverdueOrganization = Static<typeof OverdueOrganizationSchema>;
export type InspectionFilters = Static<typeof ExportQuery>;
export type ListInput = Static<typeof ListQuery>;
export type OverdueInput = Static<typeof OverdueQuery>;
export type OverdueList = Static<typeof OverduePage>;
export type CreateInspectionInput = Static<typeof CreateInspectionBody>;
export type TransitionInputBody = Static<typeof TransitionBody>;

export const INSPECTION_SCHEMAS = [
  InspectionStateSchema,
  InspectionResultSchema,
  InspectionAbilitiesSchema,
  InspectionSchema,
  InspectionHistoryEntrySchema,
  InspectionDetailSchema,
  OverdueOrganizationSchema,
];
