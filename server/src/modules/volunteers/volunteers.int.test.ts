import { randomUUID } from 'node:crypto';
import { residentIdCheckChar } from '@linli/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { DEMO_PASSWORD } from '../../demo/accounts.ts';
import { AuthService } from '../accounts/auth.service.ts';
import { issuanceAccountId, PointsLedger } from '../points/ledger.service.ts';

let t: TestApp;
let passwordHash: string | undefined;
let community: AuthHeaders;
let street: AuthHeaders;
// Signed in once: each sign-in of the admin needs a fresh TOTP step (one per 30 s).
let admin: AuthHeaders;
const residents: AuthHeaders[] = [];
let serial = 0;

/** A valid ID number, different each call. */
function idNumber(): string {
  serial += 1;
  const first17 = `2201061990010${(serial % 9) + 1}${String(serial).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

/** A resident account of one's own (the demo has one resident account; these tests need several). */
async function residentAccount(username: string, scope = '220106001001001'): Promise<AuthHeaders> {
  const id = randomUUID();
  passwordHash ??= await AuthService.hashPassword(DEMO_PASSWORD);
  await t.database.db
    .insertInto('account')
    .values({
      id,
      username,
      displayName: `居民 ${username}`,
      // One hash for every test account: argon2 is slow on purpose, and a busy machine feels it.
      passwordHash,
      divisionCode: scope,
    })
    .execute();
  await t.database.db
    .insertInto('roleGrant')
    .values({ accountId: id, role: 'resident', scopeCode: scope })
    .execute();
  return signIn(t.app, username);
}

const api = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: AuthHeaders | undefined,
  payload?: object,
) => t.app.inject({ method, url: `/api/v1${url}`, headers, payload });

async function register(headers: AuthHeaders, divisionCode = '220106001001', name = '赵志愿') {
  const res = await api('POST', '/volunteers/register', headers, {
    name,
    idNumber: idNumber(),
    phone: `139${String(10_000_000 + serial).slice(-8)}`,
    skills: ['care'],
    availability: ['weekend'],
    divisionCode,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; pointsAccountId: string; idNumber: string; phone: string };
}

async function publish(headers: AuthHeaders, overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  const res = await api('POST', '/volunteer-activities', headers, {
    title: '爱民社区助老服务',
    category: 'elderly_care',
    publisherKind: 'community',
    divisionCode: '220106001001',
    address: '爱民社区服务站',
    startsAt: new Date(now - 10 * 60_000).toISOString(),
    endsAt: new Date(now + 3 * 3_600_000).toISOString(),
    slots: 5,
    cancelBeforeMinutes: 0,
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; checkInCode: string; divisionCode: string };
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  community = await signIn(t.app, 'community.aimin');
  street = await signIn(t.app, 'street.zhengyang');
  admin = await signIn(t.app, 'admin');
  residents.push(await signIn(t.app, 'resident.demo'));
  for (let i = 1; i <= 3; i++) residents.push(await residentAccount(`vol.test${i}`));
}, 180_000);
afterAll(() => t.close());

describe('volunteers: the acceptance path', () => {
  let volunteer: { id: string; pointsAccountId: string };
  let activity: { id: string; checkInCode: string };
  let serviceId: string;

  it('registers a resident as a volunteer with the ID number sealed and masked', async () => {
    const bad = await api('POST', '/volunteers/register', residents[0], {
      name: '孙大爷',
      idNumber: '220106194603121230',
      phone: '13900000001',
      skills: [],
      availability: [],
      divisionCode: '220106001001',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('volunteer.invalidIdNumber');
    volunteer = await register(residents[0]!, '220106001001', '孙大爷');
    const me = (await api('GET', '/volunteers/me', residents[0])).json();
    expect(me.id).toBe(volunteer.id);
    expect(me.idNumber).toMatch(/^2201\*{10}\d{3}[\dX]$/);
    expect(me.phone).toMatch(/^139\*{4}\d{4}$/);
    const row = await t.database.db
      .selectFrom('volunteer')
      .select(['idNumberSealed', 'residentId'])
      .where('id', '=', volunteer.id)
      .executeTakeFirstOrThrow();
    expect(row.idNumberSealed).not.toMatch(/^\d{17}/);
    // The demo resident account has a registry record: the volunteer is linked to it.
    expect(row.residentId).not.toBeNull();
    const again = await api('POST', '/volunteers/register', residents[0], {
      name: '孙大爷',
      idNumber: idNumber(),
      phone: '13900000001',
      skills: [],
      availability: [],
      divisionCode: '220106001001',
    });
    expect(again.json().code).toBe('volunteer.alreadyRegistered');
  });

  it('signs up, checks in and out with the code, the organizer confirms 2.5 h, 2.5 points appear', async () => {
    activity = await publish(community);
    expect(activity.checkInCode).toMatch(/^\d{6}$/);
    const seen = (await api('GET', `/volunteer-activities/${activity.id}`, residents[0])).json();
    expect(seen.checkInCode).toBeNull();
    expect(seen.abilities.signUp).toBe(true);
    const signed = await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[0]);
    expect(signed.json().mySignup.state).toBe('signed_up');
    const wrong = await api('POST', `/volunteer-activities/${activity.id}/check-in`, residents[0], {
      code: activity.checkInCode === '000000' ? '111111' : '000000',
    });
    expect(wrong.json().code).toBe('activity.wrongCode');
    const inRes = await api('POST', `/volunteer-activities/${activity.id}/check-in`, residents[0], {
      code: activity.checkInCode,
    });
    expect(inRes.json().mySignup.checkedInAt).not.toBeNull();
    const outRes = await api('POST', `/volunteer-activities/${activity.id}/check-out`, residents[0], {
      code: activity.checkInCode,
    });
    expect(outRes.json().mySignup.checkedOutAt).not.toBeNull();

    const roster = (await api('GET', `/volunteer-activities/${activity.id}/roster`, community)).json();
    const entry = roster.entries[0];
    const confirmed = await api(
      'POST',
      `/volunteer-activities/${activity.id}/roster/${entry.id}/confirm`,
      community,
      { minutes: 150 },
    );
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    serviceId = confirmed.json().entries[0].service.id;
    expect(confirmed.json().entries[0].service).toMatchObject({ minutes: 150, points: 250 });
    const account = (await api('GET', '/points/accounts/mine', residents[0])).json();
    expect(account.balance).toBe(250);
    const month = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 7);
    const statement = (
      await api('GET', `/points/accounts/${account.id}/statement?month=${month}`, residents[0])
    ).json();
    expect(statement).toMatchObject({ opening: 0, earned: 250, spent: 0, closing: 250 });
    expect(statement.postings[0].kind).toBe('hours');
    const me = (await api('GET', '/volunteers/me', residents[0])).json();
    expect(me).toMatchObject({ confirmedMinutes: 150, services: 1, pointsBalance: 250, stars: 0 });
  });

  it('refuses to confirm twice; a confirmed record cannot be edited, only reversed with a reason', async () => {
    const roster = (await api('GET', `/volunteer-activities/${activity.id}/roster`, community)).json();
    const twice = await api(
      'POST',
      `/volunteer-activities/${activity.id}/roster/${roster.entries[0].id}/confirm`,
      community,
      { minutes: 200 },
    );
    expect(twice.json().code).toBe('activity.alreadyConfirmed');
    await expect(
      t.database.db
        .updateTable('volunteerService')
        .set({ minutes: 600 })
        .where('id', '=', serviceId)
        .execute(),
    ).rejects.toThrow(/immutable/);
    const noReason = await api('POST', `/volunteer-services/${serviceId}/correct`, community, {
      reason: ' ',
      minutes: 120,
    });
    expect(noReason.json().code).toBe('service.reasonRequired');
    const corrected = await api('POST', `/volunteer-services/${serviceId}/correct`, community, {
      reason: '签退时间登记有误，实际服务 2 小时',
      minutes: 120,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json().reversal).toMatchObject({
      kind: 'reversal',
      minutes: -150,
      points: -250,
      reversesId: serviceId,
    });
    expect(corrected.json().replacement).toMatchObject({ kind: 'service', minutes: 120, points: 200 });
    const again = await api('POST', `/volunteer-services/${serviceId}/correct`, community, {
      reason: '再次更正',
      minutes: 60,
    });
    expect(again.json().code).toBe('service.alreadyReversed');
    const records = (await api('GET', `/volunteers/${volunteer.id}/services`, residents[0])).json();
    expect(records.items.map((r: { minutes: number }) => r.minutes).sort()).toEqual([-150, 120, 150].sort());
    const me = (await api('GET', '/volunteers/me', residents[0])).json();
    expect(me).toMatchObject({ confirmedMinutes: 120, services: 1, pointsBalance: 200 });
  });

  it('issues a certificate whose code checks out on the public endpoint; a forged one fails', async () => {
    const pdf = await api('GET', `/volunteers/${volunteer.id}/certificate.pdf`, residents[0]);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { code } = await t.database.db
      .selectFrom('volunteerCertificate')
      .select('code')
      .where('volunteerId', '=', volunteer.id)
      .executeTakeFirstOrThrow();
    // The page shows the number it was issued under, with a link to the public check.
    expect(pdf.headers['x-certificate-code']).toBe(code);
    const genuine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/verify/certificate?code=${code.toLowerCase()}`,
    });
    expect(genuine.json()).toMatchObject({
      valid: true,
      certificate: { nameMasked: '孙**', minutes: 120, services: 1 },
    });
    const forged = await t.app.inject({
      method: 'GET',
      url: `/api/v1/verify/certificate?code=${code.slice(0, -1)}${code.endsWith('A') ? 'B' : 'A'}`,
    });
    expect(forged.json()).toEqual({ valid: false, certificate: null });
  });
});

