/**
 * `npm run bench:registry` (the first part of `npm run bench`): Linli on PostgreSQL with a city-scale
 * division tree, 100,000 organizations (src/organizations.ts) and 1,000,000 grid events
 * (src/events.ts), measured against a bare Fastify route that serves the same bytes from
 * memory (the HTTP ceiling of this machine). Every figure that matters is a ratio to that ceiling,
 * measured in the same command.
 *
 * Environment: BENCH_DATABASE_URL (else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
 * is an admin connection used to create and drop the `linli_bench` database; BENCH_SECONDS (10) is the
 * measured seconds per scenario, split into BENCH_ROUNDS (5) interleaved rounds; BENCH_WARMUP_SECONDS (2);
 * BENCH_CONNECTIONS (50); BENCH_POOL_SIZE (10); BENCH_ASSERT (unset: report only; 1: exit 1 when the
 * children endpoint is below the acceptance bar).
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import type pg from 'pg';
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import type { Database } from '../../server/src/db/database.ts';
import { AuthService } from '../../server/src/modules/accounts/auth.service.ts';
import { DataCipher } from '../../server/src/platform/crypto.ts';
import {
  EVENT_DESCRIPTIONS,
  EVENT_SCALE,
  EVENT_SEARCH_WORDS,
  eventsDatasetSection,
  loadEvents,
} from './events.ts';
import { CITY_SCALE, type CityRow, generateCity, loadCity } from './generate-city.ts';
import {
  explainRequests,
  fetchSend,
  fmt,
  type LoadScenario,
  listen,
  logger,
  measure,
  openBenchDatabase,
  settings,
  signIn,
  startLinli,
  Undo,
  writeReport,
} from './harness.ts';
import type { ScenarioTally } from './load.ts';
import {
  generateOrganizations,
  loadOrganizations,
  ORGANIZATION_SCALE,
  ORGANIZATION_SEARCH_WORDS,
} from './organizations.ts';

const BENCH_DB = 'linli_bench';
const BENCH_CIPHER = new DataCipher(randomBytes(16));
const BENCH_USER = { username: 'bench', password: 'Bench#2026!' };

/** A staff account that sees the whole generated city (scope prefix 2201) and needs no second factor. */
async function createBenchAccount(database: Database): Promise<void> {
  const id = 'bench-account';
  await database.db
    .insertInto('account')
    .values({
      id,
      username: BENCH_USER.username,
      displayName: 'bench',
      passwordHash: await AuthService.hashPassword(BENCH_USER.password),
      divisionCode: '2201',
    })
    .execute();
  await database.db
    .insertInto('roleGrant')
    .values({ accountId: id, role: 'street_staff', scopeCode: '2201' })
    .execute();
}

/** The children endpoint must reach this share of the ceiling (issue acceptance bar). */
const CHILDREN_BAR = 0.3;
/** Two-character fragments of generated names (each hits a few hundred rows of the city). */
const SEARCH_FRAGMENTS = ['阳光', '幸福', '和平', '长青', '锦绣', '友谊', '胜利', '光明'];

const log = logger('bench');
const undo = new Undo(log);
// Bounded in time whatever happens: twelve scenarios, each warm-up and rounds, plus setup (the
// 100,000 organizations and their search vectors, the 1,000,000 events), widely.
undo.installExitHandlers(
  12 * (settings.warmupSeconds + settings.rounds * (settings.secondsPerRound + 15)) + 1200,
);

// ---------------------------------------------------------------------------------------------
// Report sections

interface Scenario extends LoadScenario {
  what: string;
  /** The bare route its ratios are taken against (default `ceiling`). */
  ceiling?: string;
}

interface Measured extends Scenario {
  tally: ScenarioTally;
  requestsPerSecond: number;
}

async function datasetSection(pool: pg.Pool, loadSeconds: number): Promise<string> {
  const { rows } = await pool.query<{ level: string; n: number }>(
    'select level, count(*)::int as n from division group by level order by min(length(code))',
  );
  const { rows: size } = await pool.query<{ size: string }>(
    `select pg_size_pretty(pg_total_relation_size('division')) as size`,
  );
  const total = rows.reduce((s, r) => s + r.n, 0);
  return [
    '## Dataset',
    '',
    `Generated city (seed ${CITY_SCALE.seed}): ${CITY_SCALE.districts} districts × ${CITY_SCALE.streetsPerDistrict} streets × ${CITY_SCALE.communitiesPerStreet} communities × ${CITY_SCALE.gridsPerCommunity} grids, loaded in ${fmt(loadSeconds, 1)} s; table \`division\` with indexes: ${size[0]?.size}.`,
    '',
    '| level | rows |',
    '|---|---:|',
    ...rows.map((r) => `| ${r.level} | ${fmt(r.n)} |`),
    `| **total** | **${fmt(total)}** |`,
  ].join('\n');
}

