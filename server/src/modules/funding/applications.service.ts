import { randomUUID } from 'node:crypto';
import {
  APPLICATION_ACTION_NAMES,
  APPLICATION_STATE_NAMES,
  type ApplicationState,
  beijingToday,
  type FocusArea,
  formatYuan,
  gradeAtLeast,
  ORGANIZATION_KIND_NAMES,
  type OrganizationGrade,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation, type LocalizedText } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, can, escapeLike, inScope } from '../../platform/scope.ts';
import { availableActions, transition } from '../../platform/workflow.ts';
import { effectiveGradeSql } from '../grading/grade-validity.ts';
import type { CallService } from './calls.service.ts';
import { applicationsVisibleTo, type Db, isOrganizationOnly } from './funding.repository.ts';
import type {
  ApplicationDetail,
  ApplicationFilters,
  ApplicationSummary,
  ApplicationTransitionInput,
  AwardInput,
  BudgetLine,
  CallSummary,
  CreateApplicationInput,
  UpdateApplicationInput,
} from './funding.schemas.ts';
import { applicationLifecycle, noticeColumns, submissionRefusal } from './funding.workflow.ts';
import type { FundService } from './funds.service.ts';

export const APPLICATION_EXPORT_LIMIT = 20_000;

/**
 * R4.4: the organization's grade, while still valid today, reaches the call's priority threshold
 * (grades 1A…5A compare as text) — the same rule the ranking applies.
 */
const PRIORITY = sql<boolean>`coalesce(${effectiveGradeSql(sql`(now() at time zone 'Asia/Shanghai')::date`)} >= c.priority_grade, false)`;

function rows(db: Db, caller: Caller) {
  return applicationsVisibleTo(db, caller)
    .innerJoin('fundingCall as c', 'c.id', 'a.callId')
    .innerJoin('organization as o', 'o.id', 'a.organizationId')
    .select([
      'a.id',
      'a.callId',
      'c.title as callTitle',
      'c.fundId',
      'c.state as callState',
      sql<string>`c.opens_on::text`.as('opensOn'),
      sql<string>`c.closes_on::text`.as('closesOn'),
      'c.budgetCeilingFen',
      'c.priorityGrade',
      'a.organizationId',
      'o.name as organizationName',
      'o.grade as organizationGrade',
      'o.fromOutside',
      PRIORITY.as('priority'),
      'a.title',
      'a.focusArea',
      'a.plan',
      'a.outcomes',
      'a.budgetLines',
      'a.requestedFen',
      'a.awardedFen',
      'a.awardedAt',
      'a.state',
      'a.submittedAt',
      'a.enteredByDistrict',
      'a.divisionCode',
      'a.version',
      'a.createdAt',
      ...noticeColumns(),
    ]);
}
type ApplicationRow = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

const both = (pick: (locale: 'zh-CN' | 'en-US') => string): LocalizedText => ({
  'zh-CN': pick('zh-CN'),
  'en-US': pick('en-US'),
});

/** Why an organization may not apply to a call (R3.2: outside organizations apply on the same terms). */
function ineligibility(
  org: { state: string; kind: string; grade: string | null; fromOutside: boolean },
  call: CallSummary,
): LocalizedText | null {
  if (org.state !== 'active')
    return { 'zh-CN': '只有状态正常的社会组织可以申报', 'en-US': 'only active organizations may apply' };
  if (!(call.eligibleKinds as string[]).includes(org.kind))
    return both((l) =>
      l === 'zh-CN'
        ? `本次征集面向${call.eligibleKinds.map((k) => ORGANIZATION_KIND_NAMES[l][k]).join('、')}`
        : `the call is open to ${call.eligibleKinds.map((k) => ORGANIZATION_KIND_NAMES[l][k]).join(', ')}`,
    );
  if (call.minGrade && !gradeAtLeast(org.grade, call.minGrade))
    return {
      'zh-CN': `本次征集要求评估等级 ${call.minGrade} 及以上`,
      'en-US': `the call requires grade ${call.minGrade} or above`,
    };
  if (org.fromOutside && !call.outsideAllowed)
    return {
      'zh-CN': '本次征集仅限本区社会组织',
      'en-US': 'the call is for organizations of this district only',
    };
  return null;
}

