import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.ts';

export { TEST_CIPHER } from './cipher.ts';

let counter = 0;

/**
 * A fresh, migrated database for one test file, on the engine this run uses; with `demo`, the Lüyuan
 * demo is already loaded (seeded once per run with TEST_CIPHER, as `seedDemo` would load it).
 */
export async function createTestDatabase(options: { demo?: boolean } = {}): Promise<Database> {
  const template = inject(options.demo ? 'pgDemoTemplate' : 'pgTemplate');
  const url = process.env.DATABASE_URL;
  if (template && url) {
    const name = `linli_t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${template}`);
    } finally {
      await admin.end();
    }
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: dbUrl.toString(), poolSize: 5 });
    return {
      ...database,
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const dumpFile = inject(options.demo ? 'pgliteDemoDump' : 'pgliteDump');
  if (!dumpFile) throw new Error('test global setup did not run');
  return openDatabase({ databaseUrl: 'memory://', pgliteDump: new Blob([readFileSync(dumpFile)]) });
}
