import { type Kysely, sql } from 'kysely';

// Annual inspection (年检/年报) of registered organizations (R2.5, R4.4): one record per organization
// and year, submitted by the organization (or entered by the district) and reviewed with a result
// on the workflow mechanism (inspection.review in workflow_history). Scope follows the organization.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table inspection (
      id text primary key,
      organization_id text not null references organization (id),
      year integer not null check (year between 2000 and 2100),
      state text not null check (state in ('submitted', 'returned', 'reviewed')),
      submitted_on date not null,
      report_summary text check (length(report_summary) <= 2000),
      simplified boolean not null default false,
      grade_at_submission text check (grade_at_submission in ('1A', '2A', '3A', '4A', '5A')),
      result text check (result in ('qualified', 'basically_qualified', 'unqualified')),
      findings text check (length(findings) <= 2000),
      inspector_id text,
      inspector_name text,
      reviewed_on date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (organization_id, year)
    )`.execute(db);
  await sql`create index inspection_year_idx on inspection (year, result)`.execute(db);
  await sql`create index inspection_result_idx on inspection (result)`.execute(db);
  await sql`create index inspection_state_idx on inspection (state)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table inspection`.execute(db);
}
