import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { OrganizationService } from '../modules/organizations/organizations.service.ts';
import type { DataCipher } from '../platform/crypto.ts';
import { seedDemoAccounts } from './accounts.ts';
import { seedDemoEventCategories } from './event-categories.ts';
import { seedDemoEvents } from './events.ts';
import { seedDemoFair } from './fair.ts';
import { seedDemoFederations } from './federations.ts';
import { seedDemoFunding } from './funding.ts';
import { seedDemoContracts } from './funding-contracts.ts';
import { seedDemoGrading } from './grading.ts';
import { seedDemoGrids } from './grids.ts';
import { seedDemoIncubations } from './incubation.ts';
import { seedDemoInspections } from './inspections.ts';
import { buildLvyuanDemo, DEMO_SEED, LVYUAN_SPECIAL_AREAS, SPECIAL_AREA_NOTE } from './lvyuan.ts';
import { seedDemoMarket } from './market.ts';
import { seedDemoOpen311Client } from './open311.ts';
import { seedDemoOrganizations } from './organizations.ts';
import { seedDemoResidents } from './residents.ts';
import { seedDemoVolunteers } from './volunteers.ts';

export type Progress = (done: number, total: number, label: string) => void;

const BATCH = 200;

/** True when the database holds no divisions yet: first start loads the demo only then. */
export async function isEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db
    .selectFrom('division')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/** Loads the Lüyuan demo in one transaction; refuses to load twice. */
export async function seedDemo(
  db: Kysely<DB>,
  options: { cipher: DataCipher; seed?: number; onProgress?: Progress },
) {
  const divisions = buildLvyuanDemo(options.seed ?? DEMO_SEED);
  const total = divisions.length + LVYUAN_SPECIAL_AREAS.length;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < divisions.length; i += BATCH) {
      const batch = divisions.slice(i, i + BATCH);
      await trx
        .insertInto('division')
        .values(
          batch.map((d) => ({
            code: d.code,
            name: d.name,
            level: d.level,
            parentCode: d.parentCode,
            population: d.population,
            households: d.households,
            communityType: d.communityType,
            urbanRuralCode: d.urbanRuralCode,
            source: d.source,
            boundary: JSON.stringify(d.boundary),
            boundaryGenerated: true,
          })),
        )
        .execute();
      options.onProgress?.(Math.min(i + BATCH, divisions.length), total, 'divisions');
    }
    await trx
      .insertInto('specialArea')
      .values(LVYUAN_SPECIAL_AREAS.map((a) => ({ ...a, note: SPECIAL_AREA_NOTE })))
      .execute();
    options.onProgress?.(total, total, 'special areas');
  });
  const accounts = await seedDemoAccounts(db, options.cipher);
  const residents = await seedDemoResidents(db, options.cipher, options.seed ?? DEMO_SEED);
  const organizations = await seedDemoOrganizations(db, options.cipher, options.seed ?? DEMO_SEED);
  const funding = await seedDemoFunding(db, options.seed ?? DEMO_SEED);
  const contracts = await seedDemoContracts(db);
  const fair = await seedDemoFair(db, options.seed ?? DEMO_SEED);
  const gridAssignments = await seedDemoGrids(db, options.cipher, options.seed ?? DEMO_SEED);
  const eventCategories = await seedDemoEventCategories(db);
  const gridEvents = await seedDemoEvents(db, options.seed ?? DEMO_SEED);
  const federations = await seedDemoFederations(db, options.seed ?? DEMO_SEED);
  const inspections = await seedDemoInspections(db, options.seed ?? DEMO_SEED);
  const grading = await seedDemoGrading(db, options.seed ?? DEMO_SEED);
  const incubations = await seedDemoIncubations(db, options.seed ?? DEMO_SEED);
  const volunteers = await seedDemoVolunteers(db, options.cipher, options.seed ?? DEMO_SEED);
  const market = await seedDemoMarket(db, options.cipher, options.seed ?? DEMO_SEED);
  const open311Clients = await seedDemoOpen311Client(db);
  // Search vectors as the app writes them, so a first start has nothing to backfill.
  await new OrganizationService(db, options.cipher).backfillSearchVectors();
  return {
    divisions: divisions.length,
    specialAreas: LVYUAN_SPECIAL_AREAS.length,
    accounts,
    residents,
    organizations,
    funding,
    contracts,
    fair,
    gridAssignments,
    eventCategories,
    gridEvents,
    federations,
    inspections,
    grading,
    incubations,
    volunteers,
    market,
    open311Clients,
  };
}
