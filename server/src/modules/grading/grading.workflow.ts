import {
  GRADE_EVALUATION_ACTION_NAMES,
  GRADE_EVALUATION_STATE_NAMES,
  GRADE_ROUND_ACTION_NAMES,
  GRADE_ROUND_STATE_NAMES,
  type GradeEvaluationAction,
  type GradeEvaluationState,
  type GradeRoundAction,
  type GradeRoundState,
} from '@linli/common';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { notify } from '../../platform/notifications.ts';
import type { Caller } from '../../platform/scope.ts';
import { defineWorkflow, type GuardRefusal, type WorkflowRow } from '../../platform/workflow.ts';
import { BEIJING_TODAY, evaluationsVisibleTo, roundsVisibleTo } from './grading.repository.ts';

export const EVALUATION_WORKFLOW = 'grading.evaluation';
export const ROUND_WORKFLOW = 'grading.round';

export interface EvaluationWorkflowRow extends WorkflowRow {
  organizationId: string;
  organizationName: string;
  eligible: boolean;
  eligibilityText: string;
  assigned: number;
  pendingSheets: number;
  noticeEndsOn: string | null;
  /** The round's notice period has ended (Beijing date after its last day). */
  noticeOver: boolean;
}

/** What the service hands to the effects of one step (decided before the transition). */
export interface EvaluationStepData {
  on: string;
  evaluatorScore?: number | null;
  committeeScore?: number | null;
  proposedGrade?: string | null;
  reason?: string | null;
  appealDueOn?: string;
  validUntil?: string;
}

function ownOrganization(row: EvaluationWorkflowRow, caller: Caller): GuardRefusal | null {
  return (caller.organizationIds ?? []).includes(row.organizationId)
    ? null
    : { reason: 'grading.ownOrganization' };
}

/** The accounts acting for an organization: who is told about its evaluation. */
async function organizationAccounts(trx: Transaction<DB>, organizationId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('roleGrant')
    .select('accountId')
    .where('organizationId', '=', organizationId)
    .execute();
  return rows.map((r) => r.accountId);
}

const TOLD: Partial<Record<GradeEvaluationAction, { 'zh-CN': string; 'en-US': string }>> = {
  reject: {
    'zh-CN': '等级评估申报未通过资格审核',
    'en-US': 'Your grade-evaluation application was not admitted',
  },
  publish: {
    'zh-CN': '等级评估结果已公示，可在公示期内申请复核',
    'en-US': 'Your grade-evaluation result is on notice',
  },
  answerAppeal: { 'zh-CN': '等级评估复核申请已答复', 'en-US': 'Your re-examination request was answered' },
  confirm: { 'zh-CN': '评估等级已确认', 'en-US': 'Your evaluation grade is confirmed' },
};

/**
 * One organization's evaluation (procedure steps 2–7 of 民政部令第39号): the organization submits its
 * application with its self-assessment; the district checks eligibility; assigned evaluators score;
 * the committee reviews (confirming or adjusting the evaluators' score with a reason); the result
 * goes on notice; the organization may request 复核 during the notice period, answered within 15
 * days; after the notice the district confirms and the grade is written to the organization.
 */
export const evaluationWorkflow = defineWorkflow<
  GradeEvaluationState,
  GradeEvaluationAction,
  EvaluationWorkflowRow