async function organizationsDatasetSection(pool: pg.Pool, loadSeconds: number): Promise<string> {
  const { rows } = await pool.query<{ kind: string; state: string; n: number }>(
    'select kind, state, count(*)::int as n from organization group by kind, state order by kind, state',
  );
  const { rows: funding } = await pool.query<{ n: number }>(
    'select count(*)::int as n from organization_funding',
  );
  const { rows: size } = await pool.query<{ organization: string; funding: string }>(
    `select pg_size_pretty(pg_total_relation_size('organization')) as organization,
            pg_size_pretty(pg_total_relation_size('organization_funding')) as funding`,
  );
  const total = rows.reduce((s, r) => s + r.n, 0);
  return [
    `Generated registry (seed ${ORGANIZATION_SCALE.seed}): ${fmt(total)} organizations over the city's communities and streets, ${fmt(funding[0]?.n ?? 0)} funding records (${ORGANIZATION_SCALE.fundingYears.join(', ')}), loaded in ${fmt(loadSeconds, 1)} s; \`organization\` with indexes: ${size[0]?.organization}, \`organization_funding\`: ${size[0]?.funding}.`,
    '',
    '| kind | state | rows |',
    '|---|---|---:|',
    ...rows.map((r) => `| ${r.kind} | ${r.state} | ${fmt(r.n)} |`),
  ].join('\n');
}

