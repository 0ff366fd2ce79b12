import {
  type Insertable,
  type Kysely,
  type Selectable,
  sql,
  type Transaction,
  type Updateable,
} from 'kysely';
import type { DB, EventCategory, WorkCalendarDay, WorkCalendarYear } from '../../db/schema.gen.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type CategoryRow = Selectable<EventCategory>;
export type CalendarYearRow = Selectable<WorkCalendarYear> & { holidays: number; workdays: number };
export type CalendarDayRow = Selectable<WorkCalendarDay>;

/** Categories are district-wide reference data (one tree for every division), so no scope applies. */
export async function listCategories(db: Db, includeInactive: boolean): Promise<CategoryRow[]> {
  let q = db.selectFrom('eventCategory').selectAll().orderBy('sortOrder').orderBy('code');
  if (!includeInactive) q = q.where('active', '=', true);
  return q.execute();
}

export async function findCategory(db: Db, code: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('eventCategory').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertCategory(db: Db, values: Insertable<EventCategory>): Promise<void> {
  await db.insertInto('eventCategory').values(values).execute();
}

export async function updateCategory(
  db: Db,
  code: string,
  version: number,
  values: Updateable<EventCategory>,
): Promise<boolean> {
  const result = await db
    .updateTable('eventCategory')
    .set({ ...values, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Switches off the active subclasses of a class; returns their codes. */
export async function deactivateChildren(db: Db, parentCode: string): Promise<string[]> {
  const rows = await db
    .updateTable('eventCategory')
    .set({ active: false, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('parentCode', '=', parentCode)
    .where('active', '=', true)
    .returning('code')
    .execute();
  return rows.map((r) => r.code);
}

export async function calendarYears(db: Db): Promise<CalendarYearRow[]> {
  const rows = await db
    .selectFrom('workCalendarYear as y')
    .selectAll('y')
    .select([
      sql<number>`(select count(*) from work_calendar_day d where d.year = y.year and d.kind = 'holiday')::int`.as(
        'holidays',
      ),
      sql<number>`(select count(*) from work_calendar_day d where d.year = y.year and d.kind = 'workday')::int`.as(
        'workdays',
      ),
    ])
    .orderBy('y.year')
    .execute();
  return rows.map((r) => ({ ...r, holidays: Number(r.holidays), workdays: Number(r.workdays) }));
}

export async function findCalendarYear(db: Db, year: number) {
  return db.selectFrom('workCalendarYear').selectAll().where('year', '=', year).executeTakeFirst();
}

export async function calendarDays(db: Db, year?: number): Promise<CalendarDayRow[]> {
  let q = db
    .selectFrom('workCalendarDay')
    .select([sql<string>`day::text`.as('day'), 'year', 'kind', 'name'])
    .orderBy('workCalendarDay.day');
  if (year !== undefined) q = q.where('year', '=', year);
  return q.execute();
}

export async function insertCalendarYear(db: Db, values: Insertable<WorkCalendarYear>): Promise<void> {
  await db.insertInto('workCalendarYear').values(values).execute();
}

export async function updateCalendarYear(
  db: Db,
  year: number,
  version: number,
  values: Updateable<WorkCalendarYear>,
): Promise<boolean> {
  const result = await db
    .updateTable('workCalendarYear')
    .set({ ...values, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('year', '=', year)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function replaceCalendarDays(
  db: Db,
  year: number,
  days: Insertable<WorkCalendarDay>[],
): Promise<void> {
  await db.deleteFrom('workCalendarDay').where('year', '=', year).execute();
  if (days.length > 0) await db.insertInto('workCalendarDay').values(days).execute();
}
