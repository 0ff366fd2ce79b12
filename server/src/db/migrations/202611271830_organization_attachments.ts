import { type Kysely, sql } from 'kysely';

// Documents uploaded with an organization's record (issue #4 item 3): the filing materials a street
// checks before approving (章程, 成员名单, 负责人信息) and others. The bytes live on disk under
// DATA_DIR/files; the row keeps what was sniffed from them (mime, size, sha256) and who uploaded them.
// Access goes through the organization's visibility rule, so the row carries no division code.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table organization_attachment (
      id text primary key,
      organization_id text not null references organization (id) on delete cascade,
      purpose text not null check (purpose in ('charter', 'members', 'person_in_charge', 'other')),
      filename text not null check (length(filename) between 1 and 200),
      mime text not null,
      size integer not null check (size > 0),
      sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
      storage_path text not null unique,
      uploaded_by text not null,
      uploaded_by_name text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`create index organization_attachment_org_idx on organization_attachment (organization_id, purpose)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table organization_attachment`.execute(db);
}
