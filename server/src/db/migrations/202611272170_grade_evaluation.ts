import { type Kysely, sql } from 'kysely';

// Grade evaluation (社会组织评估, 民政部令第39号): rounds by kind and batch with their grade bands and
// indicator trees (configuration kept on the round, so a past round keeps the rules it was run by),
// one evaluation per organization and round on the workflow mechanism (grading.evaluation), and
// each assigned evaluator's score sheet. The confirmed grade lands on the organization with the
// end of its five-year validity and the round that gave it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table grade_round (
      id text primary key,
      year integer not null check (year between 2000 and 2100),
      batch_no integer not null check (batch_no between 1 and 99),
      title text not null check (length(title) between 1 and 200),
      kinds jsonb not null,
      division_code text not null,
      applications_open_on date not null,
      applications_close_on date not null check (applications_close_on >= applications_open_on),
      notice_working_days integer not null check (notice_working_days between 1 and 30),
      bands jsonb not null,
      templates jsonb not null,
      state text not null check (state in ('draft', 'open', 'scoring', 'notice', 'closed')),
      notice_published_on date,
      notice_ends_on date,
      created_by text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (division_code, year, batch_no)
    )`.execute(db);
  await sql`create index grade_round_division_idx on grade_round (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`
    create table grade_evaluation (
      id text primary key,
      round_id text not null references grade_round (id),
      organization_id text not null references organization (id),
      division_code text not null,
      template_key text not null check (template_key in ('association', 'service')),
      state text not null check (state in ('applied', 'submitted', 'accepted', 'rejected', 'reviewed',
        'notice', 'appealed', 'answered', 'confirmed')),
      eligibility jsonb not null default '[]',
      self_scores jsonb not null default '{}',
      self_total integer,
      evaluator_score numeric(7, 2),
      committee_score numeric(7, 2),
      proposed_grade text check (proposed_grade in ('1A', '2A', '3A', '4A', '5A')),
      review_reason text check (length(review_reason) <= 2000),
      appeal_reason text check (length(appeal_reason) <= 2000),
      appealed_on date,
      appeal_due_on date,
      appeal_answer text check (length(appeal_answer) <= 2000),
      appeal_answered_on date,
      result_grade text check (result_grade in ('1A', '2A', '3A', '4A', '5A')),
      confirmed_on date,
      valid_until date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (round_id, organization_id)
    )`.execute(db);
  await sql`create index grade_evaluation_division_idx on grade_evaluation (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index grade_evaluation_organization_idx on grade_evaluation (organization_id)`.execute(db);
  await sql`
    create table grade_assignment (
      id text primary key,
      evaluation_id text not null references grade_evaluation (id),
      evaluator_id text not null,
      evaluator_name text not null,
      scores jsonb not null default '{}',
      total integer,
      opinion text check (length(opinion) <= 2000),
      submitted_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      unique (evaluation_id, evaluator_id)
    )`.execute(db);
  await sql`create index grade_assignment_evaluator_idx on grade_assignment (evaluator_id)`.execute(db);
  await sql`alter table organization add column grade_valid_until date`.execute(db);
  await sql`alter table organization add column grade_round_id text`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table organization drop column grade_round_id`.execute(db);
  await sql`alter table organization drop column grade_valid_until`.execute(db);
  await sql`drop table grade_assignment`.execute(db);
  await sql`drop table grade_evaluation`.execute(db);
  await sql`drop table grade_round`.execute(db);
}
