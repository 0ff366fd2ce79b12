import { randomUUID } from 'node:crypto';
import {
  APPEAL_ANSWER_DAYS,
  addCalendarDays,
  bandsProblem,
  beijingToday,
  DEFAULT_GRADE_BANDS,
  DEFAULT_INDICATOR_TEMPLATES,
  DEFAULT_NOTICE_WORKING_DAYS,
  ELIGIBILITY_REASON_NAMES,
  type EligibilityProblem,
  GRADE_EVALUATION_ACTION_NAMES,
  GRADE_EVALUATION_ACTIONS,
  GRADE_TOTAL_POINTS,
  type GradeBand,
  type GradeEvaluationAction,
  type GradeEvaluationState,
  type GradeRoundState,
  gradeEligibility,
  gradeForScore,
  gradeValidUntil,
  INDICATOR_TEMPLATE_KEYS,
  type IndicatorTemplate,
  type IndicatorTemplateKey,
  type IndicatorTemplates,
  interpolate,
  isRegisteredKind,
  type Locale,
  type OrganizationGrade,
  type OrganizationKind,
  type ScoreSheet,
  sheetComplete,
  sheetProblem,
  sheetTotal,
  templateIndicators,
  templateKeyOf,
  templateTotal,
} from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { notify } from '../../platform/notifications.ts';
import { type Caller, can } from '../../platform/scope.ts';
import { availableActions, recordCreation, transition, workflowHistory } from '../../platform/workflow.ts';
import { addWorkingDays } from '../../platform/working-days.ts';
import type { WorkCalendarService } from '../event-categories/work-calendar.service.ts';
import { BEIJING_TODAY, type Db, evaluationsVisibleTo, roundsVisibleTo } from './grading.repository.ts';
import type {
  CreateRoundInput,
  EvaluationListInput,
  EvaluationTransitionInput,
  GradeAssignment,
  GradeEvaluation,
  GradeEvaluationDetail,
  GradeRound,
  MyAssignment,
  RoundNotice,
  RoundTransitionInput,
  ScoresInput,
  UpdateRoundInput,
} from './grading.schemas.ts';
import {
  EVALUATION_WORKFLOW,
  type EvaluationStepData,
  type EvaluationWorkflowRow,
  evaluationWorkflow,
  roundWorkflow,
} from './grading.workflow.ts';

export interface GradingOptions {
  /** Today's Beijing date; tests inject a fixed day. */
  today?: () => string;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const EDITABLE_ROUND: readonly GradeRoundState[] = ['draft', 'open'];

function roundColumns(db: Db, caller: Caller) {
  return roundsVisibleTo(db, caller).select([
    'r.id',
    'r.year',
    'r.batchNo',
    'r.title',
    'r.kinds',
    'r.divisionCode',
    sql<string>`r.applications_open_on::text`.as('applicationsOpenOn'),
    sql<string>`r.applications_close_on::text`.as('applicationsCloseOn'),
    'r.noticeWorkingDays',
    'r.bands',
    'r.templates',
    'r.state',
    sql<string | null>`r.notice_published_on::text`.as('noticePublishedOn'),
    sql<string | null>`r.notice_ends_on::text`.as('noticeEndsOn'),
    'r.version',
  ]);
}
type RoundRow = Awaited<ReturnType<ReturnType<typeof roundColumns>['executeTakeFirstOrThrow']>>;

function evaluationColumns(db: Db, caller: Caller) {
  return evaluationsVisibleTo(db, caller)
    .innerJoin('gradeRound as r', 'r.id', 'e.roundId')
    .innerJoin('organization as o', 'o.id', 'e.organizationId')
    .select([
      'e.id',
      'e.roundId',
      'r.title as roundTitle',
      'r.year as roundYear',
      'r.state as roundState',
      'r.templates',
      'e.organizationId',
      'o.name as organizationName',
      'o.kind as organizationKind',
      'e.divisionCode',
      'e.templateKey',
      'e.state',
      'e.eligibility',
      'e.selfScores',
      'e.selfTotal',
      'e.evaluatorScore',
      'e.committeeScore',
      'e.proposedGrade',
      'e.reviewReason',
      sql<string | null>`r.notice_ends_on::text`.as('noticeEndsOn'),
      sql<boolean>`coalesce(r.notice_ends_on < ${BEIJING_TODAY}, false)`.as('noticeOver'),
      'e.appealReason',
      sql<string | null>`e.appealed_on::text`.as('appealedOn'),
      sql<string | null>`e.appeal_due_on::text`.as('appealDueOn'),
      'e.appealAnswer',
      sql<string | null>`e.appeal_answered_on::text`.as('appealAnsweredOn'),
      'e.resultGrade',
      sql<string | null>`e.confirmed_on::text`.as('confirmedOn'),
      sql<string | null>`e.valid_until::text`.as('validUntil'),
      sql<number>`(select count(*)::int from grade_assignment ga where ga.evaluation_id = e.id)`.as(
        'assignedCount',
      ),
      sql<number>`(select count(*)::int from grade_assignment ga where ga.evaluation_id = e.id and ga.submitted_at is not null)`.as(
        'submittedSheets',
      ),
      'e.version',
    ]);
}
type EvaluationRow = Awaited<ReturnType<ReturnType<typeof evaluationColumns>['executeTakeFirstOrThrow']>>;

/** States in which the organization sees the committee's score and proposed grade (from the notice on). */
const RESULT_VISIBLE: readonly GradeEvaluationState[] = ['notice', 'appealed', 'answered', 'confirmed'];

function templatesProblem(templates: IndicatorTemplates): string | null {
  for (const key of INDICATOR_TEMPLATE_KEYS) {
    const total = templateTotal(templates[key]);
    if (total !== GRADE_TOTAL_POINTS) return `${key}: ${total} ≠ ${GRADE_TOTAL_POINTS}`;
    const codes = templateIndicators(templates[key]).map((i) => i.code);
    if (new Set(codes).size !== codes.length) return `${key}: duplicate indicator code`;
  }
  return null;
}

/**
 * Grade evaluation (等级评估, issue #7 item 6): the district runs rounds by kind and batch; an
 * organization applies with its self-assessment and is checked for eligibility from its records;
 * assigned evaluators score on the round's indicator tree; the committee reviews; the results go on
 * a public notice with 复核; the confirmed grade is written to the organization for five years.
 */
export class GradingService {
  readonly #today: () => string;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly calendar: WorkCalendarService,
    options: GradingOptions = {},
  ) {
    this.#today = options.today ?? (() => beijingToday());
  }

