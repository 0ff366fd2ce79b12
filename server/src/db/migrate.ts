import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, type Kysely, type MigrationResultSet, Migrator } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema, as migrations do.
type AnyKysely = Kysely<any>;

const migrationFolder = path.join(import.meta.dirname, 'migrations');

export function migratorFor(db: AnyKysely): Migrator {
  return new Migrator({ db, provider: new FileMigrationProvider({ fs, path, migrationFolder }) });
}

/** Runs every pending migration; throws (so the CLI exits non-zero) when one fails. */
export async function migrateToLatest(db: AnyKysely): Promise<MigrationResultSet> {
  const result = await migratorFor(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const err = new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`);
    err.cause = result.error;
    throw err;
  }
  return result;
}

/** Name of the newest applied migration, for /api/health. */
export async function currentMigration(db: AnyKysely): Promise<string | null> {
  const migrations = await migratorFor(db).getMigrations();
  const applied = migrations.filter((m) => m.executedAt);
  return applied.at(-1)?.name ?? null;
}
