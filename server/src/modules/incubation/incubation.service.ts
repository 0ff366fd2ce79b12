import { randomUUID } from 'node:crypto';
import {
  beijingToday,
  INCUBATION_ACTION_NAMES,
  INCUBATION_BASE_NAMES,
  INCUBATION_STATE_NAMES,
  type IncubationAction,
  type IncubationClass,
  type IncubationNeed,
  type IncubationServiceType,
  type IncubationState,
  incubationClassOf,
  type Locale,
  ORGANIZATION_STATE_NAMES,
  type OrganizationKind,
  type OrganizationState,
} from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, fieldError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import type { Caller } from '../../platform/scope.ts';
import { transition, workflowHistory } from '../../platform/workflow.ts';
import { incubationAbilities, mayEditPlans } from './incubation.policy.ts';
import * as repo from './incubation.repository.ts';
import type {
  CreateIncubationInput,
  IncubationCandidate,
  IncubationCounts,
  IncubationDetail,
  IncubationFilters,
  IncubationSummary,
  ListInput,
  Plan,
  PlanInput,
  TransitionInputBody,
} from './incubation.schemas.ts';
import { incubationStages, STAGES } from './incubation.workflow.ts';

/** Rows in one spreadsheet export. */
export const EXPORT_LIMIT = 20_000;

const localized = (names: Record<Locale, Record<string, string>>, key: string) => ({
  'zh-CN': names['zh-CN'][key] ?? key,
  'en-US': names['en-US'][key] ?? key,
});

/**
 * The incubation base (issue #4 item 4, R2.2): intake applications ranked by the R2.2 priority
 * classes, stages on the workflow mechanism, and each incubatee's plan. Every query is scoped to the
 * caller through the repository's one visibility rule.
 */
export class IncubationService {
  constructor(private readonly db: Kysely<DB>) {}

