import { type Kysely, sql } from 'kysely';

// Issue #7, remaining pieces. Application attachments (item 2): files an organization adds to its
// application while it is a draft; the bytes live on disk under DATA_DIR/files and access goes
// through the application's visibility (or the reviewer's assignment), so the row has no division.
// Residents' satisfaction answers (item 8): one per resident per contract per evaluation round
// (kind + round, the evaluation the answers feed), kept under the resident's own division.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table funding_application_attachment (
      id text primary key,
      application_id text not null references funding_application (id) on delete cascade,
      filename text not null check (length(filename) between 1 and 200),
      mime text not null,
      size integer not null check (size > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      storage_path text not null unique,
      uploaded_by text not null,
      uploaded_by_name text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index funding_application_attachment_app_idx on funding_application_attachment (application_id, created_at)`.execute(
    db,
  );

  await sql`
    create table contract_feedback (
      id text primary key,
      contract_id text not null references contract (id),
      kind text not null check (kind in ('mid', 'final')),
      round integer not null check (round >= 1),
      resident_account_id text not null,
      answer text not null check (answer in ('satisfied', 'basically', 'dissatisfied')),
      comment text check (length(comment) <= 500),
      division_code text not null,
      at timestamptz not null default now(),
      unique (contract_id, kind, round, resident_account_id)
    )`.execute(db);
  await sql`create index contract_feedback_resident_idx on contract_feedback (resident_account_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table contract_feedback`.execute(db);
  await sql`drop table funding_application_attachment`.execute(db);
}
