import { type Kysely, sql } from 'kysely';

// The roster and the hours confirmation read an activity's service records by activity: without
// this index each of them scanned every service record of the district (the ledger bench has
// 500,000).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index volunteer_service_activity_idx on volunteer_service (activity_id, kind)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index volunteer_service_activity_idx`.execute(db);
}
