import {
  APPLICATION_STATES,
  CALL_ACTIONS,
  CALL_STATES,
  FOCUS_AREAS,
  FUND_CHANNELS,
  NEED_SOURCES,
  ORGANIZATION_GRADES,
  ORGANIZATION_KINDS,
  POSTING_KINDS,
} from '@linli/common';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { literalUnion, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateText = Type.String({ format: 'date' });
const Fen = (description: string) => Type.Integer({ minimum: 0, maximum: 1e13, description });
const PositiveFen = (description: string) => Type.Integer({ minimum: 1, maximum: 1e13, description });

export const FundChannelSchema = literalUnion(FUND_CHANNELS, { $id: 'FundChannel' });
export const FocusAreaSchema = literalUnion(FOCUS_AREAS, { $id: 'FocusArea' });
export const PostingKindSchema = literalUnion(POSTING_KINDS, { $id: 'FundPostingKind' });
export const NeedSourceSchema = literalUnion(NEED_SOURCES, { $id: 'NeedSource' });
export const CallStateSchema = literalUnion(CALL_STATES, { $id: 'CallState' });
export const ApplicationStateSchema = literalUnion(APPLICATION_STATES, { $id: 'ApplicationState' });

const ChannelInput = literalUnion(FUND_CHANNELS);
const FocusInput = literalUnion(FOCUS_AREAS);
const KindInput = literalUnion(ORGANIZATION_KINDS);
const GradeInput = literalUnion(ORGANIZATION_GRADES);
const FocusList = Type.Array(FocusInput, { minItems: 1, maxItems: FOCUS_AREAS.length, uniqueItems: true });

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

// ---------------------------------------------------------------- funds

export const FundSchema = Type.Object(
  {
    id: Type.String(),
    year: Type.Integer(),
    channel: ref(FundChannelSchema),
    name: Type.String(),
    focusAreas: Type.Array(ref(FocusAreaSchema)),
    budgetFen: Type.Integer({ description: '预算（分）' }),
    committedFen: Type.Integer({ description: '已占用（立项）金额（分），含已拨付' }),
    paidFen: Type.Integer({ description: '已拨付（分）' }),
    remainingFen: Type.Integer({ description: '可用余额（分）= 预算 − 已占用' }),
    note: Nullable(Type.String()),
    version: Type.Integer(),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Fund' },
);

const Totals = {
  budgetFen: Type.Integer(),
  committedFen: Type.Integer(),
  paidFen: Type.Integer(),
  remainingFen: Type.Integer(),
};

export const FundSummarySchema = Type.Object(
  {
    year: Nullable(Type.Integer()),
    funds: Type.Integer(),
    ...Totals,
    byChannel: Type.Array(Type.Object({ channel: ref(FundChannelSchema), funds: Type.Integer(), ...Totals })),
    byFocusArea: Type.Array(
      Type.Object({
        focusArea: ref(FocusAreaSchema),
        funds: Type.Integer({ description: '覆盖该领域的资金个数' }),
        budgetFen: Type.Integer({
          description: '覆盖该领域的资金预算合计（分）；多领域资金计入每个领域，各领域相加会超过总预算',
        }),
        remainingFen: Type.Integer({ description: '覆盖该领域的资金尚可占用的余额（分），同样可能重叠' }),
        committedFen: Type.Integer({ description: '该领域项目占用的金额（分）' }),
        paidFen: Type.Integer({ description: '该领域项目已拨付（分）' }),
        awarded: Type.Integer({ description: '立项项目数' }),
      }),
    ),
  },
  { $id: 'FundSummary' },
);

export const FundPostingSchema = Type.Object(
  {
    id: Type.Integer(),
    kind: ref(PostingKindSchema),
    amountFen: Type.Integer({ description: '金额（分）；调整可为负' }),
    focusArea: Nullable(ref(FocusAreaSchema)),
    referenceType: Nullable(Type.String()),
    referenceId: Nullable(Type.String()),
    referenceTitle: Nullable(Type.String({ description: '项目名称（合同或申报）' })),
    contractId: Nullable(Type.String({ description: '项目的合同（已签约时），页面据此链接' })),
    applicationId: Nullable(Type.String()),
    trancheSeq: Nullable(Type.Integer({ description: '拨付的第几笔' })),
    reason: Nullable(Type.String()),
    actorName: Type.String(),
    at: Type.String({ format: 'date-time' }),
  },
  { $id: 'FundPosting' },
);

const FundFilters = {
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  channel: Type.Optional(ChannelInput),
  focusArea: Type.Optional(FocusInput),
};
export const FundListQuery = Type.Object({ ...PageQuery, ...FundFilters });
export const FundExportQuery = Type.Object(FundFilters);
export const FundSummaryQuery = Type.Object({ year: FundFilters.year });
export const PostingListQuery = Type.Object({ ...PageQuery });

export const CreateFundBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100 }),
    channel: ChannelInput,
    name: Type.String({ minLength: 2, maxLength: 100 }),
    focusAreas: FocusList,
    budgetFen: Fen('预算（分）'),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const UpdateFundBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    name: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    focusAreas: Type.Optional(FocusList),
    budgetFen: Type.Optional(Fen('预算（分），不能低于已占用金额')),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const AdjustFundBody = Type.Object(
  {
    amountFen: Type.Integer({
      minimum: -1e13,
      maximum: 1e13,
      not: { const: 0 },
      description: '对已占用金额的调整（分），正数增加、负数减少',
    }),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const FundPage = Page(ref(FundSchema));
export const PostingPage = Page(ref(FundPostingSchema));

// ---------------------------------------------------------------- needs

export const NeedSchema = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Nullable(Type.String()),
    focusArea: ref(FocusAreaSchema),
    divisionCode: Type.String(),
    divisionName: Type.String(),
    source: ref(NeedSourceSchema),
    department: Nullable(Type.String()),
    estimatedFen: Nullable(Type.Integer({ description: '估算金额（分）' })),
    callId: Nullable(Type.String()),
    callTitle: Nullable(Type.String()),
    createdByName: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    version: Type.Integer(),
    abilities: Type.Object({ update: Type.Boolean() }),
  },
  { $id: 'Need' },
);

