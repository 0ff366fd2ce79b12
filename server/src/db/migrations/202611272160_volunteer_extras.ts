import { type Kysely, sql } from 'kysely';

// Issue #6, the rest: honours (表彰) of volunteers and teams, and the rotating check-in code. The
// code is now derived from a keyed hash of the activity and the time step (nothing to store), so the
// fixed six-digit code column goes.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table volunteer_activity drop column check_in_code`.execute(db);
  // One honour per subject, title and year; `division_code` is the subject's (for the scope rule),
  // `awarded_by_division` the level that gave it (district, street or community).
  await sql`
    create table volunteer_honour (
      id text primary key,
      subject_kind text not null check (subject_kind in ('volunteer', 'team')),
      volunteer_id text references volunteer (id),
      team_id text references volunteer_team (id),
      subject_id text generated always as (coalesce(volunteer_id, team_id)) stored,
      title text not null check (title in ('outstanding_volunteer', 'outstanding_team', 'star_of_year')),
      year integer not null check (year between 2000 and 2100),
      reason text not null check (length(reason) between 2 and 500),
      division_code text not null,
      awarded_by_division text not null,
      awarded_by text not null,
      awarded_by_name text not null,
      awarded_at timestamptz not null default now(),
      check ((subject_kind = 'volunteer') = (volunteer_id is not null)),
      check ((subject_kind = 'team') = (team_id is not null)),
      unique (subject_id, title, year)
    )`.execute(db);
  await sql`create index volunteer_honour_scope_idx on volunteer_honour (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index volunteer_honour_volunteer_idx on volunteer_honour (volunteer_id)`.execute(db);
  await sql`create index volunteer_honour_team_idx on volunteer_honour (team_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table volunteer_honour`.execute(db);
  await sql`alter table volunteer_activity add column check_in_code text not null default '000000'`.execute(
    db,
  );
}
