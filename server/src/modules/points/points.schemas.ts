import { ACTIVITY_CATEGORIES, POINTS_ACCOUNT_KINDS, TRANSFER_KINDS } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, Nullable, Page, PageQuery, ref } from '../../platform/http-schemas.ts';

const DateTime = Type.String({ format: 'date-time' });
/** Hundredths of a point: 250 is 2.5 points. */
const Points = (description = '积分（百分之一分，250 即 2.5 分）') => Type.Integer({ description });
const IdempotencyKey = Type.String({
  minLength: 8,
  maxLength: 200,
  description: '请求编号：重试同一请求时使用同一编号，只记账一次',
});

export const AccountParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 100 }) });

export const PointsAccountSchema = Type.Object(
  {
    id: Type.String(),
    kind: literalUnion(POINTS_ACCOUNT_KINDS),
    ownerId: Nullable(Type.String()),
    name: Type.String(),
    divisionCode: Type.String(),
    balance: Points(),
  },
  { $id: 'PointsAccount' },
);
export type PointsAccount = Static<typeof PointsAccountSchema>;

export const PostingSchema = Type.Object(
  {
    id: Type.Integer(),
    transferId: Type.String(),
    kind: literalUnion(TRANSFER_KINDS),
    amount: Points(),
    memo: Nullable(Type.String()),
    at: DateTime,
  },
  { $id: 'PointsPosting' },
);
export type Posting = Static<typeof PostingSchema>;
export const PostingPage = Page(ref(PostingSchema));
export const PostingListQuery = Type.Object({ ...PageQuery });

export const StatementQuery = Type.Object({ month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }) });
export const StatementSchema = Type.Object(
  {
    account: ref(PointsAccountSchema),
    month: Type.String(),
    opening: Points(),
    earned: Points(),
    spent: Points(),
    closing: Points(),
    postings: Type.Array(ref(PostingSchema)),
  },
  { $id: 'PointsStatement' },
);
export type Statement = Static<typeof StatementSchema>;

export const AwardBody = Type.Object({
  volunteerId: Type.String({ minLength: 1, maxLength: 64 }),
  points: Type.Integer({ minimum: 1, maximum: 10_000_00, description: '积分（百分之一分）' }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  idempotencyKey: IdempotencyKey,
});
export type AwardInput = Static<typeof AwardBody>;

/** The same points to every member of a team (one transfer from the pool). */
export const TeamAwardBody = Type.Object({
  teamId: Type.String({ minLength: 1, maxLength: 64 }),
  points: Type.Integer({ minimum: 1, maximum: 10_000_00, description: '每位队员的积分（百分之一分）' }),
  reason: Type.String({ minLength: 1, maxLength: 500 }),
  idempotencyKey: IdempotencyKey,
});
export type TeamAwardInput = Static<typeof TeamAwardBody>;

/** One volunteer's share of an award transfer. */
export const AwardSchema = Type.Object(
  {
    postingId: Type.Integer(),
    transferId: Type.String(),
    volunteerId: Type.String(),
    volunteerName: Type.String(),
    volunteerNo: Type.String(),
    divisionName: Type.String(),
    points: Points(),
    reason: Nullable(Type.String()),
    teamName: Nullable(Type.String({ description: '按服务队奖励时的服务队' })),
    actorName: Type.String(),
    at: DateTime,
  },
  { $id: 'PointsAward' },
);
export type Award = Static<typeof AwardSchema>;
export const AwardPage = Page(ref(AwardSchema));
export const AwardListQuery = Type.Object({
  ...PageQuery,
  volunteerId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ format: 'date' })),
  to: Type.Optional(Type.String({ format: 'date' })),
});
export type AwardFilters = Static<typeof AwardListQuery>;
export const AwardExportQuery = Type.Omit(AwardListQuery, ['limit', 'offset']);

export const FundPoolBody = Type.Object({
  districtCode: Type.String({ pattern: '^\\d{6}$' }),
  points: Type.Integer({ minimum: 1, maximum: 1_000_000_00 }),
  memo: Type.String({ minLength: 1, maxLength: 500 }),
  idempotencyKey: IdempotencyKey,
});
export type FundPoolInput = Static<typeof FundPoolBody>;

export const TransferSchema = Type.Object(
  {
    id: Type.String(),
    idempotencyKey: Type.String(),
    kind: literalUnion(TRANSFER_KINDS),
    at: DateTime,
    created: Type.Boolean({ description: '为 false 表示该请求编号此前已记账，本次未重复记账' }),
    legs: Type.Array(Type.Object({ accountId: Type.String(), amount: Points() })),
  },
  { $id: 'PointsTransfer' },
);

export const RuleSchema = Type.Object(
  {
    id: Type.String(),
    programId: Nullable(Type.String()),
    programName: Nullable(Type.String()),
    category: Nullable(literalUnion(ACTIVITY_CATEGORIES)),
    pointsPerHour: Points('每小时积分（百分之一分，100 即 1 分）'),
    updatedAt: DateTime,
  },
  { $id: 'PointsRule' },
);
export type Rule = Static<typeof RuleSchema>;
export const SaveRuleBody = Type.Object({
  programId: Nullable(Type.String({ maxLength: 64 })),
  category: Nullable(literalUnion(ACTIVITY_CATEGORIES)),
  pointsPerHour: Type.Integer({ minimum: 0, maximum: 100000 }),
});
export type SaveRuleInput = Static<typeof SaveRuleBody>;

export const POINTS_SCHEMAS = [
  AwardSchema,
  PointsAccountSchema,
  PostingSchema,
  StatementSchema,
  TransferSchema,
  RuleSchema,
];
