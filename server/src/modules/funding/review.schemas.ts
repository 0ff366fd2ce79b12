import { OBJECTION_STATES, REVIEW_STATES } from '@linli/common';
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { literalUnion, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Points = Type.Number({ description: '分数（保留一位小数）' });

export const ReviewStateSchema = literalUnion(REVIEW_STATES, { $id: 'ReviewState' });
export const ObjectionStateSchema = literalUnion(OBJECTION_STATES, { $id: 'ObjectionState' });

// ---------------------------------------------------------------- reviews (score sheets)

export const ReviewSummarySchema = Type.Object(
  {
    id: Type.String(),
    applicationId: Type.String(),
    applicationTitle: Type.String(),
    organizationName: Type.String(),
    callId: Type.String(),
    callTitle: Type.String(),
    reviewerId: Type.String(),
    reviewerName: Type.String(),
    state: ref(ReviewStateSchema),
    conflictReason: Nullable(Type.String()),
    scores: Nullable(Type.Array(Points)),
    totalPoints: Nullable(Points),
    comment: Nullable(Type.String()),
    declaredAt: Nullable(Type.String({ format: 'date-time' })),
    submittedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
    version: Type.Integer(),
    abilities: Type.Object({
      declare: Type.Boolean(),
      score: Type.Boolean(),
      submit: Type.Boolean(),
      return: Type.Boolean(),
    }),
  },
  { $id: 'ReviewSummary' },
);

export const ReviewDetailSchema = Type.Object(
  {
    ...ReviewSummarySchema.properties,
    scoringTemplate: Type.Array(Type.Object({ name: Type.String(), maxPoints: Type.Integer() })),
    maxTotal: Type.Number(),
    application: Type.Object({
      focusArea: Type.String(),
      plan: Type.String(),
      outcomes: Type.String(),
      requestedFen: Type.Integer(),
      budgetLines: Type.Array(Type.Object({ item: Type.String(), amountFen: Type.Integer() })),
    }),
  },
  { $id: 'ReviewDetail' },
);

export const MyReviewQuery = Type.Object({
  ...PageQuery,
  state: Type.Optional(literalUnion(REVIEW_STATES)),
});
export const ReviewPage = Page(ref(ReviewSummarySchema));

export const SaveSheetBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    scores: Type.Array(Type.Number({ minimum: 0, maximum: 1000 }), { minItems: 1, maxItems: 20 }),
    comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);
export const ReviewTransitionBody = Type.Object(
  {
    action: literalUnion(['declareNone', 'declareConflict', 'submit'] as const),
    version: Type.Integer({ minimum: 1 }),
    comment: Type.Optional(
      Nullable(Type.String({ maxLength: 500, description: '回避理由（申请回避时必填）' })),
    ),
  },
  { additionalProperties: false },
);
export const ReturnReviewBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    reason: Type.String({ minLength: 2, maxLength: 500 }),
  },
  { additionalProperties: false },
);

export const AssignReviewersBody = Type.Object(
  {
    reviewerIds: Type.Array(Id, { minItems: 1, maxItems: 15, uniqueItems: true }),
    applicationIds: Type.Optional(
      Type.Array(Id, {
        minItems: 1,
        maxItems: 500,
        uniqueItems: true,
        description: '只分配给这些申报；省略则分配给本征集全部已提交的申报（同一专家组）',
      }),
    ),
  },
  { additionalProperties: false },
);
export const AssignResultSchema = Type.Object(
  {
    assigned: Type.Integer({ description: '新分配的评分表数' }),
    skipped: Type.Integer({ description: '已分配过或已回避而跳过的' }),
  },
  { $id: 'AssignResult' },
);

export const ReviewerSchema = Type.Object(
  { id: Type.String(), displayName: Type.String(), username: Type.String() },
  { $id: 'Reviewer' },
);
export const ReviewerList = Type.Array(ref(ReviewerSchema));

// ---------------------------------------------------------------- ranking

export const RankingRowSchema = Type.Object(
  {
    applicationId: Type.String(),
    title: Type.String(),
    organizationName: Type.String(),
    organizationGrade: Nullable(Type.String()),
    priority: Type.Boolean(),
    state: Type.String(),
    requestedFen: Type.Integer(),
    awardedFen: Nullable(Type.Integer()),
    score: Nullable(
      Type.Number({ description: '评审得分：已提交评分表的平均分，5 份及以上去掉一个最高分和一个最低分' }),
    ),
    rankingScore: Nullable(Type.Number({ description: '排名得分 = 评审得分 + 等级优先加分' })),
    rank: Nullable(Type.Integer()),
    reviewers: Type.Integer({ description: '分配的评审（不含回避）' }),
    submitted: Type.Integer({ description: '已提交的评分表' }),
    conflicted: Type.Integer({ description: '回避' }),
    onNotice: Type.Boolean(),
    excluded: Type.Boolean(),
  },
  { $id: 'RankingRow' },
);
export const CallRankingSchema = Type.Object(
  {
    callId: Type.String(),
    callTitle: Type.String(),
    callState: Type.String(),
    priorityGrade: Type.String(),
    priorityBonus: Type.Number(),
    noticeId: Nullable(Type.String()),
    items: Type.Array(ref(RankingRowSchema), { description: '本页的排名行' }),
    total: Type.Integer({ description: '已提交和已立项的申报数' }),
    ranked: Type.Integer({ description: '有评审得分（参与排名）的申报数' }),
    reviewed: Type.Integer({ description: '评分表全部提交（不含回避）的申报数' }),
    onNotice: Type.Integer({ description: '列入公示且未因异议成立取消的申报数' }),
    limit: Type.Integer(),
    offset: Type.Integer(),
    abilities: Type.Object({ assign: Type.Boolean(), publish: Type.Boolean() }),
  },
  { $id: 'CallRanking' },
);
export const RankingQuery = Type.Object({ ...PageQuery });

