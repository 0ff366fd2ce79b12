import { type Kysely, sql } from 'kysely';

// The working-day calendar (DESIGN §5, issue #5 item 4): per year, the dated exceptions to the
// Monday–Friday week — days off (holiday) and make-up workdays on weekends (workday, 调休).
// A year exists only once someone has entered it; deadline arithmetic refuses years that do not.
// 2026 is loaded here from the State Council's notice, so every installation starts with it.

export const CALENDAR_2026_SOURCE = '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）';

function run(from: string, to: string, name: string): Array<[string, 'holiday', string]> {
  const days: Array<[string, 'holiday', string]> = [];
  const end = new Date(`${to}T00:00:00Z`);
  for (let d = new Date(`${from}T00:00:00Z`); d <= end; d.setUTCDate(d.getUTCDate() + 1))
    days.push([d.toISOString().slice(0, 10), 'holiday', name]);
  return days;
}

export const CALENDAR_2026: ReadonlyArray<readonly [string, 'holiday' | 'workday', string]> = [
  ...run('2026-01-01', '2026-01-03', '元旦'),
  ['2026-01-04', 'workday', '元旦调休上班'],
  ['2026-02-14', 'workday', '春节调休上班'],
  ...run('2026-02-15', '2026-02-23', '春节'),
  ['2026-02-28', 'workday', '春节调休上班'],
  ...run('2026-04-04', '2026-04-06', '清明节'),
  ...run('2026-05-01', '2026-05-05', '劳动节'),
  ['2026-05-09', 'workday', '劳动节调休上班'],
  ...run('2026-06-19', '2026-06-21', '端午节'),
  ['2026-09-20', 'workday', '国庆节调休上班'],
  ...run('2026-09-25', '2026-09-27', '中秋节'),
  ...run('2026-10-01', '2026-10-07', '国庆节'),
  ['2026-10-10', 'workday', '国庆节调休上班'],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table work_calendar_year (
      year integer primary key check (year between 2000 and 2100),
      source text check (length(source) <= 200),
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      updated_by text not null,
      updated_by_name text not null
    )`.execute(db);
  await sql`
    create table work_calendar_day (
      day date primary key,
      year integer not null references work_calendar_year (year) on delete cascade,
      kind text not null check (kind in ('holiday', 'workday')),
      name text not null check (length(name) between 1 and 30),
      check (extract(year from day) = year),
      check (kind = 'holiday' or extract(isodow from day) in (6, 7))
    )`.execute(db);
  await sql`create index work_calendar_day_year_idx on work_calendar_day (year, day)`.execute(db);

  await sql`insert into work_calendar_year (year, source, updated_by, updated_by_name)
    values (2026, ${CALENDAR_2026_SOURCE}, 'system', 'system')`.execute(db);
  for (const [day, kind, name] of CALENDAR_2026)
    await sql`insert into work_calendar_day (day, year, kind, name)
      values (${day}::date, 2026, ${kind}, ${name})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table work_calendar_day`.execute(db);
  await sql`drop table work_calendar_year`.execute(db);
}
