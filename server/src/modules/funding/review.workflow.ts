import {
  OBJECTION_ACTION_NAMES,
  OBJECTION_STATE_NAMES,
  type ObjectionAction,
  type ObjectionState,
  REVIEW_ACTION_NAMES,
  REVIEW_STATE_NAMES,
  type ReviewAction,
  type ReviewState,
  reviewScoreHundredths,
} from '@linli/common';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { notify } from '../../platform/notifications.ts';
import { type Caller, can, inScope } from '../../platform/scope.ts';
import { defineWorkflow, type GuardRefusal, type WorkflowRow } from '../../platform/workflow.ts';
import type { Db } from './funding.repository.ts';

export const REVIEW_LIFECYCLE = 'funding.review';
export const OBJECTION_LIFECYCLE = 'funding.objection';

/**
 * Reviews a caller may see: the district's reviewers' sheets in its scope (review:manage), and
 * otherwise only the caller's own assignments — another evaluator's sheet does not exist for it.
 */
export function reviewsVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('fundingReview as r');
  return can(caller, 'review:manage')
    ? q.where((eb) => inScope(eb, 'r.division_code', caller.scope))
    : q.where('r.reviewerId', '=', caller.actor.id);
}

/** Objections the district answers: those on notices in its scope. */
export function objectionsVisibleTo(db: Db, caller: Caller) {
  return db.selectFrom('fundingObjection as ob').where((eb) => inScope(eb, 'ob.division_code', caller.scope));
}

export interface ReviewWorkflowRow extends WorkflowRow {
  reviewerId: string;
  /** Points for every criterion of the call's template are in. */
  complete: boolean;
  /** The call's public notice is out: its scores are final. */
  noticePublished: boolean;
}

function ownSheet(row: ReviewWorkflowRow, caller: Caller): GuardRefusal | null {
  return row.reviewerId === caller.actor.id ? null : { reason: 'review.notYourSheet' };
}

/**
 * A reviewer's sheet: the reviewer first declares whether it has a conflict of interest (a
 * conflict recuses it from the application, with its reason on record); after "no conflict" it
 * scores and submits, which locks the sheet; the district may return a submitted sheet for
 * revision with a reason until the call's notice is published. Submitting and returning
 * recompute the application's score in the same transaction.
 */
export const reviewLifecycle = defineWorkflow<ReviewState, ReviewAction, ReviewWorkflowRow>({
  name: REVIEW_LIFECYCLE,
  entityType: 'funding_review',
  table: 'funding_review',
  states: ['assigned', 'conflicted', 'scoring', 'submitted'],
  transitions: [
    { action: 'declareNone', from: ['assigned'], to: 'scoring', roles: ['evaluator'], guard: ownSheet },
    {
      action: 'declareConflict',
      from: ['assigned'],
      to: 'conflicted',
      roles: ['evaluator'],
      guard: ownSheet,
      comment: 'required',
    },
    {
      action: 'submit',
      from: ['scoring'],
      to: 'submitted',
      roles: ['evaluator'],
      guard: (row, caller) =>
        ownSheet(row, caller) ?? (row.complete ? null : { reason: 'review.sheetIncomplete' }),
    },
    {
      action: 'return',
      from: ['submitted'],
      to: 'scoring',
      roles: ['district_admin'],
      guard: (row) => (row.noticePublished ? { reason: 'review.noticePublished' } : null),
      comment: 'required',
    },
  ],
  names: {
    'zh-CN': { states: REVIEW_STATE_NAMES['zh-CN'], actions: REVIEW_ACTION_NAMES['zh-CN'] },
    'en-US': { states: REVIEW_STATE_NAMES['en-US'], actions: REVIEW_ACTION_NAMES['en-US'] },
  },
  load: (trx, caller, id) => loadReview(trx, caller, id, true),
  effects: async (trx, { rule, row, input }) => {
    const now = new Date();
    if (rule.action === 'declareNone' || rule.action === 'declareConflict')
      await trx
        .updateTable('fundingReview')
        .set({
          declaredAt: now,
          conflictReason: rule.action === 'declareConflict' ? (input.comment?.trim() ?? null) : null,
        })
        .where('id', '=', row.id)
        .execute();
    if (rule.action === 'submit' || rule.action === 'return') {
      await trx
        .updateTable('fundingReview')
        .set({ submittedAt: rule.action === 'submit' ? now : null })
        .where('id', '=', row.id)
        .execute();
      const { applicationId } = await trx
        .selectFrom('fundingReview')
        .select('applicationId')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      await recomputeScore(trx, applicationId);
    }
    if (rule.action === 'return')
      await notify(
        trx,
        { accountIds: [row.reviewerId] },
        {
          kind: 'review.returned',
          title: { 'zh-CN': '评分表被退回修改', 'en-US': 'A score sheet was returned for revision' },
          body: { 'zh-CN': input.comment?.trim() ?? '', 'en-US': input.comment?.trim() ?? '' },
          link: `/my-reviews/${row.id}`,
          entityType: 'funding_review',
          entityId: row.id,
          divisionCode: row.divisionCode,
        },
      );
    if (rule.action === 'declareConflict')
      await notify(
        trx,
        { roles: ['district_admin'], divisionCode: row.divisionCode },
        {
          kind: 'review.recused',
          title: { 'zh-CN': '评审专家申请回避，请另行安排', 'en-US': 'A reviewer recused; assign another' },
          body: { 'zh-CN': input.comment?.trim() ?? '', 'en-US': input.comment?.trim() ?? '' },
          entityType: 'funding_review',
          entityId: row.id,
          divisionCode: row.divisionCode,
        },
      );
  },
});

