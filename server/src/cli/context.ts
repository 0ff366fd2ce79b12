import type { Kysely } from 'kysely';
import { type Config, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import type { DB } from '../db/schema.gen.ts';
import { DataCipher, loadDataKey } from '../platform/crypto.ts';

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

export async function withDatabase<T>(
  work: (db: Kysely<DB>, database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openMigrated(config);
  try {
    return await work(database.db, database, config);
  } finally {
    await database.close();
  }
}

/** The personal-data cipher of this installation (LINLI_DATA_KEY, or DATA_DIR/data.key outside production). */
export function cipherFor(config: Config): DataCipher {
  return new DataCipher(
    loadDataKey({ env: process.env, dataDir: config.dataDir, production: config.nodeEnv === 'production' }),
  );
}
