import { randomUUID } from 'node:crypto';
import {
  beijingToday,
  CALL_STATE_NAMES,
  type CallState,
  DEFAULT_PRIORITY_GRADE,
  type FocusArea,
  type FundChannel,
  formatYuan,
  type OrganizationGrade,
  type OrganizationKind,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can, escapeLike } from '../../platform/scope.ts';
import { availableActions, transition } from '../../platform/workflow.ts';
import { callsVisibleTo, type Db } from './funding.repository.ts';
import type {
  CallDetail,
  CallFilters,
  CallSummary,
  CallTransitionInput,
  CreateCallInput,
  ScoringCriterion,
  UpdateCallInput,
} from './funding.schemas.ts';
import { callLifecycle } from './funding.workflow.ts';
import type { FundService } from './funds.service.ts';
import type { NeedService } from './needs.service.ts';

export const CALL_EXPORT_LIMIT = 5_000;

function rows(db: Db, caller: Caller) {
  return callsVisibleTo(db, caller)
    .innerJoin('fund as f', 'f.id', 'c.fundId')
    .select([
      'c.id',
      'c.title',
      'c.description',
      'c.fundId',
      'f.name as fundName',
      'f.channel',
      'c.budgetCeilingFen',
      'c.focusAreas',
      'c.eligibleKinds',
      'c.minGrade',
      'c.outsideAllowed',
      'c.priorityGrade',
      'c.scoringTemplate',
      sql<string>`c.opens_on::text`.as('opensOn'),
      sql<string>`c.closes_on::text`.as('closesOn'),
      'c.state',
      'c.divisionCode',
      'c.version',
      'c.createdAt',
      sql<number>`(select count(*) from funding_application a where a.call_id = c.id and a.state in ('submitted', 'awarded'))::int`.as(
        'applications',
      ),
      sql<number>`(select coalesce(sum(a.awarded_fen), 0) from funding_application a where a.call_id = c.id and a.state = 'awarded')::bigint`.as(
        'awardedFen',
      ),
    ]);
}
type CallRow = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

