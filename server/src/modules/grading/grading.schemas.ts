import {
  GRADE_EVALUATION_ACTIONS,
  GRADE_EVALUATION_STATES,
  GRADE_ROUND_ACTIONS,
  GRADE_ROUND_STATES,
  INDICATOR_TEMPLATE_KEYS,
  ORGANIZATION_GRADES,
  ORGANIZATION_KINDS,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, PageQuery, ref } from '../../platform/http-schemas.ts';

const DateText = Type.String({ format: 'date' });
const Grade = literalUnion(ORGANIZATION_GRADES);
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const GradeBandSchema = Type.Object(
  { grade: Grade, min: Type.Integer({ minimum: 0, maximum: 1000 }) },
  { $id: 'GradeBand', additionalProperties: false },
);

const IndicatorSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ maxLength: 200 }),
    maxPoints: Type.Integer({ minimum: 1, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export const IndicatorAreaSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 40 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    nameEn: Type.String({ maxLength: 200 }),
    indicators: Type.Array(IndicatorSchema, { minItems: 1, maxItems: 60 }),
  },
  { $id: 'GradeIndicatorArea', additionalProperties: false },
);
const Template = Type.Array(ref(IndicatorAreaSchema), { minItems: 1, maxItems: 10 });
export const IndicatorTemplatesSchema = Type.Object(
  { association: Template, service: Template },
  { $id: 'GradeIndicatorTemplates', additionalProperties: false },
);

/** Only registered kinds are graded (Art. 2): 社会团体, 民办非企业单位, 基金会. */
const RegisteredKind = literalUnion(['social_group', 'private_non_enterprise', 'foundation'] as const);

export const GradeRoundSchema = Type.Object(
  {
    id: Type.String(),
    year: Type.Integer(),
    batchNo: Type.Integer(),
    title: Type.String(),
    kinds: Type.Array(RegisteredKind),
    divisionCode: Type.String(),
    applicationsOpenOn: DateText,
    applicationsCloseOn: DateText,
    noticeWorkingDays: Type.Integer(),
    bands: Type.Array(ref(GradeBandSchema)),
    templates: ref(IndicatorTemplatesSchema),
    state: literalUnion(GRADE_ROUND_STATES),
    noticePublishedOn: Nullable(DateText),
    noticeEndsOn: Nullable(DateText),
    counts: Type.Record(Type.String(), Type.Integer(), { description: '各状态的参评组织数' }),
    version: Type.Integer(),
    abilities: Type.Object({
      open: Type.Boolean(),
      startScoring: Type.Boolean(),
      publishNotice: Type.Boolean(),
      close: Type.Boolean(),
      edit: Type.Boolean(),
      apply: Type.Boolean(),
    }),
  },
  { $id: 'GradeRound' },
);
export const EligibilityProblemSchema = Type.Object(
  { reason: Type.String(), text: Type.String() },
  { $id: 'GradeEligibilityProblem' },
);

export const GradeAssignmentSchema = Type.Object(
  {
    id: Type.String(),
    evaluatorId: Type.String(),
    evaluatorName: Type.String(),
    scores: Type.Record(Type.String(), Type.Integer()),
    total: Nullable(Type.Integer()),
    opinion: Nullable(Type.String()),
    submittedAt: Nullable(Type.String({ format: 'date-time' })),
    version: Type.Integer(),
  },
  { $id: 'GradeAssignment' },
);