  // ------------------------------------------------------------ rounds

  async #counts(roundIds: string[]): Promise<Map<string, Record<string, number>>> {
    const out = new Map<string, Record<string, number>>();
    if (roundIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('gradeEvaluation')
      .select(['roundId', 'state', sql<number>`count(*)::int`.as('n')])
      .where('roundId', 'in', roundIds)
      .groupBy(['roundId', 'state'])
      .execute();
    for (const r of rows) {
      const counts = out.get(r.roundId) ?? {};
      counts[r.state] = Number(r.n);
      out.set(r.roundId, counts);
    }
    return out;
  }

  #round(caller: Caller, row: RoundRow, counts: Record<string, number>): GradeRound {
    const n = (...states: string[]) => states.reduce((s, k) => s + (counts[k] ?? 0), 0);
    const actions = new Set(
      availableActions(
        roundWorkflow,
        {
          ...row,
          pending: n('submitted', 'accepted'),
          reviewed: n('reviewed'),
          unconfirmed: n('notice', 'appealed', 'answered'),
        },
        caller,
      ),
    );
    const manage = can(caller, 'grading:manage');
    return {
      ...row,
      kinds: row.kinds as GradeRound['kinds'],
      bands: row.bands as unknown as GradeBand[],
      templates: row.templates as unknown as IndicatorTemplates,
      state: row.state as GradeRoundState,
      counts,
      abilities: {
        open: actions.has('open'),
        startScoring: actions.has('startScoring'),
        publishNotice: actions.has('publishNotice'),
        close: actions.has('close'),
        edit: manage && EDITABLE_ROUND.includes(row.state as GradeRoundState),
        apply: can(caller, 'grading:apply') && row.state === 'open',
      },
    };
  }

  async listRounds(
    caller: Caller,
    query: { limit?: number; offset?: number; year?: number; state?: string },
  ): Promise<PageOf<GradeRound>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = roundColumns(this.db, caller);
    if (query.year) q = q.where('r.year', '=', query.year);
    if (query.state) q = q.where('r.state', '=', query.state);
    const [rows, total] = await Promise.all([
      q.orderBy('r.year', 'desc').orderBy('r.batchNo', 'desc').limit(limit).offset(offset).execute(),
      q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    const counts = await this.#counts(rows.map((r) => r.id));
    return {
      items: rows.map((r) => this.#round(caller, r, counts.get(r.id) ?? {})),
      total: Number(total.n),
      limit,
      offset,
    };
  }

  async getRound(caller: Caller, id: string): Promise<GradeRound> {
    const row = await roundColumns(this.db, caller).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('grading.roundNotFound', { id });
    const counts = await this.#counts([id]);
    return this.#round(caller, row, counts.get(id) ?? {});
  }

  #checkRules(bands?: readonly GradeBand[], templates?: IndicatorTemplates): void {
    if (bands && bandsProblem(bands)) throw new AppError('grading.badBands');
    const problem = templates ? templatesProblem(templates) : null;
    if (problem) throw new AppError('grading.badTemplate', { reason: problem });
  }

  async createRound(caller: Caller, input: CreateRoundInput): Promise<GradeRound> {
    const bands = input.bands ?? DEFAULT_GRADE_BANDS;
    const templates = (input.templates as IndicatorTemplates | undefined) ?? DEFAULT_INDICATOR_TEMPLATES;
    this.#checkRules(bands, templates);
    if (input.applicationsCloseOn < input.applicationsOpenOn) throw new AppError('grading.badDates');
    const divisionCode = caller.scope.kind === 'prefixes' ? caller.scope.prefixes[0]! : '220106';
    const id = randomUUID();
    const values = {
      id,
      year: input.year,
      batchNo: input.batchNo,
      title: input.title.trim(),
      kinds: JSON.stringify(input.kinds),
      divisionCode,
      applicationsOpenOn: input.applicationsOpenOn,
      applicationsCloseOn: input.applicationsCloseOn,
      noticeWorkingDays: input.noticeWorkingDays ?? DEFAULT_NOTICE_WORKING_DAYS,
      bands: JSON.stringify(bands),
      templates: JSON.stringify(templates),
      state: 'draft',
      createdBy: caller.actor.id,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('gradeRound').values(values).execute();
        await recordCreation(trx, roundWorkflow, caller, {
          id,
          action: 'create',
          state: 'draft',
          divisionCode,
          data: { year: input.year, batchNo: input.batchNo, title: values.title },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('grading.roundExists', { year: input.year, batchNo: input.batchNo });
      throw error;
    }
    return this.getRound(caller, id);
  }

  /** Dates, notice period, bands and indicator weights are configuration until applications close. */
  async updateRound(caller: Caller, id: string, input: UpdateRoundInput): Promise<GradeRound> {
    const templates = input.templates as IndicatorTemplates | undefined;
    this.#checkRules(input.bands, templates);
    await this.db.transaction().execute(async (trx) => {
      const row = await roundsVisibleTo(trx, caller)
        .select(['r.id', 'r.state', 'r.version', 'r.divisionCode', 'r.title', 'r.bands'])
        .where('r.id', '=', id)
        .modifyEnd(sql`for update`)
        .executeTakeFirst();
      if (!row) throw new AppError('grading.roundNotFound', { id });
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (!EDITABLE_ROUND.includes(row.state as GradeRoundState))
        throw new AppError('grading.notEditable', { stateName: row.state });
      const changes = {
        ...(input.title === undefined ? {} : { title: input.title.trim() }),
        ...(input.applicationsOpenOn === undefined ? {} : { applicationsOpenOn: input.applicationsOpenOn }),
        ...(input.applicationsCloseOn === undefined
          ? {}
          : { applicationsCloseOn: input.applicationsCloseOn }),
        ...(input.noticeWorkingDays === undefined ? {} : { noticeWorkingDays: input.noticeWorkingDays }),
        ...(input.bands === undefined ? {} : { bands: JSON.stringify(input.bands) }),
        ...(templates === undefined ? {} : { templates: JSON.stringify(templates) }),
      };
      await trx
        .updateTable('gradeRound')
        .set({ ...changes, version: sql`version + 1`, updatedAt: sql`now()` })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'grading.round.update',
        entityType: 'grade_round',
        entityId: id,
        divisionCode: row.divisionCode,
        before: { title: row.title, bands: row.bands },
        after: changes,
      });
    });
    return this.getRound(caller, id);
  }

  /**
   * A round's step. Publishing the notice fixes its end from the work calendar (n working days) and
   * puts every reviewed evaluation on it, each through its own workflow step.
   */
  async transitionRound(caller: Caller, id: string, input: RoundTransitionInput): Promise<GradeRound> {
    const on = this.#today();
    // The calendar is read before the transaction: the embedded engine runs one session at a time.
    const calendar = input.action === 'publishNotice' ? await this.calendar.deadlineCalendar() : null;
    await this.db.transaction().execute(async (trx) => {
      let data: Record<string, unknown> | undefined;
      if (calendar) {
        const round = await trx
          .selectFrom('gradeRound')
          .select('noticeWorkingDays')
          .where('id', '=', id)
          .executeTakeFirst();
        const endsAt = addWorkingDays(
          new Date(),
          round?.noticeWorkingDays ?? DEFAULT_NOTICE_WORKING_DAYS,
          calendar,
        );
        data = { on, endsOn: beijingToday(endsAt) };
      }
      await transition(trx, roundWorkflow, caller, { ...input, id, data });
      if (input.action === 'publishNotice') {
        const reviewed = await trx
          .selectFrom('gradeEvaluation')
          .select(['id', 'version'])
          .where('roundId', '=', id)
          .where('state', '=', 'reviewed')
          .orderBy('id')
          .execute();
        for (const e of reviewed)
          await transition(trx, evaluationWorkflow, caller, {
            id: e.id,
            action: 'publish',
            version: e.version,
          });
      }
    });
    return this.getRound(caller, id);
  }

  /** The public notice (公示) of a round's results: organization, score and proposed or confirmed grade. */
  async notice(id: string): Promise<RoundNotice> {
    const round = await this.db
      .selectFrom('gradeRound')
      .select([
        'id',
        'title',
        'state',
        sql<string | null>`notice_published_on::text`.as('publishedOn'),
        sql<string | null>`notice_ends_on::text`.as('endsOn'),
      ])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!round || !['notice', 'closed'].includes(round.state) || !round.publishedOn)
      throw new AppError('grading.roundNotFound', { id });
    const entries = await this.db
      .selectFrom('gradeEvaluation as e')
      .innerJoin('organization as o', 'o.id', 'e.organizationId')
      .select(['o.name', 'o.kind', 'e.committeeScore', 'e.proposedGrade', 'e.resultGrade', 'e.state'])
      .where('e.roundId', '=', id)
      .where('e.state', 'in', RESULT_VISIBLE)
      .orderBy('e.committeeScore', 'desc')
      .orderBy('o.name')
      .execute();
    return {
      roundId: round.id,
      title: round.title,
      publishedOn: round.publishedOn,
      endsOn: round.endsOn,
      entries: entries.map((e) => ({
        organizationName: e.name,
        organizationKind: e.kind as OrganizationKind,
        committeeScore: num(e.committeeScore),
        grade: (e.resultGrade ?? e.proposedGrade) as OrganizationGrade | null,
        state: e.state as GradeEvaluationState,
      })),
    };
  }

  // ------------------------------------------------------------ evaluations

  #workflowRow(row: EvaluationRow): EvaluationWorkflowRow {
    const problems = (row.eligibility ?? []) as Array<{ text?: string }>;
    return {
      id: row.id,
      state: row.state,
      version: row.version,
      divisionCode: row.divisionCode,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      eligible: problems.length === 0,
      eligibilityText: problems.map((p) => p.text ?? '').join('；'),
      assigned: Number(row.assignedCount),
      pendingSheets: Number(row.assignedCount) - Number(row.submittedSheets),
      noticeEndsOn: row.noticeEndsOn,
      noticeOver: Boolean(row.noticeOver),
    };
  }

  #evaluation(caller: Caller, row: EvaluationRow, locale: Locale): GradeEvaluation {
    const actions = new Set(availableActions(evaluationWorkflow, this.#workflowRow(row), caller));
    const state = row.state as GradeEvaluationState;
    const staff = can(caller, 'grading:manage') || caller.roles.some((r) => r === 'street_staff');
    const own = (caller.organizationIds ?? []).includes(row.organizationId);
    // An organization sees the committee's result from the notice on; staff always.
    const showResult = staff || RESULT_VISIBLE.includes(state);
    const problems = (row.eligibility ?? []) as unknown as EligibilityProblem[];
    return {
      id: row.id,
      roundId: row.roundId,
      roundTitle: row.roundTitle,
      roundYear: row.roundYear,
      roundState: row.roundState as GradeRoundState,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      organizationKind: row.organizationKind as OrganizationKind,
      divisionCode: row.divisionCode,
      templateKey: row.templateKey as IndicatorTemplateKey,
      state,
      eligible: problems.length === 0,
      eligibility: problems.map((p) => ({
        reason: p.reason,
        text: interpolate(ELIGIBILITY_REASON_NAMES[locale][p.reason] ?? p.reason, p.params),
      })),
      selfScores: row.selfScores as ScoreSheet,
      selfTotal: row.selfTotal,
      evaluatorScore: showResult ? num(row.evaluatorScore) : null,
      committeeScore: showResult ? num(row.committeeScore) : null,
      proposedGrade: showResult ? (row.proposedGrade as OrganizationGrade | null) : null,
      reviewReason: showResult ? row.reviewReason : null,
      noticeEndsOn: row.noticeEndsOn,
      appealReason: row.appealReason,
      appealedOn: row.appealedOn,
      appealDueOn: row.appealDueOn,
      appealAnswer: row.appealAnswer,
      appealAnsweredOn: row.appealAnsweredOn,
      resultGrade: row.resultGrade as OrganizationGrade | null,
      confirmedOn: row.confirmedOn,
      validUntil: row.validUntil,
      assignedCount: Number(row.assignedCount),
      submittedSheets: Number(row.submittedSheets),
      version: row.version,
      abilities: {
        ...(Object.fromEntries(GRADE_EVALUATION_ACTIONS.map((a) => [a, actions.has(a)])) as Record<
          GradeEvaluationAction,
          boolean
        >),
        selfAssess: own && can(caller, 'grading:apply') && state === 'applied',
        assign: can(caller, 'grading:manage') && state === 'accepted',
      },
    };
  }

  async listEvaluations(
    caller: Caller,
    query: EvaluationListInput,
    locale: Locale,
  ): Promise<PageOf<GradeEvaluation>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    let q = evaluationColumns(this.db, caller);
    if (query.roundId) q = q.where('e.roundId', '=', query.roundId);
    if (query.state) q = q.where('e.state', '=', query.state);
    if (query.organizationId) q = q.where('e.organizationId', '=', query.organizationId);
    if (query.q?.trim())
      q = q.where('o.name', 'like', `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const [rows, total] = await Promise.all([
      q.orderBy('r.year', 'desc').orderBy('o.name').orderBy('e.id').limit(limit).offset(offset).execute(),
      q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((r) => this.#evaluation(caller, r, locale)),
      total: Number(total.n),
      limit,
      offset,
    };
  }

  async #row(caller: Caller, id: string): Promise<EvaluationRow> {
    const row = await evaluationColumns(this.db, caller).where('e.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('grading.evaluationNotFound', { id });
    return row;
  }

  async #assignments(caller: Caller, evaluationId: string): Promise<GradeAssignment[]> {
    let q = this.db
      .selectFrom('gradeAssignment')
      .select(['id', 'evaluatorId', 'evaluatorName', 'scores', 'total', 'opinion', 'submittedAt', 'version'])
      .where('evaluationId', '=', evaluationId);
    // An evaluator sees its own sheet only; an organization sees none (it sees the committee's result).
    if (!can(caller, 'grading:manage') && !caller.roles.includes('street_staff'))
      q = q.where('evaluatorId', '=', caller.actor.id);
    const rows = await q.orderBy('createdAt').execute();
    return rows.map((r) => ({
      ...r,
      scores: r.scores as ScoreSheet,
      submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
    }));
  }

  async getEvaluation(caller: Caller, id: string, locale: Locale): Promise<GradeEvaluationDetail> {
    const row = await this.#row(caller, id);
    const [assignments, history] = await Promise.all([
      this.#assignments(caller, id),
      workflowHistory(this.db, EVALUATION_WORKFLOW, id),
    ]);
    const templates = row.templates as unknown as IndicatorTemplates;
    return {
      ...this.#evaluation(caller, row, locale),
      template: templates[row.templateKey as IndicatorTemplateKey],
      assignments,
      history: history.map((h) => ({
        id: h.id,
        action: h.action,
        actionName:
          GRADE_EVALUATION_ACTION_NAMES[locale][h.action as GradeEvaluationAction] ??
          (h.action === 'apply' ? (locale === 'zh-CN' ? '申报' : 'Apply') : h.action),
        comment: h.comment,
        actorName: h.actorName,
        at: h.at.toISOString(),
      })),
    };
  }

  /** Art. 6 and 7 from the organization's records: registration, current grade, annual inspections. */
  async #eligibility(
    db: Db,
    org: {
      id: string;
      kind: string;
      registeredOn: string | null;
      grade: string | null;
      gradeValidUntil: string | null;
    },
    round: { year: number; kinds: string[]; applicationsCloseOn: string },
    locale: Locale = 'zh-CN',
  ): Promise<Array<EligibilityProblem & { text: string }>> {
    const inspections = await db
      .selectFrom('inspection')
      .select(['year', 'result'])
      .where('organizationId', '=', org.id)
      .where('year', '>=', round.year - 2)
      .execute();
    const problems = gradeEligibility(
      {
        kind: org.kind as OrganizationKind,
        registeredOn: org.registeredOn,
        grade: org.grade,
        gradeValidUntil: org.gradeValidUntil,
        inspections: Object.fromEntries(inspections.map((i) => [i.year, i.result])),
      },
      { year: round.year, kinds: round.kinds, asOf: round.applicationsCloseOn },
    );
    return problems.map((p) => ({
      ...p,
      text: interpolate(ELIGIBILITY_REASON_NAMES[locale][p.reason], p.params),
    }));
  }

  /**
   * An organization applies to an open round (step 1 answered): its eligibility is computed now
   * from its records and shown to it and the district; the district admits or refuses after submit.
   */
  async apply(caller: Caller, roundId: string, organizationId: string | undefined, locale: Locale) {
    const orgId = organizationId ?? caller.organizationIds?.[0];
    if (!orgId || !(caller.organizationIds ?? []).includes(orgId))
      throw new AppError('grading.organizationNotFound', { id: orgId ?? '' });
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const round = await roundsVisibleTo(trx, caller)
          .select([
            'r.id',
            'r.state',
            'r.year',
            'r.kinds',
            sql<string>`r.applications_close_on::text`.as('closeOn'),
          ])
          .where('r.id', '=', roundId)
          .executeTakeFirst();
        if (!round) throw new AppError('grading.roundNotFound', { id: roundId });
        if (round.state !== 'open') throw new AppError('grading.roundNotOpen');
        const org = await trx
          .selectFrom('organization')
          .select([
            'id',
            'kind',
            'divisionCode',
            'grade',
            sql<string | null>`registered_on::text`.as('registeredOn'),
            sql<string | null>`grade_valid_until::text`.as('gradeValidUntil'),
          ])
          .where('id', '=', orgId)
          .executeTakeFirst();
        if (!org || !isRegisteredKind(org.kind))
          throw new AppError('grading.organizationNotFound', { id: orgId });
        const eligibility = await this.#eligibility(trx, org, {
          year: round.year,
          kinds: round.kinds as string[],
          applicationsCloseOn: round.closeOn,
        });
        await trx
          .insertInto('gradeEvaluation')
          .values({
            id,
            roundId,
            organizationId: org.id,
            divisionCode: org.divisionCode,
            templateKey: templateKeyOf(org.kind as OrganizationKind),
            state: 'applied',
            eligibility: JSON.stringify(eligibility),
          })
          .execute();
        await recordCreation(trx, evaluationWorkflow, caller, {
          id,
          action: 'apply',
          state: 'applied',
          divisionCode: org.divisionCode,
          data: { roundId, eligible: eligibility.length === 0 },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('grading.alreadyApplied');
      throw error;
    }
    return this.getEvaluation(caller, id, locale);
  }

  async #template(db: Db, evaluationId: string): Promise<IndicatorTemplate> {
    const row = await db
      .selectFrom('gradeEvaluation as e')
      .innerJoin('gradeRound as r', 'r.id', 'e.roundId')
      .select(['r.templates', 'e.templateKey'])
      .where('e.id', '=', evaluationId)
      .executeTakeFirstOrThrow();
    return (row.templates as unknown as IndicatorTemplates)[row.templateKey as IndicatorTemplateKey];
  }

  #checkSheet(template: IndicatorTemplate, scores: ScoreSheet): void {
    const problem = sheetProblem(template, scores);
    if (problem) throw new AppError('grading.badScores', { reason: problem });
  }

  /** The organization's self-assessment (自评), while it has not submitted its application. */
  async saveSelfAssessment(caller: Caller, id: string, input: ScoresInput, locale: Locale) {
    await this.db.transaction().execute(async (trx) => {
      const row = await evaluationWorkflow.load(trx, caller, id);
      if (!row || !(caller.organizationIds ?? []).includes(row.organizationId))
        throw new AppError('grading.evaluationNotFound', { id });
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (row.state !== 'applied') throw new AppError('grading.notEditable', { stateName: row.state });
      this.#checkSheet(await this.#template(trx, id), input.scores);
      await trx
        .updateTable('gradeEvaluation')
        .set({
          selfScores: JSON.stringify(input.scores),
          selfTotal: sheetTotal(input.scores),
          version: sql`version + 1`,
          updatedAt: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'grading.evaluation.selfAssess',
        entityType: 'grade_evaluation',
        entityId: id,
        divisionCode: row.divisionCode,
        after: { selfTotal: sheetTotal(input.scores) },
      });
    });
    return this.getEvaluation(caller, id, locale);
  }

  /** Accounts holding the evaluator role: the district picks among them. */
  async evaluators(): Promise<Array<{ id: string; username: string; displayName: string }>> {
    return this.db
      .selectFrom('account as a')
      .innerJoin('roleGrant as g', 'g.accountId', 'a.id')
      .select(['a.id', 'a.username', 'a.displayName'])
      .distinct()
      .where('g.role', '=', 'evaluator')
      .where('a.disabled', '=', false)
      .orderBy('a.username')
      .execute();
  }

  /** Assigns evaluators (第三方评估机构) to an admitted evaluation; each gets a score sheet. */
  async assign(caller: Caller, id: string, evaluatorIds: string[], locale: Locale) {
    await this.db.transaction().execute(async (trx) => {
      const row = await evaluationWorkflow.load(trx, caller, id);
      if (!row) throw new AppError('grading.evaluationNotFound', { id });
      if (row.state !== 'accepted') throw new AppError('grading.notEditable', { stateName: row.state });
      const found = await trx
        .selectFrom('account as a')
        .innerJoin('roleGrant as g', 'g.accountId', 'a.id')
        .select(['a.id', 'a.displayName'])
        .distinct()
        .where('g.role', '=', 'evaluator')
        .where('a.disabled', '=', false)
        .where('a.id', 'in', evaluatorIds)
        .execute();
      if (found.length !== evaluatorIds.length) throw new AppError('grading.evaluatorNotFound');
      await trx
        .insertInto('gradeAssignment')
        .values(
          found.map((a) => ({
            id: randomUUID(),
            evaluationId: id,
            evaluatorId: a.id,
            evaluatorName: a.displayName,
          })),
        )
        .onConflict((oc) => oc.columns(['evaluationId', 'evaluatorId']).doNothing())
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'grading.evaluation.assign',
        entityType: 'grade_evaluation',
        entityId: id,
        divisionCode: row.divisionCode,
        after: { evaluators: found.map((a) => a.id) },
      });
      await notify(
        trx,
        { accountIds: found.map((a) => a.id) },
        {
          kind: 'grading.assigned',
          title: { 'zh-CN': '您有新的等级评估评分任务', 'en-US': 'A grade evaluation is assigned to you' },
          body: { 'zh-CN': row.organizationName, 'en-US': row.organizationName },
          link: '/grading/my-sheets',
          entityType: 'grade_evaluation',
          entityId: id,
          divisionCode: row.divisionCode,
        },
      );
    });
    return this.getEvaluation(caller, id, locale);
  }

  async myAssignments(caller: Caller): Promise<MyAssignment[]> {
    const rows = await this.db
      .selectFrom('gradeAssignment as ga')
      .innerJoin('gradeEvaluation as e', 'e.id', 'ga.evaluationId')
      .innerJoin('gradeRound as r', 'r.id', 'e.roundId')
      .innerJoin('organization as o', 'o.id', 'e.organizationId')
      .select([
        'ga.id',
        'ga.evaluatorId',
        'ga.evaluatorName',
        'ga.scores',
        'ga.total',
        'ga.opinion',
        'ga.submittedAt',
        'ga.version',
        'e.id as evaluationId',
        'e.state as evaluationState',
        'e.templateKey',
        'r.title as roundTitle',
        'r.templates',
        'o.name as organizationName',
        'o.kind as organizationKind',
      ])
      .where('ga.evaluatorId', '=', caller.actor.id)
      .orderBy(sql`ga.submitted_at is null`, 'desc')
      .orderBy('ga.createdAt', 'desc')
      .limit(200)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      evaluatorId: r.evaluatorId,
      evaluatorName: r.evaluatorName,
      scores: r.scores as ScoreSheet,
      total: r.total,
      opinion: r.opinion,
      submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
      version: r.version,
      evaluationId: r.evaluationId,
      evaluationState: r.evaluationState as GradeEvaluationState,
      roundTitle: r.roundTitle,
      organizationName: r.organizationName,
      organizationKind: r.organizationKind as OrganizationKind,
      template: (r.templates as unknown as IndicatorTemplates)[r.templateKey as IndicatorTemplateKey],
      editable: r.submittedAt === null && r.evaluationState === 'accepted',
    }));
  }

  /**
   * The evaluator's score sheet (初步评估意见): saved as it goes, submitted once complete. Only the
   * assigned evaluator, only while the evaluation is being scored.
   */
  async saveSheet(
    caller: Caller,
    assignmentId: string,
    input: ScoresInput,
    submit: boolean,
  ): Promise<MyAssignment> {
    await this.db.transaction().execute(async (trx) => {
      const a = await trx
        .selectFrom('gradeAssignment as ga')
        .innerJoin('gradeEvaluation as e', 'e.id', 'ga.evaluationId')
        .select(['ga.id', 'ga.version', 'ga.submittedAt', 'ga.evaluationId', 'e.state', 'e.divisionCode'])
        .where('ga.id', '=', assignmentId)
        .where('ga.evaluatorId', '=', caller.actor.id)
        .modifyEnd(sql`for update of ga`)
        .executeTakeFirst();
      if (!a) throw new AppError('grading.assignmentNotFound', { id: assignmentId });
      if (a.version !== input.version) throw new AppError('conflict.version', { id: assignmentId });
      if (a.submittedAt || a.state !== 'accepted') throw new AppError('grading.sheetSubmitted');
      const template = await this.#template(trx, a.evaluationId);
      this.#checkSheet(template, input.scores);
      if (submit && !sheetComplete(template, input.scores)) throw new AppError('grading.sheetIncomplete');
      await trx
        .updateTable('gradeAssignment')
        .set({
          scores: JSON.stringify(input.scores),
          total: sheetTotal(input.scores),
          opinion: input.opinion?.trim() || null,
          submittedAt: submit ? sql<Date>`now()` : null,
          version: sql`version + 1`,
        })
        .where('id', '=', assignmentId)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: submit ? 'grading.sheet.submit' : 'grading.sheet.save',
        entityType: 'grade_evaluation',
        entityId: a.evaluationId,
        divisionCode: a.divisionCode,
        after: { assignmentId, total: sheetTotal(input.scores) },
      });
    });
    const mine = await this.myAssignments(caller);
    return mine.find((m) => m.id === assignmentId)!;
  }

  /**
   * One step of an evaluation. Review: the committee takes the evaluators' mean score or adjusts it
   * (with a reason) and the bands give the proposed grade (an explicit grade also needs a reason).
   * 复核: due within 15 days of the request. Confirm: the grade is valid five years from today.
   */
  async transitionEvaluation(
    caller: Caller,
    id: string,
    input: EvaluationTransitionInput,
    locale: Locale,
  ): Promise<GradeEvaluationDetail> {
    const on = this.#today();
    await this.db.transaction().execute(async (trx) => {
      let data: EvaluationStepData = { on };
      if (input.action === 'review' || input.action === 'answerAppeal') {
        const ev = await trx
          .selectFrom('gradeEvaluation as e')
          .innerJoin('gradeRound as r', 'r.id', 'e.roundId')
          .select([
            'r.bands',
            'e.committeeScore',
            sql<
              number | null
            >`(select avg(ga.total) from grade_assignment ga where ga.evaluation_id = e.id and ga.submitted_at is not null)`.as(
              'mean',
            ),
          ])
          .where('e.id', '=', id)
          .executeTakeFirst();
        if (ev) data = { on, ...this.#committeeResult(input, ev) };
      }
      if (input.action === 'appeal') data = { on, appealDueOn: addCalendarDays(on, APPEAL_ANSWER_DAYS) };
      if (input.action === 'confirm') data = { on, validUntil: gradeValidUntil(on) };
      await transition(trx, evaluationWorkflow, caller, {
        id,
        action: input.action,
        version: input.version,
        comment: input.comment,
        data: data as unknown as Record<string, unknown>,
      });
    });
    return this.getEvaluation(caller, id, locale);
  }

  #committeeResult(
    input: EvaluationTransitionInput,
    ev: { bands: unknown; committeeScore: unknown; mean: unknown },
  ): Partial<EvaluationStepData> {
    const bands = ev.bands as GradeBand[];
    const reason = input.comment?.trim() || null;
    const mean = ev.mean === null ? null : Math.round(Number(ev.mean) * 100) / 100;
    if (input.action === 'review') {
      const score = input.committeeScore ?? mean ?? 0;
      const adjusted = input.committeeScore !== undefined && input.committeeScore !== mean;
      const banded = gradeForScore(score, bands);
      const grade = input.grade === undefined ? banded : input.grade;
      if ((adjusted || grade !== banded) && !reason) throw new AppError('grading.reasonRequired');
      return { evaluatorScore: mean, committeeScore: score, proposedGrade: grade, reason };
    }
    // 复核 answered: upheld unless a new score or grade is given.
    if (input.committeeScore === undefined && input.grade === undefined) return {};
    const score = input.committeeScore ?? num(ev.committeeScore) ?? 0;
    return {
      committeeScore: score,
      proposedGrade: input.grade === undefined ? gradeForScore(score, bands) : input.grade,
    };
  }

  async exportRows(caller: Caller, roundId: string) {
    const rows = await evaluationColumns(this.db, caller)
      .where('e.roundId', '=', roundId)
      .orderBy('o.name')
      .limit(5000)
      .execute();
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'grading.export',
        entityType: 'grade_round',
        entityId: roundId,
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: { count: rows.length },
      }),
    );
    return rows.map((r) => this.#evaluation(caller, r, 'zh-CN'));
  }
}
