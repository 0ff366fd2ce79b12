import { type Kysely, sql } from 'kysely';

// Volunteers, teams, the alliance's programs, activities, sign-ups and service-hour records
// (issue #6 items 1, 2 and 5). A volunteer's ID number and phone are sealed like a resident's.
// `volunteer_service` is the record the 志愿服务条例 requires to be true: rows are never updated
// or deleted (a trigger refuses it); a correction is a reversing row with a reason plus a new row.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table volunteer_program (
      id text primary key,
      alliance text not null check (length(alliance) between 2 and 100),
      name text not null unique check (length(name) between 2 and 100),
      description text check (length(description) <= 500),
      division_code text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table volunteer_team (
      id text primary key,
      name text not null check (length(name) between 2 and 100),
      program_id text references volunteer_program (id),
      organization_id text references organization (id),
      division_code text not null references division (code) on update cascade,
      leader_name text check (length(leader_name) <= 50),
      created_at timestamptz not null default now(),
      unique (division_code, name)
    )`.execute(db);
  await sql`create index volunteer_team_scope_idx on volunteer_team (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index volunteer_team_org_idx on volunteer_team (organization_id)`.execute(db);

  await sql`
    create table volunteer (
      id text primary key,
      volunteer_no text not null unique,
      account_id text unique references account (id) on delete set null,
      resident_id text unique references resident (id) on delete set null,
      name text not null check (length(name) between 1 and 50),
      gender text not null check (gender in ('male', 'female')),
      birth_date date not null,
      id_number_sealed text not null,
      id_number_index text not null unique,
      phone_sealed text not null,
      phone_index text not null,
      skills text[] not null default '{}',
      availability text[] not null default '{}',
      division_code text not null references division (code) on update cascade,
      state text not null default 'active' check (state in ('active', 'suspended')),
      registered_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  await sql`create index volunteer_scope_idx on volunteer (division_code text_pattern_ops)`.execute(db);
  await sql`create index volunteer_name_trgm_idx on volunteer using gin (name gin_trgm_ops)`.execute(db);
  await sql`
    create table volunteer_team_member (
      team_id text not null references volunteer_team (id) on delete cascade,
      volunteer_id text not null references volunteer (id) on delete cascade,
      joined_at timestamptz not null default now(),
      primary key (team_id, volunteer_id)
    )`.execute(db);
  await sql`create index volunteer_team_member_volunteer_idx on volunteer_team_member (volunteer_id)`.execute(
    db,
  );

  await sql`
    create table volunteer_activity (
      id text primary key,
      title text not null check (length(title) between 2 and 100),
      description text check (length(description) <= 2000),
      program_id text references volunteer_program (id),
      category text not null,
      publisher_kind text not null check (publisher_kind in ('team', 'organization', 'community', 'studio')),
      publisher_name text not null,
      team_id text references volunteer_team (id),
      organization_id text references organization (id),
      division_code text not null references division (code) on update cascade,
      address text not null check (length(address) between 2 and 200),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      slots integer not null check (slots between 1 and 10000),
      requirements text check (length(requirements) <= 500),
      cancel_before_minutes integer not null default 120 check (cancel_before_minutes between 0 and 10080),
      check_in_code text not null,
      state text not null default 'published' check (state in ('published', 'cancelled')),
      created_by text not null,
      created_by_name text not null,
      created_at timestamptz not null default now(),
      version integer not null default 1,
      check (ends_at > starts_at)
    )`.execute(db);
  await sql`create index volunteer_activity_scope_idx on volunteer_activity (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index volunteer_activity_time_idx on volunteer_activity (starts_at)`.execute(db);
  await sql`create index volunteer_activity_org_idx on volunteer_activity (organization_id)`.execute(db);

  // `seq` orders the waiting list: a cancellation promotes the waiting sign-up with the lowest seq.
  await sql`
    create table volunteer_signup (
      id text primary key,
      seq bigint generated always as identity,
      activity_id text not null references volunteer_activity (id),
      volunteer_id text not null references volunteer (id),
      division_code text not null,
      state text not null check (state in ('signed_up', 'waiting', 'cancelled')),
      signed_up_at timestamptz not null default now(),
      cancelled_at timestamptz,
      checked_in_at timestamptz,
      checked_out_at timestamptz,
      attendance_by text,
      version integer not null default 1,
      unique (activity_id, volunteer_id),
      check (checked_out_at is null or checked_in_at is not null)
    )`.execute(db);
  await sql`create index volunteer_signup_activity_idx on volunteer_signup (activity_id, state, seq)`.execute(
    db,
  );
  await sql`create index volunteer_signup_volunteer_idx on volunteer_signup (volunteer_id)`.execute(db);

  await sql`
    create table volunteer_service (
      id text primary key,
      kind text not null check (kind in ('service', 'reversal')),
      volunteer_id text not null references volunteer (id),
      activity_id text not null references volunteer_activity (id),
      signup_id text not null references volunteer_signup (id),
      division_code text not null,
      program_id text,
      category text not null,
      minutes integer not null check (minutes <> 0 and minutes between -1440 and 1440),
      points bigint not null,
      reverses_id text unique references volunteer_service (id),
      reason text check (length(reason) <= 500),
      served_on date not null,
      confirmed_by text not null,
      confirmed_by_name text not null,
      confirmed_at timestamptz not null default now(),
      check ((kind = 'reversal') = (reverses_id is not null)),
      check (kind = 'service' and minutes > 0 or kind = 'reversal' and minutes < 0 and reason is not null)
    )`.execute(db);
  await sql`create index volunteer_service_volunteer_idx on volunteer_service (volunteer_id, served_on)`.execute(
    db,
  );
  await sql`create index volunteer_service_signup_idx on volunteer_service (signup_id)`.execute(db);
  await sql`create index volunteer_service_scope_idx on volunteer_service (division_code text_pattern_ops)`.execute(
    db,
  );
  await sql`create index volunteer_service_served_idx on volunteer_service (served_on)`.execute(db);
  await sql`
    create function volunteer_service_immutable() returns trigger language plpgsql as $$
    begin
      raise exception 'volunteer_service rows are immutable; post a reversal instead'
        using errcode = 'integrity_constraint_violation';
    end $$`.execute(db);
  await sql`
    create trigger volunteer_service_no_change before update or delete on volunteer_service
    for each row execute function volunteer_service_immutable()`.execute(db);

  // An hours certificate: what it certified when issued, found by its unguessable code.
  await sql`
    create table volunteer_certificate (
      code text primary key,
      volunteer_id text not null references volunteer (id),
      name_masked text not null,
      volunteer_no text not null,
      minutes integer not null,
      services integer not null,
      issuer text not null,
      issued_at timestamptz not null default now(),
      issued_by text not null
    )`.execute(db);
  await sql`create index volunteer_certificate_volunteer_idx on volunteer_certificate (volunteer_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table volunteer_certificate`.execute(db);
  await sql`drop table volunteer_service`.execute(db);
  await sql`drop function volunteer_service_immutable`.execute(db);
  await sql`drop table volunteer_signup`.execute(db);
  await sql`drop table volunteer_activity`.execute(db);
  await sql`drop table volunteer_team_member`.execute(db);
  await sql`drop table volunteer`.execute(db);
  await sql`drop table volunteer_team`.execute(db);
  await sql`drop table volunteer_program`.execute(db);
}
