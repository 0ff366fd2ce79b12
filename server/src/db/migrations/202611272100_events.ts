import { type Kysely, sql } from 'kysely';

// Grid events (issue #5 items 3–4): the closed loop of the urban-management case flow. An event
// belongs to a grid (division_code, 15 digits) and a subclass of the category tree; its state moves
// on the `grid.event` workflow (history in workflow_history). The current step (accept, dispatch,
// handle, verify) carries its deadline, computed in working time from the category's limit when the
// step starts; the overdue job flags `overdue` once per step and keeps `overdue_count`/`ever_overdue`
// for statistics. A resident named as the contact (by the blind index of the phone number) follows
// and rates the event like its reporter. Departments (主办/协办), photos and extension requests are rows of their own.
export async function up(db: Kysely<any>): Promise<void> {
  // Readable numbers SJ + Beijing date + 5-digit serial of the day: a counter row per day.
  await sql`
    create table grid_event_counter (
      day text primary key check (day ~ '^[0-9]{8}$'),
      last integer not null
    )`.execute(db);

  await sql`
    create table grid_event (
      id text primary key,
      no text not null unique,
      division_code text not null references division (code) on update cascade
        check (length(division_code) = 15),
      category_code text not null references event_category (code),
      description text not null check (length(description) between 1 and 1000),
      address text check (length(address) <= 200),
      longitude double precision check (longitude between -180 and 180),
      latitude double precision check (latitude between -90 and 90),
      source text not null check (source in ('patrol', 'resident', 'phone', 'open311')),
      reporter_id text,
      reporter_name text not null,
      contact_name text check (length(contact_name) <= 50),
      contact_phone_sealed text,
      contact_phone_index text,
      state text not null check (state in
        ('reported', 'filed', 'not_filed', 'merged', 'dispatched', 'handled', 'closed', 'rated')),
      version integer not null default 1,
      step text check (step in ('accept', 'dispatch', 'handle', 'verify')),
      step_started_at timestamptz,
      due_at timestamptz,
      overdue boolean not null default false,
      overdue_count integer not null default 0,
      ever_overdue boolean not null default false,
      reopened integer not null default 0,
      returned_count integer not null default 0,
      lead_department text,
      handle_result text check (length(handle_result) <= 1000),
      rating text check (rating in ('satisfied', 'basic', 'unsatisfied')),
      rating_comment text check (length(rating_comment) <= 1000),
      merged_into text references grid_event (id),
      reported_at timestamptz not null default now(),
      filed_at timestamptz,
      dispatched_at timestamptz,
      handled_at timestamptz,
      closed_at timestamptz,
      rated_at timestamptz,
      search_vector tsvector not null default ''::tsvector,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((longitude is null) = (latitude is null)),
      check ((contact_phone_sealed is null) = (contact_phone_index is null)),
      check ((step is null) = (step_started_at is null)),
      check (step is not null or not overdue)
    )`.execute(db);
  await sql`create index grid_event_scope_idx on grid_event (division_code text_pattern_ops, reported_at desc)`.execute(
    db,
  );
  await sql`create index grid_event_reported_idx on grid_event (reported_at desc, id)`.execute(db);
  // A state list within a scope prefix (the desk's usual filter) without a bitmap over the whole state.
  await sql`create index grid_event_state_idx on grid_event (state, division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index grid_event_category_idx on grid_event (category_code text_pattern_ops, reported_at desc)`.execute(
    db,
  );
  await sql`create index grid_event_overdue_idx on grid_event (division_code text_pattern_ops) where overdue`.execute(
    db,
  );
  await sql`create index grid_event_lead_idx on grid_event (lead_department, reported_at desc)`.execute(db);
  await sql`create index grid_event_reporter_idx on grid_event (reporter_id, reported_at desc)`.execute(db);
  await sql`create index grid_event_contact_idx on grid_event (contact_phone_index) where contact_phone_index is not null`.execute(
    db,
  );
  // The overdue job's scan: open steps not yet flagged, by deadline.
  await sql`create index grid_event_due_idx on grid_event (due_at) where due_at is not null and not overdue`.execute(
    db,
  );
  await sql`create index grid_event_search_idx on grid_event using gin (search_vector)`.execute(db);
  await sql`create index grid_event_merged_idx on grid_event (merged_into) where merged_into is not null`.execute(
    db,
  );

  await sql`
    create table grid_event_department (
      id bigint generated always as identity primary key,
      event_id text not null references grid_event (id) on delete cascade,
      department text not null check (length(department) between 1 and 30),
      role text not null check (role in ('lead', 'assist')),
      assigned_at timestamptz not null default now(),
      released_at timestamptz,
      returned boolean not null default false,
      return_reason text check (length(return_reason) <= 1000),
      check (not returned or (role = 'lead' and released_at is not null))
    )`.execute(db);
  await sql`create index grid_event_department_event_idx on grid_event_department (event_id)`.execute(db);
  // A department's events (its scope) and its statistics.
  await sql`create index grid_event_department_scope_idx on grid_event_department (department, event_id)`.execute(
    db,
  );
  await sql`create unique index grid_event_department_one_current_idx on grid_event_department (event_id, department)
    where released_at is null`.execute(db);

  // Photos are uploaded before the event (or the step) they belong to exists: event_id is set when
  // the report, the handling or the verification that uses them is saved.
  await sql`
    create table grid_event_photo (
      id text primary key,
      event_id text references grid_event (id) on delete cascade,
      stage text check (stage in ('report', 'handle', 'verify')),
      mime text not null,
      size integer not null check (size > 0),
      width integer not null,
      height integer not null,
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      storage_path text not null unique,
      uploaded_by text not null,
      uploaded_by_name text not null,
      created_at timestamptz not null default now(),
      check ((event_id is null) = (stage is null))
    )`.execute(db);
  await sql`create index grid_event_photo_event_idx on grid_event_photo (event_id, created_at)`.execute(db);
  await sql`create index grid_event_photo_loose_idx on grid_event_photo (uploaded_by) where event_id is null`.execute(
    db,
  );

  await sql`
    create table grid_event_extension (
      id text primary key,
      event_id text not null references grid_event (id) on delete cascade,
      department text not null,
      days integer not null check (days between 1 and 30),
      reason text not null check (length(reason) between 1 and 1000),
      state text not null default 'pending' check (state in ('pending', 'granted', 'refused')),
      requested_by text not null,
      requested_by_name text not null,
      requested_at timestamptz not null default now(),
      decided_by text,
      decided_by_name text,
      decided_at timestamptz,
      decision_comment text check (length(decision_comment) <= 1000)
    )`.execute(db);
  await sql`create index grid_event_extension_event_idx on grid_event_extension (event_id, requested_at)`.execute(
    db,
  );
  await sql`create unique index grid_event_extension_one_pending_idx on grid_event_extension (event_id)
    where state = 'pending'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table grid_event_extension`.execute(db);
  await sql`drop table grid_event_photo`.execute(db);
  await sql`drop table grid_event_department`.execute(db);
  await sql`drop table grid_event`.execute(db);
  await sql`drop table grid_event_counter`.execute(db);
}
