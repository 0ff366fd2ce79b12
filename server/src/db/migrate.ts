import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema, as migrations do.
type AnyKysely = Kysely<any>;

export function migratorFor(db: AnyKysely): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
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
