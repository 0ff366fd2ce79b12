import { randomUUID } from 'node:crypto';
import {
  beijingToday,
  effectiveGrade,
  isRegisteredKind,
  type Locale,
  ORGANIZATION_GRADES,
  type OrganizationGrade,
  type OrganizationKind,
} from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import type { Caller } from '../../platform/scope.ts';
import { availableActions, transition, workflowHistory } from '../../platform/workflow.ts';
import * as repo from './inspections.repository.ts';
import {
  type CreateInspectionInput,
  INSPECTION_ACTION_NAMES,
  INSPECTION_ACTIONS,
  type Inspection,
  type InspectionAbilities,
  type InspectionAction,
  type InspectionDetail,
  type InspectionFilters,
  type InspectionResult,
  type InspectionState,
  type ListInput,
  type OverdueInput,
  type OverdueList,
  type TransitionInputBody,
} from './inspections.schemas.ts';
import { inspectionReview, REVIEW } from './inspections.workflow.ts';

/** Rows in one spreadsheet export; a filter narrows larger registries. */
export const EXPORT_LIMIT = 20_000;

/**
 * The annual inspection materials of year Y reach the registration authority by 31 May of Y+1:
 * 民办非企业单位年度检查办法 (民政部令第27号) — 业务主管单位 by 31 March, registration authority by
 * 31 May (reference/standards.md §4). After this day an organization with no record for Y is overdue.
 */
export const INSPECTION_DEADLINE = { month: 5, day: 31 } as const;

/**
 * Organizations registered within the last six months of a year skip that year's inspection
 * (民政部令第27号): due only when registered by 30 June of the year.
 */
const DUE_IF_REGISTERED_BY = '06-30';