export async function loadReview(trx: Db, caller: Caller, id: string, lock: boolean) {
  const q = reviewsVisibleTo(trx, caller)
    .innerJoin('fundingCall as c', 'c.id', 'r.callId')
    .select([
      'r.id',
      'r.state',
      'r.version',
      'r.divisionCode',
      'r.reviewerId',
      sql<boolean>`coalesce(jsonb_array_length(r.scores) = jsonb_array_length(c.scoring_template), false)`.as(
        'complete',
      ),
      sql<boolean>`exists (select 1 from funding_notice n where n.call_id = r.call_id)`.as('noticePublished'),
    ])
    .where('r.id', '=', id);
  const row = await (lock ? q.modifyEnd(sql`for update of r`) : q).executeTakeFirst();
  return row && { ...row, complete: Boolean(row.complete), noticePublished: Boolean(row.noticePublished) };
}

/**
 * The application's score from its submitted sheets (see `reviewScoreHundredths`), written with
 * the application row locked so two sheets submitted at once both count.
 */
export async function recomputeScore(trx: Transaction<DB>, applicationId: string): Promise<void> {
  await trx
    .selectFrom('fundingApplication')
    .select('id')
    .where('id', '=', applicationId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const sheets = await trx
    .selectFrom('fundingReview')
    .select('totalPoints')
    .where('applicationId', '=', applicationId)
    .where('state', '=', 'submitted')
    .execute();
  const hundredths = reviewScoreHundredths(sheets.map((s) => Math.round(Number(s.totalPoints) * 10)));
  await trx
    .updateTable('fundingApplication')
    .set({
      reviewScore: hundredths === null ? null : sql<number>`${(hundredths / 100).toFixed(2)}::numeric`,
      reviewCount: sheets.length,
    })
    .where('id', '=', applicationId)
    .execute();
}

export interface ObjectionWorkflowRow extends WorkflowRow {
  noticeId: string;
  applicationId: string;
}

/**
 * An objection (异议) to an application on a public notice: the district answers it with a reply;
 * an upheld objection excludes the application from the award.
 */
export const objectionLifecycle = defineWorkflow<ObjectionState, ObjectionAction, ObjectionWorkflowRow>({
  name: OBJECTION_LIFECYCLE,
  entityType: 'funding_objection',
  table: 'funding_objection',
  states: ['pending', 'upheld', 'dismissed'],
  transitions: [
    { action: 'uphold', from: ['pending'], to: 'upheld', roles: ['district_admin'], comment: 'required' },
    { action: 'dismiss', from: ['pending'], to: 'dismissed', roles: ['district_admin'], comment: 'required' },
  ],
  names: {
    'zh-CN': { states: OBJECTION_STATE_NAMES['zh-CN'], actions: OBJECTION_ACTION_NAMES['zh-CN'] },
    'en-US': { states: OBJECTION_STATE_NAMES['en-US'], actions: OBJECTION_ACTION_NAMES['en-US'] },
  },
  load: (trx, caller, id) =>
    objectionsVisibleTo(trx, caller)
      .select(['ob.id', 'ob.state', 'ob.version', 'ob.divisionCode', 'ob.noticeId', 'ob.applicationId'])
      .where('ob.id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
  effects: async (trx, { rule, row, input, caller }) => {
    await trx
      .updateTable('fundingObjection')
      .set({
        reply: input.comment?.trim() ?? null,
        answeredByName: caller.actor.name,
        answeredAt: new Date(),
      })
      .where('id', '=', row.id)
      .execute();
    const filer = await trx
      .selectFrom('fundingObjection')
      .select('filedBy')
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    await notify(
      trx,
      { accountIds: [filer.filedBy] },
      {
        kind: 'notice.objectionAnswered',
        title: { 'zh-CN': '您提出的异议已答复', 'en-US': 'Your objection has been answered' },
        body: { 'zh-CN': input.comment?.trim() ?? '', 'en-US': input.comment?.trim() ?? '' },
        link: `/notices/${row.noticeId}`,
        entityType: 'funding_objection',
        entityId: row.id,
        divisionCode: row.divisionCode,
      },
    );
    if (rule.action === 'uphold')
      await trx
        .updateTable('fundingNoticeItem')
        .set({ excluded: true })
        .where('noticeId', '=', row.noticeId)
        .where('applicationId', '=', row.applicationId)
        .execute();
  },
});
