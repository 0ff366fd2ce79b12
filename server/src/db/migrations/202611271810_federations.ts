import { type Kysely, sql } from 'kysely';

// Federations (联合会) of same-kind organizations within a street (R2.3): their members over time
// and the organizations from outside the district that moved in (入驻) through them. A move-in also
// sets organization.from_outside, so the registry's flag and these records agree.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table federation (
      id text primary key,
      name text not null unique check (length(name) between 2 and 100),
      division_code text not null references division (code) on update cascade
        check (length(division_code) = 9),
      kind text not null,
      lead_organization_id text references organization (id),
      founded_on date not null,
      description text check (length(description) <= 1000),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index federation_scope_idx on federation (division_code text_pattern_ops)`.execute(db);
  await sql`create index federation_kind_idx on federation (kind)`.execute(db);
  await sql`create index federation_name_trgm_idx on federation using gin (name gin_trgm_ops)`.execute(db);

  await sql`
    create table federation_member (
      id text primary key,
      federation_id text not null references federation (id) on delete cascade,
      organization_id text not null references organization (id),
      role text not null check (role in ('president', 'vice_president', 'member')),
      joined_on date not null,
      left_on date,
      created_at timestamptz not null default now(),
      check (left_on is null or left_on >= joined_on)
    )`.execute(db);
  // An organization is a current member of a federation at most once; former memberships stay.
  await sql`
    create unique index federation_member_current_idx on federation_member (federation_id, organization_id)
    where left_on is null`.execute(db);
  await sql`create index federation_member_org_idx on federation_member (organization_id)`.execute(db);

  await sql`
    create table federation_move_in (
      id text primary key,
      federation_id text not null references federation (id) on delete cascade,
      organization_id text not null unique references organization (id),
      moved_in_on date not null,
      origin text not null check (length(origin) between 2 and 100),
      note text check (length(note) <= 500),
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index federation_move_in_fed_idx on federation_move_in (federation_id, moved_in_on)`.execute(
    db,
  );
  await sql`create index federation_move_in_date_idx on federation_move_in (moved_in_on)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table federation_move_in`.execute(db);
  await sql`drop table federation_member`.execute(db);
  await sql`drop table federation`.execute(db);
}
