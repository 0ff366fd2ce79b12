import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { Open311ClientService } from '../modules/open311/open311-clients.service.ts';
import { SYSTEM_CALLER } from '../platform/scope.ts';

/** The demo's Open311 client key: printed by the start banner, so a GeoReport client can post at once. */
export const DEMO_OPEN311_KEY = 'l311_demo_lvyuan_2026';
const LVYUAN = '220106';

/** One outside client (the city's 12345 hotline) with the demo key, reaching the whole district. */
export async function seedDemoOpen311Client(db: Kysely<DB>): Promise<number> {
  await new Open311ClientService(db).issue(
    SYSTEM_CALLER,
    { name: '12345 政务服务便民热线（演示）', contact: '市热线办', divisionCode: LVYUAN },
    DEMO_OPEN311_KEY,
  );
  return 1;
}
