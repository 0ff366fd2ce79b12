/**
 * `npm run bench:funding`: the money pages of issue #7 on PostgreSQL at district-and-more
 * scale — 10,000 applications to one call, each with three submitted review sheets (so the call
 * ranking has real work), and 300,000 fund ledger postings over 20 funds of which 100,000 are
 * payments — measured with
 * autocannon against a bare route serving the same bytes from memory (the ceiling), in the same
 * command, with the plans of every statement the endpoints run.
 *
 * Environment as `npm run bench` (src/run.ts): BENCH_DATABASE_URL (else DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres) is an admin connection used to create and drop the
 * `linli_bench_funding` database; BENCH_SECONDS (10), BENCH_ROUNDS (5), BENCH_WARMUP_SECONDS (2),
 * BENCH_CONNECTIONS (50), BENCH_POOL_SIZE (10). The report goes to stdout and bench/results/funding.md.
 */
import { randomBytes } from 'node:crypto';
import { FOCUS_AREAS } from '@linli/common';
import Fastify from 'fastify';
import { type Kysely, sql } from 'kysely';
import { authenticator } from 'otplib';
import type { DB } from '../../server/src/db/schema.gen.ts';
import { AuthService } from '../../server/src/modules/accounts/auth.service.ts';
import { DataCipher } from '../../server/src/platform/crypto.ts';
import { CITY_SCALE, generateCity, loadCity } from './generate-city.ts';
import {
  explainRequests,
  fetchSend,
  fmt,
  type LoadScenario,
  listen,
  logger,
  measure,
  openBenchDatabase,
  resultsTable,
  settings,
  signIn,
  startLinli,
  Undo,
  writeReport,
} from './harness.ts';
import { generateOrganizations, loadOrganizations } from './organizations.ts';

/** A third of the postings are payments: 100,000 payments, as the issue asks. */
export const FUNDING_SCALE = { applications: 10_000, reviewers: 3, funds: 20, postings: 300_000 };

const BENCH_DB = 'linli_bench_funding';
const CIPHER = new DataCipher(randomBytes(16));
const TOTP_SECRET = authenticator.generateSecret();
const USER = { username: 'bench.funding', password: 'Bench#2026!', totpSecret: TOTP_SECRET };
const CALL_ID = 'bench-call';
const YEAR = 2026;
const log = logger('bench:funding');
const undo = new Undo(log);

/**
 * The dataset: the generated city and 12,000 organizations (src/organizations.ts), a district
 * admin with a second factor, three reviewers; 20 funds; one closed call with 10,000 submitted
 * applications and three submitted sheets each (scores spread, review_score as the app computes
 * it); 300,000 postings — commitments, payments (100,000), releases and adjustments — with the funds'
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

interface Endpoint {
  name: string;
  what: string;
  path: string;
}

const slug = (name: string) => name.replace(/\W+/g, '-');

async function main(): Promise<number> {
  const started = Date.now();
  const { benchUrl, database, stats } = await openBenchDatabase(BENCH_DB, undo, log);
  const loadStarted = Date.now();
  await loadFunding(database.db);
  await stats.query('vacuum analyze');
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  log(`loaded in ${fmt(loadSeconds, 1)} s`);

  const endpoints: Endpoint[] = [
    {
      name: 'call ranking',
      what: `\`GET /api/v1/calls/${CALL_ID}/ranking\`: the first page (20) of the ${fmt(FUNDING_SCALE.applications)} submitted applications ranked (score + grade priority), with their sheet counts, and the call's totals.`,
      path: `/api/v1/calls/${CALL_ID}/ranking`,
    },
    {
      name: 'call ranking, page 100',
      what: 'the same, page 100 of 20 rows (ranks 1,981–2,000).',
      path: `/api/v1/calls/${CALL_ID}/ranking?limit=20&offset=1980`,
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
  const plans = await explainRequests(
    benchUrl,
    CIPHER,
    USER,
    endpoints.map((e) => ({ label: e.name, url: e.path })),
  );

  const linli = await startLinli(benchUrl, database, CIPHER, undo, { stats });
  const { cookie } = await signIn(fetchSend(linli), USER);
  // One bare route per endpoint, answering that endpoint's own bytes: the ceiling of each.
  const bare = Fastify({ logger: false });
  for (const e of endpoints) {
    const res = await fetch(`${linli}${e.path}`, { headers: { cookie } });
    if (res.status !== 200) throw new Error(`${e.path} answered ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? 'application/json; charset=utf-8';
    bare.get(`/ceiling/${slug(e.name)}`, (_req, reply) => reply.type(type).send(bytes));
  }
  const ceiling = await listen(bare, 'ceiling', undo);

  const scenarios: LoadScenario[] = endpoints.flatMap((e) => [
    { name: `ceiling, ${e.name}`, origin: ceiling, paths: [`/ceiling/${slug(e.name)}`] },
    { name: e.name, origin: linli, paths: [e.path], headers: { cookie } },
  ]);
  const tallies = await measure(undo, stats, scenarios, log);
  const results = resultsTable(
    tallies,
    endpoints.map((e) => ({ name: e.name, ceiling: `ceiling, ${e.name}` })),
  );
  await writeReport(stats, 'funding.md', 'Linli funding benchmark', [
    '## Dataset',
    '',
    `${fmt(FUNDING_SCALE.applications)} submitted applications to one call with ${fmt(FUNDING_SCALE.applications * FUNDING_SCALE.reviewers)} submitted review sheets; ${fmt(FUNDING_SCALE.postings)} postings (${fmt(FUNDING_SCALE.postings / 3)} of them payments) over ${FUNDING_SCALE.funds} funds; loaded in ${fmt(loadSeconds, 1)} s (with the city and ${fmt(FUNDING_SCALE.applications + 2_000)} organizations).`,
    '',
    plans,
    '## Results',
    '',
    ...results.lines,
    '',
    ...endpoints.map((e) => `- **${e.name}**: ${e.what}`),
  ]);
  log(`report written to bench/results/funding.md; done in ${fmt((Date.now() - started) / 1000, 1)} s`);
  return results.clean ? 0 : 1;
}

undo.installExitHandlers(
  12 * (settings.warmupSeconds + settings.rounds * (settings.secondsPerRound + 15)) + 1200,
);
undo.main(main);