function resultsSection(measured: Measured[]): { text: string; childrenRatio: number; clean: boolean } {
  const ceiling = measured.find((m) => m.name === 'ceiling')!;
  const children = measured.find((m) => m.name === 'children')!;
  const ceilingOf = (m: Measured) => measured.find((c) => c.name === (m.ceiling ?? 'ceiling')) ?? ceiling;
  const ratioOf = (m: Measured) => m.requestsPerSecond / ceilingOf(m).requestsPerSecond;
  const p99RatioOf = (m: Measured) => m.tally.latency.p99 / ceilingOf(m).tally.latency.p99;
  const isCeiling = (m: Measured) => measured.some((o) => (o.ceiling ?? 'ceiling') === m.name);
  // Slices are interleaved (ceiling, children, search, ceiling, …): slice i of every scenario ran
  // under the same background load, so the per-round ratio shows how far the machine's noise moves it.
  const roundRatios = (m: Measured) =>
    m.tally.sliceRates
      .map((rate, i) => rate / (ceilingOf(m).tally.sliceRates[i] ?? Number.NaN))
      .filter(Number.isFinite);
  const range = (values: number[]) =>
    values.length > 1
      ? `${(Math.min(...values) * 100).toFixed(1)}–${(Math.max(...values) * 100).toFixed(1)}%`
      : '–';
  const failuresOf = (t: ScenarioTally) => t.non2xx + t.errors + t.timeouts;
  const rows = measured.map((m) => {
    const t = m.tally;
    const failures = failuresOf(t);
    const total = t.ok + t.non2xx;
    return [
      m.name,
      fmt(m.requestsPerSecond),
      fmt(t.latency.p50, 1),
      fmt(t.latency.p99, 1),
      isCeiling(m) ? '–' : `${(ratioOf(m) * 100).toFixed(1)}%`,
      isCeiling(m) ? '–' : range(roundRatios(m)),
      isCeiling(m) ? '–' : `${p99RatioOf(m).toFixed(1)}×`,
      isCeiling(m) ? '–' : (m.ceiling ?? 'ceiling'),
      fmt(total > 0 ? t.bytes / total : 0),
      failures === 0 ? '0' : `**${fmt(failures)}**`,
    ].join(' | ');
  });
  const childrenRatio = ratioOf(children);
  const clean = measured.every((m) => failuresOf(m.tally) === 0 && m.tally.ok > 0);
  const text = [
    '## Results',
    '',
    '| scenario | requests/s | p50 (ms) | p99 (ms) | ratio to ceiling | ratio per round | p99 ÷ ceiling p99 | ceiling | bytes/response | non-2xx + errors |',
    '|---|---:|---:|---:|---:|---:|---:|---|---:|---:|',
    ...rows.map((r) => `| ${r} |`),
    '',
    ...measured.map((m) => `- **${m.name}**: ${m.what}`),
    '',
    `Requests/s is successful responses over measured seconds, all rounds together; p50/p99 are over every response of all rounds. "Ratio per round" is the lowest–highest ratio of the ${ceiling.tally.slices} interleaved rounds. Each scenario is compared with the bare route serving bytes of its own kind of response (column "ceiling").`,
    '',
    `Children endpoint: ${(childrenRatio * 100).toFixed(1)}% of the ceiling; acceptance bar ≥ ${CHILDREN_BAR * 100}%: **${childrenRatio >= CHILDREN_BAR ? 'met' : 'NOT met'}**. Without the read cache: ${(ratioOf(measured.find((m) => m.name === 'children, uncached') ?? children) * 100).toFixed(1)}%.`,
    ...(clean ? [] : ['', '**Some requests failed: the figures above are not valid.**']),
  ].join('\n');
  return { text, childrenRatio, clean };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const startedAt = Date.now();
  const { benchUrl, database, stats: statsPool } = await openBenchDatabase(BENCH_DB, undo, log);

  const loadStarted = Date.now();
  const rows: CityRow[] = generateCity(CITY_SCALE);
  await loadCity(database.db, rows);
  await createBenchAccount(database);
  // What autovacuum would do soon after a bulk load; the plans below assume fresh statistics.
  await statsPool.query('vacuum analyze division');
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  log(`loaded ${fmt(rows.length)} divisions in ${fmt(loadSeconds, 1)} s`);

  const organizationsStarted = Date.now();
  const registry = generateOrganizations(rows, ORGANIZATION_SCALE);
  await loadOrganizations(database.db, registry);
  await statsPool.query('vacuum analyze organization, organization_funding');
  const organizationsSeconds = (Date.now() - organizationsStarted) / 1000;
  log(`loaded ${fmt(registry.organizations.length)} organizations in ${fmt(organizationsSeconds, 1)} s`);

  const eventsStarted = Date.now();
  await loadEvents(database.db, rows, EVENT_SCALE.count);
  await statsPool.query('vacuum analyze grid_event, grid_event_department');
  const eventsSeconds = (Date.now() - eventsStarted) / 1000;
  log(`loaded ${fmt(EVENT_SCALE.count)} events in ${fmt(eventsSeconds, 1)} s`);

  const streets = rows.filter((r) => r.level === 'street').map((r) => r.code);
  const grids = rows.filter((r) => r.level === 'grid').map((r) => r.code);
  // The desk's filters over every street in turn: state, category class, overdue, department, a word.
  const eventFilters = [
    'state=dispatched,handled',
    'categoryCode=01&overdue=true',
    `department=${encodeURIComponent('城管')}&from=2026-01-01`,
    ...EVENT_SEARCH_WORDS.map((q) => `q=${encodeURIComponent(q)}`),
  ];
  const eventFilterPaths = streets.map(
    (code, i) => `/api/v1/events?divisionCode=${code}&${eventFilters[i % eventFilters.length]}`,
  );
  const intakeBody = JSON.stringify({
    categoryCode: '0101',
    divisionCode: grids[0],
    description: EVENT_DESCRIPTIONS[0],
    address: '测试地址 1 号楼',
    longitude: 125.2,
    latitude: 43.85,
    source: 'patrol',
  });
  const childrenPaths = streets.map((code) => `/api/v1/divisions/${code}/children`);
  const searchPaths = SEARCH_FRAGMENTS.map((q) => `/api/v1/divisions/search?q=${encodeURIComponent(q)}`);
  const organizationSearchPaths = ORGANIZATION_SEARCH_WORDS.map(
    (q) => `/api/v1/organizations?q=${encodeURIComponent(q)}`,
  );
  // Kind + field + street + sort, over every street with the filters taking turns.
  const filterCombos = [
    ['community_org', 'elderly', 'name'],
    ['private_non_enterprise', 'children', 'createdAt'],
    ['community_org', 'culture_sports', 'staffCount'],
    ['social_group', 'public_welfare', 'name'],
  ] as const;
  const organizationFilterPaths = streets.map((code, i) => {
    const [kind, field, sort] = filterCombos[i % filterCombos.length]!;
    return `/api/v1/organizations?kind=${kind}&field=${field}&divisionCode=${code}&sort=${sort}`;
  });

  const dataset = [
    await datasetSection(statsPool, loadSeconds),
    await organizationsDatasetSection(statsPool, organizationsSeconds),
    await eventsDatasetSection(statsPool, eventsSeconds),
  ].join('\n\n');
  // The first app start fills what the registry computes at start-up (the search vectors of rows
  // written without one, such as these): timed apart, so it is not taken for query time.
  log('starting the app once (start-up work over the new registry)');
  const readyStarted = Date.now();
  {
    const config = loadConfig(process.env, {
      databaseUrl: benchUrl,
      webDist: '/nonexistent',
      logLevel: 'warn',
    });
    const first = await buildApp({ config, database, cipher: BENCH_CIPHER, logger: false });
    await first.ready();
    await first.close();
  }
  await statsPool.query('vacuum analyze organization');
  log(`app ready in ${fmt((Date.now() - readyStarted) / 1000, 1)} s`);
  log('explaining the queries of each endpoint');
  const plans = await explainRequests(benchUrl, BENCH_CIPHER, BENCH_USER, [
    { label: 'children', url: childrenPaths[0]! },
    { label: 'search', url: searchPaths[0]! },
    // pg_trgm needs a whole trigram in the pattern to use the index: compare with three characters.
    {
      label: 'search with three characters (plan only, not measured)',
      url: `/api/v1/divisions/search?q=${encodeURIComponent(`${SEARCH_FRAGMENTS[0]}花`)}`,
    },
    { label: 'organizations search', url: organizationSearchPaths[0]! },
    { label: 'organizations filtered', url: organizationFilterPaths[0]! },
    { label: 'organization indicators, whole city (plan only)', url: '/api/v1/organizations/indicators' },
    {
      label: 'organization indicators, one street (plan only)',
      url: `/api/v1/organizations/indicators?divisionCode=${streets[0]}`,
    },
    { label: 'events filtered', url: eventFilterPaths[0]! },
    { label: 'events search', url: eventFilterPaths[3]! },
  ]);

  // Closed before the database (the undo list runs backwards): abandoned requests finish first.
  const linli = await startLinli(benchUrl, database, BENCH_CIPHER, undo, { stats: statsPool });
  // The same server with its read cache off: what each request costs when it reaches PostgreSQL
  // (the first read after a change, or a page nobody asked for yet).
  const uncached = await startLinli(benchUrl, database, BENCH_CIPHER, undo, {
    label: 'Linli without read cache',
    config: { readCacheEntries: 0 },
  });
  // Both servers share the database, so one session serves both; requests carry its cookie.
  const writer = await signIn(fetchSend(linli), BENCH_USER);
  const { cookie } = writer;

  // The ceiling serves the very bytes of a children response, so the ratio isolates what Linli adds
  // (routing, validation, service, PostgreSQL round trips, serialization) on top of plain HTTP.
  const sample = await fetch(`${linli}${childrenPaths[0]}`, { headers: { cookie } });
  if (sample.status !== 200) throw new Error(`children answered ${sample.status}: ${await sample.text()}`);
  const payload = Buffer.from(await sample.arrayBuffer());
  const contentType = sample.headers.get('content-type') ?? 'application/json; charset=utf-8';
  const bare = Fastify({ logger: false });
  bare.get('/ceiling', (_request, reply) => reply.type(contentType).send(payload));
  // A second bare route for the registry scenarios: the bytes of a filtered organizations page,
  // which are several times those of a children response.
  const orgSample = await fetch(`${linli}${organizationFilterPaths[0]}`, { headers: { cookie } });
  if (orgSample.status !== 200)
    throw new Error(`organizations answered ${orgSample.status}: ${await orgSample.text()}`);
  const orgPayload = Buffer.from(await orgSample.arrayBuffer());
  bare.get('/ceiling/organizations', (_request, reply) => reply.type(contentType).send(orgPayload));
  // The event scenarios' bare routes: the bytes of an events page, and for intake a POST that
  // parses the same JSON body and answers the bytes of the created event's detail.
  const eventSample = await fetch(`${linli}${eventFilterPaths[0]}`, { headers: { cookie } });
  if (eventSample.status !== 200)
    throw new Error(`events answered ${eventSample.status}: ${await eventSample.text()}`);
  const eventPayload = Buffer.from(await eventSample.arrayBuffer());
  bare.get('/ceiling/events', (_request, reply) => reply.type(contentType).send(eventPayload));
  const writeHeaders = { 'content-type': 'application/json', 'x-csrf-token': writer.csrf };
  const created = await fetch(`${linli}/api/v1/events`, {
    method: 'POST',
    headers: { ...writeHeaders, cookie: writer.cookie },
    body: intakeBody,
  });
  if (created.status !== 201)
    throw new Error(`event intake answered ${created.status}: ${await created.text()}`);
  const detailPayload = Buffer.from(await created.arrayBuffer());
  bare.post('/ceiling/events', (_request, reply) => reply.status(201).type(contentType).send(detailPayload));
  const ceilingOrigin = await listen(bare, 'ceiling', undo);

  const scenarios: Scenario[] = [
    {
      name: 'ceiling',
      what: `bare Fastify route answering a children response (${fmt(payload.length)} bytes) from memory: the HTTP ceiling of this machine.`,
      origin: ceilingOrigin,
      paths: ['/ceiling'],
    },
    {
      name: 'children',
      what: `\`GET /api/v1/divisions/<street>/children\` over all ${streets.length} streets in turn (first page: 20 communities with their child counts, and the total).`,
      origin: linli,
      paths: childrenPaths,
    },
    {
      name: 'children, uncached',
      what: 'the same requests to a second Linli server with its read cache off (`READ_CACHE_ENTRIES=0`): every request runs its queries.',
      origin: uncached,
      paths: childrenPaths,
    },
    {
      name: 'search',
      what: `\`GET /api/v1/divisions/search?q=<fragment>\` over ${SEARCH_FRAGMENTS.join(' ')} in turn (first page of 20, the total, each hit's ancestor path).`,
      origin: linli,
      paths: searchPaths,
    },
    {
      name: 'search, uncached',
      what: 'the same searches with the read cache off.',
      origin: uncached,
      paths: searchPaths,
    },
    {
      name: 'ceiling, organizations',
      what: `bare Fastify route answering an organizations page (${fmt(orgPayload.length)} bytes) from memory: the ceiling of the registry scenarios.`,
      origin: ceilingOrigin,
      paths: ['/ceiling/organizations'],
    },
    {
      name: 'organizations search',
      what: `\`GET /api/v1/organizations?q=<word>\` over ${ORGANIZATION_SEARCH_WORDS.join(' ')} in turn, ${fmt(registry.organizations.length)} organizations (first page of 20 and the total).`,
      origin: linli,
      paths: organizationSearchPaths,
      ceiling: 'ceiling, organizations',
    },
    {
      name: 'organizations filtered',
      what: `\`GET /api/v1/organizations?kind=…&field=…&divisionCode=<street>&sort=…\` over all ${streets.length} streets, four kind/field/sort combinations in turn.`,
      origin: linli,
      paths: organizationFilterPaths,
      ceiling: 'ceiling, organizations',
    },
    {
      name: 'ceiling, events',
      what: `bare Fastify route answering an events page (${fmt(eventPayload.length)} bytes) from memory.`,
      origin: ceilingOrigin,
      paths: ['/ceiling/events'],
    },
    {
      name: 'events filtered',
      what: `\`GET /api/v1/events?divisionCode=<street>&…\` over all ${streets.length} streets, ${eventFilters.length} filters in turn (state list, class + overdue, department + date, full-text words), ${fmt(EVENT_SCALE.count)} events (first page of 20 and the total).`,
      origin: linli,
      paths: eventFilterPaths,
      ceiling: 'ceiling, events',
    },
    {
      name: 'ceiling, event intake',
      what: `bare Fastify POST route parsing the same JSON body and answering an event's detail (${fmt(detailPayload.length)} bytes) from memory.`,
      origin: ceilingOrigin,
      paths: ['/ceiling/events'],
      method: 'POST',
      body: intakeBody,
      headers: writeHeaders,
    },
    {
      name: 'event intake',
      what: `\`POST /api/v1/events\` (a grid member's report: validation, category, working-day deadline, number, jieba search vector, history, audit, notifications, then the detail) into ${fmt(EVENT_SCALE.count)} events.`,
      origin: linli,
      paths: ['/api/v1/events'],
      method: 'POST',
      body: intakeBody,
      headers: { ...writeHeaders, cookie: writer.cookie },
      ceiling: 'ceiling, event intake',
    },
  ];
  // Every request carries the session cookie (the ceilings ignore it).
  const tallies = await measure(
    undo,
    statsPool,
    scenarios.map((s) => ({ ...s, headers: { cookie, ...s.headers } })),
    log,
  );
  const measured: Measured[] = scenarios.map((s) => {
    const tally = tallies[s.name];
    if (!tally) throw new Error(`no measurements for ${s.name}`);
    return { ...s, tally, requestsPerSecond: tally.ok / tally.seconds };
  });
  for (const m of measured) {
    log(`${m.name}: ${fmt(m.requestsPerSecond)} requests/s, p99 ${fmt(m.tally.latency.p99, 1)} ms`);
  }

  const results = resultsSection(measured);
  await writeReport(statsPool, 'latest.md', 'Linli benchmark', [dataset, '', plans, results.text]);
  log('report written to bench/results/latest.md');
  log(`done in ${fmt((Date.now() - startedAt) / 1000, 1)} s`);

  if (!results.clean) return 1;
  if (settings.assert && results.childrenRatio < CHILDREN_BAR) return 1;
  return 0;
}

undo.main(main);
