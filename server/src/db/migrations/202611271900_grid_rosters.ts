import { type Kysely, sql } from 'kysely';

// Grid rosters, "一长九员" (issue #5 item 1, R1.4). Duties are a table the district configures,
// started with the duties the district's report names and a few usual ones it may rename or
// switch off. An assignment puts a person on a grid with a duty from one date to another (open
// while `to_date` is null); the person's phone is sealed with a blind index like residents' phones.
// One grid has one open leader assignment at a time, which the database itself guarantees.
const DUTIES: ReadonlyArray<readonly [string, string, string, string, number]> = [
  ['leader', '网格长', 'Grid leader', 'report', 10],
  ['member', '网格员', 'Grid member', 'report', 20],
  ['security_coordinator', '综治协管员', 'Public-security coordinator', 'report', 30],
  ['enforcement_coordinator', '综合执法协管员', 'Law-enforcement coordinator', 'report', 40],
  ['police', '网格民警', 'Community police officer', 'extra', 50],
  ['building_head', '楼栋长', 'Building head', 'extra', 60],
  ['property_manager', '物业管理员', 'Property manager', 'extra', 70],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table grid_duty (
      code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      name text not null unique check (length(name) between 1 and 30),
      name_en text not null check (length(name_en) between 1 and 60),
      origin text not null check (origin in ('report', 'extra', 'district')),
      sort_order integer not null default 100,
      active boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (code <> 'leader' or active)
    )`.execute(db);
  for (const [code, name, nameEn, origin, sortOrder] of DUTIES)
    await sql`insert into grid_duty (code, name, name_en, origin, sort_order)
      values (${code}, ${name}, ${nameEn}, ${origin}, ${sortOrder})`.execute(db);

  await sql`
    create table grid_assignment (
      id text primary key,
      division_code text not null references division (code) on update cascade
        check (length(division_code) = 15),
      duty_code text not null references grid_duty (code) on update cascade,
      person_name text not null check (length(person_name) between 1 and 50),
      phone_sealed text,
      phone_index text,
      account_id text references account (id) on delete set null,
      from_date date not null,
      to_date date,
      end_reason text check (length(end_reason) <= 200),
      note text check (length(note) <= 200),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      created_by text not null,
      created_by_name text not null,
      check (to_date is null or to_date >= from_date),
      check ((phone_sealed is null) = (phone_index is null))
    )`.execute(db);
  // One open leader per grid: a second 网格长 cannot be appointed before the first one's term ends.
  await sql`create unique index grid_assignment_one_leader_idx on grid_assignment (division_code)
    where duty_code = 'leader' and to_date is null`.execute(db);
  await sql`create index grid_assignment_scope_idx on grid_assignment (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index grid_assignment_duty_idx on grid_assignment (duty_code, to_date)`.execute(db);
  await sql`create index grid_assignment_open_idx on grid_assignment (division_code) where to_date is null`.execute(
    db,
  );
  await sql`create index grid_assignment_account_idx on grid_assignment (account_id)`.execute(db);
  await sql`create index grid_assignment_phone_idx on grid_assignment (phone_index)`.execute(db);
  await sql`create index grid_assignment_name_trgm_idx on grid_assignment using gin (person_name gin_trgm_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table grid_assignment`.execute(db);
  await sql`drop table grid_duty`.execute(db);
}