const evaluationProperties = {
  id: Type.String(),
  roundId: Type.String(),
  roundTitle: Type.String(),
  roundYear: Type.Integer(),
  roundState: literalUnion(GRADE_ROUND_STATES),
  organizationId: Type.String(),
  organizationName: Type.String(),
  organizationKind: literalUnion(ORGANIZATION_KINDS),
  divisionCode: Type.String(),
  templateKey: literalUnion(INDICATOR_TEMPLATE_KEYS),
  state: literalUnion(GRADE_EVALUATION_STATES),
  eligible: Type.Boolean(),
  eligibility: Type.Array(ref(EligibilityProblemSchema)),
  selfScores: Type.Record(Type.String(), Type.Integer()),
  selfTotal: Nullable(Type.Integer()),
  evaluatorScore: Nullable(Type.Number({ description: '评估人员评分的平均分' })),
  committeeScore: Nullable(Type.Number({ description: '评估委员会审定的得分' })),
  proposedGrade: Nullable(Grade),
  reviewReason: Nullable(Type.String()),
  noticeEndsOn: Nullable(DateText),
  appealReason: Nullable(Type.String()),
  appealedOn: Nullable(DateText),
  appealDueOn: Nullable(DateText),
  appealAnswer: Nullable(Type.String()),
  appealAnsweredOn: Nullable(DateText),
  resultGrade: Nullable(Grade),
  confirmedOn: Nullable(DateText),
  validUntil: Nullable(DateText),
  assignedCount: Type.Integer(),
  submittedSheets: Type.Integer(),
  version: Type.Integer(),
  abilities: Type.Object({
    submit: Type.Boolean(),
    accept: Type.Boolean(),
    reject: Type.Boolean(),
    review: Type.Boolean(),
    publish: Type.Boolean(),
    appeal: Type.Boolean(),
    answerAppeal: Type.Boolean(),
    confirm: Type.Boolean(),
    selfAssess: Type.Boolean(),
    assign: Type.Boolean(),
  }),
};
export const GradeEvaluationSchema = Type.Object(evaluationProperties, { $id: 'GradeEvaluation' });

export const GradeEvaluationDetailSchema = Type.Object(
  {
    ...evaluationProperties,
    template: Type.Array(ref(IndicatorAreaSchema)),
    assignments: Type.Array(ref(GradeAssignmentSchema)),
    history: Type.Array(
      Type.Object({
        id: Type.Integer(),
        action: Type.String(),
        actionName: Type.String(),
        comment: Nullable(Type.String()),
        actorName: Type.String(),
        at: Type.String({ format: 'date-time' }),
      }),
    ),
  },
  { $id: 'GradeEvaluationDetail' },
);

export const MyAssignmentSchema = Type.Object(
  {
    ...GradeAssignmentSchema.properties,
    evaluationId: Type.String(),
    evaluationState: literalUnion(GRADE_EVALUATION_STATES),
    roundTitle: Type.String(),
    organizationName: Type.String(),
    organizationKind: literalUnion(ORGANIZATION_KINDS),
    template: Type.Array(ref(IndicatorAreaSchema)),
    editable: Type.Boolean(),
  },
  { $id: 'GradeMyAssignment' },
);

export const IdParams = Type.Object({ id: Id });

export const RoundListQuery = Type.Object({
  ...PageQuery,
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  state: Type.Optional(literalUnion(GRADE_ROUND_STATES)),
});

