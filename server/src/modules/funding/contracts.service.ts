import { randomUUID } from 'node:crypto';
import {
  CONTRACT_ACTION_NAMES,
  CONTRACT_STATE_NAMES,
  type ContractAction,
  type ContractState,
  DEFAULT_TRANCHES,
  type EvaluationKind,
  type FocusArea,
  formatYuan,
  type Locale,
  satisfactionRate,
  splitTranches,
  TRANCHE_GATE_NAMES,
  type TrancheGate,
  type TrancheSpec,
  tranchePlanProblem,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation, type LocalizedText } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { notify } from '../../platform/notifications.ts';
import { type Caller, can, escapeLike, SYSTEM_SCOPE } from '../../platform/scope.ts';
import { availableActions, transition, workflowHistory } from '../../platform/workflow.ts';
import { contractsVisibleTo, isEvaluatorOnly } from './contracts.repository.ts';
import type {
  ContractDetail,
  ContractFilterInput,
  ContractProgressInput,
  ContractSummary,
  ContractTransitionInput,
  CreateContractInput,
  Milestone,
  UpdateContractInput,
} from './contracts.schemas.ts';
import { CONTRACT_LIFECYCLE, type ContractWorkflowRow, contractLifecycle } from './contracts.workflow.ts';
import { applicationsVisibleTo, type Db } from './funding.repository.ts';
import type { FundService } from './funds.service.ts';

export const CONTRACT_EXPORT_LIMIT = 20_000;

const both = (pick: (locale: Locale) => string): LocalizedText => ({
  'zh-CN': pick('zh-CN'),
  'en-US': pick('en-US'),
});

const PAID = sql<number>`(select coalesce(sum(t.amount_fen), 0)::bigint from contract_tranche t where t.contract_id = k.id and t.paid_at is not null)`;

function rows(db: Db, caller: Caller) {
  return contractsVisibleTo(db, caller)
    .innerJoin('organization as o', 'o.id', 'k.organizationId')
    .innerJoin('fund as f', 'f.id', 'k.fundId')
    .select([
      'k.id',
      'k.applicationId',
      'k.fairMatchId',
      'k.title',
      'k.organizationId',
      'o.name as organizationName',
      'k.fundId',
      'f.name as fundName',
      'k.focusArea',
      'k.awardedFen',
      'k.amountFen',
      PAID.as('paidFen'),
      sql<string>`k.starts_on::text`.as('startsOn'),
      sql<string>`k.ends_on::text`.as('endsOn'),
      'k.evaluatorAccountId',
      'k.evaluatorName',
      'k.state',
      'k.divisionCode',
      'k.version',
      'k.createdAt',
    ]);
}
type ContractRow = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

