import { type Kysely, sql } from 'kysely';

// The residents registry (issue #3 items 6 and 8). ID numbers and phones are stored only sealed
// (SM4) with a keyed blind index for exact lookup; gender and birth date are derived from the ID
// number when it is written. The address stays plain text (staff search and visit by it) but is
// never written to the audit log in full. Residents follow their division when it is re-coded
// (a community moving street), hence the cascading reference.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table resident (
      id text primary key,
      name text not null check (length(name) between 1 and 50),
      name_bigrams text[] generated always as (linli_bigrams(name)) stored,
      gender text not null check (gender in ('male', 'female')),
      birth_date date not null,
      id_number_sealed text not null,
      id_number_index text not null unique,
      phone_sealed text,
      phone_index text,
      address text check (length(address) <= 200),
      division_code text not null references division (code) on update cascade
        check (length(division_code) in (12, 15)),
      household_no text check (length(household_no) <= 50),
      tags text[] not null default '{}',
      account_id text unique references account (id) on delete set null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      created_by text not null,
      created_by_name text not null,
      on_behalf_of text,
      check ((phone_sealed is null) = (phone_index is null))
    )`.execute(db);
  await sql`create index resident_scope_idx on resident (division_code text_pattern_ops)`.execute(db);
  await sql`create index resident_phone_idx on resident (phone_index)`.execute(db);
  // Two-character names (王芳) are found through their character pairs, longer fragments by trigrams.
  await sql`create index resident_name_bigrams_idx on resident using gin (name_bigrams)`.execute(db);
  await sql`create index resident_name_trgm_idx on resident using gin (name gin_trgm_ops)`.execute(db);
  await sql`create index resident_tags_idx on resident using gin (tags)`.execute(db);

  // Consents a resident gives or withdraws (PIPL); staff record them only while acting for that resident.
  await sql`
    create table resident_consent (
      id bigint generated always as identity primary key,
      resident_id text not null references resident (id) on delete cascade,
      division_code text not null,
      purpose text not null check (purpose in ('registry', 'notification', 'volunteer', 'services')),
      given boolean not null,
      recorded_at timestamptz not null default now(),
      recorded_by text not null,
      recorded_by_name text not null,
      on_behalf_of text,
      on_behalf_of_name text,
      note text check (length(note) <= 200)
    )`.execute(db);
  await sql`create index resident_consent_resident_idx on resident_consent (resident_id, recorded_at)`.execute(
    db,
  );
  await sql`create index resident_consent_scope_idx on resident_consent (division_code text_pattern_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table resident_consent`.execute(db);
  await sql`drop table resident`.execute(db);
}
