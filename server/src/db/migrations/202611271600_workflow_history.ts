import { type Kysely, sql } from 'kysely';

// The one workflow mechanism's history (DESIGN §4): every transition of every workflow, with who,
// when, from which state by which action to which state, and why.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table workflow_history (
      id bigint generated always as identity primary key,
      workflow text not null,
      entity_id text not null,
      action text not null,
      from_state text not null,
      to_state text not null,
      comment text,
      data jsonb,
      actor_id text not null,
      actor_name text not null,
      actor_role text,
      on_behalf_of text,
      on_behalf_name text,
      division_code text,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index workflow_history_entity_idx on workflow_history (workflow, entity_id, id)`.execute(
    db,
  );
  await sql`create index workflow_history_scope_idx on workflow_history (division_code text_pattern_ops)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table workflow_history`.execute(db);
}