>({
  name: EVALUATION_WORKFLOW,
  entityType: 'grade_evaluation',
  table: 'grade_evaluation',
  states: [
    'applied',
    'submitted',
    'accepted',
    'rejected',
    'reviewed',
    'notice',
    'appealed',
    'answered',
    'confirmed',
  ],
  transitions: [
    { action: 'submit', from: ['applied'], to: 'submitted', roles: ['social_org'], guard: ownOrganization },
    {
      action: 'accept',
      from: ['submitted'],
      to: 'accepted',
      roles: ['district_admin'],
      guard: (row) =>
        row.eligible
          ? null
          : { reason: 'grading.notEligible', reasonParams: { reasons: row.eligibilityText } },
    },
    { action: 'reject', from: ['submitted'], to: 'rejected', roles: ['district_admin'], comment: 'required' },
    {
      action: 'review',
      from: ['accepted'],
      to: 'reviewed',
      roles: ['district_admin'],
      guard: (row) =>
        row.assigned > 0 && row.pendingSheets === 0 ? null : { reason: 'grading.sheetsPending' },
    },
    { action: 'publish', from: ['reviewed'], to: 'notice', roles: ['district_admin'] },
    {
      action: 'appeal',
      from: ['notice'],
      to: 'appealed',
      roles: ['social_org'],
      comment: 'required',
      guard: (row, caller) =>
        ownOrganization(row, caller) ??
        (row.noticeOver
          ? { reason: 'grading.noticeEnded', reasonParams: { endsOn: row.noticeEndsOn } }
          : null),
    },
    {
      action: 'answerAppeal',
      from: ['appealed'],
      to: 'answered',
      roles: ['district_admin'],
      comment: 'required',
    },
    {
      action: 'confirm',
      from: ['notice', 'answered'],
      to: 'confirmed',
      roles: ['district_admin'],
      guard: (row) =>
        row.noticeOver
          ? null
          : { reason: 'grading.noticeRunning', reasonParams: { endsOn: row.noticeEndsOn } },
    },
  ],
  names: {
    'zh-CN': {
      states: GRADE_EVALUATION_STATE_NAMES['zh-CN'],
      actions: GRADE_EVALUATION_ACTION_NAMES['zh-CN'],
    },
    'en-US': {
      states: GRADE_EVALUATION_STATE_NAMES['en-US'],
      actions: GRADE_EVALUATION_ACTION_NAMES['en-US'],
    },
  },
  load: async (trx, caller, id) => {
    const row = await evaluationsVisibleTo(trx, caller)
      .innerJoin('gradeRound as r', 'r.id', 'e.roundId')
      .innerJoin('organization as o', 'o.id', 'e.organizationId')
      .select([
        'e.id',
        'e.state',
        'e.version',
        'e.divisionCode',
        'e.organizationId',
        'o.name as organizationName',
        'e.eligibility',
        sql<number>`(select count(*)::int from grade_assignment ga where ga.evaluation_id = e.id)`.as(
          'assigned',
        ),
        sql<number>`(select count(*)::int from grade_assignment ga where ga.evaluation_id = e.id and ga.submitted_at is null)`.as(
          'pendingSheets',
        ),
        sql<string | null>`r.notice_ends_on::text`.as('noticeEndsOn'),
        sql<boolean>`coalesce(r.notice_ends_on < ${BEIJING_TODAY}, false)`.as('noticeOver'),
      ])
      .where('e.id', '=', id)
      .modifyEnd(sql`for update of e`)
      .executeTakeFirst();
    if (!row) return undefined;
    const problems = (row.eligibility ?? []) as Array<{ text?: string }>;
    return {
      ...row,
      assigned: Number(row.assigned),
      pendingSheets: Number(row.pendingSheets),
      noticeOver: Boolean(row.noticeOver),
      eligible: problems.length === 0,
      eligibilityText: problems.map((p) => p.text ?? '').join('；'),
    };
  },
  effects: async (trx, { rule, row, input, caller }) => {
    const data = (input.data ?? {}) as unknown as EvaluationStepData;
    const comment = input.comment?.trim() || null;
    if (rule.action === 'review')
      await trx
        .updateTable('gradeEvaluation')
        .set({
          evaluatorScore: data.evaluatorScore ?? null,
          committeeScore: data.committeeScore ?? null,
          proposedGrade: data.proposedGrade ?? null,
          reviewReason: data.reason ?? null,
        })
        .where('id', '=', row.id)
        .execute();
    if (rule.action === 'appeal')
      await trx
        .updateTable('gradeEvaluation')
        .set({ appealReason: comment, appealedOn: data.on, appealDueOn: data.appealDueOn ?? null })
        .where('id', '=', row.id)
        .execute();
    if (rule.action === 'answerAppeal')
      await trx
        .updateTable('gradeEvaluation')
        .set({
          appealAnswer: comment,
          appealAnsweredOn: data.on,
          ...(data.committeeScore === undefined ? {} : { committeeScore: data.committeeScore }),
          ...(data.proposedGrade === undefined ? {} : { proposedGrade: data.proposedGrade }),
        })
        .where('id', '=', row.id)
        .execute();
    if (rule.action === 'confirm') await confirmGrade(trx, caller, row, data);
    const told = TOLD[rule.action];
    if (told)
      await notify(
        trx,
        { accountIds: await organizationAccounts(trx, row.organizationId) },
        {
          kind: `grading.${rule.action}`,
          title: told,
          body: { 'zh-CN': row.organizationName, 'en-US': row.organizationName },
          link: `/grading/evaluations/${row.id}`,
          entityType: 'grade_evaluation',
          entityId: row.id,
          divisionCode: row.divisionCode,
        },
      );
  },
});

/**
 * Step 7: the proposed grade becomes the result and, when there is one, the organization's grade
 * with the end of its validity and the round that gave it (audited on the organization). A result
 * below every band (不予评级) leaves the organization's record as it was.
 */
