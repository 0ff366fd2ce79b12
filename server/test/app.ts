import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/database.ts';
import { seedDemo } from '../src/demo/seed.ts';
import { createTestDatabase } from './database.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/** The real app on a fresh test database, optionally with the Lüyuan demo loaded. */
export async function buildTestApp(options: { demo?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  if (options.demo) await seedDemo(database.db);
  const app = await buildApp({
    config: loadConfig({}, { webDist: '/nonexistent', logLevel: 'silent' }),
    database,
    logger: false,
  });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
