/**
 * `npx tsx bench/src/funding.ts`: the money pages of issue #7 on PostgreSQL at district-and-more
 * scale — 10,000 applications to one call, each with three submitted review sheets (so the call
 * ranking has real work), and 100,000 fund ledger postings over 20 funds — measured with
 * autocannon against a bare route serving the same bytes from memory (the ceiling), in the same
 * command, with the plans of every statement the endpoints run.
 *
 * Environment as `npm run bench` (src/run.ts): BENCH_DATABASE_URL (else DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres) is an admin connection used to create and drop the
 * `linli_bench_funding` database; BENCH_SECONDS (10), BENCH_ROUNDS (5), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONNECTIONS (50), BENCH_POOL_SIZE (10). The report goes to stdout and bench/results/funding.md.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FOCUS_AREAS } from '@linli/common';
import Fastify from 'fastify';
import { CamelCasePlugin, type CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { authenticator } from 'otplib';
import pg from 'pg';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { type Database, openDatabase } from '../../server/src/db/database.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import type { DB } from '../../server/src/db/schema.gen.ts';
import { AuthService } from '../../server/src/modules/accounts/auth.service.ts';
import { DataCipher } from '../../server/src/platform/crypto.ts';
import { CITY_SCALE, generateCity, loadCity } from './generate-city.ts';
import type { LoadCommand, LoadReply, LoadSlice, ScenarioTally } from './load.ts';
import { generateOrganizations, loadOrganizations } from './organizations.ts';

export const FUNDING_SCALE = { applications: 10_000, reviewers: 3, funds: 20, postings: 100_000 };

const BENCH_DB = 'linli_bench_funding';
const CIPHER = new DataCipher(randomBytes(16));
const TOTP_SECRET = authenticator.generateSecret();
const USER = { username: 'bench.funding', password: 'Bench#2026!' };
const CALL_ID = 'bench-call';
const YEAR = 2026;

const intEnv = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? '');
  return process.env[name] && Number.isInteger(n) && n >= 0 ? n : fallback;
};
const settings = {
  adminUrl:
    process.env.BENCH_DATABASE_URL ||
    process.env.DATABASE_URL ||
    'postgres://postgres@127.0.0.1:5432/postgres',
  seconds: Math.max(1, intEnv('BENCH_SECONDS', 10)),
  rounds: Math.max(1, intEnv('BENCH_ROUNDS', 5)),
  warmupSeconds: intEnv('BENCH_WARMUP_SECONDS', 2),
  connections: Math.max(1, intEnv('BENCH_CONNECTIONS', 50)),
  poolSize: Math.max(1, intEnv('BENCH_POOL_SIZE', 10)),
};
const secondsPerRound = Math.max(1, Math.round(settings.seconds / settings.rounds));
const log = (message: string) => console.error(`[bench:funding] ${message}`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const undo: Array<() => Promise<unknown>> = [];
async function cleanup(): Promise<void> {
  while (undo.length > 0) await undo.pop()!().catch((err) => log(`cleanup: ${String(err)}`));
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: settings.adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * The dataset: the generated city and 12,000 organizations (src/organizations.ts), a district
 * admin with a second factor, three reviewers; 20 funds; one closed call with 10,000 submitted
 * applications and three submitted sheets each (scores spread, review_score as the app computes
 * it); 100,000 postings — commitments, payments, releases and adjustments — with the funds'
 * committed and paid set from them, as the ledger keeps them.
 */