function totalOf(lines: readonly BudgetLine[]): number {
  return lines.reduce((sum, l) => sum + l.amountFen, 0);
}

/**
 * Applications to calls (issue #7 item 2): an organization drafts, submits while the call takes
 * submissions (checked on the server in Beijing time) and withdraws; the district may enter one
 * for an organization and awards it, which commits the amount on the call's fund.
 */
export class ApplicationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly funds: FundService,
    private readonly calls: CallService,
  ) {}

  #summary(caller: Caller, r: ApplicationRow): ApplicationSummary {
    const actions = new Set(
      availableActions(
        applicationLifecycle,
        {
          id: r.id,
          state: r.state,
          version: r.version,
          divisionCode: r.divisionCode,
          callState: r.callState,
          opensOn: r.opensOn,
          closesOn: r.closesOn,
          onNotice: Boolean(r.onNotice),
          noticeEndsAt: r.noticeEndsAt,
          pendingObjections: Number(r.pendingObjections),
        },
        caller,
      ),
    );
    return {
      id: r.id,
      callId: r.callId,
      callTitle: r.callTitle,
      organizationId: r.organizationId,
      organizationName: r.organizationName,
      organizationGrade: r.organizationGrade as OrganizationGrade | null,
      fromOutside: r.fromOutside,
      priority: Boolean(r.priority),
      title: r.title,
      focusArea: r.focusArea as FocusArea,
      requestedFen: Number(r.requestedFen),
      awardedFen: r.awardedFen === null ? null : Number(r.awardedFen),
      state: r.state as ApplicationState,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      enteredByDistrict: r.enteredByDistrict,
      version: r.version,
      abilities: {
        update: can(caller, 'application:write') && r.state === 'draft',
        submit: can(caller, 'application:write') && actions.has('submit'),
        withdraw: can(caller, 'application:write') && actions.has('withdraw'),
        award: can(caller, 'fund:write') && actions.has('award'),
      },
    };
  }

  #detail(caller: Caller, r: ApplicationRow): ApplicationDetail {
    return {
      ...this.#summary(caller, r),
      plan: r.plan,
      outcomes: r.outcomes,
      budgetLines: r.budgetLines as BudgetLine[],
      callClosesOn: r.closesOn,
      budgetCeilingFen: Number(r.budgetCeilingFen),
      awardedAt: r.awardedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    };
  }

  #filtered(db: Db, caller: Caller, f: ApplicationFilters) {
    let q = rows(db, caller);
    if (f.callId) q = q.where('a.callId', '=', f.callId);
    if (f.state) q = q.where('a.state', '=', f.state);
    if (f.focusArea) q = q.where('a.focusArea', '=', f.focusArea);
    if (f.fromOutside !== undefined) q = q.where('o.fromOutside', '=', f.fromOutside);
    if (f.priorityOnly) q = q.where(PRIORITY);
    if (f.q?.trim()) {
      const like = `%${escapeLike(f.q.trim())}%`;
      q = q.where((eb) => eb.or([eb('a.title', 'like', like), eb('o.name', 'like', like)]));
    }
    return q;
  }

  #sorted(q: ReturnType<typeof rows>, sort: ApplicationFilters['sort']) {
    switch (sort ?? 'priority') {
      case 'priority':
        // Graded organizations first (R4.4), then the earlier submission.
        return q.orderBy(PRIORITY, 'desc').orderBy(sql`a.submitted_at nulls last`).orderBy('a.createdAt');
      case 'submittedAt':
        return q.orderBy(sql`a.submitted_at desc nulls last`);
      case 'requestedFen':
        return q.orderBy('a.requestedFen', 'desc');
      default:
        return q.orderBy('a.createdAt', 'desc');
    }
  }

  async list(
    caller: Caller,
    query: ApplicationFilters & { limit?: number; offset?: number },
  ): Promise<PageOf<ApplicationSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const [items, total] = await Promise.all([
      this.#sorted(this.#filtered(this.db, caller, query), query.sort)
        .orderBy('a.id')
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

  async exportRows(caller: Caller, query: ApplicationFilters): Promise<ApplicationDetail[]> {
    const result = await this.#sorted(this.#filtered(this.db, caller, query), query.sort)
      .orderBy('a.id')
      .limit(APPLICATION_EXPORT_LIMIT)
      .execute();
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'application.export',
        entityType: 'funding_application',
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: { count: result.length, filters: query },
      }),
    );
    return result.map((r) => this.#detail(caller, r));
  }

  async detail(caller: Caller, id: string): Promise<ApplicationDetail> {
    const row = await rows(this.db, caller).where('a.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('application.notFound', { id });
    return this.#detail(caller, row);
  }

  /** The organization an application is for: an organization account's own; the district picks one in its scope. */
  async #organization(trx: Transaction<DB>, caller: Caller, requested: string | undefined) {
    const id = isOrganizationOnly(caller) ? caller.organizationIds?.[0] : requested;
    if (!id) throw new AppError('application.organizationRequired');
    const org = await trx
      .selectFrom('organization as o')
      .select([
        'id',
        'name',
        'state',
        'kind',
        effectiveGradeSql(beijingToday()).as('grade'),
        'fromOutside',
        'divisionCode',
      ])
      .where('id', '=', id)
      .where((eb) => inScope(eb, 'division_code', caller.scope))
      .executeTakeFirst();
    if (!org) throw new AppError('application.organizationNotFound', { id });
    return org;
  }

  #checkEligible(org: Parameters<typeof ineligibility>[0] & { name: string }, call: CallSummary) {
    const reason = ineligibility(org, call);
    if (reason) throw new AppError('application.ineligible', { name: org.name, reason });
  }

  #checkCeiling(requested: number, call: { budgetCeilingFen: number }) {
    if (requested > call.budgetCeilingFen)
      throw new AppError('application.overCeiling', {
        requested: formatYuan(requested),
        ceiling: formatYuan(call.budgetCeilingFen),
      });
  }

  async create(caller: Caller, input: CreateApplicationInput): Promise<ApplicationDetail> {
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const call = await this.calls.find(trx, caller, input.callId);
        if (!call || call.state === 'draft')
          throw new AppError('application.callNotFound', { id: input.callId });
        const refusal = submissionRefusal({
          callState: call.state,
          opensOn: call.opensOn,
          closesOn: call.closesOn,
        });
        if (refusal)
          throw new AppError('workflow.guardFailed', {
            action: 'submit',
            actionName: both((l) => APPLICATION_ACTION_NAMES[l].submit),
            ...refusal,
          });
        const org = await this.#organization(trx, caller, input.organizationId);
        this.#checkEligible(org, call);
        const requestedFen = totalOf(input.budgetLines);
        this.#checkCeiling(requestedFen, call);
        const values = {
          id,
          callId: call.id,
          organizationId: org.id,
          divisionCode: org.divisionCode,
          title: input.title.trim(),
          focusArea: input.focusArea,
          plan: input.plan.trim(),
          outcomes: input.outcomes.trim(),
          budgetLines: JSON.stringify(input.budgetLines),
          requestedFen,
          state: 'draft',
          enteredByDistrict: !isOrganizationOnly(caller),
          createdBy: caller.actor.id,
        };
        const existing = await trx
          .selectFrom('fundingApplication')
          .select('id')
          .where('callId', '=', call.id)
          .where('organizationId', '=', org.id)
          .where('state', '<>', 'withdrawn')
          .executeTakeFirst();
        if (existing) throw new AppError('application.exists', { name: org.name });
        await trx.insertInto('fundingApplication').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'application.create',
          entityType: 'funding_application',
          entityId: id,
          divisionCode: org.divisionCode,
          after: { ...values, budgetLines: input.budgetLines },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('application.exists', { name: '' });
      throw error;
    }
    return this.detail(caller, id);
  }

  async #locked(trx: Transaction<DB>, caller: Caller, id: string) {
    const row = await applicationsVisibleTo(trx, caller)
      .innerJoin('fundingCall as c', 'c.id', 'a.callId')
      .select([
        'a.id',
        'a.state',
        'a.version',
        'a.title',
        'a.focusArea',
        'a.requestedFen',
        'a.divisionCode',
        'a.organizationId',
        'a.callId',
        'c.fundId',
        'c.budgetCeilingFen',
      ])
      .where('a.id', '=', id)
      .modifyEnd(sql`for update of a`)
      .executeTakeFirst();
    if (!row) throw new AppError('application.notFound', { id });
    return row;
  }

  async update(caller: Caller, id: string, input: UpdateApplicationInput): Promise<ApplicationDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#locked(trx, caller, id);
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (row.state !== 'draft')
        throw new AppError('application.notEditable', {
          stateName: both((l) => APPLICATION_STATE_NAMES[l][row.state as ApplicationState]),
        });
      const changes: Record<string, unknown> = {};
      if (input.title !== undefined) changes.title = input.title.trim();
      if (input.focusArea !== undefined) changes.focusArea = input.focusArea;
      if (input.plan !== undefined) changes.plan = input.plan.trim();
      if (input.outcomes !== undefined) changes.outcomes = input.outcomes.trim();
      if (input.budgetLines !== undefined) {
        const requestedFen = totalOf(input.budgetLines);
        this.#checkCeiling(requestedFen, { budgetCeilingFen: Number(row.budgetCeilingFen) });
        changes.budgetLines = JSON.stringify(input.budgetLines);
        changes.requestedFen = requestedFen;
      }
      if (Object.keys(changes).length === 0) return;
      await trx
        .updateTable('fundingApplication')
        .set({ ...changes, version: row.version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'application.update',
        entityType: 'funding_application',
        entityId: id,
        divisionCode: row.divisionCode,
        after: { ...changes, ...(input.budgetLines ? { budgetLines: input.budgetLines } : {}) },
      });
    });
    return this.detail(caller, id);
  }

  /** Submit or withdraw; a submission re-checks eligibility against the organization's record now. */
  async transition(
    caller: Caller,
    id: string,
    input: ApplicationTransitionInput,
  ): Promise<ApplicationDetail> {
    await this.db.transaction().execute(async (trx) => {
      if (input.action === 'submit') {
        const row = await this.#locked(trx, caller, id);
        const call = await this.calls.find(trx, caller, row.callId);
        const org = await trx
          .selectFrom('organization as o')
          .select(['name', 'state', 'kind', effectiveGradeSql(beijingToday()).as('grade'), 'fromOutside'])
          .where('id', '=', row.organizationId)
          .executeTakeFirstOrThrow();
        if (call && row.state === 'draft' && row.version === input.version) this.#checkEligible(org, call);
      }
      await transition(trx, applicationLifecycle, caller, {
        id,
        action: input.action,
        version: input.version,
        comment: input.comment,
      });
    });
    return this.detail(caller, id);
  }

  /**
   * The district awards an application an amount: the application becomes awarded and the amount
   * is committed on the call's fund in the same transaction — refused (and nothing changes) when
   * the fund has less left, also when another award takes the rest at the same moment.
   */
  async award(caller: Caller, id: string, input: AwardInput): Promise<ApplicationDetail> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.#locked(trx, caller, id);
      // The call's notice row orders this award after any objection being filed at the last moment.
      await trx
        .selectFrom('fundingNotice')
        .select('id')
        .where('callId', '=', row.callId)
        .forUpdate()
        .execute();
      if (input.amountFen > Number(row.requestedFen))
        throw new AppError('application.awardOverRequested', {
          requested: formatYuan(Number(row.requestedFen)),
        });
      await transition(trx, applicationLifecycle, caller, {
        id,
        action: 'award',
        version: input.version,
        comment: input.comment,
        data: { amountFen: input.amountFen },
      });
      await trx
        .updateTable('fundingApplication')
        .set({ awardedFen: input.amountFen, awardedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await this.funds.post(trx, caller, {
        fundId: row.fundId,
        kind: 'commitment',
        amountFen: input.amountFen,
        focusArea: row.focusArea,
        referenceType: 'application',
        referenceId: id,
      });
    });
    return this.detail(caller, id);
  }
}
