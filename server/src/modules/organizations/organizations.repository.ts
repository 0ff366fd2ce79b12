import { DIVISION_SCOPED_ROLES } from '@linli/common';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, Organization } from '../../db/schema.gen.ts';
import { type Caller, escapeLike, inScope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** An organization as read for responses: the contact phone still sealed, dates as ISO text. */
export type OrganizationRow = Omit<Selectable<Organization>, 'searchBigrams' | 'registeredOn' | 'filedOn'> & {
  registeredOn: string | null;
  filedOn: string | null;
  divisionName: string;
};

export interface ListFilter {
  q?: string | undefined;
  kind?: string | undefined;
  state?: string | undefined;
  field?: string | undefined;
  category?: string | undefined;
  grade?: string | undefined;
  divisionCode?: string | undefined;
  fromOutside?: boolean | undefined;
  venue?: string | undefined;
}

export const SORTS = ['name', 'createdAt', 'staffCount', 'volunteerCount', 'divisionCode'] as const;
export type Sort = (typeof SORTS)[number];

/**
 * A social-organization account acts for its own organization only; everyone else sees the
 * organizations registered or filed within their division scope.
 */
function organizationOnly(caller: Caller): boolean {
  return caller.roles.includes('social_org') && !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r));
}

/** The one visibility rule of the module: scope prefix, and for an organization account its own record. */
export function visibleTo(db: Db, caller: Caller) {
  let q = db.selectFrom('organization as o').where((eb) => inScope(eb, 'o.division_code', caller.scope));
  if (organizationOnly(caller)) {
    const ids = caller.organizationIds ?? [];
    q = ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('o.id', 'in', ids);
  }
  return q;
}

function rows(db: Db, caller: Caller) {
  return visibleTo(db, caller)
    .innerJoin('division as d', 'd.code', 'o.divisionCode')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.state',
      'o.uscc',
      'o.usccManualCheck',
      'o.registrationAuthority',
      sql<string | null>`o.registered_on::text`.as('registeredOn'),
      sql<string | null>`o.filed_on::text`.as('filedOn'),
      'o.legalRepName',
      'o.contactPhoneSealed',
      'o.contactPhoneIndex',
      'o.address',
      'o.divisionCode',
      'd.name as divisionName',
      'o.fields',
      'o.category',
      'o.serviceArea',
      'o.staffCount',
      'o.volunteerCount',
      'o.venue',
      'o.grade',
      'o.tags',
      'o.fromOutside',
      'o.description',
      'o.version',
      'o.createdAt',
      'o.updatedAt',
    ]);
}

function filtered(db: Db, caller: Caller, f: ListFilter) {
  let q = rows(db, caller);
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  if (f.state) q = q.where('o.state', '=', f.state);
  if (f.category) q = q.where('o.category', '=', f.category);
  if (f.grade) q = q.where('o.grade', '=', f.grade);
  if (f.venue) q = q.where('o.venue', '=', f.venue);
  if (f.fromOutside !== undefined) q = q.where('o.fromOutside', '=', f.fromOutside);
  if (f.field) q = q.where(sql<boolean>`o.fields @> array[${f.field}]::text[]`);
  if (f.divisionCode) q = q.where('o.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('o.name', 'like', like), eb('o.description', 'like', like)]));
    // Two or more characters: narrow by the character-pair index of name and description first.
    if ([...f.q].length >= 2) q = q.where(sql<boolean>`o.search_bigrams @> linli_bigrams(${f.q})`);
  }
  return q;
}

export async function listRows(
  db: Db,
  caller: Caller,
  f: ListFilter & { sort: Sort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ items: OrganizationRow[]; total: number }> {
  const [items, total] = await Promise.all([
    filtered(db, caller, f)
      .orderBy(`o.${f.sort}`, f.order)
      .orderBy('o.id')
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
): Promise<OrganizationRow[]> {
  return filtered(db, caller, f)
    .orderBy('o.divisionCode')
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(limit)
    .execute();
}

export async function findRow(db: Db, caller: Caller, id: string): Promise<OrganizationRow | undefined> {
  return rows(db, caller).where('o.id', '=', id).executeTakeFirst();
}

/** The row for a write: locked (only the organization row, not its division) until the transaction ends. */
export async function lockRow(db: Db, caller: Caller, id: string): Promise<OrganizationRow | undefined> {
  return rows(db, caller).where('o.id', '=', id).modifyEnd(sql`for update of o`).executeTakeFirst();
}

export async function idExists(db: Db, id: string): Promise<boolean> {
  return !!(await db.selectFrom('organization').select('id').where('id', '=', id).executeTakeFirst());
}

export async function usccHolder(db: Db, uscc: string): Promise<string | undefined> {
  const row = await db.selectFrom('organization').select('id').where('uscc', '=', uscc).executeTakeFirst();
  return row?.id;
}

/** Counts for the registry header, computed from the records the caller sees. */
export async function countBy(
  db: Db,
  caller: Caller,
): Promise<Array<{ kind: string; state: string; n: number }>> {
  const result = await visibleTo(db, caller)
    .select(['o.kind', 'o.state', sql<number>`count(*)::int`.as('n')])
    .groupBy(['o.kind', 'o.state'])
    .execute();
  return result.map((r) => ({ kind: r.kind, state: r.state, n: Number(r.n) }));
}

export async function fundingOf(
  db: Db,
  id: string,
): Promise<Array<{ year: number; source: string; amountFen: number }>> {
  const result = await db
    .selectFrom('organizationFunding')
    .select(['year', 'source', 'amountFen'])
    .where('organizationId', '=', id)
    .orderBy('year', 'desc')
    .orderBy('source')
    .execute();
  return result.map((r) => ({ year: r.year, source: r.source, amountFen: Number(r.amountFen) }));
}

/** A street or community a record may be kept under, within the caller's scope. */
export async function findHomeDivision(
  db: Db,
  caller: Caller,
  code: string,
): Promise<{ code: string; level: string } | undefined> {
  return db
    .selectFrom('division')
    .select(['code', 'level'])
    .where('code', '=', code)
    .where((eb) => inScope(eb, 'code', caller.scope))
    .where(sql<boolean>`length(code) in (9, 12)`)
    .executeTakeFirst();
}