const NeedFilters = {
  q: Type.Optional(Type.String({ maxLength: 50, description: '标题包含' })),
  focusArea: Type.Optional(FocusInput),
  source: Type.Optional(literalUnion(NEED_SOURCES)),
  divisionCode: Type.Optional(Type.String({ pattern: '^[0-9]{6,12}$', description: '区划代码前缀' })),
  unassigned: Type.Optional(Type.Boolean({ description: '只看尚未纳入征集的需求' })),
  callId: Type.Optional(Type.String({ maxLength: 64 })),
};
export const NeedListQuery = Type.Object({ ...PageQuery, ...NeedFilters });
export const NeedExportQuery = Type.Object(NeedFilters);

const NeedFields = {
  title: Type.String({ minLength: 2, maxLength: 100 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  focusArea: FocusInput,
  divisionCode: Type.String({ pattern: '^([0-9]{6}|[0-9]{9}|[0-9]{12})$', description: '需求所在区划' }),
  estimatedFen: Type.Optional(Nullable(Fen('估算金额（分）'))),
};
export const CreateNeedBody = Type.Object(NeedFields, { additionalProperties: false });
export const UpdateNeedBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(NeedFields.title),
    description: NeedFields.description,
    focusArea: Type.Optional(FocusInput),
    divisionCode: Type.Optional(NeedFields.divisionCode),
    estimatedFen: NeedFields.estimatedFen,
  },
  { additionalProperties: false },
);
export const NeedPage = Page(ref(NeedSchema));

// ---------------------------------------------------------------- calls

const scoringCriterion = {
  name: Type.String({ minLength: 1, maxLength: 50 }),
  maxPoints: Type.Integer({ minimum: 1, maximum: 100 }),
};
export const ScoringCriterionSchema = Type.Object(scoringCriterion, { $id: 'ScoringCriterion' });
/** Inline in request bodies, so a bad value is reported against the field itself. */
const ScoringCriterionInput = Type.Object(scoringCriterion, { additionalProperties: false });

const CallAbilities = Type.Object({
  update: Type.Boolean(),
  open: Type.Boolean(),
  close: Type.Boolean(),
  apply: Type.Boolean({ description: '当前账号可以申报（征集中、未截止）' }),
});

const callSummary = {
  id: Type.String(),
  title: Type.String(),
  fundId: Type.String(),
  fundName: Type.String(),
  channel: ref(FundChannelSchema),
  budgetCeilingFen: Type.Integer({ description: '预算上限（分）' }),
  focusAreas: Type.Array(ref(FocusAreaSchema)),
  eligibleKinds: Type.Array(literalUnion(ORGANIZATION_KINDS)),
  minGrade: Nullable(GradeInput),
  outsideAllowed: Type.Boolean({ description: '域外社会组织可同等条件申报' }),
  priorityGrade: GradeInput,
  opensOn: DateText,
  closesOn: DateText,
  deadlinePassed: Type.Boolean({ description: '按北京时间已过截止日期' }),
  state: ref(CallStateSchema),
  applications: Type.Integer({ description: '已提交或已立项的申报数' }),
  awardedFen: Type.Integer({ description: '已立项金额（分）' }),
  version: Type.Integer(),
  abilities: CallAbilities,
};
export const CallSummarySchema = Type.Object(callSummary, { $id: 'CallSummary' });
export const CallDetailSchema = Type.Object(
  {
    ...callSummary,
    description: Nullable(Type.String()),
    scoringTemplate: Type.Array(ref(ScoringCriterionSchema)),
    needs: Type.Array(ref(NeedSchema)),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'CallDetail' },
);

