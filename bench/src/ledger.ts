/**
 * `npm run bench:ledger`: volunteers and the love supermarket on PostgreSQL (issue #6) — a points
 * ledger of 1,000,000 postings over the generated city, a supermarket in each of its 2,000
 * communities, and three write scenarios over HTTP, each against a bare route answering its own
 * bytes: the organizer's check-in and check-out, and the counter redemption (item row lock, ledger
 * transfer with its idempotency key, stock movement, audit). Also `linli ledger verify` at that
 * size, before and after the load: every redemption posted exactly once.
 *
 * Same environment as `npm run bench` (see bench/README.md); its own database `linli_bench_ledger`.
 */
import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import { AuthService } from '../../server/src/modules/accounts/auth.service.ts';
import { PointsLedger } from '../../server/src/modules/points/ledger.service.ts';
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
import {
  attendancePaths,
  CHECK_IN_BODY,
  CHECK_OUT_BODY,
  ledgerVerifySection,
  loadMarkets,
  loadVolunteerLedger,
  redemptionRequests,
  VOLUNTEER_SCALE,
} from './volunteers.ts';

const BENCH_DB = 'linli_bench_ledger';
const CIPHER = new DataCipher(randomBytes(16));
const USER = { username: 'bench.ledger', password: 'Bench#2026!' };
const log = logger('bench:ledger');
const undo = new Undo(log);
undo.installExitHandlers(
  6 * (settings.warmupSeconds + settings.rounds * (settings.secondsPerRound + 15)) + 1800,
);

