import { DIVISION_SCOPED_ROLES, REGISTERED_KINDS } from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, escapeLike, inScope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export interface InspectionRow {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationKind: string;
  divisionCode: string;
  divisionName: string;
  year: number;
  state: string;
  submittedOn: string;
  reportSummary: string | null;
  simplified: boolean;
  gradeAtSubmission: string | null;
  result: string | null;
  findings: string | null;
  inspectorName: string | null;
  reviewedOn: string | null;
  version: number;
}

export interface ListFilter {
  year?: number | undefined;
  result?: string | undefined;
  state?: string | undefined;
  simplified?: boolean | undefined;
  divisionCode?: string | undefined;
  organizationId?: string | undefined;
  q?: string | undefined;
}

/** An organization's own account sees its own organization only (as in the registry). */
function organizationOnly(caller: Caller): boolean {
  return caller.roles.includes('social_org') && !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r));
}

/** Organizations whose inspections the caller may see: the registry's rule (scope prefix, or its own). */
export function visibleOrganizations(db: Db, caller: Caller) {
  let q = db.selectFrom('organization as o').where((eb) => inScope(eb, 'o.division_code', caller.scope));
  if (organizationOnly(caller)) {
    const ids = caller.organizationIds ?? [];
    q = ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('o.id', 'in', ids);
  }
  return q;
}

/** The one visibility rule of the module: an inspection is seen by whoever sees its organization. */
export function visibleTo(db: Db, caller: Caller) {
  return visibleOrganizations(db, caller).innerJoin('inspection as i', 'i.organizationId', 'o.id');
}

function rows(db: Db, caller: Caller) {
  return visibleTo(db, caller)
    .innerJoin('division as d', 'd.code', 'o.divisionCode')
    .select([
      'i.id',
      'i.organizationId',
      'o.name as organizationName',
      'o.kind as organizationKind',
      'o.divisionCode',
      'd.name as divisionName',
      'i.year',
      'i.state',
      sql<string>`i.submitted_on::text`.as('submittedOn'),
      'i.reportSummary',
      'i.simplified',
      'i.gradeAtSubmission',
      'i.result',
      'i.findings',
      'i.inspectorName',
      sql<string | null>`i.reviewed_on::text`.as('reviewedOn'),
      'i.version',
    ]);
}

function filtered(db: Db, caller: Caller, f: ListFilter) {
  let q = rows(db, caller);
  if (f.year !== undefined) q = q.where('i.year', '=', f.year);
  if (f.result) q = q.where('i.result', '=', f.result);
  if (f.state) q = q.where('i.state', '=', f.state);
  if (f.simplified !== undefined) q = q.where('i.simplified', '=', f.simplified);
  if (f.organizationId) q = q.where('i.organizationId', '=', f.organizationId);
  if (f.divisionCode) q = q.where('o.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
  if (f.q) q = q.where('o.name', 'like', `%${escapeLike(f.q)}%`);
  return q;
}

export async function listRows(
  db: Db,
  caller: Caller,
  f: ListFilter & { limit: number; offset: number },
): Promise<{ items: InspectionRow[]; total: number }> {
  const [items, total] = await Promise.all([
    filtered(db, caller, f)
      .orderBy('i.year', 'desc')
      .orderBy('o.divisionCode')
      .orderBy('o.name')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(db, caller, f)
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function exportRows(
  db: Db,
  caller: Caller,
  f: ListFilter,
  limit: number,
): Promise<InspectionRow[]> {
  return filtered(db, caller, f)
    .orderBy('i.year', 'desc')
    .orderBy('o.divisionCode')
    .orderBy('o.name')
    .limit(limit)
    .execute();
}

export async function findRow(db: Db, caller: Caller, id: string): Promise<InspectionRow | undefined> {
  return rows(db, caller).where('i.id', '=', id).executeTakeFirst();
}

/** A registered-or-not organization the caller may record an inspection for. */
export async function organizationFor(
  db: Db,
  caller: Caller,
  id: string,
): Promise<
  | {
      id: string;
      name: string;
      kind: string;
      grade: string | null;
      gradeValidUntil: string | null;
      divisionCode: string;
    }
  | undefined
> {
  return visibleOrganizations(db, caller)
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.grade',
      sql<string | null>`o.grade_valid_until::text`.as('gradeValidUntil'),
      'o.divisionCode',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

export interface OverdueFilter {
  year: number;
  /** Organizations registered after this day are not yet due for that year's inspection. */
  registeredBy: string;
  divisionCode?: string | undefined;
}

/**
 * Registered, active organizations in the caller's view with no inspection record at all for the
 * year (a returned or unreviewed one counts as submitted).
 */
function overdueQuery(db: Db, caller: Caller, f: OverdueFilter) {
  let q = visibleOrganizations(db, caller)
    .innerJoin('division as d', 'd.code', 'o.divisionCode')
    .where('o.kind', 'in', REGISTERED_KINDS)
    .where('o.state', '=', 'active')
    .where((eb) => eb.or([eb('o.registeredOn', 'is', null), eb('o.registeredOn', '<=', f.registeredBy)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspection as i')
            .select('i.id')
            .whereRef('i.organizationId', '=', 'o.id')
            .where('i.year', '=', f.year),
        ),
      ),
    );
  if (f.divisionCode) q = q.where('o.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
  return q;
}

export async function overdueRows(
  db: Db,
  caller: Caller,
  f: OverdueFilter & { limit: number; offset: number },
) {
  const [items, total] = await Promise.all([
    overdueQuery(db, caller, f)
      .select([
        'o.id as organizationId',
        'o.name',
        'o.kind',
        'o.divisionCode',
        'd.name as divisionName',
        'o.grade',
        sql<string | null>`o.registered_on::text`.as('registeredOn'),
      ])
      .orderBy('o.divisionCode')
      .orderBy('o.name')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    overdueQuery(db, caller, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
