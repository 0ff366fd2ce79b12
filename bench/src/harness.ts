/**
 * What every bench of this folder shares: the settings from the environment, the undo list that
 * cleans up on success, failure and Ctrl-C, the bench database, servers on free ports, the load
 * generator in its child process, waiting for PostgreSQL to go quiet between slices, signing in,
 * and the query plans of a request. Each bench (run.ts, funding.ts, ledger.ts) brings its dataset,
 * its scenarios and its report.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CamelCasePlugin, type CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import { authenticator } from 'otplib';
import pg from 'pg';
import { buildApp } from '../../server/src/app.ts';
import type { Config } from '../../server/src/config.ts';
import { loadConfig } from '../../server/src/config.ts';
import { type Database, openDatabase } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import type { DB } from '../../server/src/db/schema.gen.ts';
import type { DataCipher } from '../../server/src/platform/crypto.ts';
import type { LoadCommand, LoadReply, LoadSlice, ScenarioTally } from './load.ts';

export function intEnv(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  return n;
}

export const settings = {
  adminUrl:
    process.env.BENCH_DATABASE_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres',
  seconds: intEnv('BENCH_SECONDS', 10, 1),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 2),
  connections: intEnv('BENCH_CONNECTIONS', 50, 1),
  rounds: intEnv('BENCH_ROUNDS', 5, 1),
  poolSize: intEnv('BENCH_POOL_SIZE', 10, 1),
  assert: process.env.BENCH_ASSERT === '1',
  secondsPerRound: 0,
};
// Whole seconds per slice (autocannon's unit); the measured total is rounds × this.
settings.secondsPerRound = Math.max(1, Math.round(settings.seconds / settings.rounds));

export const resultsDir = path.resolve(import.meta.dirname, '../results');

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function logger(tag: string): (message: string) => void {
  return (message) => console.error(`[${tag}] ${message}`);
}

/** Everything started registers its undo; run in reverse order on success, failure, Ctrl-C and the watchdog alike. */
export class Undo {
  readonly #steps: Array<{ label: string; run: () => Promise<unknown> }> = [];
  #running: Promise<void> | undefined;

  constructor(private readonly log: (message: string) => void) {}

  push(label: string, run: () => Promise<unknown>): void {
    this.#steps.push({ label, run });
  }

  get cleaning(): boolean {
    return this.#running !== undefined;
  }

