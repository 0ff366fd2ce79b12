import { randomUUID } from 'node:crypto';
import {
  APPLICATION_STATE_NAMES,
  type ApplicationState,
  beijingToday,
  NOTICE_DEFAULT_WORKING_DAYS,
  type ObjectionState,
  REVIEW_STATE_NAMES,
  type ReviewState,
} from '@linli/common';
import ExcelJS from 'exceljs';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation, type LocalizedText } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { notify } from '../../platform/notifications.ts';
import { type Caller, can, inScope } from '../../platform/scope.ts';
import { transition } from '../../platform/workflow.ts';
import { addWorkingDays } from '../../platform/working-days.ts';
import type { WorkCalendarService } from '../event-categories/work-calendar.service.ts';
import { effectiveGradeSql } from '../grading/grade-validity.ts';
import { applicationsVisibleTo, callsVisibleTo, coversScope, type Db } from './funding.repository.ts';
import { beijingMinute } from './funding.workflow.ts';
import type {
  AnswerObjectionInput,
  AssignResult,
  AssignReviewersInput,
  CallRanking,
  FileObjectionInput,
  NoticeDetail,
  NoticeSummary,
  Objection,
  PublishNoticeInput,
  RankingRow,
  ReturnReviewInput,
  ReviewDetail,
  Reviewer,
  ReviewResult,
  ReviewSummary,
  ReviewTransitionInput,
  SaveSheetInput,
} from './review.schemas.ts';
import {
  loadReview,
  objectionLifecycle,
  objectionsVisibleTo,
  reviewLifecycle,
  reviewsVisibleTo,
} from './review.workflow.ts';

export interface ReviewOptions {
  /** Ranking points for organizations at or above the call's priority grade (config FUNDING_PRIORITY_BONUS). */
  priorityBonus: number;
}

type Criterion = { name: string; maxPoints: number };

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * R4.4: the organization's grade, while still valid on the day (five years, 等级评估), reaches the
 * call's priority threshold (grades 1A…5A compare as text).
 */
const priorityOn = (day: string) =>
  sql<boolean>`coalesce(${effectiveGradeSql(day)} >= c.priority_grade, false)`;

function reviewRows(db: Db, caller: Caller) {
  return reviewsVisibleTo(db, caller)
    .innerJoin('fundingApplication as a', 'a.id', 'r.applicationId')
    .innerJoin('fundingCall as c', 'c.id', 'r.callId')
    .innerJoin('organization as o', 'o.id', 'a.organizationId')
    .select([
      'r.id',
      'r.applicationId',
      'a.title as applicationTitle',
      'o.name as organizationName',
      'r.callId',
      'c.title as callTitle',
      'r.reviewerId',
      'r.reviewerName',
      'r.state',
      'r.conflictReason',
      'r.scores',
      'r.totalPoints',
      'r.comment',
      'r.declaredAt',
      'r.submittedAt',
      'r.createdAt',
      'r.version',
      'c.scoringTemplate',
      'a.focusArea',
      'a.plan',
      'a.outcomes',
      'a.requestedFen',
      'a.budgetLines',
      sql<boolean>`exists (select 1 from funding_notice n where n.call_id = r.call_id)`.as('noticePublished'),
    ]);
}
type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewRows>['executeTakeFirstOrThrow']>>;

function noticesVisibleTo(db: Db, caller: Caller) {
  return db
    .selectFrom('fundingNotice as n')
    .where((eb) =>
      eb.or([inScope(eb, 'n.division_code', caller.scope), coversScope('n.division_code', caller)]),
    );
}

/**
 * Pre-assessment (事前论证, issue #7 item 3): the district assigns reviewers to a closed call's
 * submitted applications; each reviewer declares conflicts and scores from the call's template;
 * the district ranks (score plus the R4.4 grade priority), publishes the proposed awards for a
 * notice period of working days, and answers objections. The award itself stays with
 * `ApplicationService.award`, whose workflow guard waits for the notice.
 */
