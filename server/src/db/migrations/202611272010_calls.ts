import { type Kysely, sql } from 'kysely';

// Needs (需求清单), calls (项目征集) and applications (issue #7 item 2, R3.2, R4.4). A need is kept
// under the division it concerns (and the department that recorded it); a call belongs to the
// district and bundles needs; an application is scoped by its organization's division. Calls and
// applications change state only through the workflow mechanism (call.lifecycle, application.lifecycle).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table funding_call (
      id text primary key,
      title text not null check (length(title) between 2 and 100),
      description text check (length(description) <= 4000),
      fund_id text not null references fund (id),
      budget_ceiling_fen bigint not null check (budget_ceiling_fen > 0),
      focus_areas text[] not null,
      eligible_kinds text[] not null check (cardinality(eligible_kinds) >= 1),
      min_grade text check (min_grade in ('1A', '2A', '3A', '4A', '5A')),
      outside_allowed boolean not null default true,
      priority_grade text not null default '3A' check (priority_grade in ('1A', '2A', '3A', '4A', '5A')),
      scoring_template jsonb not null,
      opens_on date not null,
      closes_on date not null,
      state text not null check (state in ('draft', 'open', 'closed')),
      division_code text not null,
      created_by text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closes_on >= opens_on)
    )`.execute(db);
  await sql`create index funding_call_state_idx on funding_call (state, closes_on)`.execute(db);
  await sql`create index funding_call_fund_idx on funding_call (fund_id)`.execute(db);
  await sql`create index funding_call_division_idx on funding_call (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index funding_call_focus_idx on funding_call using gin (focus_areas)`.execute(db);

  await sql`
    create table need (
      id text primary key,
      title text not null check (length(title) between 2 and 100),
      description text check (length(description) <= 2000),
      focus_area text not null,
      division_code text not null,
      source text not null check (source in ('district', 'street', 'community', 'station', 'department')),
      department text,
      estimated_fen bigint check (estimated_fen >= 0),
      call_id text references funding_call (id),
      created_by text not null,
      created_by_name text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index need_division_idx on need (division_code text_pattern_ops)`.execute(db);
  await sql`create index need_focus_idx on need (focus_area)`.execute(db);
  await sql`create index need_source_idx on need (source)`.execute(db);
  await sql`create index need_department_idx on need (department)`.execute(db);
  await sql`create index need_call_idx on need (call_id)`.execute(db);
  await sql`create index need_created_idx on need (created_at)`.execute(db);

  await sql`
    create table funding_application (
      id text primary key,
      call_id text not null references funding_call (id),
      organization_id text not null references organization (id),
      division_code text not null,
      title text not null check (length(title) between 2 and 100),
      focus_area text not null,
      plan text not null check (length(plan) <= 8000),
      outcomes text not null check (length(outcomes) <= 4000),
      budget_lines jsonb not null,
      requested_fen bigint not null check (requested_fen > 0),
      state text not null check (state in ('draft', 'submitted', 'withdrawn', 'awarded')),
      submitted_at timestamptz,
      awarded_fen bigint check (awarded_fen > 0),
      awarded_at timestamptz,
      entered_by_district boolean not null default false,
      created_by text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // One live application per organization and call; a withdrawn one may be followed by a new one.
  await sql`
    create unique index funding_application_once_idx on funding_application (call_id, organization_id)
    where state <> 'withdrawn'`.execute(db);
  await sql`create index funding_application_call_idx on funding_application (call_id, state)`.execute(db);
  await sql`create index funding_application_org_idx on funding_application (organization_id)`.execute(db);
  await sql`create index funding_application_state_idx on funding_application (state)`.execute(db);
  await sql`create index funding_application_focus_idx on funding_application (focus_area)`.execute(db);
  await sql`
    create index funding_application_division_idx on funding_application (division_code text_pattern_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table funding_application`.execute(db);
  await sql`drop table need`.execute(db);
  await sql`drop table funding_call`.execute(db);
}
