import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);

  await sql`
    create table division (
      code text primary key check (code ~ '^[0-9]+$' and length(code) in (6, 9, 12, 15)),
      name text not null check (length(name) between 1 and 100),
      level text not null check (level in ('district','street','town','township','zone','community','village','grid')),
      parent_code text references division (code) deferrable initially deferred,
      division_code text generated always as (code) stored,
      population integer check (population >= 0),
      households integer check (households >= 0),
      boundary jsonb,
      boundary_generated boolean not null default false,
      community_type text check (community_type in ('urban_rural_fringe','abandoned_property','traditional_old','high_end_gated')),
      urban_rural_code text,
      source text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((parent_code is null) = (length(code) = 6)),
      check (parent_code is null or code like parent_code || '___')
    )`.execute(db);
  await sql`create index division_parent_idx on division (parent_code, code)`.execute(db);
  await sql`create index division_scope_idx on division (division_code text_pattern_ops)`.execute(db);
  await sql`create index division_level_idx on division (level, division_code text_pattern_ops)`.execute(db);
  await sql`create index division_name_trgm_idx on division using gin (name gin_trgm_ops)`.execute(db);

  // Codes change when a community moves to another street; old codes keep resolving for imports.
  await sql`
    create table division_code_change (
      id bigint generated always as identity primary key,
      old_code text not null,
      new_code text not null,
      changed_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index division_code_change_old_idx on division_code_change (old_code)`.execute(db);

  // Development zones (开发区) are special areas that overlay the divisions (REQUIREMENTS R1.2).
  await sql`
    create table special_area (
      id bigint generated always as identity primary key,
      division_code text not null,
      name text not null,
      kind text not null check (kind in ('provincial_development_zone','municipal_development_zone')),
      note text,
      created_at timestamptz not null default now(),
      unique (division_code, name)
    )`.execute(db);
  await sql`create index special_area_scope_idx on special_area (division_code text_pattern_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table special_area`.execute(db);
  await sql`drop table division_code_change`.execute(db);
  await sql`drop table division`.execute(db);
}