describe('volunteers: waiting list and cancellation', () => {
  it('puts the sign-up beyond the slots on the waiting list and promotes it when a place frees', async () => {
    await register(residents[1]!);
    await register(residents[2]!);
    const activity = await publish(community, {
      slots: 1,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      cancelBeforeMinutes: 60,
    });
    const first = (await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[1])).json();
    expect(first.mySignup.state).toBe('signed_up');
    const second = (await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[2])).json();
    expect(second.mySignup).toMatchObject({ state: 'waiting', waitingPosition: 1 });
    const dup = await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[2]);
    expect(dup.json().code).toBe('activity.alreadySignedUp');
    const notYet = await api('POST', `/volunteer-activities/${activity.id}/check-in`, residents[1], {
      code: activity.checkInCode,
    });
    expect(notYet.json().code).toBe('activity.checkInWindow');
    await api('POST', `/volunteer-activities/${activity.id}/signup/cancel`, residents[1]);
    const promoted = (await api('GET', `/volunteer-activities/${activity.id}`, residents[2])).json();
    expect(promoted.mySignup.state).toBe('signed_up');
    expect(promoted).toMatchObject({ signedUp: 1, waiting: 0 });
  });

  it('cancels an activity at the current version only, once; sign-ups are then refused', async () => {
    const activity = (await publish(community, { title: '取消测试活动' })) as {
      id: string;
      version?: number;
    };
    const stale = await api('POST', `/volunteer-activities/${activity.id}/cancel`, community, {
      version: 99,
      reason: '天气原因',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
    const other = await api('POST', `/volunteer-activities/${activity.id}/cancel`, residents[1], {
      version: 1,
      reason: '天气原因',
    });
    expect(other.statusCode).toBe(403);
    const cancelled = await api('POST', `/volunteer-activities/${activity.id}/cancel`, community, {
      version: 1,
      reason: '天气原因',
    });
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', version: 2 });
    const again = await api('POST', `/volunteer-activities/${activity.id}/cancel`, community, {
      version: 2,
      reason: '天气原因',
    });
    expect(again.json().code).toBe('activity.cancelled');
    const signup = await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[1]);
    expect(signup.json().code).toBe('activity.cancelled');
  });

  it('refuses a cancellation inside the cut-off before the start', async () => {
    const activity = await publish(community, {
      startsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 90 * 60_000).toISOString(),
      cancelBeforeMinutes: 120,
    });
    await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[1]);
    const late = await api('POST', `/volunteer-activities/${activity.id}/signup/cancel`, residents[1]);
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'activity.cancelTooLate', params: { minutes: 120 } });
  });
});