/** Calls for proposals (项目征集, issue #7 item 2): the district drafts, opens and closes them. */
export class CallService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly funds: FundService,
    private readonly needs: NeedService,
  ) {}

  #summary(caller: Caller, r: CallRow): CallSummary {
    const today = beijingToday();
    const actions = new Set(
      availableActions(
        callLifecycle,
        { id: r.id, state: r.state, version: r.version, divisionCode: r.divisionCode, closesOn: r.closesOn },
        caller,
      ),
    );
    return {
      id: r.id,
      title: r.title,
      fundId: r.fundId,
      fundName: r.fundName,
      channel: r.channel as FundChannel,
      budgetCeilingFen: Number(r.budgetCeilingFen),
      focusAreas: r.focusAreas as FocusArea[],
      eligibleKinds: r.eligibleKinds as OrganizationKind[],
      minGrade: r.minGrade as OrganizationGrade | null,
      outsideAllowed: r.outsideAllowed,
      priorityGrade: r.priorityGrade as OrganizationGrade,
      opensOn: r.opensOn,
      closesOn: r.closesOn,
      deadlinePassed: today > r.closesOn,
      state: r.state as CallState,
      applications: Number(r.applications),
      awardedFen: Number(r.awardedFen),
      version: r.version,
      abilities: {
        update: can(caller, 'call:write') && r.state === 'draft',
        open: actions.has('open'),
        close: actions.has('close'),
        apply:
          can(caller, 'application:write') && r.state === 'open' && today >= r.opensOn && today <= r.closesOn,
      },
    };
  }

  #filtered(db: Db, caller: Caller, f: CallFilters) {
    let q = rows(db, caller);
    if (f.state) q = q.where('c.state', '=', f.state);
    if (f.fundId) q = q.where('c.fundId', '=', f.fundId);
    if (f.focusArea) q = q.where(sql<boolean>`c.focus_areas @> array[${f.focusArea}]::text[]`);
    if (f.q?.trim()) q = q.where('c.title', 'like', `%${escapeLike(f.q.trim())}%`);
    if (f.acceptingOnly) {
      const today = beijingToday();
      q = q
        .where('c.state', '=', 'open')
        .where(sql<boolean>`c.opens_on <= ${today}::date`)
        .where(sql<boolean>`c.closes_on >= ${today}::date`);
    }
    return q;
  }

  async list(
    caller: Caller,
    query: CallFilters & { limit?: number; offset?: number },
  ): Promise<PageOf<CallSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [items, total] = await Promise.all([
      this.#filtered(this.db, caller, query)
        .orderBy(sql`case c.state when 'open' then 0 when 'draft' then 1 else 2 end`)
        .orderBy('c.closesOn', 'desc')
        .orderBy('c.id')
        .limit(limit)
        .offset(offset)
        .execute(),
      this.#filtered(this.db, caller, query)
        .clearSelect()
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { items: items.map((r) => this.#summary(caller, r)), total: Number(total.n), limit, offset };
  }

  async exportRows(caller: Caller, query: CallFilters): Promise<CallSummary[]> {
    const result = await this.#filtered(this.db, caller, query)
      .orderBy('c.closesOn', 'desc')
      .limit(CALL_EXPORT_LIMIT)
      .execute();
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'call.export',
        entityType: 'funding_call',
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: { count: result.length, filters: query },
      }),
    );
    return result.map((r) => this.#summary(caller, r));
  }

  /** A call the caller sees, as its summary (applications check eligibility and dates against it). */
  async find(db: Db, caller: Caller, id: string): Promise<CallSummary | undefined> {
    const row = await rows(db, caller).where('c.id', '=', id).executeTakeFirst();
    return row && this.#summary(caller, row);
  }

  async detail(caller: Caller, id: string): Promise<CallDetail> {
    const row = await rows(this.db, caller).where('c.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('call.notFound', { id });
    const needs = await this.needs.list(caller, { callId: id, limit: 100, offset: 0 });
    return {
      ...this.#summary(caller, row),
      description: row.description,
      scoringTemplate: row.scoringTemplate as ScoringCriterion[],
      needs: needs.items,
      createdAt: row.createdAt.toISOString(),
    };
  }

  async #checkFund(trx: Transaction<DB>, caller: Caller, fundId: string, ceiling: number) {
    const fund = await this.funds.find(trx, caller, fundId);
    if (!fund) throw new AppError('call.fundNotFound', { id: fundId });
    if (ceiling > fund.budgetFen)
      throw new AppError('call.ceilingOverBudget', { budget: formatYuan(fund.budgetFen) });
    return fund;
  }

  /** Bundles these needs into the call (replacing what it bundled before); each need joins one call. */
  async #bundle(trx: Transaction<DB>, caller: Caller, callId: string, needIds: readonly string[]) {
    const found = await this.needs.visibleIds(trx, caller, needIds);
    if (found.length !== needIds.length || found.some((n) => n.callId !== null && n.callId !== callId))
      throw new AppError('call.needNotFound');
    await trx.updateTable('need').set({ callId: null }).where('callId', '=', callId).execute();
    if (needIds.length > 0)
      await trx
        .updateTable('need')
        .set({ callId })
        .where('id', 'in', [...needIds])
        .execute();
  }

  async create(caller: Caller, input: CreateCallInput): Promise<CallDetail> {
    if (input.closesOn < input.opensOn) throw new AppError('call.invalidDates');
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      const fund = await this.#checkFund(trx, caller, input.fundId, input.budgetCeilingFen);
      const values = {
        id,
        title: input.title.trim(),
        description: input.description?.trim() || null,
        fundId: input.fundId,
        budgetCeilingFen: input.budgetCeilingFen,
        focusAreas: [...new Set(input.focusAreas)],
        eligibleKinds: [...new Set(input.eligibleKinds)],
        minGrade: input.minGrade ?? null,
        outsideAllowed: input.outsideAllowed ?? true,
        priorityGrade: input.priorityGrade ?? DEFAULT_PRIORITY_GRADE,
        scoringTemplate: JSON.stringify(input.scoringTemplate),
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        state: 'draft',
        divisionCode: await this.#fundDivision(trx, fund.id),
        createdBy: caller.actor.id,
      };
      await trx.insertInto('fundingCall').values(values).execute();
      await this.#bundle(trx, caller, id, input.needIds ?? []);
      await appendAudit(trx, caller.actor, {
        action: 'call.create',
        entityType: 'funding_call',
        entityId: id,
        divisionCode: values.divisionCode,
        after: { ...values, scoringTemplate: input.scoringTemplate, needIds: input.needIds ?? [] },
      });
    });
    return this.detail(caller, id);
  }

  async #fundDivision(trx: Transaction<DB>, fundId: string): Promise<string> {
    const row = await trx
      .selectFrom('fund')
      .select('divisionCode')
      .where('id', '=', fundId)
      .executeTakeFirstOrThrow();
    return row.divisionCode;
  }

  async update(caller: Caller, id: string, input: UpdateCallInput): Promise<CallDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await callsVisibleTo(trx, caller)
        .selectAll('c')
        .select([
          sql<string>`c.opens_on::text`.as('opensText'),
          sql<string>`c.closes_on::text`.as('closesText'),
        ])
        .where('c.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new AppError('call.notFound', { id });
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (row.state !== 'draft')
        throw new AppError('call.notEditable', {
          stateName: {
            'zh-CN': CALL_STATE_NAMES['zh-CN'][row.state as CallState],
            'en-US': CALL_STATE_NAMES['en-US'][row.state as CallState],
          },
        });
      const opensOn = input.opensOn ?? row.opensText;
      const closesOn = input.closesOn ?? row.closesText;
      if (closesOn < opensOn) throw new AppError('call.invalidDates');
      const fundId = input.fundId ?? row.fundId;
      const ceiling = input.budgetCeilingFen ?? Number(row.budgetCeilingFen);
      await this.#checkFund(trx, caller, fundId, ceiling);
      const changes: Record<string, unknown> = {};
      const set = (key: string, value: unknown) => {
        if (value !== undefined) changes[key] = value;
      };
      set('title', input.title?.trim());
      set('description', input.description === undefined ? undefined : input.description?.trim() || null);
      set('fundId', input.fundId);
      set('budgetCeilingFen', input.budgetCeilingFen);
      set('focusAreas', input.focusAreas && [...new Set(input.focusAreas)]);
      set('eligibleKinds', input.eligibleKinds && [...new Set(input.eligibleKinds)]);
      set('minGrade', input.minGrade);
      set('outsideAllowed', input.outsideAllowed);
      set('priorityGrade', input.priorityGrade);
      set('scoringTemplate', input.scoringTemplate && JSON.stringify(input.scoringTemplate));
      set('opensOn', input.opensOn);
      set('closesOn', input.closesOn);
      if (input.needIds) await this.#bundle(trx, caller, id, input.needIds);
      await trx
        .updateTable('fundingCall')
        .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'call.update',
        entityType: 'funding_call',
        entityId: id,
        divisionCode: row.divisionCode,
        after: { ...changes, ...(input.needIds ? { needIds: input.needIds } : {}) },
      });
    });
    return this.detail(caller, id);
  }

  async transition(caller: Caller, id: string, input: CallTransitionInput): Promise<CallDetail> {
    await this.db.transaction().execute((trx) =>
      transition(trx, callLifecycle, caller, {
        id,
        action: input.action,
        version: input.version,
        comment: input.comment,
      }),
    );
    return this.detail(caller, id);
  }
}
