import { type Kysely, sql } from 'kysely';

// In-app notifications (issue #5 item 5): one row per recipient account, written in the same
// transaction as the change it tells of; read state per row. Live delivery (SSE) polls by id.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table notification (
      id bigint generated always as identity primary key,
      account_id text not null references account (id) on delete cascade,
      kind text not null,
      title_zh text not null,
      title_en text not null,
      body_zh text,
      body_en text,
      link text,
      entity_type text,
      entity_id text,
      division_code text,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )`.execute(db);
  await sql`create index notification_account_idx on notification (account_id, id desc)`.execute(db);
  await sql`create index notification_unread_idx on notification (account_id) where read_at is null`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table notification`.execute(db);
}
