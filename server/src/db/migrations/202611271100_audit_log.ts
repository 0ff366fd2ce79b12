import { type Kysely, sql } from 'kysely';

// Append-only audit log chained by SM3 (DESIGN §5, 等保 安全审计). `audit_head` holds the chain's end:
// appends lock its row, so entries form one line even under concurrent writers.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table audit_log (
      seq bigint primary key,
      at timestamptz not null,
      actor_id text,
      actor_name text,
      actor_role text,
      on_behalf_of text,
      action text not null,
      entity_type text not null,
      entity_id text,
      division_code text,
      before jsonb,
      after jsonb,
      success boolean not null,
      ip text,
      user_agent text,
      request_id text,
      prev_hash text not null,
      hash text not null
    )`.execute(db);
  await sql`create index audit_log_at_idx on audit_log (at)`.execute(db);
  await sql`create index audit_log_actor_idx on audit_log (actor_id, at)`.execute(db);
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id, at)`.execute(db);
  await sql`create index audit_log_action_idx on audit_log (action, at)`.execute(db);
  await sql`create index audit_log_scope_idx on audit_log (division_code text_pattern_ops)`.execute(db);

  await sql`
    create table audit_head (
      id int primary key check (id = 1),
      seq bigint not null,
      last_hash text not null,
      archived_through_seq bigint not null default 0,
      archived_last_hash text
    )`.execute(db);
  await sql`insert into audit_head (id, seq, last_hash) values (1, 0, ${'0'.repeat(64)})`.execute(db);

  // No update or delete path. Archiving (retention) moves old entries to a file first and says so
  // for its own transaction only.
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('linli.audit_archiving', true) = 'on' then
        return old;
      end if;
      raise exception 'audit_log is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table audit_log`.execute(db);
  await sql`drop function audit_log_append_only()`.execute(db);
  await sql`drop table audit_head`.execute(db);
}
