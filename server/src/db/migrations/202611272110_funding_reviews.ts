import { type Kysely, sql } from 'kysely';

// Pre-assessment of applications (事前论证, issue #7 item 3). A review is one reviewer's sheet on
// one application (kept under the application's division): conflict declaration, scores per
// criterion of the call's template, submission. The application keeps its computed score (mean of
// submitted totals, trimmed from five sheets on) so rankings read one column. A call gets one
// public notice (公示) listing the proposed awards; objections to listed applications are answered
// by the district. Reviews and objections change state only through the workflow mechanism.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table funding_review (
      id text primary key,
      application_id text not null references funding_application (id),
      call_id text not null references funding_call (id),
      reviewer_id text not null references account (id),
      reviewer_name text not null,
      division_code text not null,
      state text not null check (state in ('assigned', 'conflicted', 'scoring', 'submitted')),
      conflict_reason text check (length(conflict_reason) <= 500),
      declared_at timestamptz,
      scores jsonb,
      total_points numeric(8, 1),
      comment text check (length(comment) <= 2000),
      submitted_at timestamptz,
      assigned_by text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // A reviewer is assigned once per application; a recusal stays on record and blocks reassigning them.
  await sql`create unique index funding_review_once_idx on funding_review (application_id, reviewer_id)`.execute(
    db,
  );
  await sql`create index funding_review_reviewer_idx on funding_review (reviewer_id, state)`.execute(db);
  await sql`create index funding_review_call_idx on funding_review (call_id, state)`.execute(db);
  await sql`create index funding_review_division_idx on funding_review (division_code text_pattern_ops)`.execute(
    db,
  );

  await sql`alter table funding_application add column review_score numeric(7, 2)`.execute(db);
  await sql`alter table funding_application add column review_count integer not null default 0`.execute(db);
  await sql`create index funding_application_score_idx on funding_application (call_id, review_score desc)`.execute(
    db,
  );

  await sql`
    create table funding_notice (
      id text primary key,
      call_id text not null unique references funding_call (id),
      division_code text not null,
      title text not null check (length(title) between 2 and 200),
      note text check (length(note) <= 2000),
      working_days integer not null check (working_days between 1 and 30),
      published_at timestamptz not null,
      ends_at timestamptz not null,
      published_by text not null,
      published_by_name text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index funding_notice_ends_idx on funding_notice (ends_at)`.execute(db);
  await sql`create index funding_notice_division_idx on funding_notice (division_code text_pattern_ops)`.execute(
    db,
  );

  await sql`
    create table funding_notice_item (
      notice_id text not null references funding_notice (id),
      application_id text not null unique references funding_application (id),
      position integer not null,
      score numeric(7, 2) not null,
      ranking_score numeric(7, 2) not null,
      priority boolean not null,
      proposed_fen bigint not null check (proposed_fen > 0),
      excluded boolean not null default false,
      primary key (notice_id, application_id)
    )`.execute(db);

  await sql`
    create table funding_objection (
      id text primary key,
      notice_id text not null references funding_notice (id),
      application_id text not null references funding_application (id),
      division_code text not null,
      reason text not null check (length(reason) between 5 and 2000),
      filed_by text not null,
      filed_by_name text not null,
      state text not null check (state in ('pending', 'upheld', 'dismissed')),
      reply text check (length(reply) <= 2000),
      answered_by_name text,
      answered_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index funding_objection_notice_idx on funding_objection (notice_id, state)`.execute(db);
  await sql`create index funding_objection_application_idx on funding_objection (application_id, state)`.execute(
    db,
  );
  await sql`create index funding_objection_filer_idx on funding_objection (filed_by)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table funding_objection`.execute(db);
  await sql`drop table funding_notice_item`.execute(db);
  await sql`drop table funding_notice`.execute(db);
  await sql`drop index funding_application_score_idx`.execute(db);
  await sql`alter table funding_application drop column review_count`.execute(db);
  await sql`alter table funding_application drop column review_score`.execute(db);
  await sql`drop table funding_review`.execute(db);
}
