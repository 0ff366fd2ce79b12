import path from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Unset = embedded PGlite in `dataDir/pglite`; `memory://` = in-memory PGlite (tests). */
  databaseUrl: string | undefined;
  logLevel: LogLevel;
  /** Folder of the built web app; served at `/` when it exists. */
  webDist: string;
  nodeEnv: string;
  /** Entries of the in-process read cache of reference data (divisions); 0 turns it off. */
  readCacheEntries: number;
  /** Human-readable logs (pino-pretty) instead of JSON lines. */
  prettyLogs: boolean;
}

const repoRoot = path.resolve(import.meta.dirname, '../..');

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
}

/** Every environment variable Linli reads is read here; the README's configuration table lists them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: intFrom(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || path.join(repoRoot, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    logLevel: (env.LOG_LEVEL as LogLevel) || 'info',
    webDist: path.resolve(env.WEB_DIST || path.join(repoRoot, 'web/dist')),
    nodeEnv: env.NODE_ENV || 'development',
    readCacheEntries: intFrom(env.READ_CACHE_ENTRIES, 5000, 'READ_CACHE_ENTRIES'),
    prettyLogs: env.LOG_FORMAT ? env.LOG_FORMAT === 'pretty' : Boolean(process.stdout.isTTY),
    ...overrides,
  };
}