export async function loadFunding(db: Kysely<DB>): Promise<void> {
  const city = generateCity(CITY_SCALE);
  await loadCity(db, city);
  const registry = generateOrganizations(city, {
    count: FUNDING_SCALE.applications + 2_000,
    seed: 20261127,
    fundingYears: [],
  });
  await loadOrganizations(db, registry);
  await db
    .insertInto('account')
    .values({
      id: 'bench-admin',
      username: USER.username,
      displayName: 'bench',
      passwordHash: await AuthService.hashPassword(USER.password),
      divisionCode: '2201',
      totpSecretSealed: CIPHER.encrypt(TOTP_SECRET),
      totpEnabled: true,
    })
    .execute();
  await db
    .insertInto('roleGrant')
    .values({ accountId: 'bench-admin', role: 'district_admin', scopeCode: '2201' })
    .execute();
  for (let n = 1; n <= FUNDING_SCALE.reviewers; n++) {
    await db
      .insertInto('account')
      .values({
        id: `bench-reviewer-${n}`,
        username: `bench.reviewer.${n}`,
        displayName: `评审专家 ${n}`,
        passwordHash: null,
        divisionCode: '2201',
      })
      .execute();
  }
  const areas = [...FOCUS_AREAS];
  await sql`
    insert into fund (id, year, channel, name, focus_areas, budget_fen, division_code)
    select 'bench-fund-' || g, ${YEAR}, (array['purchase', 'grant', 'venture', 'government', 'reward'])[1 + g % 5],
           '测试资金 ' || g, array[(${areas}::text[])[1 + g % ${areas.length}]], 100000000000, '220102'
      from generate_series(1, ${FUNDING_SCALE.funds}) g`.execute(db);
  await sql`
    insert into funding_call (id, title, fund_id, budget_ceiling_fen, focus_areas, eligible_kinds, scoring_template,
                              opens_on, closes_on, state, division_code, created_by)
    values (${CALL_ID}, '测试项目征集', 'bench-fund-1', 10000000, array['elderly_disabled'],
            array['private_non_enterprise', 'social_group', 'community_org'],
            '[{"name":"项目设计","maxPoints":40},{"name":"组织能力","maxPoints":30},{"name":"预算合理性","maxPoints":30}]',
            '2026-03-01', '2026-03-31', 'closed', '220102', 'bench')`.execute(db);
  const orgs = registry.organizations.slice(0, FUNDING_SCALE.applications);
  await sql`
    insert into funding_application (id, call_id, organization_id, division_code, title, focus_area, plan, outcomes,
                                     budget_lines, requested_fen, state, submitted_at, created_by, review_score, review_count)
    select 'bench-app-' || i, ${CALL_ID}, org, div, '社区服务项目 ' || i, 'elderly_disabled',
           '组建社工与志愿者团队，按月开展服务', '服务对象满意度不低于 90%',
           '[{"item":"人员劳务","amountFen":5000000}]', 5000000, 'submitted',
           timestamptz '2026-03-20' + i * interval '1 minute', 'bench',
           round(60 + ((i * 7919) % 4000) / 100.0, 2), ${FUNDING_SCALE.reviewers}
      from unnest(${orgs.map((o) => o.id)}::text[], ${orgs.map((o) => o.divisionCode)}::text[])
           with ordinality as t(org, div, i)`.execute(db);
  await sql`
    insert into funding_review (id, application_id, call_id, reviewer_id, reviewer_name, division_code, state,
                                declared_at, scores, total_points, submitted_at, assigned_by)
    select a.id || '-r' || r, a.id, a.call_id, 'bench-reviewer-' || r, '评审专家 ' || r, a.division_code, 'submitted',
           now(), '[30, 25, 20]', a.review_score, now(), 'bench'
      from funding_application a cross join generate_series(1, ${FUNDING_SCALE.reviewers}) r`.execute(db);
  const appCount = FUNDING_SCALE.applications;
  await sql`
    insert into fund_posting (fund_id, kind, amount_fen, focus_area, reference_type, reference_id, reason,
                              actor_id, actor_name, division_code, at)
    select 'bench-fund-' || (1 + g % ${FUNDING_SCALE.funds}), kind,
           case kind when 'commitment' then 20000 when 'payment' then 8000 when 'release' then 4000 else 1000 end,
           (${areas}::text[])[1 + (g / 7) % ${areas.length}],
           case kind when 'payment' then 'contract_tranche' when 'adjustment' then null else 'application' end,
           case kind when 'payment' then 'bench-tranche-' || g when 'adjustment' then null
                     else 'bench-app-' || (1 + g % ${appCount}) end,
           case when kind = 'adjustment' then '年中预算调整' end,
           'bench-admin', 'bench', '220102', timestamptz '2026-01-01' + g * interval '1 minute'
      from (select g, (array['commitment', 'commitment', 'payment', 'payment', 'release', 'adjustment'])[1 + g % 6] as kind
              from generate_series(1, ${FUNDING_SCALE.postings}) g) s`.execute(db);
  await sql`
    update fund f set committed_fen = s.committed, paid_fen = s.paid
      from (select fund_id,
                   sum(case kind when 'payment' then 0 when 'release' then -amount_fen else amount_fen end) as committed,
                   sum(case when kind = 'payment' then amount_fen else 0 end) as paid
              from fund_posting group by fund_id) s
     where s.fund_id = f.id`.execute(db);
}

