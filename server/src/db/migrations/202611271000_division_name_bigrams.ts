import { type Kysely, sql } from 'kysely';

// pg_trgm needs three characters; Chinese names are searched by two (养老, 阳光). A GIN index over
// each name's character pairs finds two-character fragments without scanning the table.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function linli_bigrams(t text) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(distinct substr(t, i, 2)), '{}')
      from generate_series(1, greatest(length(t) - 1, 0)) as i
    $$`.execute(db);
  await sql`alter table division add column name_bigrams text[] generated always as (linli_bigrams(name)) stored`.execute(
    db,
  );
  await sql`create index division_name_bigrams_idx on division using gin (name_bigrams)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table division drop column name_bigrams`.execute(db);
  await sql`drop function linli_bigrams(text)`.execute(db);
}