  run(): Promise<void> {
    this.#running ??= (async () => {
      while (this.#steps.length > 0) {
        const step = this.#steps.pop()!;
        try {
          await step.run();
        } catch (err) {
          this.log(`cleanup (${step.label}) failed: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    })();
    return this.#running;
  }

  exit(code: number): void {
    // A cleanup step that hangs must not keep the bench alive.
    setTimeout(() => process.exit(code), 30_000).unref();
    void this.run().finally(() => process.exit(code));
  }

  /** Ctrl-C and SIGTERM clean up; past `budgetSeconds` the bench gives up (exit 2) whatever it is doing. */
  installExitHandlers(budgetSeconds: number): void {
    process.once('SIGINT', () => {
      this.log('interrupted, cleaning up');
      this.exit(130);
    });
    process.once('SIGTERM', () => this.exit(143));
    setTimeout(() => {
      this.log(`still running after ${budgetSeconds} s, giving up`);
      this.exit(2);
    }, budgetSeconds * 1000).unref();
  }

  /** Runs the bench's main and exits with its code after cleaning up (1 on an error). */
  main(fn: () => Promise<number>): void {
    fn().then(
      (code) => this.exit(code),
      (err: unknown) => {
        // After Ctrl-C the load generator is killed on purpose: not a failure worth a stack.
        if (!this.cleaning)
          this.log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        this.exit(1);
      },
    );
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: settings.adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, migrated database of this name (an old one dropped first, this one dropped again by the
 * undo list), the app's pool on it and a one-connection pool for the bench's own queries.
 */
export async function openBenchDatabase(
  name: string,
  undo: Undo,
  log: (message: string) => void,
): Promise<{ benchUrl: string; database: Database; stats: pg.Pool }> {
  log(`admin connection ${new URL(settings.adminUrl).host}, creating database ${name}`);
  const benchUrl = await createBenchDatabase(name, undo);
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: settings.poolSize });
  undo.push('close database', () => database.close());
  await migrateToLatest(database.db);
  const stats = new pg.Pool({ connectionString: benchUrl, max: 1 });
  undo.push('close stats pool', () => stats.end());
  return { benchUrl, database, stats };
}

async function createBenchDatabase(name: string, undo: Undo): Promise<string> {
  await withAdmin(async (admin) => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  });
  undo.push(`drop database ${name}`, () =>
    withAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`)),
  );
  return databaseUrl(settings.adminUrl, name);
}

export async function listen(app: FastifyInstance, label: string, undo: Undo): Promise<string> {
  undo.push(`close ${label}`, () => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error(`${label}: no TCP address`);
  return `http://127.0.0.1:${address.port}`;
}

/**
 * The Linli app as `linli start` runs it (logging at warn), on a free port of 127.0.0.1; its close
 * waits until PostgreSQL is quiet, so handlers of requests abandoned at a slice's end finish first.
 */
export async function startLinli(
  benchUrl: string,
  database: Database,
  cipher: DataCipher,
  undo: Undo,
  options: { label?: string; config?: Partial<Config>; stats?: pg.Pool } = {},
): Promise<string> {
  const config = loadConfig(process.env, {
    databaseUrl: benchUrl,
    webDist: '/nonexistent',
    logLevel: 'warn',
    host: '127.0.0.1',
    port: 0,
  });
  const app = await buildApp({ config: { ...config, ...options.config }, database, cipher });
  const { stats } = options;
  if (stats) undo.push('let abandoned requests finish', () => waitForQuiet(stats));
  return listen(app, options.label ?? 'Linli', undo);
}

/** The load generator in a child process: its own event loop and, on two cores, mostly its own core. */
export class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (reply: LoadReply) => void; reject: (err: Error) => void }
  >();

  constructor(undo: Undo) {
    this.child = fork(path.join(import.meta.dirname, 'load.ts'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: LoadReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      waiter?.resolve(reply);
    });
    this.child.on('exit', (code, signal) => {
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`load generator exited (${code ?? signal})`));
      this.pending.clear();
    });
    undo.push('stop load generator', async () => void this.child.kill('SIGKILL'));
  }

  private send(command: LoadCommand, limitSeconds: number): Promise<LoadReply> {
    return new Promise<LoadReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(command.id);
        reject(new Error(`load generator did not answer within ${limitSeconds} s`));
      }, limitSeconds * 1000);
      this.pending.set(command.id, {
        resolve: (reply) => {
          clearTimeout(timer);
          if (reply.ok) resolve(reply);
          else reject(new Error(`load generator: ${reply.error}`));
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
      this.child.send(command);
    });
  }

  async run(slice: LoadSlice): Promise<void> {
    await this.send({ id: this.nextId++, cmd: 'run', slice }, slice.seconds + 60);
  }

  async summary(): Promise<Record<string, ScenarioTally>> {
    const reply = await this.send({ id: this.nextId++, cmd: 'summary' }, 30);
    return (reply.ok && reply.summary) || {};
  }
}

/**
 * Waits until no query of the bench database has run for a quarter of a second: requests the load
 * generator abandoned at the end of a slice finish before the next slice (or the pool closes).
 */
