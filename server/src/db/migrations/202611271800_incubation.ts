import { type Kysely, sql } from 'kysely';

// The incubation base (issue #4 item 4, R2.2). One row per intake application; its stage moves only
// through the workflow mechanism (incubation.stage in workflow_history). The R2.2 priority class is
// fixed at intake, so the applicant queue does not reorder when a record is edited later. The plan
// (mentors, milestones, services received) hangs off the record and changes with its version.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table incubation (
      id text primary key,
      organization_id text not null references organization (id) on delete cascade,
      branch_code text references division (code) on update cascade check (length(branch_code) = 9),
      state text not null
        check (state in ('applied', 'admitted', 'rejected', 'incubating', 'graduated', 'exited')),
      priority_class text not null check (priority_class in ('service', 'public_welfare', 'activity')),
      priority_rank smallint generated always as (
        case priority_class when 'service' then 1 when 'public_welfare' then 2 else 3 end
      ) stored,
      applicant_name text not null check (length(applicant_name) between 2 and 50),
      purpose text not null check (length(purpose) between 2 and 1000),
      needs text[] not null default '{}',
      needs_note text check (length(needs_note) <= 500),
      applied_on date not null,
      admitted_on date,
      started_on date,
      ended_on date,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  // At most one application under way per organization.
  await sql`
    create unique index incubation_open_idx on incubation (organization_id)
    where state in ('applied', 'admitted', 'incubating')`.execute(db);
  await sql`create index incubation_organization_idx on incubation (organization_id)`.execute(db);
  // The applicant queue: by stage, then class, then application date.
  await sql`create index incubation_queue_idx on incubation (state, priority_rank, applied_on, id)`.execute(
    db,
  );
  await sql`create index incubation_branch_idx on incubation (branch_code, state)`.execute(db);
  await sql`create index incubation_class_idx on incubation (priority_class)`.execute(db);

  await sql`
    create table incubation_mentor (
      id bigint generated always as identity primary key,
      incubation_id text not null references incubation (id) on delete cascade,
      position smallint not null,
      name text not null check (length(name) between 1 and 50),
      expertise text not null check (length(expertise) between 1 and 100)
    )`.execute(db);
  await sql`create index incubation_mentor_idx on incubation_mentor (incubation_id, position)`.execute(db);

  await sql`
    create table incubation_milestone (
      id bigint generated always as identity primary key,
      incubation_id text not null references incubation (id) on delete cascade,
      position smallint not null,
      title text not null check (length(title) between 1 and 100),
      due_on date not null,
      done_on date
    )`.execute(db);
  await sql`create index incubation_milestone_idx on incubation_milestone (incubation_id, position)`.execute(
    db,
  );

  // Hours of training, mentoring or venue use; the amount (fen) of funding introduced.
  await sql`
    create table incubation_service (
      id bigint generated always as identity primary key,
      incubation_id text not null references incubation (id) on delete cascade,
      position smallint not null,
      type text not null check (type in ('training', 'venue', 'funding', 'mentoring', 'other')),
      served_on date not null,
      hours numeric(6, 1) check (hours > 0),
      amount_fen bigint check (amount_fen >= 0),
      note text check (length(note) <= 200)
    )`.execute(db);
  await sql`create index incubation_service_idx on incubation_service (incubation_id, position)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table incubation_service`.execute(db);
  await sql`drop table incubation_milestone`.execute(db);
  await sql`drop table incubation_mentor`.execute(db);
  await sql`drop table incubation`.execute(db);
}
