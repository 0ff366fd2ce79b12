import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../src/db/database.ts';
import { DataCipher } from '../src/platform/crypto.ts';

let counter = 0;

/** A fixed data key for tests: encrypted values are reproducible across runs. */
export const TEST_CIPHER = new DataCipher(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'));

/** A fresh, migrated database for one test file, on the engine this run uses. */
export async function createTestDatabase(): Promise<Database> {
  const template = inject('pgTemplate');
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
  const dumpFile = inject('pgliteDump');
  if (!dumpFile) throw new Error('test global setup did not run');
  return openDatabase({ databaseUrl: 'memory://', pgliteDump: new Blob([readFileSync(dumpFile)]) });
}
