import {
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { DB, Resident, ResidentConsent } from '../../db/schema.gen.ts';
import { escapeLike, inScope, type Scope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** A resident as read for responses: still sealed; the service decrypts only to mask or reveal. */
export type ResidentRow = Omit<Selectable<Resident>, 'nameBigrams' | 'birthDate'> & {
  birthDate: string;
  divisionName: string;
};
export type ConsentRow = Selectable<ResidentConsent>;

export interface ListFilter {
  q?: string | undefined;
  idNumberIndex?: string | undefined;
  phoneIndex?: string | undefined;
  divisionCode?: string | undefined;
  tag?: string | undefined;
}

function residents(db: Db, scope: Scope) {
  return (
    db
      .selectFrom('resident as r')
      // Division names are reference data every resident row shows; one join instead of a lookup per row.
      .innerJoin('division as d', 'd.code', 'r.divisionCode')
      .select([
        'r.id',
        'r.name',
        'r.gender',
        sql<string>`r.birth_date::text`.as('birthDate'),
        'r.idNumberSealed',
        'r.idNumberIndex',
        'r.phoneSealed',
        'r.phoneIndex',
        'r.address',
        'r.divisionCode',
        'd.name as divisionName',
        'r.householdNo',
        'r.tags',
        'r.accountId',
        'r.version',
        'r.createdAt',
        'r.updatedAt',
        'r.createdBy',
        'r.createdByName',
        'r.onBehalfOf',
      ])
      .where((eb) => inScope(eb, 'r.division_code', scope))
  );
}

function filtered(db: Db, scope: Scope, f: ListFilter) {
  let q = residents(db, scope);
  if (f.idNumberIndex) q = q.where('r.idNumberIndex', '=', f.idNumberIndex);
  if (f.phoneIndex) q = q.where('r.phoneIndex', '=', f.phoneIndex);
  if (f.divisionCode) q = q.where('r.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
  if (f.tag) q = q.where(sql<boolean>`r.tags @> array[${f.tag}]::text[]`);
  if (f.q) {
    q = q.where('r.name', 'like', `%${escapeLike(f.q)}%`);
    // Two or more characters: narrow by the character-pair index first (as division names are searched).
    if ([...f.q].length >= 2) q = q.where(sql<boolean>`r.name_bigrams @> linli_bigrams(${f.q})`);
  }
  return q;
}

export async function findRow(db: Db, scope: Scope, id: string): Promise<ResidentRow | undefined> {
  return residents(db, scope).where('r.id', '=', id).executeTakeFirst();
}

export async function listRows(
  db: Db,
  scope: Scope,
  f: ListFilter & { limit: number; offset: number },
): Promise<{ items: ResidentRow[]; total: number }> {
  const [items, total] = await Promise.all([
    filtered(db, scope, f)
      .orderBy('r.createdAt', 'desc')
      .orderBy('r.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(db, scope, f).clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Rows for a spreadsheet, in division then name order, at most `limit` of them. */
export async function exportRows(db: Db, scope: Scope, f: ListFilter, limit: number): Promise<ResidentRow[]> {
  return filtered(db, scope, f)
    .orderBy('r.divisionCode')
    .orderBy('r.name')
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/** The id of the resident holding this ID number's index, if any (the index is unique). */
export async function idNumberHolder(db: Db, index: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('resident')
    .select('id')
    .where('idNumberIndex', '=', index)
    .executeTakeFirst();
  return row?.id;
}

/** A division a resident may be registered under: a community, village or grid the caller sees. */
export async function findHomeDivision(
  db: Db,
  scope: Scope,
  code: string,
): Promise<{ code: string; name: string } | undefined> {
  return db
    .selectFrom('division as d')
    .select(['d.code', 'd.name'])
    .where('d.code', '=', code)
    .where('d.level', 'in', ['community', 'village', 'grid'])
    .where((eb) => inScope(eb, 'd.division_code', scope))
    .executeTakeFirst();
}

export async function insertResident(db: Db, values: Insertable<Resident>): Promise<void> {
  await db.insertInto('resident').values(values).execute();
}

/** Updates a resident at the given version; false when the version is stale. */
export async function updateResident(
  db: Db,
  id: string,
  version: number,
  values: Updateable<Resident>,
): Promise<boolean> {
  const result = await db
    .updateTable('resident')
    .set({ ...values, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteResident(db: Db, id: string, version: number): Promise<boolean> {
  const result = await db
    .deleteFrom('resident')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Consents follow their resident into another division. */
export async function moveConsents(db: Db, residentId: string, divisionCode: string): Promise<void> {
  await db
    .updateTable('residentConsent')
    .set({ divisionCode })
    .where('residentId', '=', residentId)
    .execute();
}

export async function listConsents(
  db: Db,
  residentId: string,
  page: { limit: number; offset: number },
): Promise<{ items: ConsentRow[]; total: number }> {
  const base = db.selectFrom('residentConsent').where('residentId', '=', residentId);
  const [items, total] = await Promise.all([
    base
      .selectAll()
      .orderBy('recordedAt', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function insertConsent(db: Db, values: Insertable<ResidentConsent>): Promise<ConsentRow> {
  return db.insertInto('residentConsent').values(values).returningAll().executeTakeFirstOrThrow();
}