  #summary(caller: Caller, row: repo.IncubationRow, locale: Locale): IncubationSummary {
    return {
      id: row.id,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      organizationKind: row.organizationKind as OrganizationKind,
      organizationState: row.organizationState as OrganizationState,
      organizationCategory: row.organizationCategory,
      divisionCode: row.divisionCode,
      divisionName: row.divisionName,
      branchCode: row.branchCode,
      branchName: row.branchName ?? INCUBATION_BASE_NAMES[locale],
      state: row.state as IncubationState,
      priorityClass: row.priorityClass as IncubationClass,
      queuePosition: row.queuePosition === null ? null : Number(row.queuePosition),
      applicantName: row.applicantName,
      appliedOn: row.appliedOn,
      admittedOn: row.admittedOn,
      startedOn: row.startedOn,
      endedOn: row.endedOn,
      milestonesTotal: Number(row.milestonesTotal),
      milestonesDone: Number(row.milestonesDone),
      version: row.version,
      abilities: incubationAbilities(caller, {
        id: row.id,
        state: row.state,
        version: row.version,
        divisionCode: row.divisionCode,
        openMilestones: Number(row.milestonesTotal) - Number(row.milestonesDone),
      }),
    };
  }

  async #visible(db: repo.Db, caller: Caller, id: string): Promise<repo.IncubationRow> {
    const row = await repo.findRow(db, caller, id);
    if (!row) throw new AppError('incubation.notFound', { id });
    return row;
  }

  #filter(f: IncubationFilters): repo.ListFilter {
    return { ...f, q: f.q?.trim() || undefined };
  }

  async list(caller: Caller, query: ListInput, locale: Locale): Promise<PageOf<IncubationSummary>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { items, total } = await repo.listRows(this.db, caller, {
      ...this.#filter(query),
      sort: query.sort ?? 'priority',
      limit,
      offset,
    });
    return { items: items.map((r) => this.#summary(caller, r, locale)), total, limit, offset };
  }

  /** Counts by stage and class, and by branch (the base itself first, then every street). */
  async summary(caller: Caller, locale: Locale): Promise<IncubationCounts> {
    const [counts, streets] = await Promise.all([
      repo.countBy(this.db, caller),
      repo.branches(this.db, caller),
    ]);
    const byState: Record<string, number> = {};
    const byClass: Record<string, number> = {};
    const byBranch = new Map<string | null, Record<string, number>>();
    let total = 0;
    for (const c of counts) {
      byState[c.state] = (byState[c.state] ?? 0) + c.n;
      byClass[c.priorityClass] = (byClass[c.priorityClass] ?? 0) + c.n;
      const branch = byBranch.get(c.branchCode) ?? {};
      branch[c.state] = (branch[c.state] ?? 0) + c.n;
      byBranch.set(c.branchCode, branch);
      total += c.n;
    }
    const entry = (code: string | null, name: string) => {
      const states = byBranch.get(code) ?? {};
      return { code, name, total: Object.values(states).reduce((s, n) => s + n, 0), byState: states };
    };
    return {
      total,
      byState,
      byClass,
      branches: [entry(null, INCUBATION_BASE_NAMES[locale]), ...streets.map((s) => entry(s.code, s.name))],
    };
  }

  /** The filtered list for a spreadsheet; the export itself is audited. */
  async exportRows(caller: Caller, query: IncubationFilters, locale: Locale): Promise<IncubationSummary[]> {
    const rows = await repo.exportRows(this.db, caller, this.#filter(query), EXPORT_LIMIT);
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'incubation.export',
        entityType: 'incubation',
        divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? null) : null,
        after: { count: rows.length, filters: query },
      }),
    );
    return rows.map((r) => this.#summary(caller, r, locale));
  }

  /** Organizations that may apply now (name search), for the intake form. */
  async candidates(caller: Caller, q: string | undefined): Promise<IncubationCandidate[]> {
    const rows = await repo.candidates(this.db, caller, q?.trim() || undefined, 20);
    return rows.map((o) => ({
      id: o.id,
      name: o.name,
      divisionName: o.divisionName,
      kind: o.kind as OrganizationKind,
      state: o.state as OrganizationState,
      priorityClass: incubationClassOf(o.category, o.fields),
    }));
  }

  async detail(caller: Caller, id: string, locale: Locale): Promise<IncubationDetail> {
    const row = await this.#visible(this.db, caller, id);
    const [plan, history] = await Promise.all([
      repo.planOf(this.db, id),
      workflowHistory(this.db, STAGES, id),
    ]);
    return {
      ...this.#summary(caller, row, locale),
      purpose: row.purpose,
      needs: row.needs as IncubationNeed[],
      needsNote: row.needsNote,
      plan: plan as Plan,
      history: history.map((h) => ({
        id: h.id,
        action: h.action,
        actionName: INCUBATION_ACTION_NAMES[locale][h.action as IncubationAction] ?? h.action,
        fromState: h.fromState,
        toState: h.toState,
        comment: h.comment,
        actorName: h.actorName,
        at: h.at.toISOString(),
      })),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /**
   * An intake application (入孵申请) for an organization of the registry: by the base, the district,
   * or the organization's own account for itself. Its R2.2 class is fixed now, from the registry.
   */
  async create(caller: Caller, input: CreateIncubationInput, locale: Locale): Promise<IncubationDetail> {
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const org = await repo.findOrganization(trx, caller, input.organizationId);
        if (!org) throw new AppError('incubation.organizationNotFound', { id: input.organizationId });
        if (org.state !== 'active' && org.state !== 'applied')
          throw new AppError('incubation.organizationIneligible', {
            name: org.name,
            stateName: localized(ORGANIZATION_STATE_NAMES, org.state),
          });
        if (await repo.hasOpenApplication(trx, org.id))
          throw new AppError('incubation.alreadyOpen', { name: org.name });
        if (input.branchCode && !(await repo.isBranch(trx, caller, input.branchCode)))
          throw new AppError('incubation.invalidBranch', { code: input.branchCode });
        const values = {
          id,
          organizationId: org.id,
          branchCode: input.branchCode ?? null,
          state: 'applied',
          priorityClass: incubationClassOf(org.category, org.fields),
          applicantName: input.applicantName.trim(),
          purpose: input.purpose.trim(),
          needs: [...new Set(input.needs)],
          needsNote: input.needsNote?.trim() || null,
          appliedOn: input.appliedOn ?? beijingToday(),
        };
        await trx.insertInto('incubation').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'incubation.apply',
          entityType: 'incubation',
          entityId: id,
          divisionCode: org.divisionCode,
          after: values,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('incubation.alreadyOpen', { name: input.organizationId });
      throw error;
    }
    return this.detail(caller, id, locale);
  }

  async transition(
    caller: Caller,
    id: string,
    input: TransitionInputBody,
    locale: Locale,
  ): Promise<IncubationDetail> {
    await this.db.transaction().execute((trx) =>
      transition(trx, incubationStages, caller, {
        id,
        action: input.action,
        version: input.version,
        comment: input.comment,
      }),
    );
    return this.detail(caller, id, locale);
  }

  /**
   * Replaces the plan (mentors, milestones, services received) of an organization in incubation;
   * the version the user saw guards against overwriting someone else's change (409).
   */
  async updatePlan(caller: Caller, id: string, input: PlanInput, locale: Locale): Promise<IncubationDetail> {
    const problems = input.services.flatMap((s, i) =>
      s.hours === null && s.amountFen === null
        ? [fieldError(locale, `body.services.${i}.hours`, 'field.required')]
        : [],
    );
    if (problems.length > 0) throw new AppError('validation.failed', {}, problems);
    const plan: repo.PlanRows = {
      mentors: input.mentors.map((m) => ({ name: m.name.trim(), expertise: m.expertise.trim() })),
      milestones: input.milestones.map((m) => ({ title: m.title.trim(), dueOn: m.dueOn, doneOn: m.doneOn })),
      services: input.services.map((s) => ({
        type: s.type as IncubationServiceType,
        servedOn: s.servedOn,
        hours: s.hours,
        amountFen: s.amountFen,
        note: s.note?.trim() || null,
      })),
    };
    await this.db.transaction().execute(async (trx) => {
      const row = await repo.lockRow(trx, caller, id);
      if (!row) throw new AppError('incubation.notFound', { id });
      if (row.version !== input.version) throw new AppError('conflict.version', { id });
      if (!mayEditPlans(caller)) throw new AppError('incubation.planNotAllowed');
      if (row.state !== 'incubating')
        throw new AppError('incubation.planClosed', {
          stateName: localized(INCUBATION_STATE_NAMES, row.state),
        });
      const before = await repo.planOf(trx, id);
      await repo.replacePlan(trx, id, plan);
      await trx
        .updateTable('incubation')
        .set({ version: row.version + 1, updatedAt: new Date() })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, caller.actor, {
        action: 'incubation.updatePlan',
        entityType: 'incubation',
        entityId: id,
        divisionCode: row.divisionCode,
        before: { ...before },
        after: { ...plan },
      });
    });
    return this.detail(caller, id, locale);
  }
}
