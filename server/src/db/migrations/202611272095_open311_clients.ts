import { type Kysely, sql } from 'kysely';

// Outside clients of the Open311 GeoReport v2 endpoint (issue #5 item 8). A client posts with an
// api_key; only the key's SHA-256 is kept (the key is shown once, when issued). A revoked key stays
// on record so the events it posted keep their source.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table open311_client (
      id text primary key,
      name text not null check (length(name) between 2 and 60),
      contact text check (length(contact) <= 100),
      key_hash text not null unique,
      key_prefix text not null,
      division_code text not null references division (code),
      created_by text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by text,
      last_used_at timestamptz,
      version integer not null default 1,
      updated_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index open311_client_active_idx on open311_client (created_at desc) where revoked_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table open311_client`.execute(db);
}
