import { type Kysely, sql } from 'kysely';

// Word-level Chinese search of the registry (issue #4 item 8). SQL cannot segment Chinese, so the
// vector is computed in Node with jieba (platform/search-text.ts) and stored when a record is
// written; rows without one (all rows right after this migration, or rows written by code that
// does not set it) are filled by the organizations service when the app starts, and meanwhile
// are still found by the character-pair (bigram) search of name and description.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table organization add column search_vector tsvector`.execute(db);
  await sql`create index organization_search_vector_idx on organization using gin (search_vector)`.execute(
    db,
  );
  // Lets the startup backfill find the rows still to do without scanning the table.
  await sql`create index organization_search_pending_idx on organization (id) where search_vector is null`.execute(
    db,
  );
  // A write that changes the searched texts without setting a new vector leaves no stale vector
  // behind: it is cleared, and the next backfill recomputes it.
  await sql`
    create function organization_search_stale() returns trigger language plpgsql as $$
    begin
      if (new.name, new.description, new.service_area) is distinct from (old.name, old.description, old.service_area)
         and new.search_vector is not distinct from old.search_vector then
        new.search_vector := null;
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger organization_search_stale before update on organization
    for each row execute function organization_search_stale()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger organization_search_stale on organization`.execute(db);
  await sql`drop function organization_search_stale()`.execute(db);
  await sql`alter table organization drop column search_vector`.execute(db);
}