export async function waitForQuiet(pool: pg.Pool, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  let quietSince = Date.now();
  while (Date.now() < until) {
    const { rows } = await pool.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state <> 'idle' and pid <> pg_backend_pid()`,
    );
    if ((rows[0]?.n ?? 0) > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= 250) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One POST as a browser would send it, through whatever carries it (fetch to a server, or inject). */
export type Send = (
  url: string,
  body: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: string; setCookie: string }>;

export function fetchSend(origin: string): Send {
  return async (url, body, headers = {}) => {
    const r = await fetch(`${origin}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: await r.text(), setCookie: r.headers.get('set-cookie') ?? '' };
  };
}

export function injectSend(app: FastifyInstance): Send {
  return async (url, body, headers = {}) => {
    const r = await app.inject({ method: 'POST', url, payload: body as object, headers });
    return { status: r.statusCode, body: r.body, setCookie: String(r.headers['set-cookie'] ?? '') };
  };
}

export interface BenchUser {
  username: string;
  password: string;
  /** The TOTP secret when the account has a second factor. */
  totpSecret?: string;
}

const lastTotpStep = new Map<string, number>();

/**
 * A TOTP code this bench has not used yet: the server takes each code once and one 30-second step
 * either side of now, so a second sign-in within a step uses the next step (waiting if needed).
 */
async function unusedTotp(username: string, secret: string): Promise<string> {
  const nowStep = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(nowStep(), (lastTotpStep.get(username) ?? 0) + 1);
  while (step > nowStep() + 1) await new Promise((resolve) => setTimeout(resolve, 1000));
  lastTotpStep.set(username, step);
  return authenticator.clone({ epoch: step * 30_000 }).generate(secret);
}

/** Signs a bench account in (its second factor too): the session cookie and the CSRF token for writes. */
export async function signIn(send: Send, user: BenchUser): Promise<{ cookie: string; csrf: string }> {
  const login = await send('/api/v1/auth/login', { username: user.username, password: user.password });
  const cookie = login.setCookie.split(';')[0];
  if (login.status !== 200 || !cookie)
    throw new Error(`bench sign-in answered ${login.status}: ${login.body.slice(0, 300)}`);
  let state = JSON.parse(login.body) as { stage: string; csrfToken: string };
  if (state.stage === 'totp') {
    if (!user.totpSecret)
      throw new Error(`${user.username} asks for a second factor the bench does not have`);
    const totp = await send(
      '/api/v1/auth/totp',
      { code: await unusedTotp(user.username, user.totpSecret) },
      { cookie, 'x-csrf-token': state.csrfToken },
    );
    if (totp.status !== 200) throw new Error(`bench second factor answered ${totp.status}: ${totp.body}`);
    state = JSON.parse(totp.body) as typeof state;
  }
  return { cookie, csrf: state.csrfToken };
}

/** The report: title, the machine, then the bench's sections; on stdout and in bench/results/<file>. */
export async function writeReport(
  stats: pg.Pool,
  file: string,
  title: string,
  sections: string[],
): Promise<void> {
  const { rows } = await stats.query<{ version: string }>('select version()');
  const report = [
    `# ${title} — ${new Date().toISOString()}`,
    '',
    '## Machine',
    '',
    ...machineLines(rows[0]?.version ?? ''),
    '',
    ...sections,
    '',
  ].join('\n');
  process.stdout.write(report);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.writeFileSync(path.join(resultsDir, file), report);
}

function machineLines(postgresVersion: string): string[] {
  return [
    `- CPU: ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Node.js ${process.version}`,
    `- ${postgresVersion || 'PostgreSQL (version unknown)'}`,
    `- Load: autocannon in a child process, ${settings.connections} connections; per scenario ${settings.warmupSeconds} s warm-up (not counted), then ${settings.rounds} interleaved rounds × ${settings.secondsPerRound} s measured; server pool size ${settings.poolSize}`,
  ];
}

export interface ExplainedRequest {
  label: string;
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
}

/**
 * Runs each request once through the real app on a Kysely instance that logs its statements, then
 * explains exactly those statements with their parameters: reads under EXPLAIN (ANALYZE, BUFFERS),
 * writes under plain EXPLAIN (ANALYZE would run them a second time).
 */
