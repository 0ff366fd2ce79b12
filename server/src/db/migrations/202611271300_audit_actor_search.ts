import { type Kysely, sql } from 'kysely';

// The audit page filters by part of the actor's name.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index audit_log_actor_name_trgm_idx on audit_log using gin (actor_name gin_trgm_ops)`.execute(
    db,
  );
  await sql`create index audit_log_success_idx on audit_log (success, at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index audit_log_success_idx`.execute(db);
  await sql`drop index audit_log_actor_name_trgm_idx`.execute(db);
}