/** A session of the bench's district admin (password, then the TOTP step) and its CSRF token. */
async function signIn(
  send: (
    url: string,
    body: unknown,
    cookie?: string,
    csrf?: string,
  ) => Promise<{ status: number; body: string; setCookie: string }>,
): Promise<string> {
  const login = await send('/api/v1/auth/login', USER);
  const cookie = login.setCookie.split(';')[0]!;
  const { csrfToken } = JSON.parse(login.body) as { csrfToken: string };
  const totp = await send(
    '/api/v1/auth/totp',
    { code: authenticator.generate(TOTP_SECRET) },
    cookie,
    csrfToken,
  );
  if (login.status !== 200 || totp.status !== 200)
    throw new Error(`bench sign-in answered ${totp.status}: ${totp.body}`);
  return cookie;
}

interface Endpoint {
  name: string;
  what: string;
  path: string;
}

/** Each endpoint once through the app on a logging Kysely; each statement under EXPLAIN (ANALYZE, BUFFERS). */
async function plans(benchUrl: string, endpoints: Endpoint[]): Promise<string> {
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
  const app = await buildApp({ config, database, cipher: CIPHER, logger: false });
  const out = ['## Query plans', ''];
  try {
    const cookie = await signIn(async (url, body, cookie, csrf) => {
      const r = await app.inject({
        method: 'POST',
        url,
        payload: body as object,
        headers: cookie ? { cookie, 'x-csrf-token': csrf ?? '' } : {},
      });
      return { status: r.statusCode, body: r.body, setCookie: String(r.headers['set-cookie'] ?? '') };
    });
    await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    for (const e of endpoints) {
      queries.length = 0;
      const res = await app.inject({ method: 'GET', url: e.path, headers: { cookie } });
      if (res.statusCode !== 200)
        throw new Error(`${e.path} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      out.push(`### ${e.name}: \`GET ${e.path}\``, '');
      const used = new Set<string>();
      const seqScans = new Set<string>();
      for (const [i, q] of queries.entries()) {
        // The session lookups of the request are not what these plans are about.
        if (/from "session"|from "account_session"|update "session"/i.test(q.sql)) continue;
        const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, [
          ...q.parameters,
        ]);
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        for (const m of plan.matchAll(/(?:\bScan using|Bitmap Index Scan on) (\w+)/g)) used.add(m[1]!);
        for (const m of plan.matchAll(/Seq Scan on (\w+)/g)) seqScans.add(m[1]!);
        out.push(`Query ${i + 1}:`, '', '```sql', q.sql, '```', '', '```', plan, '```', '');
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

const slug = (name: string) => name.replace(/\W+/g, '-');

/** Requests abandoned at the end of a slice finish before the next one starts (as in run.ts). */
async function waitForQuiet(pool: pg.Pool, limitMs = 30_000): Promise<void> {
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

class LoadGenerator {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: LoadReply) => void>();
  constructor() {
    this.child = fork(path.join(import.meta.dirname, 'load.ts'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (reply: LoadReply) => {
      this.waiting.get(reply.id)?.(reply);
      this.waiting.delete(reply.id);
    });
    undo.push(async () => void this.child.kill('SIGKILL'));
  }
  send(command: LoadCommand): Promise<LoadReply> {
    return new Promise((resolve, reject) => {
      this.waiting.set(command.id, (reply) => (reply.ok ? resolve(reply) : reject(new Error(reply.error))));
      this.child.send(command);
    });
  }
  run(slice: LoadSlice) {
    return this.send({ id: this.nextId++, cmd: 'run', slice });
  }
  async summary(): Promise<Record<string, ScenarioTally>> {
    const reply = await this.send({ id: this.nextId++, cmd: 'summary' });
    return (reply.ok && reply.summary) || {};
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  await admin(async (c) => {
    await c.query(`drop database if exists ${BENCH_DB} with (force)`);
    await c.query(`create database ${BENCH_DB}`);
  });
  undo.push(() => admin((c) => c.query(`drop database if exists ${BENCH_DB} with (force)`)));
  const url = new URL(settings.adminUrl);
  url.pathname = `/${BENCH_DB}`;
  const benchUrl = url.toString();
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: settings.poolSize });
  undo.push(() => database.close());
  await migrateToLatest(database.db);
  const loadStarted = Date.now();
  await loadFunding(database.db);
  const stats = new pg.Pool({ connectionString: benchUrl, max: 1 });
  undo.push(() => stats.end());
  await stats.query('vacuum analyze');
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  log(`loaded in ${fmt(loadSeconds, 1)} s`);

  const endpoints: Endpoint[] = [
    {
      name: 'call ranking',
      what: `\`GET /api/v1/calls/${CALL_ID}/ranking\`: all ${fmt(FUNDING_SCALE.applications)} submitted applications ranked (score + grade priority), with their sheet counts.`,
      path: `/api/v1/calls/${CALL_ID}/ranking`,
    },
    {
      name: 'fund summary',
      what: `\`GET /api/v1/funds/summary?year=${YEAR}\`: totals, by channel, by focus area from ${fmt(FUNDING_SCALE.postings)} postings.`,
      path: `/api/v1/funds/summary?year=${YEAR}`,
    },
    {
      name: 'fund list',
      what: `\`GET /api/v1/funds?year=${YEAR}\`: the fund page's table (first page of 20 and the total).`,
      path: `/api/v1/funds?year=${YEAR}`,
    },
    {
      name: 'fund ledger',
      what: `\`GET /api/v1/funds/bench-fund-1/postings\`: the newest 20 of the fund's ${fmt(FUNDING_SCALE.postings / FUNDING_SCALE.funds)} postings with their projects.`,
      path: '/api/v1/funds/bench-fund-1/postings',
    },
  ];
  const planText = await plans(benchUrl, endpoints);

  const config = loadConfig(process.env, {
    databaseUrl: benchUrl,
    webDist: '/nonexistent',
    logLevel: 'warn',
    host: '127.0.0.1',
    port: 0,
  });
  const app = await buildApp({ config, database, cipher: CIPHER });
  undo.push(() => app.close());
  await app.listen({ host: '127.0.0.1', port: 0 });
  const linli = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const cookie = await signIn(async (p, body, cookie, csrf) => {
    const r = await fetch(`${linli}${p}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(cookie ? { cookie, 'x-csrf-token': csrf ?? '' } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: await r.text(), setCookie: r.headers.get('set-cookie') ?? '' };
  });
  // One bare route per endpoint, answering that endpoint's own bytes: the ceiling of each.
  const bare = Fastify({ logger: false });
  const sizes = new Map<string, number>();
  for (const e of endpoints) {
    const res = await fetch(`${linli}${e.path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${e.path} answered ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    sizes.set(e.name, bytes.length);
    const type = res.headers.get('content-type') ?? 'application/json; charset=utf-8';
    bare.get(`/ceiling/${slug(e.name)}`, (_req, reply) => reply.type(type).send(bytes));
  }
  undo.push(() => bare.close());
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const ceiling = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}`;

  const scenarios = endpoints.flatMap((e) => [
    { name: `ceiling, ${e.name}`, origin: ceiling, path: `/ceiling/${slug(e.name)}` },
    { name: e.name, origin: linli, path: e.path },
  ]);
  const slice = (s: (typeof scenarios)[number], seconds: number, warmup: boolean): LoadSlice => ({
    scenario: s.name,
    origin: s.origin,
    headers: { cookie },
    paths: [s.path],
    connections: settings.connections,
    seconds,
    warmup,
  });
  const load = new LoadGenerator();
  for (const s of scenarios) {
    if (settings.warmupSeconds === 0) break;
    await load.run(slice(s, settings.warmupSeconds, true));
    await waitForQuiet(stats);
  }
  for (let round = 1; round <= settings.rounds; round++) {
    log(`round ${round}/${settings.rounds}`);
    for (const s of scenarios) {
      await load.run(slice(s, secondsPerRound, false));
      await waitForQuiet(stats);
    }
  }
  const tallies = await load.summary();
  const rate = (name: string) => {
    const t = tallies[name];
    if (!t) throw new Error(`no measurements for ${name}`);
    return { t, rps: t.ok / t.seconds };
  };
  let clean = true;
  const rows = endpoints.map((e) => {
    const m = rate(e.name);
    const c = rate(`ceiling, ${e.name}`);
    const failures = m.t.non2xx + m.t.errors + m.t.timeouts + c.t.non2xx + c.t.errors + c.t.timeouts;
    if (failures > 0 || m.t.ok === 0) clean = false;
    return `| ${e.name} | ${fmt(m.rps)} | ${fmt(m.t.latency.p50, 1)} | ${fmt(m.t.latency.p99, 1)} | ${fmt(c.rps)} | ${fmt(c.t.latency.p99, 1)} | ${((m.rps / c.rps) * 100).toFixed(1)}% | ${fmt(sizes.get(e.name) ?? 0)} | ${failures} |`;
  });
  const { rows: version } = await stats.query<{ version: string }>('select version()');
  const report = [
    `# Linli funding benchmark — ${new Date().toISOString()}`,
    '',
    `- CPU: ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}); Node.js ${process.version}; ${version[0]?.version ?? ''}`,
    `- Load: autocannon in a child process, ${settings.connections} connections; per scenario ${settings.warmupSeconds} s warm-up, then ${settings.rounds} interleaved rounds × ${secondsPerRound} s; server pool size ${settings.poolSize}`,
    `- Dataset: ${fmt(FUNDING_SCALE.applications)} submitted applications to one call with ${fmt(FUNDING_SCALE.applications * FUNDING_SCALE.reviewers)} submitted review sheets; ${fmt(FUNDING_SCALE.postings)} postings over ${FUNDING_SCALE.funds} funds; loaded in ${fmt(loadSeconds, 1)} s (with the city and ${fmt(FUNDING_SCALE.applications + 2_000)} organizations).`,
    '',
    planText,
    '## Results',
    '',
    '| endpoint | requests/s | p50 (ms) | p99 (ms) | ceiling requests/s | ceiling p99 (ms) | share of ceiling | bytes/response | non-2xx + errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    ...endpoints.map((e) => `- **${e.name}**: ${e.what}`),
    '',
    'Each ceiling is a bare Fastify route answering the very bytes of its endpoint from memory, measured in the same rounds.',
    ...(clean ? [] : ['', '**Some requests failed: the figures above are not valid.**']),
    '',
  ].join('\n');
  process.stdout.write(report);
  const dir = path.resolve(import.meta.dirname, '../results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'funding.md'), report);
  log(`done in ${fmt((Date.now() - started) / 1000, 1)} s`);
  return clean ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main()
    .then(async (code) => {
      await cleanup();
      process.exit(code);
    })
    .catch(async (err) => {
      log(err instanceof Error ? (err.stack ?? err.message) : String(err));
      await cleanup();
      process.exit(1);
    });
}