export const ReviewResultSchema = Type.Object(
  {
    applicationId: Type.String(),
    score: Nullable(Type.Number()),
    rankingScore: Nullable(Type.Number()),
    rank: Nullable(Type.Integer()),
    rankedOf: Type.Integer(),
    priority: Type.Boolean(),
    sheets: Type.Integer({ description: '已提交的评分表数（不含评审人姓名）' }),
    notice: Nullable(
      Type.Object({
        id: Type.String(),
        endsAt: Type.String({ format: 'date-time' }),
        listed: Type.Boolean(),
        excluded: Type.Boolean(),
      }),
    ),
  },
  { $id: 'ReviewResult' },
);

// ---------------------------------------------------------------- notices and objections

export const PublishNoticeBody = Type.Object(
  {
    applications: Type.Array(
      Type.Object(
        {
          applicationId: Id,
          proposedFen: Type.Integer({ minimum: 1, maximum: 1e13, description: '拟立项金额（分）' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
    workingDays: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 30, description: '公示期（工作日），默认 5' }),
    ),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  },
  { additionalProperties: false },
);

export const NoticeItemSchema = Type.Object(
  {
    applicationId: Type.String(),
    position: Type.Integer(),
    title: Type.String(),
    organizationName: Type.String(),
    score: Type.Number(),
    rankingScore: Type.Number(),
    priority: Type.Boolean(),
    proposedFen: Type.Integer(),
    excluded: Type.Boolean(),
    state: Type.String(),
  },
  { $id: 'NoticeItem' },
);

export const ObjectionSchema = Type.Object(
  {
    id: Type.String(),
    noticeId: Type.String(),
    applicationId: Type.String(),
    applicationTitle: Type.String(),
    reason: Type.String(),
    filedByName: Type.String(),
    mine: Type.Boolean(),
    state: ref(ObjectionStateSchema),
    reply: Nullable(Type.String()),
    answeredByName: Nullable(Type.String()),
    answeredAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
    version: Type.Integer(),
    abilities: Type.Object({ answer: Type.Boolean() }),
  },
  { $id: 'Objection' },
);

export const NoticeSummarySchema = Type.Object(
  {
    id: Type.String(),
    callId: Type.String(),
    title: Type.String(),
    note: Nullable(Type.String()),
    workingDays: Type.Integer(),
    publishedAt: Type.String({ format: 'date-time' }),
    endsAt: Type.String({ format: 'date-time' }),
    running: Type.Boolean({ description: '公示期内' }),
    items: Type.Integer(),
    pendingObjections: Type.Integer(),
  },
  { $id: 'NoticeSummary' },
);
export const NoticeDetailSchema = Type.Object(
  {
    ...NoticeSummarySchema.properties,
    entries: Type.Array(ref(NoticeItemSchema)),
    objections: Type.Array(ref(ObjectionSchema), {
      description: '区民政局看到全部异议；其他人只看到自己提出的',
    }),
    abilities: Type.Object({ object: Type.Boolean() }),
  },
  { $id: 'NoticeDetail' },
);
export const NoticeListQuery = Type.Object({
  ...PageQuery,
  running: Type.Optional(Type.Boolean({ description: '只看公示期内的' })),
});
export const NoticePage = Page(ref(NoticeSummarySchema));

export const FileObjectionBody = Type.Object(
  {
    applicationId: Id,
    reason: Type.String({ minLength: 5, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export const AnswerObjectionBody = Type.Object(
  {
    action: literalUnion(['uphold', 'dismiss'] as const),
    version: Type.Integer({ minimum: 1 }),
    reply: Type.String({ minLength: 2, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

export const REVIEW_SCHEMAS = [
  ReviewStateSchema,
  ObjectionStateSchema,
  ReviewSummarySchema,
  ReviewDetailSchema,
  AssignResultSchema,
  ReviewerSchema,
  RankingRowSchema,
  CallRankingSchema,
  ReviewResultSchema,
  NoticeItemSchema,
  ObjectionSchema,
  NoticeSummarySchema,
  NoticeDetailSchema,
];

export type ReviewSummary = Static<typeof ReviewSummarySchema>;
export type ReviewDetail = Static<typeof ReviewDetailSchema>;
export type SaveSheetInput = Static<typeof SaveSheetBody>;
export type ReviewTransitionInput = Static<typeof ReviewTransitionBody>;
export type ReturnReviewInput = Static<typeof ReturnReviewBody>;
export type AssignReviewersInput = Static<typeof AssignReviewersBody>;
export type AssignResult = Static<typeof AssignResultSchema>;
export type Reviewer = Static<typeof ReviewerSchema>;
export type RankingRow = Static<typeof RankingRowSchema>;
export type CallRanking = Static<typeof CallRankingSchema>;
export type ReviewResult = Static<typeof ReviewResultSchema>;
export type PublishNoticeInput = Static<typeof PublishNoticeBody>;
export type NoticeItem = Static<typeof NoticeItemSchema>;
export type Objection = Static<typeof ObjectionSchema>;
export type NoticeSummary = Static<typeof NoticeSummarySchema>;
export type NoticeDetail = Static<typeof NoticeDetailSchema>;
export type FileObjectionInput = Static<typeof FileObjectionBody>;
export type AnswerObjectionInput = Static<typeof AnswerObjectionBody>;