export class ReviewService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly calendar: WorkCalendarService,
    private readonly options: ReviewOptions,
  ) {}

  // ------------------------------------------------------------ score sheets

  #summary(caller: Caller, r: ReviewRow): ReviewSummary {
    const own = r.reviewerId === caller.actor.id && caller.roles.includes('evaluator');
    const template = r.scoringTemplate as Criterion[];
    const scores = (r.scores as number[] | null) ?? null;
    return {
      id: r.id,
      applicationId: r.applicationId,
      applicationTitle: r.applicationTitle,
      organizationName: r.organizationName,
      callId: r.callId,
      callTitle: r.callTitle,
      reviewerId: r.reviewerId,
      reviewerName: r.reviewerName,
      state: r.state as ReviewState,
      conflictReason: r.conflictReason,
      scores,
      totalPoints: num(r.totalPoints),
      comment: r.comment,
      declaredAt: iso(r.declaredAt),
      submittedAt: iso(r.submittedAt),
      createdAt: iso(r.createdAt) ?? '',
      version: r.version,
      abilities: {
        declare: own && r.state === 'assigned',
        score: own && r.state === 'scoring',
        submit: own && r.state === 'scoring' && scores?.length === template.length,
        return: can(caller, 'review:manage') && r.state === 'submitted' && !r.noticePublished,
      },
    };
  }

  async mine(
    caller: Caller,
    query: { state?: ReviewState; limit?: number; offset?: number },
  ): Promise<PageOf<ReviewSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = reviewRows(this.db, caller).where('r.reviewerId', '=', caller.actor.id);
    if (query.state) q = q.where('r.state', '=', query.state);
    const [items, total] = await Promise.all([
      q
        .orderBy(sql`case r.state when 'assigned' then 0 when 'scoring' then 1 else 2 end`)
        .orderBy('r.createdAt', 'desc')
        .orderBy('r.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((r) => this.#summary(caller, r)), total: Number(total.n), limit, offset };
  }

  async detail(caller: Caller, id: string): Promise<ReviewDetail> {
    const r = await reviewRows(this.db, caller).where('r.id', '=', id).executeTakeFirst();
    if (!r) throw new AppError('review.notFound', { id });
    const template = r.scoringTemplate as Criterion[];
    return {
      ...this.#summary(caller, r),
      scoringTemplate: template,
      maxTotal: template.reduce((s, c) => s + c.maxPoints, 0),
      application: {
        focusArea: r.focusArea,
        plan: r.plan,
        outcomes: r.outcomes,
        requestedFen: Number(r.requestedFen),
        budgetLines: r.budgetLines as Array<{ item: string; amountFen: number }>,
      },
    };
  }

  /** The district's view of one application's sheets, with reviewers' names. */
  async forApplication(caller: Caller, applicationId: string): Promise<ReviewSummary[]> {
    const visible = await applicationsVisibleTo(this.db, caller)
      .select('a.id')
      .where('a.id', '=', applicationId)
      .executeTakeFirst();
    if (!visible) throw new AppError('application.notFound', { id: applicationId });
    const rows = await reviewRows(this.db, caller)
      .where('r.applicationId', '=', applicationId)
      .orderBy('r.createdAt')
      .orderBy('r.id')
      .execute();
    return rows.map((r) => this.#summary(caller, r));
  }

  /** Saves the reviewer's points per criterion (0…max, one decimal) and comment while scoring. */
  async saveSheet(caller: Caller, id: string, input: SaveSheetInput): Promise<ReviewDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await loadReview(trx, caller, id, true);
      if (!row || row.reviewerId !== caller.actor.id) throw new AppError('review.notFound', { id });
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (row.state !== 'scoring')
        throw new AppError('review.notScoring', {
          stateName: {
            'zh-CN': REVIEW_STATE_NAMES['zh-CN'][row.state as ReviewState],
            'en-US': REVIEW_STATE_NAMES['en-US'][row.state as ReviewState],
          },
        });
      const { scoringTemplate } = await trx
        .selectFrom('fundingReview as r')
        .innerJoin('fundingCall as c', 'c.id', 'r.callId')
        .select('c.scoringTemplate')
        .where('r.id', '=', id)
        .executeTakeFirstOrThrow();
      const template = scoringTemplate as Criterion[];
      const reason = scoreProblem(template, input.scores);
      if (reason) throw new AppError('review.badScores', { reason });
      const tenths = input.scores.reduce((s, p) => s + Math.round(p * 10), 0);
      const changes = {
        scores: JSON.stringify(input.scores),
        totalPoints: sql<number>`${(tenths / 10).toFixed(1)}::numeric`,
        comment: input.comment?.trim() || null,
      };
      await trx
        .updateTable('fundingReview')
        .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'review.score',
        entityType: 'funding_review',
        entityId: id,
        divisionCode: row.divisionCode,
        after: { scores: input.scores, totalPoints: tenths / 10, comment: changes.comment },
      });
    });
    return this.detail(caller, id);
  }

  /** The reviewer's declaration (none / conflict with reason) and submission. */
  async transition(caller: Caller, id: string, input: ReviewTransitionInput): Promise<ReviewDetail> {
    await this.db.transaction().execute((trx) =>
      transition(trx, reviewLifecycle, caller, {
        id,
        action: input.action,
        version: input.version,
        comment: input.comment,
      }),
    );
    return this.detail(caller, id);
  }

  /** The district returns a submitted sheet for revision, with its reason. */
  async returnSheet(caller: Caller, id: string, input: ReturnReviewInput): Promise<ReviewDetail> {
    await this.db.transaction().execute((trx) =>
      transition(trx, reviewLifecycle, caller, {
        id,
        action: 'return',
        version: input.version,
        comment: input.reason,
      }),
    );
    return this.detail(caller, id);
  }

  /**
   * Evaluator accounts (experts and third-party evaluators) the district may assign: granted in its
   * scope, or district-wide (a grant without a scope acts for the administering district).
   */
  async reviewers(caller: Caller): Promise<Reviewer[]> {
    return this.db
      .selectFrom('account as ac')
      .innerJoin('roleGrant as g', 'g.accountId', 'ac.id')
      .select(['ac.id', 'ac.displayName', 'ac.username'])
      .where('g.role', '=', 'evaluator')
      .where('ac.disabled', '=', false)
      .where((eb) => eb.or([eb('g.scopeCode', 'is', null), inScope(eb, 'g.scope_code', caller.scope)]))
      .distinct()
      .orderBy('ac.displayName')
      .orderBy('ac.id')
      .limit(500)
      .execute();
  }

  async #closedCall(trx: Db, caller: Caller, callId: string) {
    const call = await callsVisibleTo(trx, caller)
      .select(['c.id', 'c.state', 'c.title', 'c.divisionCode', 'c.priorityGrade'])
      .where('c.id', '=', callId)
      .forUpdate()
      .executeTakeFirst();
    if (!call) throw new AppError('call.notFound', { id: callId });
    if (call.state !== 'closed') throw new AppError('review.callNotClosed');
    const notice = await trx
      .selectFrom('fundingNotice')
      .select('id')
      .where('callId', '=', callId)
      .executeTakeFirst();
    if (notice) throw new AppError('notice.exists');
    return call;
  }

  /**
   * Assigns a panel: every given reviewer to every given submitted application of the call (all
   * of them when none are named). Pairs already assigned (or recused) are skipped.
   */
  async assign(caller: Caller, callId: string, input: AssignReviewersInput): Promise<AssignResult> {
    return this.db.transaction().execute(async (trx) => {
      const call = await this.#closedCall(trx, caller, callId);
      const reviewers = await trx
        .selectFrom('account as ac')
        .innerJoin('roleGrant as g', 'g.accountId', 'ac.id')
        .select(['ac.id', 'ac.displayName'])
        .where('g.role', '=', 'evaluator')
        .where('ac.disabled', '=', false)
        .where('ac.id', 'in', input.reviewerIds)
        .where((eb) => eb.or([eb('g.scopeCode', 'is', null), inScope(eb, 'g.scope_code', caller.scope)]))
        .distinct()
        .execute();
      if (reviewers.length !== input.reviewerIds.length) throw new AppError('review.reviewerNotFound');
      let apps = applicationsVisibleTo(trx, caller)
        .select(['a.id', 'a.divisionCode'])
        .where('a.callId', '=', callId)
        .where('a.state', '=', 'submitted');
      if (input.applicationIds) apps = apps.where('a.id', 'in', input.applicationIds);
      const applications = await apps.execute();
      if (
        applications.length === 0 ||
        (input.applicationIds && applications.length !== input.applicationIds.length)
      )
        throw new AppError('review.noApplications');
      const values = applications.flatMap((a) =>
        reviewers.map((r) => ({
          id: randomUUID(),
          applicationId: a.id,
          callId,
          reviewerId: r.id,
          reviewerName: r.displayName,
          divisionCode: a.divisionCode,
          state: 'assigned',
          assignedBy: caller.actor.id,
        })),
      );
      const inserted = await trx
        .insertInto('fundingReview')
        .values(values)
        .onConflict((oc) => oc.columns(['applicationId', 'reviewerId']).doNothing())
        .returning(['id', 'reviewerId'])
        .execute();
      const told = [...new Set(inserted.map((r) => r.reviewerId))];
      if (told.length > 0)
        await notify(
          trx,
          { accountIds: told },
          {
            kind: 'review.assigned',
            title: {
              'zh-CN': `新的评审任务：${call.title}`,
              'en-US': `New review assignment: ${call.title}`,
            },
            body: {
              'zh-CN': '请先声明是否存在利益冲突，再按评分模板打分',
              'en-US': 'Declare any conflict of interest first, then score by the template',
            },
            link: '/my-reviews',
            entityType: 'funding_call',
            entityId: callId,
            divisionCode: call.divisionCode,
          },
        );
      await appendAudit(trx, caller.actor, {
        action: 'review.assign',
        entityType: 'funding_call',
        entityId: callId,
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: {
          reviewers: reviewers.map((r) => r.id),
          applications: applications.map((a) => a.id),
          assigned: inserted.length,
        },
      });
      return { assigned: inserted.length, skipped: values.length - inserted.length };
    });
  }

  // ------------------------------------------------------------ ranking

  /** Sheet counts per application (recused ones apart), for the applications the subquery `ids` selects. */
  #sheetCounts(db: Db, ids: RawBuilder<unknown>) {
    return db
      .selectFrom('fundingReview')
      .select([
        'applicationId',
        sql<number>`count(*) filter (where state <> 'conflicted')::int`.as('reviewers'),
        sql<number>`count(*) filter (where state = 'submitted')::int`.as('submitted'),
        sql<number>`count(*) filter (where state = 'conflicted')::int`.as('conflicted'),
      ])
      .where(sql<boolean>`application_id in (${ids})`)
      .groupBy('applicationId');
  }

  /**
   * A call's applications in ranking order, all of them or one page; no scope (callers check theirs).
   * The rank numbers only scored rows: unscored ones sort last, so the row number over the whole
   * call is the rank. Only what orders the rows (score, grade, submission) is read for the whole
   * call; names, sheet counts and the notice entry are joined to the page's rows alone.
   */
  async #rankingRows(
    db: Db,
    callId: string,
    page?: { limit: number; offset: number },
  ): Promise<RankingRow[]> {
    const priority = priorityOn(beijingToday());
    const rankingScore = sql<
      number | null
    >`a.review_score + case when ${priority} then ${this.options.priorityBonus}::numeric else 0 end`;
    const order = sql`${rankingScore} desc nulls last, ${priority} desc, a.submitted_at nulls last, a.id`;
    let ranked = db
      .selectFrom('fundingApplication as a')
      .innerJoin('fundingCall as c', 'c.id', 'a.callId')
      .innerJoin('organization as o', 'o.id', 'a.organizationId')
      .select([
        'a.id',
        priority.as('priority'),
        rankingScore.as('rankingScore'),
        sql<number>`(row_number() over (order by ${order}))::int`.as('position'),
      ])
      .where('a.callId', '=', callId)
      .where('a.state', 'in', ['submitted', 'awarded'])
      .orderBy(order);
    if (page) ranked = ranked.limit(page.limit).offset(page.offset);
    const rows = await db
      .with('ranked', () => ranked)
      .with('rv', () => this.#sheetCounts(db, sql`select id from ranked`))
      .selectFrom('ranked as k')
      .innerJoin('fundingApplication as a', 'a.id', 'k.id')
      .innerJoin('organization as o', 'o.id', 'a.organizationId')
      .leftJoin('fundingNoticeItem as ni', 'ni.applicationId', 'a.id')
      .leftJoin('rv', 'rv.applicationId', 'a.id')
      .select([
        'a.id as applicationId',
        'a.title',
        'o.name as organizationName',
        'o.grade as organizationGrade',
        'k.priority',
        'a.state',
        'a.requestedFen',
        'a.awardedFen',
        'a.reviewScore as score',
        'k.rankingScore',
        sql<number | null>`case when a.review_score is null then null else k.position end`.as('rank'),
        sql<number>`coalesce(rv.reviewers, 0)`.as('reviewers'),
        sql<number>`coalesce(rv.submitted, 0)`.as('submitted'),
        sql<number>`coalesce(rv.conflicted, 0)`.as('conflicted'),
        sql<boolean>`ni.application_id is not null`.as('onNotice'),
        sql<boolean>`coalesce(ni.excluded, false)`.as('excluded'),
      ])
      .orderBy('k.position')
      .execute();
    return rows.map((r) => ({
      applicationId: r.applicationId,
      title: r.title,
      organizationName: r.organizationName,
      organizationGrade: r.organizationGrade,
      priority: Boolean(r.priority),
      state: r.state,
      requestedFen: Number(r.requestedFen),
      awardedFen: num(r.awardedFen),
      score: num(r.score),
      rankingScore: num(r.rankingScore),
      rank: num(r.rank),
      reviewers: Number(r.reviewers),
      submitted: Number(r.submitted),
      conflicted: Number(r.conflicted),
      onNotice: Boolean(r.onNotice),
      excluded: Boolean(r.excluded),
    }));
  }

  /** The whole call's counts the panel shows above the page. */
  async #rankingCounts(db: Db, callId: string) {
    const applications = sql`select id from funding_application where call_id = ${callId} and state in ('submitted', 'awarded')`;
    return db
      .with('rv', () => this.#sheetCounts(db, applications))
      .selectFrom('fundingApplication as a')
      .leftJoin('fundingNoticeItem as ni', 'ni.applicationId', 'a.id')
      .leftJoin('rv', 'rv.applicationId', 'a.id')
      .select([
        sql<number>`count(*)::int`.as('total'),
        sql<number>`count(a.review_score)::int`.as('ranked'),
        sql<number>`count(*) filter (where rv.reviewers > 0 and rv.submitted = rv.reviewers)::int`.as(
          'reviewed',
        ),
        sql<number>`count(*) filter (where ni.application_id is not null and not ni.excluded)::int`.as(
          'onNotice',
        ),
      ])
      .where('a.callId', '=', callId)
      .where('a.state', 'in', ['submitted', 'awarded'])
      .executeTakeFirstOrThrow();
  }

  async #visibleCall(caller: Caller, callId: string) {
    const call = await callsVisibleTo(this.db, caller)
      .select(['c.id', 'c.title', 'c.state', 'c.priorityGrade'])
      .where('c.id', '=', callId)
      .executeTakeFirst();
    if (!call) throw new AppError('call.notFound', { id: callId });
    return call;
  }

  /** One page of the ranking, with the whole call's counts the panel shows above it. */
  async ranking(
    caller: Caller,
    callId: string,
    query: { limit?: number; offset?: number } = {},
  ): Promise<CallRanking> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const call = await this.#visibleCall(caller, callId);
    const [notice, counts, items] = await Promise.all([
      this.db.selectFrom('fundingNotice').select('id').where('callId', '=', callId).executeTakeFirst(),
      this.#rankingCounts(this.db, callId),
      this.#rankingRows(this.db, callId, { limit, offset }),
    ]);
    const manage = can(caller, 'review:manage');
    return {
      callId,
      callTitle: call.title,
      callState: call.state,
      priorityGrade: call.priorityGrade,
      priorityBonus: this.options.priorityBonus,
      noticeId: notice?.id ?? null,
      items,
      total: Number(counts.total),
      ranked: Number(counts.ranked),
      reviewed: Number(counts.reviewed),
      onNotice: Number(counts.onNotice),
      limit,
      offset,
      abilities: {
        assign: manage && call.state === 'closed' && !notice,
        publish: manage && call.state === 'closed' && !notice,
      },
    };
  }

  /** The ranking and every submitted sheet as a workbook (评审得分与排名). */
  async rankingWorkbook(caller: Caller, callId: string): Promise<Buffer> {
    await this.#visibleCall(caller, callId);
    const rows = await this.#rankingRows(this.db, callId);
    const sheets = await reviewRows(this.db, caller)
      .where('r.callId', '=', callId)
      .orderBy('a.title')
      .orderBy('r.reviewerName')
      .execute();
    const call = await this.db
      .selectFrom('fundingCall')
      .select('scoringTemplate')
      .where('id', '=', callId)
      .executeTakeFirstOrThrow();
    const template = call.scoringTemplate as Criterion[];
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Linli 邻里';
    wb.created = new Date();
    const rankSheet = wb.addWorksheet('排名', { views: [{ state: 'frozen', ySplit: 1 }] });
    rankSheet.columns = [
      { header: '排名', width: 6 },
      { header: '项目名称', width: 32 },
      { header: '申报组织', width: 30 },
      { header: '评估等级', width: 9 },
      { header: '等级优先', width: 9 },
      { header: '评审得分', width: 10 },
      { header: '排名得分', width: 10 },
      { header: '已提交评分表', width: 12 },
      { header: '回避', width: 6 },
      { header: '申请金额（元）', width: 16 },
      { header: '列入公示', width: 9 },
      { header: '状态', width: 10 },
    ];
    rankSheet.getRow(1).font = { bold: true };
    for (const r of rows)
      rankSheet.addRow([
        r.rank,
        r.title,
        r.organizationName,
        r.organizationGrade ?? '',
        r.priority ? '是' : '否',
        r.score,
        r.rankingScore,
        r.submitted,
        r.conflicted,
        r.requestedFen / 100,
        r.onNotice ? (r.excluded ? '异议成立已取消' : '是') : '否',
        APPLICATION_STATE_NAMES['zh-CN'][r.state as ApplicationState] ?? r.state,
      ]);
    const detail = wb.addWorksheet('评分表', { views: [{ state: 'frozen', ySplit: 1 }] });
    detail.columns = [
      { header: '项目名称', width: 32 },
      { header: '申报组织', width: 30 },
      { header: '评审专家', width: 20 },
      { header: '状态', width: 10 },
      ...template.map((c) => ({ header: `${c.name}（${c.maxPoints}）`, width: 12 })),
      { header: '合计', width: 8 },
      { header: '评审意见 / 回避理由', width: 40 },
    ];
    detail.getRow(1).font = { bold: true };
    for (const s of sheets) {
      const scores = (s.scores as number[] | null) ?? [];
      detail.addRow([
        s.applicationTitle,
        s.organizationName,
        s.reviewerName,
        REVIEW_STATE_NAMES['zh-CN'][s.state as ReviewState],
        ...template.map((_, i) => scores[i] ?? null),
        num(s.totalPoints),
        s.state === 'conflicted' ? s.conflictReason : s.comment,
      ]);
    }
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'review.export',
        entityType: 'funding_call',
        entityId: callId,
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: { rows: rows.length, sheets: sheets.length },
      }),
    );
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /**
   * An application's result for whoever sees the application: the organization gets its score and
   * rank once the call's notice is published (the scores are final then), never reviewers' names.
   */
  async result(caller: Caller, applicationId: string): Promise<ReviewResult> {
    const app = await applicationsVisibleTo(this.db, caller)
      .select(['a.id', 'a.callId'])
      .where('a.id', '=', applicationId)
      .executeTakeFirst();
    if (!app) throw new AppError('application.notFound', { id: applicationId });
    const notice = await this.db
      .selectFrom('fundingNotice as n')
      .leftJoin('fundingNoticeItem as ni', (j) =>
        j.onRef('ni.noticeId', '=', 'n.id').on('ni.applicationId', '=', applicationId),
      )
      .select(['n.id', 'n.endsAt', 'ni.applicationId as listed', 'ni.excluded'])
      .where('n.callId', '=', app.callId)
      .executeTakeFirst();
    const rows = await this.#rankingRows(this.db, app.callId);
    const mine = rows.find((r) => r.applicationId === applicationId);
    const visible = can(caller, 'review:manage') || notice !== undefined;
    return {
      applicationId,
      score: visible ? (mine?.score ?? null) : null,
      rankingScore: visible ? (mine?.rankingScore ?? null) : null,
      rank: visible ? (mine?.rank ?? null) : null,
      rankedOf: visible ? rows.filter((r) => r.rank !== null).length : 0,
      priority: mine?.priority ?? false,
      sheets: visible ? (mine?.submitted ?? 0) : 0,
      notice: notice
        ? {
            id: notice.id,
            endsAt: iso(notice.endsAt) ?? '',
            listed: notice.listed !== null,
            excluded: Boolean(notice.excluded),
          }
        : null,
    };
  }

  // ------------------------------------------------------------ notice and objections

  /**
   * Publishes the proposed awards (拟立项项目公示) for a number of working days: each listed
   * application is submitted, scored, has no sheet still open, and is proposed at most what it asked.
   * `publishedAt` is now, except for the demo's notices of earlier this year.
   */
  async publish(
    caller: Caller,
    callId: string,
    input: PublishNoticeInput,
    publishedAt = new Date(),
  ): Promise<NoticeDetail> {
    const days = input.workingDays ?? NOTICE_DEFAULT_WORKING_DAYS;
    const calendar = await this.calendar.deadlineCalendar();
    const endsAt = addWorkingDays(publishedAt, days, calendar);
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const call = await this.#closedCall(trx, caller, callId);
        const ranking = await this.#rankingRows(trx, callId);
        const byId = new Map(ranking.map((r, i) => [r.applicationId, { ...r, order: i }]));
        const seen = new Set<string>();
        const open = await trx
          .selectFrom('fundingReview')
          .select(['applicationId', sql<number>`count(*)::int`.as('n')])
          .where('callId', '=', callId)
          .where('state', 'in', ['assigned', 'scoring'])
          .groupBy('applicationId')
          .execute();
        const openCount = new Map(open.map((o) => [o.applicationId, Number(o.n)]));
        const items = input.applications.map((item) => {
          const row = byId.get(item.applicationId);
          if (!row || seen.has(item.applicationId))
            throw new AppError('notice.itemInvalid', {
              title: item.applicationId,
              reason: REASONS.notInCall,
            });
          seen.add(item.applicationId);
          if (row.state !== 'submitted')
            throw new AppError('notice.itemInvalid', { title: row.title, reason: REASONS.notSubmitted });
          const pending = openCount.get(row.applicationId) ?? 0;
          if (pending > 0) throw new AppError('notice.reviewsOpen', { title: row.title, count: pending });
          if (row.score === null || row.rankingScore === null)
            throw new AppError('notice.itemInvalid', { title: row.title, reason: REASONS.notScored });
          if (item.proposedFen > row.requestedFen)
            throw new AppError('notice.itemInvalid', { title: row.title, reason: REASONS.overRequested });
          return { row, proposedFen: item.proposedFen };
        });
        items.sort((a, b) => byId.get(a.row.applicationId)!.order - byId.get(b.row.applicationId)!.order);
        const title = `${call.title} 拟立项项目公示`;
        await trx
          .insertInto('fundingNotice')
          .values({
            id,
            callId,
            divisionCode: call.divisionCode,
            title,
            note: input.note?.trim() || null,
            workingDays: days,
            publishedAt,
            endsAt,
            publishedBy: caller.actor.id,
            publishedByName: caller.actor.name,
          })
          .execute();
        await trx
          .insertInto('fundingNoticeItem')
          .values(
            items.map((it, i) => ({
              noticeId: id,
              applicationId: it.row.applicationId,
              position: i + 1,
              score: it.row.score!,
              rankingScore: it.row.rankingScore!,
              priority: it.row.priority,
              proposedFen: it.proposedFen,
            })),
          )
          .execute();
        await appendAudit(trx, caller.actor, {
          action: 'notice.publish',
          entityType: 'funding_notice',
          entityId: id,
          divisionCode: call.divisionCode,
          after: {
            callId,
            workingDays: days,
            endsAt: endsAt.toISOString(),
            items: items.map((it) => ({ applicationId: it.row.applicationId, proposedFen: it.proposedFen })),
          },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('notice.exists');
      throw error;
    }
    return this.notice(caller, id);
  }

  #noticeSummaries(db: Db, caller: Caller) {
    return noticesVisibleTo(db, caller).select([
      'n.id',
      'n.callId',
      'n.title',
      'n.note',
      'n.workingDays',
      'n.publishedAt',
      'n.endsAt',
      sql<number>`(select count(*) from funding_notice_item i where i.notice_id = n.id)::int`.as('items'),
      sql<number>`(select count(*) from funding_objection o where o.notice_id = n.id and o.state = 'pending')::int`.as(
        'pendingObjections',
      ),
    ]);
  }

  #noticeSummary(r: {
    id: string;
    callId: string;
    title: string;
    note: string | null;
    workingDays: number;
    publishedAt: Date;
    endsAt: Date;
    items: number;
    pendingObjections: number;
  }): NoticeSummary {
    return {
      id: r.id,
      callId: r.callId,
      title: r.title,
      note: r.note,
      workingDays: r.workingDays,
      publishedAt: iso(r.publishedAt) ?? '',
      endsAt: iso(r.endsAt) ?? '',
      running: new Date(r.endsAt).getTime() > Date.now(),
      items: Number(r.items),
      pendingObjections: Number(r.pendingObjections),
    };
  }

  async notices(
    caller: Caller,
    query: { running?: boolean; limit?: number; offset?: number },
  ): Promise<PageOf<NoticeSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const filtered = () => {
      const q = this.#noticeSummaries(this.db, caller);
      return query.running ? q.where('n.endsAt', '>', new Date()) : q;
    };
    const [items, total] = await Promise.all([
      filtered().orderBy('n.publishedAt', 'desc').orderBy('n.id').limit(limit).offset(offset).execute(),
      filtered().clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((r) => this.#noticeSummary(r)), total: Number(total.n), limit, offset };
  }

  async notice(caller: Caller, id: string): Promise<NoticeDetail> {
    const row = await this.#noticeSummaries(this.db, caller).where('n.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('notice.notFound', { id });
    const entries = await this.db
      .selectFrom('fundingNoticeItem as i')
      .innerJoin('fundingApplication as a', 'a.id', 'i.applicationId')
      .innerJoin('organization as o', 'o.id', 'a.organizationId')
      .select([
        'i.applicationId',
        'i.position',
        'a.title',
        'o.name as organizationName',
        'i.score',
        'i.rankingScore',
        'i.priority',
        'i.proposedFen',
        'i.excluded',
        'a.state',
      ])
      .where('i.noticeId', '=', id)
      .orderBy('i.position')
      .execute();
    const manage = can(caller, 'review:manage');
    let objections = (
      manage ? objectionsVisibleTo(this.db, caller) : this.db.selectFrom('fundingObjection as ob')
    )
      .innerJoin('fundingApplication as a', 'a.id', 'ob.applicationId')
      .selectAll('ob')
      .select('a.title as applicationTitle')
      .where('ob.noticeId', '=', id);
    if (!manage) objections = objections.where('ob.filedBy', '=', caller.actor.id);
    const found = await objections.orderBy('ob.createdAt').orderBy('ob.id').execute();
    const summary = this.#noticeSummary(row);
    return {
      ...summary,
      entries: entries.map((e) => ({
        applicationId: e.applicationId,
        position: e.position,
        title: e.title,
        organizationName: e.organizationName,
        score: Number(e.score),
        rankingScore: Number(e.rankingScore),
        priority: e.priority,
        proposedFen: Number(e.proposedFen),
        excluded: e.excluded,
        state: e.state,
      })),
      objections: found.map(
        (o): Objection => ({
          id: o.id,
          noticeId: o.noticeId,
          applicationId: o.applicationId,
          applicationTitle: o.applicationTitle,
          reason: o.reason,
          filedByName: o.filedByName,
          mine: o.filedBy === caller.actor.id,
          state: o.state as ObjectionState,
          reply: o.reply,
          answeredByName: o.answeredByName,
          answeredAt: iso(o.answeredAt),
          createdAt: iso(o.createdAt) ?? '',
          version: o.version,
          abilities: { answer: manage && o.state === 'pending' },
        }),
      ),
      abilities: { object: can(caller, 'notice:object') && summary.running },
    };
  }

  /** Anyone signed in objects to a listed application during the notice period. */
  async object(caller: Caller, noticeId: string, input: FileObjectionInput): Promise<NoticeDetail> {
    await this.db.transaction().execute(async (trx) => {
      const notice = await noticesVisibleTo(trx, caller)
        .select(['n.id', 'n.endsAt', 'n.divisionCode'])
        .where('n.id', '=', noticeId)
        .forUpdate()
        .executeTakeFirst();
      if (!notice) throw new AppError('notice.notFound', { id: noticeId });
      if (new Date(notice.endsAt).getTime() <= Date.now())
        throw new AppError('notice.ended', { endsAt: beijingMinute(notice.endsAt) });
      const item = await trx
        .selectFrom('fundingNoticeItem')
        .select('excluded')
        .where('noticeId', '=', noticeId)
        .where('applicationId', '=', input.applicationId)
        .executeTakeFirst();
      if (!item || item.excluded) throw new AppError('notice.notOnNotice');
      const id = randomUUID();
      const values = {
        id,
        noticeId,
        applicationId: input.applicationId,
        divisionCode: notice.divisionCode,
        reason: input.reason.trim(),
        filedBy: caller.actor.id,
        filedByName: caller.actor.name,
        state: 'pending',
      };
      await trx.insertInto('fundingObjection').values(values).execute();
      await notify(
        trx,
        { roles: ['district_admin'], divisionCode: notice.divisionCode },
        {
          kind: 'notice.objection',
          title: { 'zh-CN': '公示收到新的异议', 'en-US': 'New objection to a public notice' },
          body: { 'zh-CN': values.reason, 'en-US': values.reason },
          link: `/notices/${noticeId}`,
          entityType: 'funding_objection',
          entityId: id,
          divisionCode: notice.divisionCode,
        },
      );
      await appendAudit(trx, caller.actor, {
        action: 'objection.file',
        entityType: 'funding_objection',
        entityId: id,
        divisionCode: notice.divisionCode,
        after: values,
      });
    });
    return this.notice(caller, noticeId);
  }

  /** The district's answer: upheld excludes the application from the award, dismissed keeps it. */
  async answer(caller: Caller, objectionId: string, input: AnswerObjectionInput): Promise<NoticeDetail> {
    const found = await objectionsVisibleTo(this.db, caller)
      .select('ob.noticeId')
      .where('ob.id', '=', objectionId)
      .executeTakeFirst();
    if (!found) throw new AppError('objection.notFound', { id: objectionId });
    await this.db.transaction().execute((trx) =>
      transition(trx, objectionLifecycle, caller, {
        id: objectionId,
        action: input.action,
        version: input.version,
        comment: input.reply,
      }),
    );
    return this.notice(caller, found.noticeId);
  }
}

const REASONS = {
  notInCall: { 'zh-CN': '不是本次征集的申报', 'en-US': 'it is not an application to this call' },
  notSubmitted: { 'zh-CN': '只有已提交的申报可以公示', 'en-US': 'only submitted applications can be listed' },
  notScored: { 'zh-CN': '还没有提交的评分表', 'en-US': 'it has no submitted score sheet' },
  overRequested: {
    'zh-CN': '拟立项金额超过申请金额',
    'en-US': 'the proposed amount exceeds the requested amount',
  },
} satisfies Record<string, LocalizedText>;

/** What is wrong with a sheet's points against the template, or null. */
function scoreProblem(template: readonly Criterion[], scores: readonly number[]): LocalizedText | null {
  if (scores.length !== template.length)
    return {
      'zh-CN': `评分模板有 ${template.length} 项，提交了 ${scores.length} 项`,
      'en-US': `the template has ${template.length} criteria, ${scores.length} were given`,
    };
  for (const [i, c] of template.entries()) {
    const p = scores[i]!;
    if (p < 0 || p > c.maxPoints)
      return {
        'zh-CN': `“${c.name}”应在 0 到 ${c.maxPoints} 分之间`,
        'en-US': `“${c.name}” must be between 0 and ${c.maxPoints}`,
      };
    if (Math.abs(p * 10 - Math.round(p * 10)) > 1e-9)
      return {
        'zh-CN': `“${c.name}”最多保留一位小数`,
        'en-US': `“${c.name}” takes at most one decimal`,
      };
  }
  return null;
}
