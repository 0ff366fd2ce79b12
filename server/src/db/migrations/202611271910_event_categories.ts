import { type Kysely, sql } from 'kysely';

// Event categories (issue #5 item 2): the two-level tree of the digital urban-management case flow
// (大类 two digits, 小类 class code + two digits). A subclass names its responsible department
// (the text code department grants carry, e.g. '城管') and a time limit for each step — accept
// 受理, dispatch 派遣, handle 处置, verify 核查 — as an amount and a unit: `work_minutes` (工作时,
// counted in working minutes) or `work_days` (工作日). Classes carry neither. Categories are
// switched off, never deleted: events will keep pointing at them.
const STEPS = ['accept', 'dispatch', 'handle', 'verify'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const limitColumns = STEPS.map(
    (s) => `${s}_limit integer check (${s}_limit > 0),
      ${s}_unit text check (${s}_unit in ('work_minutes', 'work_days')),`,
  ).join('\n      ');
  const allOrNone = STEPS.map((s) => `${s}_limit is not null and ${s}_unit is not null`).join(' and ');
  const none = STEPS.map((s) => `${s}_limit is null and ${s}_unit is null`).join(' and ');
  await sql`
    create table event_category (
      code text primary key check (code ~ '^[0-9]{2}([0-9]{2})?$'),
      parent_code text references event_category (code),
      name text not null check (length(name) between 1 and 30),
      name_en text not null check (length(name_en) between 1 and 80),
      description text check (length(description) <= 500),
      department text check (length(department) between 1 and 30),
      ${sql.raw(limitColumns)}
      sort_order integer not null default 100,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((parent_code is null) = (length(code) = 2)),
      check (parent_code is null or code like parent_code || '__'),
      check (case when parent_code is null then department is null and ${sql.raw(none)}
             else department is not null and ${sql.raw(allOrNone)} end)
    )`.execute(db);
  await sql`create index event_category_parent_idx on event_category (parent_code, sort_order)`.execute(db);
  await sql`create index event_category_department_idx on event_category (department)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table event_category`.execute(db);
}