const RoundFields = {
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
  batchNo: Type.Integer({ minimum: 1, maximum: 99, description: '批次（分批）' }),
  title: Type.String({ minLength: 1, maxLength: 200 }),
  kinds: Type.Array(RegisteredKind, {
    minItems: 1,
    maxItems: 3,
    uniqueItems: true,
    description: '参评类型（分类）',
  }),
  applicationsOpenOn: DateText,
  applicationsCloseOn: DateText,
  noticeWorkingDays: Type.Integer({ minimum: 1, maximum: 30, description: '公示期（工作日）' }),
  bands: Type.Array(ref(GradeBandSchema), { minItems: 1, maxItems: 5, description: '等级分数线' }),
};
export const CreateRoundBody = Type.Object(
  {
    ...RoundFields,
    noticeWorkingDays: Type.Optional(RoundFields.noticeWorkingDays),
    bands: Type.Optional(RoundFields.bands),
    templates: Type.Optional(ref(IndicatorTemplatesSchema)),
  },
  { additionalProperties: false },
);
export const UpdateRoundBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    title: Type.Optional(RoundFields.title),
    applicationsOpenOn: Type.Optional(DateText),
    applicationsCloseOn: Type.Optional(DateText),
    noticeWorkingDays: Type.Optional(RoundFields.noticeWorkingDays),
    bands: Type.Optional(RoundFields.bands),
    templates: Type.Optional(ref(IndicatorTemplatesSchema)),
  },
  { additionalProperties: false },
);
export const RoundTransitionBody = Type.Object(
  {
    action: literalUnion(GRADE_ROUND_ACTIONS),
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  { additionalProperties: false },
);

export const EvaluationListQuery = Type.Object({
  ...PageQuery,
  roundId: Type.Optional(Id),
  state: Type.Optional(literalUnion(GRADE_EVALUATION_STATES)),
  organizationId: Type.Optional(Id),
  q: Type.Optional(Type.String({ maxLength: 50, description: '组织名称包含' })),
});
export const EvaluationExportQuery = Type.Object({ roundId: Id });

export const ApplyBody = Type.Object(
  {
    organizationId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: '默认为本账号所属的组织' }),
    ),
  },
  { additionalProperties: false },
);
export const ScoresBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    scores: Type.Record(Type.String({ maxLength: 40 }), Type.Integer({ minimum: 0, maximum: 1000 })),
    opinion: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export const AssignBody = Type.Object(
  { evaluatorIds: Type.Array(Id, { minItems: 1, maxItems: 5, uniqueItems: true }) },
  { additionalProperties: false },
);
export const EvaluationTransitionBody = Type.Object(
  {
    action: literalUnion(GRADE_EVALUATION_ACTIONS),
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    committeeScore: Type.Optional(
      Type.Number({ minimum: 0, maximum: 1000, description: '委员会调整后的得分' }),
    ),
    grade: Type.Optional(Nullable(Grade)),
  },
  { additionalProperties: false },
);

export const EvaluatorSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
});

export const RoundPage = Type.Object({
  items: Type.Array(ref(GradeRoundSchema)),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});
export const EvaluationPage = Type.Object({
  items: Type.Array(ref(GradeEvaluationSchema)),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
});

export const NoticeEntrySchema = Type.Object(
  {
    organizationName: Type.String(),
    organizationKind: literalUnion(ORGANIZATION_KINDS),
    committeeScore: Nullable(Type.Number()),
    grade: Nullable(Grade),
    state: literalUnion(GRADE_EVALUATION_STATES),
  },
  { $id: 'GradeNoticeEntry' },
);
export const RoundNoticeSchema = Type.Object(
  {
    roundId: Type.String(),
    title: Type.String(),
    publishedOn: Nullable(DateText),
    endsOn: Nullable(DateText),
    entries: Type.Array(ref(NoticeEntrySchema)),
  },
  { $id: 'GradeRoundNotice' },
);

export const GRADING_SCHEMAS = [
  GradeBandSchema,
  IndicatorAreaSchema,
  IndicatorTemplatesSchema,
  GradeRoundSchema,
  EligibilityProblemSchema,
  GradeAssignmentSchema,
  GradeEvaluationSchema,
  GradeEvaluationDetailSchema,
  MyAssignmentSchema,
  NoticeEntrySchema,
  RoundNoticeSchema,
];

export type GradeRound = Static<typeof GradeRoundSchema>;
export type GradeEvaluation = Static<typeof GradeEvaluationSchema>;
export type GradeEvaluationDetail = Static<typeof GradeEvaluationDetailSchema>;
export type GradeAssignment = Static<typeof GradeAssignmentSchema>;
export type MyAssignment = Static<typeof MyAssignmentSchema>;
export type CreateRoundInput = Static<typeof CreateRoundBody>;
export type UpdateRoundInput = Static<typeof UpdateRoundBody>;
export type RoundTransitionInput = Static<typeof RoundTransitionBody>;
export type EvaluationListInput = Static<typeof EvaluationListQuery>;
export type EvaluationTransitionInput = Static<typeof EvaluationTransitionBody>;
export type ScoresInput = Static<typeof ScoresBody>;
export type RoundNotice = Static<typeof RoundNoticeSchema>;
export type NoticeEntry = Static<typeof NoticeEntrySchema>;
