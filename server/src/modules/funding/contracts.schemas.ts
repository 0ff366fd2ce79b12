import {
  CONTRACT_ACTIONS,
  CONTRACT_STATES,
  EVALUATION_KINDS,
  EVALUATION_RESULTS,
  FOCUS_AREAS,
  TRANCHE_GATES,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const DateText = Type.String({ format: 'date' });
const DateTime = Type.String({ format: 'date-time' });
const Version = Type.Integer({ minimum: 1 });
const Comment = Type.Optional(Nullable(Type.String({ maxLength: 500 })));

export const ContractStateSchema = literalUnion(CONTRACT_STATES, { $id: 'ContractState' });
export const TrancheGateSchema = literalUnion(TRANCHE_GATES, { $id: 'TrancheGate' });

export const ContractIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const PhotoParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  photoId: Type.String({ minLength: 1, maxLength: 64 }),
});
export const RectificationParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  rectificationId: Type.String({ minLength: 1, maxLength: 64 }),
});

const MilestoneSchema = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), dueOn: DateText },
  { additionalProperties: false },
);
const TrancheInput = Type.Object(
  { gate: literalUnion(TRANCHE_GATES), percent: Type.Integer({ minimum: 1, maximum: 100 }) },
  { additionalProperties: false },
);

const contractSummary = {
  id: Type.String(),
  applicationId: Nullable(Type.String({ description: '来自立项申报时' })),
  fairMatchId: Nullable(Type.String({ description: '来自社洽会签约时' })),
  title: Type.String(),
  organizationId: Type.String(),
  organizationName: Type.String(),
  fundId: Type.String(),
  fundName: Type.String(),
  focusArea: Nullable(literalUnion(FOCUS_AREAS)),
  awardedFen: Type.Integer({ description: '立项金额（分）' }),
  amountFen: Type.Integer({ description: '合同金额（分）' }),
  paidFen: Type.Integer({ description: '已拨付（分）' }),
  startsOn: DateText,
  endsOn: DateText,
  evaluatorAccountId: Type.String(),
  evaluatorName: Type.String(),
  state: ref(ContractStateSchema),
  divisionCode: Type.String(),
  version: Type.Integer(),
  createdAt: DateTime,
};
export const ContractSummarySchema = Type.Object(contractSummary, { $id: 'ContractSummary' });

export const TrancheSchema = Type.Object(
  {
    id: Type.String(),
    seq: Type.Integer(),
    gate: ref(TrancheGateSchema),
    percent: Type.Integer(),
    amountFen: Type.Integer(),
    paidAt: Nullable(DateTime),
  },
  { $id: 'ContractTranche' },
);