function summaryOf(r: ContractRow): ContractSummary {
  return {
    id: r.id,
    applicationId: r.applicationId,
    fairMatchId: r.fairMatchId,
    title: r.title,
    organizationId: r.organizationId,
    organizationName: r.organizationName,
    fundId: r.fundId,
    fundName: r.fundName,
    focusArea: r.focusArea as FocusArea | null,
    awardedFen: Number(r.awardedFen),
    amountFen: Number(r.amountFen),
    paidFen: Number(r.paidFen),
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    evaluatorAccountId: r.evaluatorAccountId,
    evaluatorName: r.evaluatorName,
    state: r.state as ContractState,
    divisionCode: r.divisionCode,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The accounts acting for an organization (its own sign-ins), told of its contract's steps. */
export async function organizationAccounts(db: Db, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('roleGrant')
    .select('accountId')
    .distinct()
    .where('role', '=', 'social_org')
    .where('organizationId', '=', organizationId)
    .execute();
  return rows.map((r) => r.accountId);
}

/**
 * Tells whoever acts next: the evaluator when an evaluation falls due (the project started, final
 * acceptance requested), the organization of every other step (signing, results, payments, termination).
 */
async function tellAboutStep(
  trx: Transaction<DB>,
  row: {
    id: string;
    title: string;
    organizationId: string;
    evaluatorAccountId: string;
    divisionCode: string;
  },
  action: ContractAction,
) {
  const toEvaluator = action === 'start' || action === 'request_final';
  const accountIds = toEvaluator
    ? [row.evaluatorAccountId]
    : await organizationAccounts(trx, row.organizationId);
  await notify(
    trx,
    { accountIds },
    {
      kind: `contract.${action}`,
      title: both((l) => `${CONTRACT_ACTION_NAMES[l][action]}${l === 'zh-CN' ? '：' : ': '}${row.title}`),
      body: toEvaluator
        ? both((l) =>
            l === 'zh-CN'
              ? action === 'start'
                ? '项目已启动，请按计划开展事中评价'
                : '项目申请结项验收，请开展事后评估'
              : action === 'start'
                ? 'The project has started; carry out the mid-term evaluation as planned'
                : 'Final acceptance is requested; carry out the final evaluation',
          )
        : null,
      link: `/contracts/${row.id}`,
      entityType: 'contract',
      entityId: row.id,
      divisionCode: row.divisionCode,
    },
  );
}

export interface ContractPaymentRow {
  contractTitle: string;
  organizationName: string;
  fundName: string;
  seq: number;
  gate: TrancheGate;
  percent: number;
  amountFen: number;
  paidAt: string | null;
}

/**
 * Contracts (签约落位, issue #7 item 4): made by the district from an awarded application, with a
 * term, deliverables, milestones, the assigned evaluator and a tranche plan. Money: the award has
 * already committed the awarded amount on the fund; signing releases what the contract does not
 * use and pays the signing tranche; each passed gate pays its tranches (exactly once: the tranche
 * row is claimed with `paid_at is null` under the contract's row lock, and the ledger refuses a
 * second payment posting of a tranche); termination releases what was not paid.
 */
export class ContractService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly funds: FundService,
  ) {}

  #filtered(db: Db, caller: Caller, f: ContractFilterInput) {
    let q = rows(db, caller);
    if (f.state) q = q.where('k.state', '=', f.state);
    if (f.fundId) q = q.where('k.fundId', '=', f.fundId);
    if (f.focusArea) q = q.where('k.focusArea', '=', f.focusArea);
    if (f.q?.trim()) {
      const like = `%${escapeLike(f.q.trim())}%`;
      q = q.where((eb) => eb.or([eb('k.title', 'like', like), eb('o.name', 'like', like)]));
    }
    return q;
  }

  async list(
    caller: Caller,
    query: ContractFilterInput & { limit?: number; offset?: number },
  ): Promise<PageOf<ContractSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [items, total] = await Promise.all([
      this.#filtered(this.db, caller, query)
        .orderBy('k.createdAt', 'desc')
        .orderBy('k.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.#filtered(this.db, caller, query)
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: items.map(summaryOf), total: Number(total.n), limit, offset };
  }

  /** The contracts and their tranches (the payments sheet) for the Excel export, audited. */
  async exportRows(
    caller: Caller,
    query: ContractFilterInput,
  ): Promise<{ contracts: ContractSummary[]; payments: ContractPaymentRow[] }> {
    const contracts = (
      await this.#filtered(this.db, caller, query)
        .orderBy('k.createdAt', 'desc')
        .orderBy('k.id')
        .limit(CONTRACT_EXPORT_LIMIT)
        .execute()
    ).map(summaryOf);
    const byId = new Map(contracts.map((c) => [c.id, c]));
    const tranches =
      contracts.length === 0
        ? []
        : await this.db
            .selectFrom('contractTranche')
            .select(['contractId', 'seq', 'gate', 'percent', 'amountFen', 'paidAt'])
            .where('contractId', 'in', [...byId.keys()])
            .orderBy('contractId')
            .orderBy('seq')
            .execute();
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'contract.export',
        entityType: 'contract',
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: { count: contracts.length, filters: query },
      }),
    );
    return {
      contracts,
      payments: tranches.map((t) => {
        const c = byId.get(t.contractId)!;
        return {
          contractTitle: c.title,
          organizationName: c.organizationName,
          fundName: c.fundName,
          seq: t.seq,
          gate: t.gate as TrancheGate,
          percent: t.percent,
          amountFen: Number(t.amountFen),
          paidAt: t.paidAt?.toISOString() ?? null,
        };
      }),
    };
  }

  async detail(caller: Caller, id: string, locale: Locale = 'zh-CN'): Promise<ContractDetail> {
    const row = await rows(this.db, caller)
      .select([
        'k.deliverables',
        'k.milestones',
        'k.signedAt',
        'k.closedAt',
        sql<boolean>`exists (select 1 from contract_evaluation e where e.contract_id = k.id and e.kind = 'mid' and e.result = 'pass')`.as(
          'midPassed',
        ),
      ])
      .where('k.id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('contract.notFound', { id });
    const [tranches, evaluations, rectifications, photos, history] = await Promise.all([
      this.db.selectFrom('contractTranche').selectAll().where('contractId', '=', id).orderBy('seq').execute(),
      this.db
        .selectFrom('contractEvaluation')
        .selectAll()
        .select(sql<string>`visited_on::text`.as('visitedOnText'))
        .where('contractId', '=', id)
        .orderBy('at')
        .execute(),
      this.db
        .selectFrom('contractRectification')
        .selectAll()
        .select(sql<string>`due_on::text`.as('dueOnText'))
        .where('contractId', '=', id)
        .orderBy('dueOn')
        .orderBy('id')
        .execute(),
      this.db
        .selectFrom('contractPhoto')
        .select(['id', 'evaluationId', 'filename', 'mime', 'size', 'uploadedByName', 'at'])
        .where('contractId', '=', id)
        .orderBy('at')
        .execute(),
      workflowHistory(this.db, CONTRACT_LIFECYCLE, id),
    ]);
    const openRectifications = rectifications.filter((r) => !r.reportedAt).length;
    const wfRow: ContractWorkflowRow = {
      id: row.id,
      state: row.state,
      version: row.version,
      divisionCode: row.divisionCode,
      midPassed: Boolean(row.midPassed),
      openRectifications,
    };
    const actions = new Set(availableActions(contractLifecycle, wfRow, caller));
    const state = row.state as ContractState;
    const assigned = row.evaluatorAccountId === caller.actor.id && can(caller, 'evaluation:write');
    let evaluate: EvaluationKind | null = null;
    if (assigned && (actions.has('pass_mid') || actions.has('fail_mid'))) evaluate = 'mid';
    if (assigned && (actions.has('pass_final') || actions.has('fail_final'))) evaluate = 'final';
    return {
      ...summaryOf(row),
      deliverables: row.deliverables,
      milestones: row.milestones as Milestone[],
      signedAt: row.signedAt?.toISOString() ?? null,
      closedAt: row.closedAt?.toISOString() ?? null,
      tranches: tranches.map((t) => ({
        id: t.id,
        seq: t.seq,
        gate: t.gate as TrancheGate,
        percent: t.percent,
        amountFen: Number(t.amountFen),
        paidAt: t.paidAt?.toISOString() ?? null,
      })),
      evaluations: evaluations.map((e) => ({
        id: e.id,
        kind: e.kind as EvaluationKind,
        round: e.round,
        evaluatorName: e.evaluatorName,
        indicators: e.indicators as Array<{ name: string; maxScore: number; score: number }>,
        score: Number(e.score),
        maxScore: Number(e.maxScore),
        visitedOn: e.visitedOnText,
        visitPlace: e.visitPlace,
        visitNotes: e.visitNotes,
        sampleAsked: e.sampleAsked,
        sampleSatisfied: e.sampleSatisfied,
        satisfactionRate: satisfactionRate(e.sampleAsked, e.sampleSatisfied),
        findings: e.findings,
        result: e.result as 'pass' | 'fail',
        at: e.at.toISOString(),
      })),
      rectifications: rectifications.map((r) => ({
        id: r.id,
        evaluationId: r.evaluationId,
        item: r.item,
        dueOn: r.dueOnText,
        report: r.report,
        reportedAt: r.reportedAt?.toISOString() ?? null,
        reportedByName: r.reportedByName,
      })),
      photos: photos.map((p) => ({ ...p, at: p.at.toISOString() })),
      history: history.map((h) => ({
        id: h.id,
        action: h.action as ContractAction,
        actionName: CONTRACT_ACTION_NAMES[locale][h.action as ContractAction] ?? h.action,
        actorName: h.actorName,
        comment: h.comment,
        at: h.at.toISOString(),
      })),
      abilities: {
        update: can(caller, 'contract:write') && state === 'draft',
        sign: can(caller, 'contract:write') && actions.has('sign'),
        terminate: can(caller, 'contract:write') && actions.has('terminate'),
        start: can(caller, 'contract:report') && actions.has('start'),
        requestFinal: can(caller, 'contract:report') && actions.has('request_final'),
        evaluate,
        reportRectification:
          can(caller, 'contract:report') &&
          !isEvaluatorOnly(caller) &&
          openRectifications > 0 &&
          (state === 'suspended' || state === 'final_review'),
      },
    };
  }

  /** Accounts that may be assigned as a contract's third-party evaluator (active, role evaluator). */
  async evaluators(db: Db = this.db): Promise<Array<{ id: string; name: string }>> {
    return db
      .selectFrom('account as a')
      .innerJoin('roleGrant as g', 'g.accountId', 'a.id')
      .select(['a.id', 'a.displayName as name'])
      .where('g.role', '=', 'evaluator')
      .where('a.disabled', '=', false)
      .distinct()
      .orderBy('a.displayName')
      .execute();
  }

  async #evaluator(db: Db, id: string): Promise<{ id: string; name: string }> {
    const found = (await this.evaluators(db)).find((e) => e.id === id);
    if (!found) throw new AppError('contract.evaluatorNotFound', { id });
    return found;
  }

  #checkPlan(tranches: readonly TrancheSpec[]) {
    const problem = tranchePlanProblem(tranches);
    if (problem === 'sum')
      throw new AppError('contract.invalidTranches', {
        reason: both((l) =>
          l === 'zh-CN'
            ? `各笔比例之和须为 100%（现为 ${tranches.reduce((s, t) => s + t.percent, 0)}%）`
            : `the percentages must add up to 100 (they add up to ${tranches.reduce((s, t) => s + t.percent, 0)})`,
        ),
      });
    if (problem === 'order')
      throw new AppError('contract.invalidTranches', {
        reason: both((l) =>
          l === 'zh-CN'
            ? '各笔须按“签约后、事中评价后、事后评估后”的顺序排列'
            : 'tranches must be in the order signing, mid-term, final',
        ),
      });
  }

  #checkTerm(startsOn: string, endsOn: string) {
    if (endsOn < startsOn) throw new AppError('contract.invalidTerm');
  }

  async #writeTranches(
    trx: Transaction<DB>,
    contractId: string,
    amountFen: number,
    plan: readonly TrancheSpec[],
  ) {
    await trx.deleteFrom('contractTranche').where('contractId', '=', contractId).execute();
    const amounts = splitTranches(amountFen, plan);
    await trx
      .insertInto('contractTranche')
      .values(
        plan.map((t, i) => ({
          id: randomUUID(),
          contractId,
          seq: i + 1,
          gate: t.gate,
          percent: t.percent,
          amountFen: amounts[i]!,
        })),
      )
      .execute();
  }

  async create(
    caller: Caller,
    input: CreateContractInput,
    locale: Locale = 'zh-CN',
  ): Promise<ContractDetail> {
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const app = await applicationsVisibleTo(trx, caller)
          .innerJoin('fundingCall as c', 'c.id', 'a.callId')
          .select([
            'a.id',
            'a.state',
            'a.title',
            'a.focusArea',
            'a.awardedFen',
            'a.organizationId',
            'a.divisionCode',
            'c.fundId',
          ])
          .where('a.id', '=', input.applicationId)
          .modifyEnd(sql`for update of a`)
          .executeTakeFirst();
        if (!app) throw new AppError('application.notFound', { id: input.applicationId });
        if (app.state !== 'awarded' || app.awardedFen === null)
          throw new AppError('contract.applicationNotAwarded');
        const awarded = Number(app.awardedFen);
        const amountFen = input.amountFen ?? awarded;
        if (amountFen > awarded) throw new AppError('contract.overAwarded', { awarded: formatYuan(awarded) });
        this.#checkTerm(input.startsOn, input.endsOn);
        const plan = input.tranches ?? DEFAULT_TRANCHES;
        this.#checkPlan(plan);
        const evaluator = await this.#evaluator(trx, input.evaluatorAccountId);
        await this.#insertDraft(trx, caller, {
          id,
          applicationId: app.id,
          fundId: app.fundId,
          organizationId: app.organizationId,
          divisionCode: app.divisionCode,
          title: app.title,
          focusArea: app.focusArea,
          awardedFen: awarded,
          amountFen,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          deliverables: input.deliverables.trim(),
          milestones: input.milestones ?? [],
          evaluator,
          plan,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('contract.exists');
      throw error;
    }
    return this.detail(caller, id, locale);
  }

  /** Writes a draft contract, its tranches and the audit entry (from an award or a fair match). */
  async #insertDraft(
    trx: Transaction<DB>,
    caller: Caller,
    c: {
      id: string;
      applicationId?: string;
      fairMatchId?: string;
      fundId: string;
      organizationId: string;
      divisionCode: string;
      title: string;
      focusArea: string | null;
      awardedFen: number;
      amountFen: number;
      startsOn: string;
      endsOn: string;
      deliverables: string;
      milestones: Milestone[];
      evaluator: { id: string; name: string };
      plan: readonly TrancheSpec[];
    },
  ) {
    const { evaluator, plan, milestones, ...rest } = c;
    const values = {
      ...rest,
      milestones: JSON.stringify(milestones),
      evaluatorAccountId: evaluator.id,
      evaluatorName: evaluator.name,
      state: 'draft',
      createdBy: caller.actor.id,
    };
    await trx.insertInto('contract').values(values).execute();
    await this.#writeTranches(trx, c.id, c.amountFen, plan);
    await appendAudit(trx, caller.actor, {
      action: 'contract.create',
      entityType: 'contract',
      entityId: c.id,
      divisionCode: c.divisionCode,
      after: { ...values, milestones, tranches: plan },
    });
  }

  /**
   * A draft contract from a match signed at the fair (社洽会签约, issue #7 item 7), inside the
   * signing's transaction: the amount is committed on the fund as an award commits it (409
   * `fund.insufficient` when the fund has less left, and nothing is written), then the contract
   * follows the same path as one from an award (signing, tranches, evaluations).
   */
  async createFromFairMatch(
    trx: Transaction<DB>,
    caller: Caller,
    input: {
      fairMatchId: string;
      fundId: string;
      organizationId: string;
      divisionCode: string;
      title: string;
      focusArea: string | null;
      amountFen: number;
      startsOn: string;
      endsOn: string;
      deliverables: string;
      evaluatorAccountId: string;
    },
  ): Promise<string> {
    this.#checkTerm(input.startsOn, input.endsOn);
    const { evaluatorAccountId, ...terms } = input;
    const evaluator = await this.#evaluator(trx, evaluatorAccountId);
    await this.funds.post(trx, caller, {
      fundId: input.fundId,
      kind: 'commitment',
      amountFen: input.amountFen,
      focusArea: input.focusArea,
      referenceType: 'fair_match',
      referenceId: input.fairMatchId,
    });
    const id = randomUUID();
    await this.#insertDraft(trx, caller, {
      ...terms,
      id,
      deliverables: input.deliverables.trim(),
      awardedFen: input.amountFen,
      milestones: [],
      evaluator,
      plan: DEFAULT_TRANCHES,
    });
    return id;
  }

  async #locked(trx: Transaction<DB>, caller: Caller, id: string) {
    const row = await contractsVisibleTo(trx, caller)
      .selectAll('k')
      .select([
        sql<string>`k.starts_on::text`.as('startsOnText'),
        sql<string>`k.ends_on::text`.as('endsOnText'),
      ])
      .where('k.id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('contract.notFound', { id });
    return row;
  }

  /** Terms of a contract still to be signed; a new amount or plan recomputes the tranches. */
  async update(
    caller: Caller,
    id: string,
    input: UpdateContractInput,
    locale: Locale = 'zh-CN',
  ): Promise<ContractDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#locked(trx, caller, id);
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (row.state !== 'draft')
        throw new AppError('contract.notEditable', {
          stateName: both((l) => CONTRACT_STATE_NAMES[l][row.state as ContractState]),
        });
      const changes: Record<string, unknown> = {};
      const amountFen = input.amountFen ?? Number(row.amountFen);
      if (amountFen > Number(row.awardedFen))
        throw new AppError('contract.overAwarded', { awarded: formatYuan(Number(row.awardedFen)) });
      if (input.amountFen !== undefined) changes.amountFen = input.amountFen;
      const startsOn = input.startsOn ?? row.startsOnText;
      const endsOn = input.endsOn ?? row.endsOnText;
      this.#checkTerm(startsOn, endsOn);
      if (input.startsOn !== undefined) changes.startsOn = input.startsOn;
      if (input.endsOn !== undefined) changes.endsOn = input.endsOn;
      if (input.deliverables !== undefined) changes.deliverables = input.deliverables.trim();
      if (input.milestones !== undefined) changes.milestones = JSON.stringify(input.milestones);
      if (input.evaluatorAccountId !== undefined) {
        const evaluator = await this.#evaluator(trx, input.evaluatorAccountId);
        changes.evaluatorAccountId = evaluator.id;
        changes.evaluatorName = evaluator.name;
      }
      if (input.tranches) this.#checkPlan(input.tranches);
      if (input.tranches || input.amountFen !== undefined) {
        const plan =
          input.tranches ??
          (
            await trx
              .selectFrom('contractTranche')
              .select(['gate', 'percent'])
              .where('contractId', '=', id)
              .orderBy('seq')
              .execute()
          ).map((t) => ({ gate: t.gate as TrancheGate, percent: t.percent }));
        await this.#writeTranches(trx, id, amountFen, plan);
      }
      await trx
        .updateTable('contract')
        .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'contract.update',
        entityType: 'contract',
        entityId: id,
        divisionCode: row.divisionCode,
        after: { ...changes, ...(input.tranches ? { tranches: input.tranches } : {}) },
      });
    });
    return this.detail(caller, id, locale);
  }

  /** The district signs (paying the signing tranche) or terminates (releasing what is unpaid). */
  async transition(
    caller: Caller,
    id: string,
    input: ContractTransitionInput,
    locale: Locale = 'zh-CN',
  ): Promise<ContractDetail> {
    await this.db.transaction().execute((trx) => this.step(trx, caller, id, input));
    return this.detail(caller, id, locale);
  }

  /** The organization (or the district for it) starts the project or asks for final acceptance. */
  async progress(
    caller: Caller,
    id: string,
    input: ContractProgressInput,
    locale: Locale = 'zh-CN',
  ): Promise<ContractDetail> {
    await this.db.transaction().execute((trx) => this.step(trx, caller, id, input));
    return this.detail(caller, id, locale);
  }

  /**
   * One step of the contract's lifecycle inside `trx`, with its money: signing releases what the
   * contract does not use of the award and pays the signing tranches; a passed evaluation pays its
   * gate's tranches; termination releases the unpaid rest of the contract.
   */
  async step(
    trx: Transaction<DB>,
    caller: Caller,
    id: string,
    input: { action: ContractAction; version: number; comment?: string | null | undefined },
  ): Promise<void> {
    await transition(trx, contractLifecycle, caller, {
      id,
      action: input.action,
      version: input.version,
      comment: input.comment,
    });
    await this.afterStep(trx, caller, id, input.action);
  }

  /** The money of a step just taken (see `step`); an evaluation calls it once its record is written. */
  async afterStep(trx: Transaction<DB>, caller: Caller, id: string, action: ContractAction): Promise<void> {
    const row = await this.#locked(trx, caller, id);
    const ledger = { ...caller, scope: SYSTEM_SCOPE };
    const post = (
      kind: 'release' | 'payment',
      amountFen: number,
      referenceType: string,
      referenceId: string,
    ) =>
      amountFen > 0
        ? this.funds.post(trx, ledger, {
            fundId: row.fundId,
            kind,
            amountFen,
            focusArea: row.focusArea,
            referenceType,
            referenceId,
          })
        : undefined;
    switch (action) {
      case 'sign': {
        await trx.updateTable('contract').set({ signedAt: new Date() }).where('id', '=', id).execute();
        await post('release', Number(row.awardedFen) - Number(row.amountFen), 'contract', id);
        await this.releaseGate(trx, caller, id, 'signing');
        break;
      }
      case 'pass_mid':
        await this.releaseGate(trx, caller, id, 'mid');
        break;
      case 'pass_final':
        await this.releaseGate(trx, caller, id, 'final');
        await trx.updateTable('contract').set({ closedAt: new Date() }).where('id', '=', id).execute();
        break;
      case 'terminate': {
        const paid = await trx
          .selectFrom('contractTranche')
          .select(sql<number>`coalesce(sum(amount_fen), 0)::bigint`.as('paid'))
          .where('contractId', '=', id)
          .where('paidAt', 'is not', null)
          .executeTakeFirstOrThrow();
        // Signing left the contract amount committed; what of it was not paid goes back to the fund.
        await post('release', Number(row.amountFen) - Number(paid.paid), 'contract', id);
        break;
      }
      default:
        break;
    }
    await tellAboutStep(trx, row, action);
  }

  /**
   * Pays the tranches of a gate that has passed and are not paid yet, each exactly once: the
   * update claims only unpaid rows, and the ledger's unique index refuses a second payment of a
   * tranche. A gate that has not passed is 409 `contract.gateNotPassed` and pays nothing.
   */
  async releaseGate(trx: Transaction<DB>, caller: Caller, id: string, gate: TrancheGate): Promise<number> {
    const row = await this.#locked(trx, caller, id);
    const passed =
      gate === 'signing'
        ? row.signedAt !== null && row.state !== 'terminated'
        : Boolean(
            await trx
              .selectFrom('contractEvaluation')
              .select('id')
              .where('contractId', '=', id)
              .where('kind', '=', gate)
              .where('result', '=', 'pass')
              .executeTakeFirst(),
          ) && row.state !== 'terminated';
    if (!passed)
      throw new AppError('contract.gateNotPassed', {
        gate,
        gateName: both((l) => TRANCHE_GATE_NAMES[l][gate]),
      });
    const claimed = await trx
      .updateTable('contractTranche')
      .set({ paidAt: new Date() })
      .where('contractId', '=', id)
      .where('gate', '=', gate)
      .where('paidAt', 'is', null)
      .returning(['id', 'amountFen'])
      .execute();
    const ledger = { ...caller, scope: SYSTEM_SCOPE };
    let total = 0;
    for (const t of claimed) {
      if (Number(t.amountFen) === 0) continue;
      await this.funds.post(trx, ledger, {
        fundId: row.fundId,
        kind: 'payment',
        amountFen: Number(t.amountFen),
        focusArea: row.focusArea,
        referenceType: 'contract_tranche',
        referenceId: t.id,
      });
      total += Number(t.amountFen);
    }
    return total;
  }
}