async function main(): Promise<number> {
  const started = Date.now();
  const { benchUrl, database, stats } = await openBenchDatabase(BENCH_DB, undo, log);

  const loadStarted = Date.now();
  const city = generateCity(CITY_SCALE);
  await loadCity(database.db, city);
  await loadVolunteerLedger(database.db, city, CIPHER);
  const markets = await loadMarkets(database.db, city);
  // An organizer and counter operator over the whole generated city, without a second factor.
  await database.db
    .insertInto('account')
    .values({
      id: 'bench-ledger',
      username: USER.username,
      displayName: 'bench',
      passwordHash: await AuthService.hashPassword(USER.password),
      divisionCode: '2201',
    })
    .execute();
  await database.db
    .insertInto('roleGrant')
    .values([
      { accountId: 'bench-ledger', role: 'street_staff', scopeCode: '2201' },
      { accountId: 'bench-ledger', role: 'market_operator', scopeCode: '2201' },
    ])
    .execute();
  await stats.query('vacuum analyze');
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  log(`loaded in ${fmt(loadSeconds, 1)} s`);
  const verifyBefore = await ledgerVerifySection(database.db, stats, loadSeconds);
  log(verifyBefore.split('\n').at(-1)!);

  const [checkInPaths, checkOutPaths] = [attendancePaths('check_in'), attendancePaths('check_out')];
  // The last volunteer's redemption is explained; the load redeems for all the others.
  const explained = redemptionRequests(database.db, CIPHER, city, 'explain', VOLUNTEER_SCALE.volunteers);
  const plans = await explainRequests(benchUrl, CIPHER, USER, [
    {
      label: 'volunteer check-in',
      method: 'POST',
      url: checkInPaths.at(-1)!,
      body: JSON.parse(CHECK_IN_BODY),
    },
    {
      label: 'counter redemption',
      method: 'POST',
      url: explained.paths[0]!,
      body: JSON.parse(explained.bodies[0]!),
    },
  ]);

  const linli = await startLinli(benchUrl, database, CIPHER, undo, { stats });
  const session = await signIn(fetchSend(linli), USER);
  const writeHeaders = { 'content-type': 'application/json', 'x-csrf-token': session.csrf };
  const headers = { ...writeHeaders, cookie: session.cookie };

  // One real response of each kind gives its ceiling's bytes (on a sign-up and a volunteer the load
  // reaches last, if ever).
  const sample = async (url: string, body: string) => {
    const r = await fetch(`${linli}${url}`, { method: 'POST', headers, body });
    if (r.status >= 300) throw new Error(`${url} answered ${r.status}: ${await r.text()}`);
    return {
      bytes: Buffer.from(await r.arrayBuffer()),
      type: r.headers.get('content-type') ?? 'application/json',
    };
  };
  const roster = await sample(checkInPaths.at(-2)!, CHECK_IN_BODY);
  const run = Date.now().toString(36);
  const redemptions = redemptionRequests(database.db, CIPHER, city, run);
  const receipt = await sample(redemptions.paths.pop()!, redemptions.bodies.pop()!);
  const bare = Fastify({ logger: false });
  bare.post('/ceiling/attendance', (_req, reply) => reply.type(roster.type).send(roster.bytes));
  bare.post('/ceiling/redemption', (_req, reply) => reply.status(201).type(receipt.type).send(receipt.bytes));
  const ceiling = await listen(bare, 'ceiling', undo);

  const scenarios: LoadScenario[] = [
    {
      name: 'ceiling, attendance',
      origin: ceiling,
      paths: ['/ceiling/attendance'],
      method: 'POST',
      body: CHECK_IN_BODY,
      headers: writeHeaders,
    },
    {
      name: 'volunteer check-in',
      origin: linli,
      paths: checkInPaths,
      method: 'POST',
      body: CHECK_IN_BODY,
      headers,
    },
    {
      name: 'volunteer check-out',
      origin: linli,
      paths: checkOutPaths,
      method: 'POST',
      body: CHECK_OUT_BODY,
      headers,
    },
    {
      name: 'ceiling, redemption',
      origin: ceiling,
      paths: ['/ceiling/redemption'],
      method: 'POST',
      bodies: redemptions.bodies,
      headers: writeHeaders,
    },
    {
      name: 'counter redemption',
      origin: linli,
      paths: redemptions.paths,
      method: 'POST',
      bodies: redemptions.bodies,
      headers,
    },
  ];
  const tallies = await measure(undo, stats, scenarios, log);
  const results = resultsTable(tallies, [
    { name: 'volunteer check-in', ceiling: 'ceiling, attendance' },
    { name: 'volunteer check-out', ceiling: 'ceiling, attendance' },
    { name: 'counter redemption', ceiling: 'ceiling, redemption' },
  ]);
  for (const name of ['volunteer check-in', 'volunteer check-out', 'counter redemption'])
    log(`${name}: ${fmt(tallies[name]!.ok / tallies[name]!.seconds)} requests/s`);

  // Every redemption posted exactly one transfer. The database holds more redemptions than the
  // load counted: the warm-up's, the sample, the explained one, and those still running when a
  // slice ended (answered after the client stopped counting).
  const { rows: counted } = await stats.query<{ redemptions: number; transfers: number }>(
    `select (select count(*)::int from market_redemption) as redemptions,
            (select count(*)::int from points_transfer where kind = 'redemption') as transfers`,
  );
  const redeemed = tallies['counter redemption']?.ok ?? 0;
  const after = await new PointsLedger(database.db).verify();
  await writeReport(stats, 'ledger.md', 'Linli ledger benchmark', [
    '## Dataset',
    '',
    `The generated city (${fmt(city.length)} divisions), a love supermarket with one item in each of its ${fmt(markets)} communities.`,
    '',
    verifyBefore,
    '',
    plans,
    '## Results',
    '',
    ...results.lines,
    '',
    '- **volunteer check-in**: `POST /api/v1/volunteer-activities/:id/roster/:signupId/attendance` `{"action":"check_in"}` — the organizer checks a volunteer in (activity row lock, scope, sign-up, update, audit, then the roster), each request a different sign-up.',
    '- **volunteer check-out**: the same with `{"action":"check_out"}` over sign-ups already checked in.',
    `- **counter redemption**: \`POST /api/v1/markets/:id/redemptions\` — one item for one point, each request another volunteer at the supermarket of their community with a key of its own and the code from their phone: item row lock, stock check, the ledger transfer volunteer → supermarket (balance never below zero), redemption, line, stock movement, audit.`,
    '',
    '## The ledger after the load',
    '',
    `${fmt(counted[0]?.redemptions ?? 0)} redemptions and ${fmt(counted[0]?.transfers ?? 0)} redemption transfers in the database for ${fmt(redeemed)} successful redemption requests measured (the rest: warm-up, the sample, the explained one, and requests answered after a slice ended); each key posted once. \`linli ledger verify\` afterwards: ${fmt(after.postings)} postings, ${after.problems.length} problems.`,
  ]);
  log(`report written to bench/results/ledger.md; done in ${fmt((Date.now() - started) / 1000, 1)} s`);
  const consistent =
    after.problems.length === 0 &&
    counted[0]?.redemptions === counted[0]?.transfers &&
    (counted[0]?.redemptions ?? 0) >= redeemed + 2;
  if (!consistent) log('the ledger after the load does not match the successful redemptions');
  return results.clean && consistent ? 0 : 1;
}

undo.main(main);
