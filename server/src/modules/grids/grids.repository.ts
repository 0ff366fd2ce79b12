import {
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { DB, GridAssignment, GridDuty } from '../../db/schema.gen.ts';
import { type Caller, escapeLike, inScope, type Scope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

export type DutyRow = Selectable<GridDuty>;

/** An assignment as read for responses: the phone still sealed, names of grid, community and duty joined. */
export type AssignmentRow = Selectable<GridAssignment> & {
  gridName: string;
  communityName: string;
  dutyName: string;
  accountUsername: string | null;
};

export interface ListFilter {
  gridCode?: string | undefined;
  divisionCode?: string | undefined;
  duty?: string | undefined;
  status?: 'current' | 'ended' | 'all' | undefined;
  q?: string | undefined;
}

/** The one visibility rule of rosters: the grid's code within the caller's scope. */
export function visibleTo(db: Db, caller: Pick<Caller, 'scope'>) {
  return db.selectFrom('gridAssignment as a').where((eb) => inScope(eb, 'a.division_code', caller.scope));
}

function rows(db: Db, caller: Pick<Caller, 'scope'>) {
  return (
    visibleTo(db, caller)
      // Grid, community and duty names are reference data every roster row shows.
      .innerJoin('division as g', 'g.code', 'a.divisionCode')
      .innerJoin('division as c', 'c.code', 'g.parentCode')
      .innerJoin('gridDuty as du', 'du.code', 'a.dutyCode')
      .leftJoin('account as ac', 'ac.id', 'a.accountId')
      .select([
        'a.id',
        'a.divisionCode',
        'a.dutyCode',
        'a.personName',
        'a.phoneSealed',
        'a.phoneIndex',
        'a.accountId',
        // Dates as text: the driver would turn them into midnight in the server's time zone.
        sql<string>`a.from_date::text`.as('fromDate'),
        sql<string | null>`a.to_date::text`.as('toDate'),
        'a.endReason',
        'a.note',
        'a.version',
        'a.createdAt',
        'a.updatedAt',
        'a.createdBy',
        'a.createdByName',
        'g.name as gridName',
        'c.name as communityName',
        'du.name as dutyName',
        'ac.username as accountUsername',
      ])
  );
}

/** On duty on `today`: started, and not yet past its last day. */
const onDuty = (today: string) =>
  sql<boolean>`a.from_date <= ${today}::date and (a.to_date is null or a.to_date >= ${today}::date)`;

function filtered(db: Db, caller: Pick<Caller, 'scope'>, f: ListFilter, today: string) {
  let q = rows(db, caller);
  if (f.gridCode) q = q.where('a.divisionCode', '=', f.gridCode);
  if (f.divisionCode) q = q.where('a.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
  if (f.duty) q = q.where('a.dutyCode', '=', f.duty);
  const status = f.status ?? 'current';
  if (status === 'current') q = q.where(onDuty(today));
  if (status === 'ended') q = q.where(sql<boolean>`a.to_date < ${today}::date`);
  if (f.q) q = q.where('a.personName', 'like', `%${escapeLike(f.q)}%`);
  return q;
}

export async function listRows(
  db: Db,
  caller: Pick<Caller, 'scope'>,
  f: ListFilter & { limit: number; offset: number },
  today: string,
): Promise<{ items: AssignmentRow[]; total: number }> {
  const [items, total] = await Promise.all([
    filtered(db, caller, f, today)
      .orderBy('a.divisionCode')
      .orderBy('du.sortOrder')
      .orderBy('a.fromDate')
      .orderBy('a.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    filtered(db, caller, f, today)
      .clearSelect()
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function exportRows(
  db: Db,
  caller: Pick<Caller, 'scope'>,
  f: ListFilter,
  today: string,
  limit: number,
): Promise<AssignmentRow[]> {
  return filtered(db, caller, f, today)
    .orderBy('a.divisionCode')
    .orderBy('du.sortOrder')
    .orderBy('a.personName')
    .orderBy('a.id')
    .limit(limit)
    .execute();
}

export async function findRow(
  db: Db,
  caller: Pick<Caller, 'scope'>,
  id: string,
): Promise<AssignmentRow | undefined> {
  return rows(db, caller).where('a.id', '=', id).executeTakeFirst();
}

/** A grid (level `grid`) the caller sees. */
export async function findGrid(db: Db, scope: Scope, code: string): Promise<{ code: string } | undefined> {
  return db
    .selectFrom('division as d')
    .select('d.code')
    .where('d.code', '=', code)
    .where('d.level', '=', 'grid')
    .where((eb) => inScope(eb, 'd.division_code', scope))
    .executeTakeFirst();
}

/**
 * Another leader assignment of the grid whose term overlaps [from, to]. The day a term ends its
 * successor may start (handover day), so a term ending on `from` does not count.
 */
export async function overlappingLeader(
  db: Db,
  gridCode: string,
  dutyCode: string,
  from: string,
  to: string | null,
): Promise<{ personName: string } | undefined> {
  let q = db
    .selectFrom('gridAssignment as a')
    .select('a.personName')
    .where('a.divisionCode', '=', gridCode)
    .where('a.dutyCode', '=', dutyCode)
    .where(sql<boolean>`(a.to_date is null or a.to_date > ${from}::date)`);
  if (to !== null) q = q.where(sql<boolean>`a.from_date < ${to}::date`);
  return q.executeTakeFirst();
}

export async function insertAssignment(db: Db, values: Insertable<GridAssignment>): Promise<void> {
  await db.insertInto('gridAssignment').values(values).execute();
}

export async function endAssignment(
  db: Db,
  id: string,
  version: number,
  values: Pick<Updateable<GridAssignment>, 'toDate' | 'endReason'>,
): Promise<boolean> {
  const result = await db
    .updateTable('gridAssignment')
    .set({ ...values, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** People on duty today by duty, within the scope (and a division prefix). */
export async function dutyCounts(
  db: Db,
  scope: Scope,
  prefix: string | undefined,
  today: string,
): Promise<Array<{ dutyCode: string; dutyName: string; count: number }>> {
  const like = `${escapeLike(prefix ?? '')}%`;
  const q = db
    .selectFrom('gridDuty as du')
    .leftJoin('gridAssignment as a', (join) =>
      join
        .onRef('a.dutyCode', '=', 'du.code')
        .on(onDuty(today))
        .on((eb) => inScope(eb, 'a.division_code', scope))
        .on('a.divisionCode', 'like', like),
    )
    .select(['du.code as dutyCode', 'du.name as dutyName', sql<number>`count(a.id)::int`.as('count')])
    .groupBy(['du.code', 'du.name', 'du.sortOrder'])
    .orderBy('du.sortOrder');
  const out = await q.execute();
  return out.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Grids in the scope (and a division prefix), and how many of them have a leader on duty today. */
export async function gridCounts(
  db: Db,
  scope: Scope,
  prefix: string | undefined,
  leaderDuty: string,
  today: string,
): Promise<{ grids: number; withLeader: number }> {
  let q = db
    .selectFrom('division as d')
    .where('d.level', '=', 'grid')
    .where((eb) => inScope(eb, 'd.division_code', scope));
  if (prefix) q = q.where('d.divisionCode', 'like', `${escapeLike(prefix)}%`);
  const row = await q
    .select([
      sql<number>`count(*)::int`.as('grids'),
      sql<number>`count(*) filter (where exists (
        select 1 from grid_assignment a where a.division_code = d.code and a.duty_code = ${leaderDuty}
          and ${onDuty(today)}))::int`.as('withLeader'),
    ])
    .executeTakeFirstOrThrow();
  return { grids: Number(row.grids), withLeader: Number(row.withLeader) };
}

/** The leader on duty today in a grid, if any. */
export async function leaderOf(db: Db, gridCode: string, leaderDuty: string, today: string) {
  return db
    .selectFrom('gridAssignment as a')
    .select('a.personName')
    .where('a.divisionCode', '=', gridCode)
    .where('a.dutyCode', '=', leaderDuty)
    .where(onDuty(today))
    .orderBy('a.fromDate', 'desc')
    .executeTakeFirst();
}

/** An account by username with the division codes of its grants (to check it belongs near the grid). */
export async function accountByUsername(
  db: Db,
  username: string,
): Promise<{ id: string; scopes: string[] } | undefined> {
  const account = await db
    .selectFrom('account')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (!account) return undefined;
  const grants = await db
    .selectFrom('roleGrant')
    .select('scopeCode')
    .where('accountId', '=', account.id)
    .execute();
  return { id: account.id, scopes: grants.flatMap((g) => (g.scopeCode ? [g.scopeCode] : [])) };
}

export async function listDuties(db: Db): Promise<DutyRow[]> {
  return db.selectFrom('gridDuty').selectAll().orderBy('sortOrder').orderBy('code').execute();
}

export async function findDuty(db: Db, code: string): Promise<DutyRow | undefined> {
  return db.selectFrom('gridDuty').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertDuty(db: Db, values: Insertable<GridDuty>): Promise<void> {
  await db.insertInto('gridDuty').values(values).execute();
}

export async function updateDuty(
  db: Db,
  code: string,
  version: number,
  values: Updateable<GridDuty>,
): Promise<boolean> {
  const result = await db
    .updateTable('gridDuty')
    .set({ ...values, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
