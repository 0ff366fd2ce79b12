import { DIVISION_SCOPED_ROLES } from '@linli/common';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, Organization } from '../../db/schema.gen.ts';
import { type Caller, escapeLike, inScope } from '../../platform/scope.ts';
import { searchQuery, searchText, searchVector } from '../../platform/search-text.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** An organization as read for responses: the contact phone still sealed, dates as ISO text. */
export type OrganizationRow = Omit<
  Selectable<Organization>,
  // The grade's validity and round are the grading module's to read (effectiveGrade).
  'searchBigrams' | 'searchVector' | 'registeredOn' | 'filedOn' | 'gradeValidUntil' | 'gradeRoundId'
> & {
  registeredOn: string | null;
  filedOn: string | null;
  divisionName: string;
  /** Purposes of the record's attachments (the filing guard and the abilities look at them). */
  materials: string[];
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

/** `relevance` ranks by the search words (the default when `q` is given); without `q` it is `createdAt`. */
export const SORTS = [
  'relevance',
  'name',
  'createdAt',
  'staffCount',
  'volunteerCount',
  'divisionCode',
] as const;
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
  // The incubation base's operator sees the registry only for its incubatees (R2.2).
  if (caller.roles.length > 0 && caller.roles.every((r) => r === 'incubator_operator')) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incubation as inc')
          .select(sql`1`.as('one'))
          .whereRef('inc.organizationId', '=', 'o.id'),
      ),
    );
  }
  return q;
}

/** The purposes of an organization's attachments, as a column of a query over `organization as o`. */
export const attachmentPurposes = sql<string[]>`array(
  select distinct a.purpose from organization_attachment a where a.organization_id = o.id order by a.purpose
)`.as('materials');

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
    ])
    .select(attachmentPurposes);
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
    const text = f.q;
    const like = `%${escapeLike(text)}%`;
    const words = searchText(text);
    q = q.where((eb) => {
      // Partial names and words jieba cuts differently still hit by substring; two or more
      // characters narrow by the character-pair index of name and description first.
      const contains = eb.or([eb('o.name', 'like', like), eb('o.description', 'like', like)]);
      const substring =
        [...text].length >= 2
          ? eb.and([sql<boolean>`o.search_bigrams @> linli_bigrams(${text})`, contains])
          : contains;
      // Every word of the query among the words of name, description and service area (any order).
      return words ? eb.or([sql<boolean>`o.search_vector @@ ${searchQuery(text)}`, substring]) : substring;
    });
  }
  return q;
}

/** How well a record answers `q`: a name containing it first, then the weighted word matches. */
function relevance(q: string) {
  return sql<number>`(case when o.name like ${`%${escapeLike(q)}%`} then 1 else 0 end) + coalesce(ts_rank(o.search_vector, ${searchQuery(q)}), 0)`;
}

export async function listRows(
  db: Db,
  caller: Caller,
  f: ListFilter & { sort: Sort; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ items: OrganizationRow[]; total: number }> {
  const [items, total] = await Promise.all([
    filtered(db, caller, f)
      .$if(f.sort === 'relevance' && !!f.q, (qb) => qb.orderBy(relevance(f.q!), f.order))
      .$if(f.sort !== 'relevance', (qb) => qb.orderBy(`o.${f.sort as Exclude<Sort, 'relevance'>}`, f.order))
      .$if(f.sort === 'relevance', (qb) => qb.orderBy('o.createdAt', f.order))
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

/** Recomputes the search vectors of these records from their current texts (after every write). */
export async function refreshSearchVectors(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const texts = await db
    .selectFrom('organization')
    .select(['id', 'name', 'description', 'serviceArea'])
    .where('id', 'in', ids)
    .execute();
  for (const t of texts) {
    await db
      .updateTable('organization')
      .set({ searchVector: searchVector(t.name, t.description, t.serviceArea) })
      .where('id', '=', t.id)
      .execute();
  }
}

/** Ids of records without a search vector yet (after the migration, or written by other code). */
export async function idsWithoutSearchVector(db: Db, limit: number): Promise<string[]> {
  const result = await db
    .selectFrom('organization')
    .select('id')
    .where('searchVector', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return result.map((r) => r.id);
}

/** Several records by id as the caller sees them (absent: unknown or out of scope); locked for a write when asked. */
export async function findRows(
  db: Db,
  caller: Caller,
  ids: readonly string[],
  lock: boolean,
): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  const q = rows(db, caller).where('o.id', 'in', ids);
  return (lock ? q.modifyEnd(sql`for update of o`) : q).execute();
}

/** Who holds these credit codes, in any scope (a code is unique across the registry). */
export async function usccHolders(
  db: Db,
  usccs: readonly string[],
): Promise<Array<{ id: string; name: string; uscc: string }>> {
  if (usccs.length === 0) return [];
  const result = await db
    .selectFrom('organization')
    .select(['id', 'name', 'uscc'])
    .where('uscc', 'in', usccs)
    .execute();
  return result.map((r) => ({ id: r.id, name: r.name, uscc: r.uscc! }));
}

/** Which of these codes are streets or communities a record may be kept under, within the caller's scope. */
export async function homeDivisions(
  db: Db,
  caller: Caller,
  codes: readonly string[],
): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const result = await db
    .selectFrom('division')
    .select(['code', 'name'])
    .where('code', 'in', codes)
    .where((eb) => inScope(eb, 'code', caller.scope))
    .where(sql<boolean>`length(code) in (9, 12)`)
    .execute();
  return new Map(result.map((r) => [r.code, r.name]));
}