export const IndicatorSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    maxScore: Type.Number({ minimum: 1, maximum: 1000 }),
    score: Type.Number({ minimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
);

export const PhotoSchema = Type.Object(
  {
    id: Type.String(),
    evaluationId: Nullable(Type.String()),
    filename: Type.String(),
    mime: Type.String(),
    size: Type.Integer(),
    uploadedByName: Type.String(),
    at: DateTime,
  },
  { $id: 'ContractPhoto' },
);

export const EvaluationSchema = Type.Object(
  {
    id: Type.String(),
    kind: literalUnion(EVALUATION_KINDS),
    round: Type.Integer({ description: '第几次（整改后复评为 2、3 …）' }),
    evaluatorName: Type.String(),
    indicators: Type.Array(IndicatorSchema),
    score: Type.Number(),
    maxScore: Type.Number(),
    visitedOn: DateText,
    visitPlace: Type.String(),
    visitNotes: Type.String(),
    sampleAsked: Type.Integer(),
    sampleSatisfied: Type.Integer(),
    satisfactionRate: Type.Number({ description: '满意率（%）' }),
    findings: Type.String(),
    result: literalUnion(EVALUATION_RESULTS),
    at: DateTime,
  },
  { $id: 'ContractEvaluation' },
);

export const RectificationSchema = Type.Object(
  {
    id: Type.String(),
    evaluationId: Type.String(),
    item: Type.String(),
    dueOn: DateText,
    report: Nullable(Type.String()),
    reportedAt: Nullable(DateTime),
    reportedByName: Nullable(Type.String()),
  },
  { $id: 'ContractRectification' },
);

export const ContractDetailSchema = Type.Object(
  {
    ...contractSummary,
    deliverables: Type.String(),
    milestones: Type.Array(MilestoneSchema),
    tranches: Type.Array(ref(TrancheSchema)),
    evaluations: Type.Array(ref(EvaluationSchema)),
    rectifications: Type.Array(ref(RectificationSchema)),
    photos: Type.Array(ref(PhotoSchema)),
    signedAt: Nullable(DateTime),
    closedAt: Nullable(DateTime),
    history: Type.Array(
      Type.Object({
        id: Type.Integer(),
        action: literalUnion(CONTRACT_ACTIONS),
        actionName: Type.String(),
        actorName: Type.String(),
        comment: Nullable(Type.String()),
        at: DateTime,
      }),
    ),
    abilities: Type.Object({
      update: Type.Boolean(),
      sign: Type.Boolean(),
      terminate: Type.Boolean(),
      start: Type.Boolean(),
      requestFinal: Type.Boolean(),
      evaluate: Nullable(literalUnion(EVALUATION_KINDS)),
      reportRectification: Type.Boolean(),
    }),
  },
  { $id: 'ContractDetail' },
);

const ContractFilters = {
  q: Type.Optional(Type.String({ maxLength: 50, description: '项目名称或组织名称包含' })),
  state: Type.Optional(literalUnion(CONTRACT_STATES)),
  fundId: Type.Optional(Type.String({ maxLength: 64 })),
  focusArea: Type.Optional(literalUnion(FOCUS_AREAS)),
};
export const ContractListQuery = Type.Object({ ...PageQuery, ...ContractFilters });
export const ContractExportQuery = Type.Object(ContractFilters);
export const ContractPage = Page(ref(ContractSummarySchema));

const ContractFields = {
  amountFen: Type.Integer({ minimum: 1, maximum: 1e13, description: '合同金额（分），不超过立项金额' }),
  startsOn: DateText,
  endsOn: DateText,
  deliverables: Type.String({ minLength: 1, maxLength: 4000 }),
  milestones: Type.Array(MilestoneSchema, { maxItems: 20 }),
  tranches: Type.Array(TrancheInput, {
    minItems: 1,
    maxItems: 10,
    description: '拨付计划：各笔比例之和为 100，缺省为 40/40/20',
  }),
  evaluatorAccountId: Type.String({ minLength: 1, maxLength: 64, description: '第三方评估机构账号' }),
};
export const CreateContractBody = Type.Object(
  {
    applicationId: Type.String({ minLength: 1, maxLength: 64 }),
    ...ContractFields,
    amountFen: Type.Optional(ContractFields.amountFen),
    milestones: Type.Optional(ContractFields.milestones),
    tranches: Type.Optional(ContractFields.tranches),
  },
  { additionalProperties: false },
);
export const UpdateContractBody = Type.Object(
  {
    version: Version,
    amountFen: Type.Optional(ContractFields.amountFen),
    startsOn: Type.Optional(DateText),
    endsOn: Type.Optional(DateText),
    deliverables: Type.Optional(ContractFields.deliverables),
    milestones: Type.Optional(ContractFields.milestones),
    tranches: Type.Optional(ContractFields.tranches),
    evaluatorAccountId: Type.Optional(ContractFields.evaluatorAccountId),
  },
  { additionalProperties: false },
);
export const ContractTransitionBody = Type.Object(
  { action: literalUnion(['sign', 'terminate'] as const), version: Version, comment: Comment },
  { additionalProperties: false },
);
export const ContractProgressBody = Type.Object(
  { action: literalUnion(['start', 'request_final'] as const), version: Version, comment: Comment },
  { additionalProperties: false },
);
export const EvaluationBody = Type.Object(
  {
    version: Version,
    kind: literalUnion(EVALUATION_KINDS),
    indicators: Type.Array(IndicatorSchema, { minItems: 1, maxItems: 30 }),
    visitedOn: DateText,
    visitPlace: Type.String({ minLength: 1, maxLength: 200 }),
    visitNotes: Type.String({ maxLength: 4000 }),
    sampleAsked: Type.Integer({ minimum: 1, maximum: 100_000, description: '调查居民人数' }),
    sampleSatisfied: Type.Integer({ minimum: 0, maximum: 100_000, description: '其中满意人数' }),
    findings: Type.String({ minLength: 1, maxLength: 4000 }),
    result: literalUnion(EVALUATION_RESULTS),
    rectifications: Type.Optional(
      Type.Array(
        Type.Object(
          { item: Type.String({ minLength: 1, maxLength: 500 }), dueOn: DateText },
          { additionalProperties: false },
        ),
        { maxItems: 20 },
      ),
    ),
    photoIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export const RectificationReportBody = Type.Object(
  { version: Version, report: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const PhotoUploadQuery = Type.Object({
  filename: Type.String({ minLength: 1, maxLength: 255, description: '原文件名' }),
});
export const EvaluatorOptionSchema = Type.Object({ id: Type.String(), name: Type.String() });

export type ContractSummary = Static<typeof ContractSummarySchema>;
export type ContractDetail = Static<typeof ContractDetailSchema>;
export type ContractFilterInput = Static<typeof ContractExportQuery>;
export type CreateContractInput = Static<typeof CreateContractBody>;
export type UpdateContractInput = Static<typeof UpdateContractBody>;
export type ContractTransitionInput = Static<typeof ContractTransitionBody>;
export type ContractProgressInput = Static<typeof ContractProgressBody>;
export type EvaluationInput = Static<typeof EvaluationBody>;
export type RectificationReportInput = Static<typeof RectificationReportBody>;
export type ContractPhoto = Static<typeof PhotoSchema>;
export type Milestone = Static<typeof MilestoneSchema>;

export const CONTRACT_SCHEMAS = [
  ContractStateSchema,
  TrancheGateSchema,
  ContractSummarySchema,
  TrancheSchema,
  PhotoSchema,
  EvaluationSchema,
  RectificationSchema,
  ContractDetailSchema,
];
