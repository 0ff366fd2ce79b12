import { type Kysely, sql } from 'kysely';

// Account administration (issue #3): the account list filters by part of the username or the
// display name, by role, and shows each account's last sign-in.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index account_username_trgm_idx on account using gin (username gin_trgm_ops)`.execute(db);
  // Chinese names are searched by two characters (王芳), below pg_trgm's three: index character pairs
  // as the division names do (linli_bigrams, migration 202611271000), lower-cased for ilike.
  await sql`alter table account add column display_name_bigrams text[] generated always as (linli_bigrams(lower(display_name))) stored`.execute(
    db,
  );
  await sql`create index account_display_name_bigrams_idx on account using gin (display_name_bigrams)`.execute(
    db,
  );
  await sql`create index role_grant_role_idx on role_grant (role, account_id)`.execute(db);
  await sql`create index session_account_created_idx on session (account_id, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index session_account_created_idx`.execute(db);
  await sql`drop index role_grant_role_idx`.execute(db);
  await sql`alter table account drop column display_name_bigrams`.execute(db);
  await sql`drop index account_username_trgm_idx`.execute(db);
}