export function inspectionDeadline(year: number): string {
  const { month, day } = INSPECTION_DEADLINE;
  return `${year + 1}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Simplified inspection (简化年检, R4.4): the grade is at or above the configured threshold. */
export function simplifiedFor(grade: string | null, threshold: OrganizationGrade): boolean {
  if (!grade) return false;
  const rank = (g: string) => (ORGANIZATION_GRADES as readonly string[]).indexOf(g);
  return rank(grade) >= rank(threshold);
}

export interface InspectionOptions {
  /** The lowest grade that gets the simplified procedure (config SIMPLIFIED_INSPECTION_GRADE). */
  simplifiedGrade: OrganizationGrade;
  /** Today's Beijing date; tests inject a fixed day. */
  today?: () => string;
}

/**
 * Annual inspection (年检/年报) of registered organizations (issue #4 item 6, R2.5, R4.4): one record
 * per organization and year, reviewed by the district on the workflow mechanism; the overdue list
 * after the deadline; the simplified-procedure flag fixed when the report is recorded.
 */
export class InspectionService {
  readonly #today: () => string;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: InspectionOptions,
  ) {
    this.#today = options.today ?? (() => beijingToday());
  }

  #abilities(caller: Caller, row: repo.InspectionRow): InspectionAbilities {
    const actions = new Set(
      availableActions(
        inspectionReview,
        { id: row.id, state: row.state, version: row.version, divisionCode: row.divisionCode },
        caller,
      ),
    );
    return Object.fromEntries(INSPECTION_ACTIONS.map((a) => [a, actions.has(a)])) as InspectionAbilities;
  }

  #item(caller: Caller, row: repo.InspectionRow): Inspection {
    return {
      ...row,
      organizationKind: row.organizationKind as OrganizationKind,
      state: row.state as InspectionState,
      gradeAtSubmission: row.gradeAtSubmission as OrganizationGrade | null,
      result: row.result as InspectionResult | null,
      abilities: this.#abilities(caller, row),
    };
  }

  #filter(f: InspectionFilters): repo.ListFilter {
    return { ...f, q: f.q?.trim() || undefined };
  }

  async list(caller: Caller, query: ListInput): Promise<PageOf<Inspection>> {
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const { items, total } = await repo.listRows(this.db, caller, { ...this.#filter(query), limit, offset });
    return { items: items.map((r) => this.#item(caller, r)), total, limit, offset };
  }

  async detail(caller: Caller, id: string, locale: Locale): Promise<InspectionDetail> {
    const row = await repo.findRow(this.db, caller, id);
    if (!row) throw new AppError('inspection.notFound', { id });
    const history = await workflowHistory(this.db, REVIEW, id);
    return {
      ...this.#item(caller, row),
      history: history.map((h) => ({
        id: h.id,
        action: h.action,
        actionName: INSPECTION_ACTION_NAMES[locale][h.action as InspectionAction] ?? h.action,
        comment: h.comment,
        actorName: h.actorName,
        at: h.at.toISOString(),
      })),
    };
  }

  /**
   * Registered active organizations with no record for the year once its deadline has passed
   * (`asOf` after the deadline). The year defaults to the one before `asOf`.
   */
  async overdue(caller: Caller, query: OverdueInput): Promise<OverdueList> {
    const asOf = query.asOf ?? this.#today();
    const year = query.year ?? Number(asOf.slice(0, 4)) - 1;
    const deadline = inspectionDeadline(year);
    const limit = query.limit ?? 20;
    const offset = query.offset ?? 0;
    const due = asOf > deadline;
    if (!due) return { year, deadline, due, items: [], total: 0, limit, offset };
    const { items, total } = await repo.overdueRows(this.db, caller, {
      year,
      registeredBy: `${year}-${DUE_IF_REGISTERED_BY}`,
      divisionCode: query.divisionCode,
      limit,
      offset,
    });
    return {
      year,
      deadline,
      due,
      items: items.map((r) => ({
        ...r,
        kind: r.kind as OrganizationKind,
        grade: r.grade as OrganizationGrade | null,
      })),
      total,
      limit,
      offset,
    };
  }

  async exportRows(caller: Caller, query: InspectionFilters): Promise<Inspection[]> {
    const rows = await repo.exportRows(this.db, caller, this.#filter(query), EXPORT_LIMIT);
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, caller.actor, {
        action: 'inspection.export',
        entityType: 'inspection',
        divisionCode:
          query.divisionCode ?? (caller.scope.kind === 'prefixes' ? caller.scope.prefixes[0] : null),
        after: { count: rows.length, filters: query },
      }),
    );
    return rows.map((r) => this.#item(caller, r));
  }

  /**
   * Records a year's report: by the organization itself or by the district. The simplified flag is
   * fixed from the organization's grade now, so a later change of grade does not rewrite history.
   */
  async create(caller: Caller, input: CreateInspectionInput, locale: Locale): Promise<InspectionDetail> {
    const today = this.#today();
    const latest = Number(today.slice(0, 4)) - 1;
    if (input.year > latest) throw new AppError('inspection.invalidYear', { latest });
    const submittedOn = input.submittedOn ?? today;
    if (submittedOn > today || submittedOn < `${input.year}-01-01`)
      throw new AppError('inspection.invalidSubmittedOn', { from: `${input.year}-01-01` });
    const id = randomUUID();
    try {
      await this.db.transaction().execute(async (trx) => {
        const org = await repo.organizationFor(trx, caller, input.organizationId);
        if (!org) throw new AppError('inspection.organizationNotFound', { id: input.organizationId });
        if (!isRegisteredKind(org.kind)) throw new AppError('inspection.notRegistered', { name: org.name });
        // A grade past its five-year validity gives no simplified procedure.
        const grade = effectiveGrade(org, today);
        const values = {
          id,
          organizationId: org.id,
          year: input.year,
          state: 'submitted',
          submittedOn,
          reportSummary: input.reportSummary?.trim() || null,
          simplified: simplifiedFor(grade, this.options.simplifiedGrade),
          gradeAtSubmission: grade,
        };
        await trx.insertInto('inspection').values(values).execute();
        await appendAudit(trx, caller.actor, {
          action: 'inspection.create',
          entityType: 'inspection',
          entityId: id,
          divisionCode: org.divisionCode,
          after: values,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('inspection.exists', { year: input.year });
      throw error;
    }
    return this.detail(caller, id, locale);
  }

  async transition(
    caller: Caller,
    id: string,
    input: TransitionInputBody,
    locale: Locale,
  ): Promise<InspectionDetail> {
    if (input.action === 'review' && !input.result) throw new AppError('inspection.resultRequired');
    const on = this.#today();
    const data =
      input.action === 'review'
        ? { result: input.result, findings: input.findings?.trim() || null, on }
        : input.action === 'resubmit'
          ? {
              on,
              ...(input.reportSummary === undefined
                ? {}
                : { reportSummary: input.reportSummary?.trim() || null }),
            }
          : undefined;
    await this.db.transaction().execute((trx) =>
      transition(trx, inspectionReview, caller, {
        id,
        action: input.action,
        version: input.version,
        comment: input.comment,
        data,
      }),
    );
    return this.detail(caller, id, locale);
  }
}