describe('points ledger', () => {
  it('posts an award once for the same idempotency key', async () => {
    const pool = await api('POST', '/points/award-pool', admin, {
      districtCode: '220106',
      points: 10_000,
      memo: '年度奖励积分',
      idempotencyKey: 'pool-2026-test-key',
    });
    expect(pool.statusCode, pool.body).toBe(200);
    const me = (await api('GET', '/volunteers/me', residents[1])).json();
    const body = { volunteerId: me.id, points: 500, reason: '优秀志愿者', idempotencyKey: `award-${me.id}` };
    const first = await api('POST', '/points/awards', admin, body);
    const retry = await api('POST', '/points/awards', admin, body);
    expect(first.json().created).toBe(true);
    expect(retry.json()).toMatchObject({ created: false, id: first.json().id });
    const transfers = await t.database.db
      .selectFrom('pointsTransfer')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('idempotencyKey', '=', body.idempotencyKey)
      .executeTakeFirstOrThrow();
    expect(Number(transfers.n)).toBe(1);
    expect((await api('GET', `/points/accounts/${me.pointsAccountId}`, residents[1])).json().balance).toBe(
      500,
    );
    const conflict = await api('POST', '/points/awards', admin, { ...body, points: 600 });
    expect(conflict.json().code).toBe('points.idempotencyConflict');
  });

  it('earns by the most specific rule: 1.5 points per hour for culture activities', async () => {
    const saved = await api('PUT', '/points/rules', admin, {
      programId: null,
      category: 'culture',
      pointsPerHour: 150,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const activity = await publish(community, { category: 'culture', title: '社区读书会' });
    await api('POST', `/volunteer-activities/${activity.id}/signup`, residents[2]);
    const roster = (await api('GET', `/volunteer-activities/${activity.id}/roster`, community)).json();
    const entry = roster.entries[0];
    await api('POST', `/volunteer-activities/${activity.id}/roster/${entry.id}/attendance`, community, {
      action: 'check_in',
    });
    const noCheckout = await api(
      'POST',
      `/volunteer-activities/${activity.id}/roster/${entry.id}/confirm`,
      community,
      {},
    );
    expect(noCheckout.json().code).toBe('activity.invalidMinutes');
    const confirmed = await api(
      'POST',
      `/volunteer-activities/${activity.id}/roster/${entry.id}/confirm`,
      community,
      {
        minutes: 60,
      },
    );
    expect(confirmed.json().entries[0].service).toMatchObject({ minutes: 60, points: 150 });
  });

  it('lets exactly one of two concurrent spends of the last points succeed', async () => {
    const ledger = new PointsLedger(t.database.db);
    const me = (await api('GET', '/volunteers/me', residents[1])).json();
    const shop = await ledger.ensureAccount(t.database.db, {
      kind: 'supermarket',
      ownerId: 'test-shop',
      name: '测试爱心超市',
      divisionCode: '220106001001',
    });
    const actor = { id: 'test', name: 'test', role: null };
    const spend = (key: string) =>
      ledger.transfer(
        {
          idempotencyKey: key,
          kind: 'redemption',
          legs: [
            { accountId: me.pointsAccountId, amount: -500 },
            { accountId: shop, amount: 500 },
          ],
        },
        actor,
      );
    const results = await Promise.allSettled([spend('spend-counter-1'), spend('spend-counter-2')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason.code).toBe('points.insufficient');
    expect((await api('GET', `/points/accounts/${me.pointsAccountId}`, residents[1])).json().balance).toBe(0);
  });

  it('verifies the ledger, then names an account whose balance was changed by hand', async () => {
    const ledger = new PointsLedger(t.database.db);
    expect((await ledger.verify()).problems).toEqual([]);
    const me = (await api('GET', '/volunteers/me', residents[0])).json();
    await sql`update points_account set balance = balance + 1000 where id = ${me.pointsAccountId}`.execute(
      t.database.db,
    );
    const report = await ledger.verify();
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'balance', accountId: me.pointsAccountId, cached: 1200, posted: 200 }),
    ]);
    await sql`update points_account set balance = balance - 1000 where id = ${me.pointsAccountId}`.execute(
      t.database.db,
    );
    await expect(
      sql`delete from points_posting where account_id = ${issuanceAccountId('220106')}`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/append-only/);
  });
});