async function confirmGrade(
  trx: Transaction<DB>,
  caller: Caller,
  row: EvaluationWorkflowRow,
  data: EvaluationStepData,
): Promise<void> {
  const evaluation = await trx
    .selectFrom('gradeEvaluation')
    .select(['proposedGrade', 'roundId'])
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  const grade = evaluation.proposedGrade;
  await trx
    .updateTable('gradeEvaluation')
    .set({ resultGrade: grade, confirmedOn: data.on, validUntil: grade ? (data.validUntil ?? null) : null })
    .where('id', '=', row.id)
    .execute();
  if (!grade) return;
  const before = await trx
    .selectFrom('organization')
    .select(['grade', sql<string | null>`grade_valid_until::text`.as('gradeValidUntil'), 'gradeRoundId'])
    .where('id', '=', row.organizationId)
    .executeTakeFirstOrThrow();
  const after = { grade, gradeValidUntil: data.validUntil ?? null, gradeRoundId: evaluation.roundId };
  await trx
    .updateTable('organization')
    .set({ ...after, version: sql`version + 1`, updatedAt: sql`now()` })
    .where('id', '=', row.organizationId)
    .execute();
  await appendAudit(trx, caller.actor, {
    action: 'organization.grade',
    entityType: 'organization',
    entityId: row.organizationId,
    divisionCode: row.divisionCode,
    before,
    after,
  });
}

export interface RoundWorkflowRow extends WorkflowRow {
  /** Evaluations submitted or admitted but not yet reviewed. */
  pending: number;
  reviewed: number;
  /** Evaluations on notice or in 复核: the round cannot close before they are confirmed. */
  unconfirmed: number;
}

/** A round: 草稿 → 发布通知 (applications) → 评估 → 公示 → 结束. */
export const roundWorkflow = defineWorkflow<GradeRoundState, GradeRoundAction, RoundWorkflowRow>({
  name: ROUND_WORKFLOW,
  entityType: 'grade_round',
  table: 'grade_round',
  states: ['draft', 'open', 'scoring', 'notice', 'closed'],
  transitions: [
    { action: 'open', from: ['draft'], to: 'open', roles: ['district_admin'] },
    { action: 'startScoring', from: ['open'], to: 'scoring', roles: ['district_admin'] },
    {
      action: 'publishNotice',
      from: ['scoring'],
      to: 'notice',
      roles: ['district_admin'],
      guard: (row) =>
        row.pending > 0
          ? { reason: 'grading.evaluationsPending', reasonParams: { count: row.pending } }
          : row.reviewed === 0
            ? { reason: 'grading.evaluationsPending', reasonParams: { count: 0 } }
            : null,
    },
    {
      action: 'close',
      from: ['notice'],
      to: 'closed',
      roles: ['district_admin'],
      guard: (row) =>
        row.unconfirmed > 0
          ? { reason: 'grading.evaluationsPending', reasonParams: { count: row.unconfirmed } }
          : null,
    },
  ],
  names: {
    'zh-CN': { states: GRADE_ROUND_STATE_NAMES['zh-CN'], actions: GRADE_ROUND_ACTION_NAMES['zh-CN'] },
    'en-US': { states: GRADE_ROUND_STATE_NAMES['en-US'], actions: GRADE_ROUND_ACTION_NAMES['en-US'] },
  },
  load: async (trx, caller, id) => {
    const row = await roundsVisibleTo(trx, caller)
      .select([
        'r.id',
        'r.state',
        'r.version',
        'r.divisionCode',
        sql<number>`(select count(*)::int from grade_evaluation e where e.round_id = r.id and e.state in ('submitted', 'accepted'))`.as(
          'pending',
        ),
        sql<number>`(select count(*)::int from grade_evaluation e where e.round_id = r.id and e.state = 'reviewed')`.as(
          'reviewed',
        ),
        sql<number>`(select count(*)::int from grade_evaluation e where e.round_id = r.id and e.state in ('notice', 'appealed', 'answered'))`.as(
          'unconfirmed',
        ),
      ])
      .where('r.id', '=', id)
      .modifyEnd(sql`for update of r`)
      .executeTakeFirst();
    return row
      ? {
          ...row,
          pending: Number(row.pending),
          reviewed: Number(row.reviewed),
          unconfirmed: Number(row.unconfirmed),
        }
      : undefined;
  },
  effects: async (trx, { rule, row, input }) => {
    const data = (input.data ?? {}) as { on?: string; endsOn?: string };
    if (rule.action === 'publishNotice')
      await trx
        .updateTable('gradeRound')
        .set({ noticePublishedOn: data.on ?? null, noticeEndsOn: data.endsOn ?? null })
        .where('id', '=', row.id)
        .execute();
  },
});
