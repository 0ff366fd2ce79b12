import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { TEST_CIPHER } from './cipher.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: name of the migrated template database each test file clones. */
    pgTemplate: string | null;
    /** PostgreSQL: the same with the Lüyuan demo loaded. */
    pgDemoTemplate: string | null;
    /** PGlite: path of a dump of a migrated cluster each test file loads. */
    pgliteDump: string | null;
    /** PGlite: the same with the Lüyuan demo loaded. */
    pgliteDemoDump: string | null;
  }
}

/**
 * Migrates once (and loads the demo once into a second template), then every test file gets a fresh
 * copy: a database cloned from a template on PostgreSQL, a cluster loaded from a dump on PGlite.
 * Exact counts can then be asserted, and no file pays for seeding the demo itself.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `linli_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${template}`;
    const database = await openDatabase({ databaseUrl: tplUrl.toString(), poolSize: 1 });
    await migrateToLatest(database.db);
    await database.close();
    const demoTemplate = `${template}_demo`;
    await admin.query(`drop database if exists ${demoTemplate}`);
    await admin.query(`create database ${demoTemplate} template ${template}`);
    const demoUrl = new URL(url);
    demoUrl.pathname = `/${demoTemplate}`;
    const demo = await openDatabase({ databaseUrl: demoUrl.toString(), poolSize: 1 });
    await seedDemo(demo.db, { cipher: TEST_CIPHER });
    await demo.close();
    project.provide('pgTemplate', template);
    project.provide('pgDemoTemplate', demoTemplate);
    project.provide('pgliteDump', null);
    project.provide('pgliteDemoDump', null);
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'linli\\_t\\_${process.pid}\\_%' or datname in ($1, $2)`,
        [template, demoTemplate],
      );
      for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'linli-test-'));
  const database = await openDatabase({ databaseUrl: 'memory://' });
  await migrateToLatest(database.db);
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer()));
  await seedDemo(database.db, { cipher: TEST_CIPHER });
  const demoFile = path.join(dir, 'demo.tar');
  writeFileSync(demoFile, Buffer.from(await (await database.pglite!.dumpDataDir('none')).arrayBuffer()));
  await database.close();
  project.provide('pgTemplate', null);
  project.provide('pgDemoTemplate', null);
  project.provide('pgliteDump', file);
  project.provide('pgliteDemoDump', demoFile);
  return () => rmSync(dir, { recursive: true, force: true });
}