const CallFilters = {
  q: Type.Optional(Type.String({ maxLength: 50, description: '标题包含' })),
  state: Type.Optional(literalUnion(CALL_STATES)),
  fundId: Type.Optional(Type.String({ maxLength: 64 })),
  focusArea: Type.Optional(FocusInput),
  acceptingOnly: Type.Optional(Type.Boolean({ description: '只看征集中且未截止的' })),
};
export const CallListQuery = Type.Object({ ...PageQuery, ...CallFilters });
export const CallExportQuery = Type.Object(CallFilters);

const CallFields = {
  title: Type.String({ minLength: 2, maxLength: 100 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  fundId: Type.String({ minLength: 1, maxLength: 64 }),
  budgetCeilingFen: PositiveFen('预算上限（分）'),
  focusAreas: FocusList,
  eligibleKinds: Type.Array(KindInput, {
    minItems: 1,
    uniqueItems: true,
    maxItems: ORGANIZATION_KINDS.length,
  }),
  minGrade: Type.Optional(Nullable(GradeInput)),
  outsideAllowed: Type.Optional(Type.Boolean()),
  priorityGrade: Type.Optional(GradeInput),
  scoringTemplate: Type.Array(ScoringCriterionInput, { minItems: 1, maxItems: 20 }),
  opensOn: DateText,
  closesOn: DateText,
  needIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 200, uniqueItems: true })),
};
export const CreateCallBody = Type.Object(CallFields, { additionalProperties: false });
export const UpdateCallBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(CallFields.title),
    description: CallFields.description,
    fundId: Type.Optional(CallFields.fundId),
    budgetCeilingFen: Type.Optional(CallFields.budgetCeilingFen),
    focusAreas: Type.Optional(CallFields.focusAreas),
    eligibleKinds: Type.Optional(CallFields.eligibleKinds),
    minGrade: CallFields.minGrade,
    outsideAllowed: CallFields.outsideAllowed,
    priorityGrade: CallFields.priorityGrade,
    scoringTemplate: Type.Optional(CallFields.scoringTemplate),
    opensOn: Type.Optional(CallFields.opensOn),
    closesOn: Type.Optional(CallFields.closesOn),
    needIds: CallFields.needIds,
  },
  { additionalProperties: false },
);
export const CallTransitionBody = Type.Object(
  {
    action: literalUnion(CALL_ACTIONS),
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const CallPage = Page(ref(CallSummarySchema));

// ---------------------------------------------------------------- applications

const budgetLine = {
  item: Type.String({ minLength: 1, maxLength: 100 }),
  amountFen: PositiveFen('金额（分）'),
};
export const BudgetLineSchema = Type.Object(budgetLine, { $id: 'BudgetLine' });
const BudgetLineInput = Type.Object(budgetLine, { additionalProperties: false });

const applicationSummary = {
  id: Type.String(),
  callId: Type.String(),
  callTitle: Type.String(),
  organizationId: Type.String(),
  organizationName: Type.String(),
  organizationGrade: Nullable(GradeInput),
  fromOutside: Type.Boolean({ description: '域外社会组织' }),
  priority: Type.Boolean({ description: '等级达到征集的优先门槛（R4.4）' }),
  title: Type.String(),
  focusArea: ref(FocusAreaSchema),
  requestedFen: Type.Integer({ description: '申请金额（分）= 预算明细之和' }),
  awardedFen: Nullable(Type.Integer({ description: '立项金额（分）' })),
  state: ref(ApplicationStateSchema),
  submittedAt: Nullable(Type.String({ format: 'date-time' })),
  enteredByDistrict: Type.Boolean({ description: '由区民政局代为录入' }),
  version: Type.Integer(),
  abilities: Type.Object({
    update: Type.Boolean(),
    submit: Type.Boolean(),
    withdraw: Type.Boolean(),
    award: Type.Boolean(),
  }),
};
export const ApplicationSummarySchema = Type.Object(applicationSummary, { $id: 'ApplicationSummary' });
export const ApplicationDetailSchema = Type.Object(
  {
    ...applicationSummary,
    plan: Type.String(),
    outcomes: Type.String(),
    budgetLines: Type.Array(ref(BudgetLineSchema)),
    callClosesOn: DateText,
    budgetCeilingFen: Type.Integer(),
    awardedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'ApplicationDetail' },
);

export const APPLICATION_SORTS = ['priority', 'submittedAt', 'requestedFen', 'createdAt'] as const;
const ApplicationFilters = {
  q: Type.Optional(Type.String({ maxLength: 50, description: '项目名称或组织名称包含' })),
  callId: Type.Optional(Type.String({ maxLength: 64 })),
  state: Type.Optional(literalUnion(APPLICATION_STATES)),
  focusArea: Type.Optional(FocusInput),
  fromOutside: Type.Optional(Type.Boolean()),
  priorityOnly: Type.Optional(Type.Boolean({ description: '只看优先（等级达到门槛）的组织' })),
  sort: Type.Optional(literalUnion(APPLICATION_SORTS)),
};
export const ApplicationListQuery = Type.Object({ ...PageQuery, ...ApplicationFilters });
export const ApplicationExportQuery = Type.Object(ApplicationFilters);

const ApplicationFields = {
  title: Type.String({ minLength: 2, maxLength: 100 }),
  focusArea: FocusInput,
  plan: Type.String({ minLength: 1, maxLength: 8000 }),
  outcomes: Type.String({ minLength: 1, maxLength: 4000 }),
  budgetLines: Type.Array(BudgetLineInput, { minItems: 1, maxItems: 50 }),
};
export const CreateApplicationBody = Type.Object(
  {
    callId: Type.String({ minLength: 1, maxLength: 64 }),
    organizationId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: '区民政局代为申报时选择的组织' }),
    ),
    ...ApplicationFields,
  },
  { additionalProperties: false },
);
export const UpdateApplicationBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(ApplicationFields.title),
    focusArea: Type.Optional(FocusInput),
    plan: Type.Optional(ApplicationFields.plan),
    outcomes: Type.Optional(ApplicationFields.outcomes),
    budgetLines: Type.Optional(ApplicationFields.budgetLines),
  },
  { additionalProperties: false },
);
export const ApplicationTransitionBody = Type.Object(
  {
    action: literalUnion(['submit', 'withdraw'] as const),
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const AwardBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    amountFen: PositiveFen('立项金额（分），从资金中占用'),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);
export const ApplicationPage = Page(ref(ApplicationSummarySchema));

export type Fund = Static<typeof FundSchema>;
export type FundSummary = Static<typeof FundSummarySchema>;
export type FundPosting = Static<typeof FundPostingSchema>;
export type Need = Static<typeof NeedSchema>;
export type CallSummary = Static<typeof CallSummarySchema>;
export type CallDetail = Static<typeof CallDetailSchema>;
export type ScoringCriterion = Static<typeof ScoringCriterionSchema>;
export type BudgetLine = Static<typeof BudgetLineSchema>;
export type ApplicationSummary = Static<typeof ApplicationSummarySchema>;
export type ApplicationDetail = Static<typeof ApplicationDetailSchema>;
export type FundFilters = Static<typeof FundExportQuery>;
export type CreateFundInput = Static<typeof CreateFundBody>;
export type UpdateFundInput = Static<typeof UpdateFundBody>;
export type AdjustFundInput = Static<typeof AdjustFundBody>;
export type NeedFilters = Static<typeof NeedExportQuery>;
export type CreateNeedInput = Static<typeof CreateNeedBody>;
export type UpdateNeedInput = Static<typeof UpdateNeedBody>;
export type CallFilters = Static<typeof CallExportQuery>;
export type CreateCallInput = Static<typeof CreateCallBody>;
export type UpdateCallInput = Static<typeof UpdateCallBody>;
export type CallTransitionInput = Static<typeof CallTransitionBody>;
export type ApplicationFilters = Static<typeof ApplicationExportQuery>;
export type CreateApplicationInput = Static<typeof CreateApplicationBody>;
export type UpdateApplicationInput = Static<typeof UpdateApplicationBody>;
export type ApplicationTransitionInput = Static<typeof ApplicationTransitionBody>;
export type AwardInput = Static<typeof AwardBody>;

export const FUNDING_SCHEMAS = [
  FundChannelSchema,
  FocusAreaSchema,
  PostingKindSchema,
  NeedSourceSchema,
  CallStateSchema,
  ApplicationStateSchema,
  FundSchema,
  FundSummarySchema,
  FundPostingSchema,
  NeedSchema,
  ScoringCriterionSchema,
  CallSummarySchema,
  CallDetailSchema,
  BudgetLineSchema,
  ApplicationSummarySchema,
  ApplicationDetailSchema,
];
