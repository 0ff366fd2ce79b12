import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { DB } from '../db/schema.gen.ts';

/** Opens the configured database and brings it to the latest migration; every command starts here. */
export async function openMigrated(config: Config = loadConfig()): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await migrateToLatest(database.db);
    for (const r of result.results ?? []) {
      if (r.status === 'Success') console.error(`迁移 migration applied: ${r.migrationName}`);
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}

export async function withDatabase<T>(work: (db: Kysely<DB>, database: Database) => Promise<T>): Promise<T> {
  const database = await openMigrated();
  try {
    return await work(database.db, database);
  } finally {
    await database.close();
  }
}
