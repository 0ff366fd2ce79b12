import { type Kysely, sql } from 'kysely';

// Organization indicators (R6.1–R6.3, organizations.indicators.ts).
export async function up(db: Kysely<any>): Promise<void> {
  // Every indicator reads the active registry under a division prefix and only these columns: an
  // index-only scan of this narrow index instead of the wide rows (names, descriptions, search
  // vectors) when a whole district or city is counted.
  await sql`
    create index organization_indicators_idx on organization (state, division_code text_pattern_ops)
    include (id, kind, category, venue, staff_count, fields)`.execute(db);
  // The self-funding share is taken for the latest complete year with funding records: walking this
  // index backwards from "before this year" finds that year after a few rows, and the organization
  // id lets the scope check follow by primary key.
  await sql`create index organization_funding_year_idx on organization_funding (year, organization_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index organization_funding_year_idx`.execute(db);
  await sql`drop index organization_indicators_idx`.execute(db);
}