describe('volunteers: scope', () => {
  it('hides other scopes: 404 for a roster, a volunteer and an account outside the caller’s scope', async () => {
    const elsewhere = await publish(admin, { divisionCode: '220106003001', address: '景阳社区' });
    const roster = await api('GET', `/volunteer-activities/${elsewhere.id}/roster`, community);
    expect(roster.statusCode).toBe(404);
    const confirm = await api('POST', `/volunteer-activities/${elsewhere.id}/roster/x/confirm`, street, {
      minutes: 60,
    });
    expect(confirm.statusCode).toBe(404);
    const outsider = await register(residents[3]!, '220106003001', '钱外人');
    expect((await api('GET', `/volunteers/${outsider.id}`, street)).statusCode).toBe(404);
    expect((await api('GET', `/points/accounts/${outsider.pointsAccountId}`, community)).statusCode).toBe(
      404,
    );
    // A resident sees only their own record and account.
    expect((await api('GET', `/volunteers/${outsider.id}`, residents[0])).statusCode).toBe(404);
    expect((await api('GET', `/points/accounts/${outsider.pointsAccountId}`, residents[0])).statusCode).toBe(
      404,
    );
    const list = (await api('GET', '/volunteers?limit=100', residents[0])).json();
    expect(list.total).toBe(1);
    const streetList = (await api('GET', '/volunteers?limit=100', street)).json();
    expect(streetList.items.some((v: { id: string }) => v.id === outsider.id)).toBe(false);
  });

  it('gives statistics by month, program and street within the caller’s scope', async () => {
    const stats = (await api('GET', '/volunteer-stats?group=street', street)).json();
    expect(stats.rows.every((r: { key: string }) => r.key.startsWith('220106001'))).toBe(true);
    const xlsx = await api('GET', '/volunteer-stats/export?group=month', community);
    expect(xlsx.statusCode).toBe(200);
    const board = (await api('GET', '/volunteer-leaderboard?divisionCode=220106001001', residents[0])).json();
    expect(board.items.length).toBeGreaterThan(0);
    expect(board.items.every((r: { nameMasked: string }) => /^.\*+$/.test(r.nameMasked))).toBe(true);
    const ranked = board.items.map((r: { minutes: number }) => r.minutes);
    expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
  });
});
