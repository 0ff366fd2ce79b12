import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import {
  CamelCasePlugin,
  type Dialect,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import pg from 'pg';
import { PGliteDriver } from './pglite-driver.ts';
import type { DB } from './schema.gen.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Where the data lives, for logs and health: a folder, `memory`, or the URL without password. */
  location: string;
  /** The embedded instance, on the PGlite engine only (tests dump it as a template). */
  pglite?: PGlite;
  /** PostgreSQL only: LISTEN on a dedicated connection; resolves to a function that stops listening. */
  listen?: (channel: string, handler: (payload: string) => void) => Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// int8 (count, sum) as a JS number: our counts and fen sums stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric as number for ratios; money is integer fen and never numeric.
pg.types.setTypeParser(1700, (v) => Number(v));

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** Start PGlite from a dump (a migrated template) instead of an empty cluster. */
  pgliteDump?: Blob | File;
  poolSize?: number;
}

export async function openPGlite(options: {
  dataDir?: string;
  memory?: boolean;
  dump?: Blob | File;
}): Promise<PGlite> {
  const extensions = { pg_trgm };
  if (options.memory || !options.dataDir) {
    return PGlite.create({ extensions, ...(options.dump ? { loadDataDir: options.dump } : {}) });
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  return PGlite.create(options.dataDir, { extensions });
}

/** Opens Kysely on PostgreSQL when a URL is given, otherwise on PGlite (on disk, or in memory for `memory://`). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const url = options.databaseUrl;
  if (url && !url.startsWith('memory://')) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    // An idle connection the server closed (a restart, a failover, a dropped test database) leaves
    // the pool, which opens a new one for the next query; unhandled, it would end the process.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    return {
      db,
      engine: 'postgres',
      location: redactUrl(url),
      listen: (channel, handler) => listenOn(url, channel, handler),
      close: () => db.destroy(),
    };
  }
  const memory = url?.startsWith('memory://') || !options.dataDir;
  const dataDir = memory ? undefined : path.join(options.dataDir!, 'pglite');
  const pglite = await openPGlite({
    ...(dataDir ? { dataDir } : {}),
    memory,
    ...(options.pgliteDump ? { dump: options.pgliteDump } : {}),
  });
  const db = new Kysely<DB>({ dialect: pgliteDialect(pglite), plugins: [new CamelCasePlugin()] });
  return { db, engine: 'pglite', location: dataDir ?? 'memory', pglite, close: () => db.destroy() };
}

function pgliteDialect(pglite: PGlite): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(pglite),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}
async function listenOn(url: string, channel: string, handler: (payload: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  client.on('notification', (message) => {
    if (message.channel === channel) handler(message.payload ?? '');
  });
  // A dropped listener connection must not take the server down; caches then only clear locally.
  client.on('error', () => undefined);
  await client.query(`listen ${pg.escapeIdentifier(channel)}`);
  return async () => {
    await client.end().catch(() => undefined);
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