export async function explainRequests(
  benchUrl: string,
  cipher: DataCipher,
  user: BenchUser,
  requests: ExplainedRequest[],
): Promise<string> {
  const pool = new pg.Pool({ connectionString: benchUrl, max: 2 });
  const queries: CompiledQuery[] = [];
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
    log: (event) => {
      if (event.level === 'query') queries.push(event.query);
    },
  });
  const database: Database = {
    db,
    engine: 'postgres',
    location: 'bench query log',
    close: () => db.destroy(),
  };
  const config = loadConfig(process.env, {
    databaseUrl: benchUrl,
    webDist: '/nonexistent',
    logLevel: 'warn',
  });
  // Errors only: a request that fails here says why on stderr.
  const app = await buildApp({ config, database, cipher, logger: { level: 'error' } });
  const out = ['## Query plans', ''];
  try {
    const { cookie, csrf } = await signIn(injectSend(app), user);
    // The session lookup is not what these plans are about: leave it out of the explained queries.
    await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    for (const request of requests) {
      queries.length = 0;
      const method = request.method ?? 'GET';
      const response = await app.inject({
        method,
        url: request.url,
        headers: { cookie, ...(method === 'POST' ? { 'x-csrf-token': csrf } : {}) },
        ...(request.body === undefined ? {} : { payload: request.body as object }),
      });
      if (response.statusCode >= 300)
        throw new Error(`${request.url} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
      out.push(`### ${request.label}: \`${method} ${decodeURIComponent(request.url)}\``, '');
      const used = new Set<string>();
      const seqScans = new Set<string>();
      const statements = queries.filter(
        (q) =>
          !/^\s*(begin|commit|rollback|savepoint|release)\b/i.test(q.sql) &&
          !/from "session"|from "account_session"|update "session"/i.test(q.sql),
      );
      for (const [i, query] of statements.entries()) {
        const read =
          /^\s*select\b/i.test(query.sql) ||
          (/^\s*with\b/i.test(query.sql) &&
            !/\b(insert\s+into|update\s+"?\w+"?\s+set|delete\s+from)\b/i.test(query.sql));
        const analyze = read ? '(analyze, buffers) ' : '';
        const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain ${analyze}${query.sql}`, [
          ...query.parameters,
        ]);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        for (const m of plan.matchAll(/(?:\bScan using|Bitmap Index Scan on) (\w+)/g)) used.add(m[1]!);
        for (const m of plan.matchAll(/Seq Scan on (\w+)/g)) seqScans.add(m[1]!);
        const params =
          query.parameters.length > 0 ? `\n-- parameters: ${JSON.stringify(query.parameters)}` : '';
        out.push(
          `Query ${i + 1} of ${statements.length}:`,
          '',
          '```sql',
          `${query.sql}${params}`,
          '```',
          '',
          '```',
          plan,
          '```',
          '',
        );
      }
      out.push(
        `Indexes used: ${[...used].map((u) => `\`${u}\``).join(', ') || 'none'}. Sequential scans: ${[...seqScans].map((u) => `\`${u}\``).join(', ') || 'none'}.`,
        '',
      );
    }
  } finally {
    await app.close();
    await db.destroy();
  }
  return out.join('\n');
}

/** One stream of requests to measure: a bare ceiling route or a Linli endpoint. */
export interface LoadScenario {
  name: string;
  origin: string;
  paths: string[];
  method?: 'POST';
  body?: string;
  bodies?: string[];
  /** Sent with every request (the session cookie, the CSRF token of writes). */
  headers?: Record<string, string>;
}

/**
 * Warms every scenario up, then runs them in interleaved rounds (a, b, c, a, b, c, …) so background
 * load hits them alike, waiting between slices for PostgreSQL to finish what the last one left.
 */
export async function measure(
  undo: Undo,
  stats: pg.Pool,
  scenarios: LoadScenario[],
  log: (message: string) => void,
): Promise<Record<string, ScenarioTally>> {
  const load = new LoadGenerator(undo);
  const slice = (s: LoadScenario, seconds: number, warmup: boolean): LoadSlice => ({
    scenario: s.name,
    origin: s.origin,
    paths: s.paths,
    ...(s.headers ? { headers: s.headers } : {}),
    ...(s.method ? { method: s.method } : {}),
    ...(s.body === undefined ? {} : { body: s.body }),
    ...(s.bodies ? { bodies: s.bodies } : {}),
    connections: settings.connections,
    seconds,
    warmup,
  });
  if (settings.warmupSeconds > 0)
    for (const s of scenarios) {
      log(`warm-up ${s.name}: ${settings.warmupSeconds} s`);
      await load.run(slice(s, settings.warmupSeconds, true));
      await waitForQuiet(stats);
    }
  for (let round = 1; round <= settings.rounds; round++) {
    log(
      `round ${round}/${settings.rounds}: ${scenarios.map((s) => s.name).join(', ')}, ${settings.secondsPerRound} s each`,
    );
    for (const s of scenarios) {
      await load.run(slice(s, settings.secondsPerRound, false));
      await waitForQuiet(stats);
    }
  }
  return load.summary();
}

const failuresOf = (t: ScenarioTally) => t.non2xx + t.errors + t.timeouts;

/**
 * The results table of scenarios measured against their ceilings (each the bare route answering
 * that scenario's own bytes, measured in the same rounds): requests/s, latency, share of ceiling
 * overall and per round. `clean` is false when any request failed or a scenario completed none.
 */
export function resultsTable(
  tallies: Record<string, ScenarioTally>,
  pairs: Array<{ name: string; ceiling: string }>,
): { lines: string[]; clean: boolean } {
  const tally = (name: string) => {
    const t = tallies[name];
    if (!t) throw new Error(`no measurements for ${name}`);
    return t;
  };
  const rate = (t: ScenarioTally) => t.ok / t.seconds;
  const bytes = (t: ScenarioTally) => (t.ok + t.non2xx > 0 ? t.bytes / (t.ok + t.non2xx) : 0);
  let clean = true;
  const rows = pairs.map(({ name, ceiling }) => {
    const m = tally(name);
    const c = tally(ceiling);
    const failures = failuresOf(m) + failuresOf(c);
    if (failures > 0 || m.ok === 0) clean = false;
    const perRound = m.sliceRates.map((r, i) => r / (c.sliceRates[i] ?? Number.NaN)).filter(Number.isFinite);
    const range =
      perRound.length > 1
        ? `${(Math.min(...perRound) * 100).toFixed(1)}–${(Math.max(...perRound) * 100).toFixed(1)}%`
        : '–';
    return `| ${name} | ${fmt(rate(m))} | ${fmt(m.latency.p50, 1)} | ${fmt(m.latency.p99, 1)} | ${fmt(rate(c))} | ${fmt(c.latency.p99, 1)} | ${((rate(m) / rate(c)) * 100).toFixed(1)}% | ${range} | ${fmt(bytes(m))} | ${failures === 0 ? '0' : `**${fmt(failures)}**`} |`;
  });
  return {
    clean,
    lines: [
      '| scenario | requests/s | p50 (ms) | p99 (ms) | ceiling requests/s | ceiling p99 (ms) | share of ceiling | per round | bytes/response | non-2xx + errors |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...rows,
      '',
      `Requests/s is successful responses over the measured seconds of all ${settings.rounds} rounds; p50/p99 over every response, in milliseconds, as the client saw them at ${settings.connections} connections. Each ceiling is a bare Fastify route answering the very bytes of its scenario from memory, measured in the same rounds; "per round" is the lowest–highest share of the interleaved rounds.`,
      ...(clean
        ? []
        : ['', '**Some requests failed or a scenario completed none: the figures above are not valid.**']),
    ],
  };
}
