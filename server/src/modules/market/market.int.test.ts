import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, apiCalls, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { TEST_CIPHER } from '../../../test/cipher.ts';
import { DEMO_MARKET_RESIDENT_PHONE, DEMO_PASSWORD } from '../../demo/accounts.ts';
import { AuthService } from '../accounts/auth.service.ts';
import { PointsLedger } from '../points/ledger.service.ts';
import { expireMarketReservations } from './market.jobs.ts';
import { MarketService } from './market.service.ts';

let t: TestApp;
let operator: AuthHeaders;
let otherOperator: AuthHeaders;
let zhou: AuthHeaders;
let street: AuthHeaders;
let service: MarketService;
let marketId: string;
const { call, ok } = apiCalls(() => t.app);
const AIMIN = '220106001001';

/** An account of one's own with one role grant (the demo has one operator). */
async function account(
  username: string,
  role: 'market_operator' | 'resident' | 'community_worker',
  scope: string,
) {
  const id = randomUUID();
  await t.database.db
    .insertInto('account')
    .values({
      id,
      username,
      displayName: username,
      passwordHash: await AuthService.hashPassword(DEMO_PASSWORD),
      divisionCode: scope,
    })
    .execute();
  await t.database.db.insertInto('roleGrant').values({ accountId: id, role, scopeCode: scope }).execute();
  return signIn(t.app, username);
}

const key = () => `test-${randomUUID()}`;

async function balanceOf(volunteerId: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('pointsAccount')
    .select('balance')
    .where('kind', '=', 'volunteer')
    .where('ownerId', '=', volunteerId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

async function newItem(
  kind: 'goods' | 'service',
  pricePoints: number,
  stock = 0,
): Promise<{ id: string; name: string }> {
  const item = await ok(operator, 'POST', `/markets/${marketId}/items`, {
    kind,
    name: `测试${kind === 'goods' ? '商品' : '服务'}${randomUUID().slice(0, 6)}`,
    unit: '件',
    pricePoints,
  });
  if (stock > 0)
    await ok(operator, 'POST', `/market-items/${item.id}/stock`, {
      kind: 'adjustment',
      quantity: stock,
      reason: '测试入库',
    });
  return { id: item.id, name: item.name };
}

/** A demo volunteer of 爱民社区 (not 周阿姨) with at least `min` points. */
async function demoVolunteer(min: number, skip: string[] = []): Promise<{ id: string; balance: number }> {
  const row = await t.database.db
    .selectFrom('volunteer as v')
    .innerJoin('pointsAccount as pa', 'pa.ownerId', 'v.id')
    .select(['v.id', 'pa.balance'])
    .where('v.divisionCode', 'like', `${AIMIN}%`)
    .where('v.accountId', 'is', null)
    .where('pa.balance', '>=', min)
    .where('v.id', 'not in', skip.length ? skip : ['-'])
    .orderBy('v.id')
    .executeTakeFirstOrThrow();
  return { id: row.id, balance: Number(row.balance) };
}

async function stockOf(itemId: string): Promise<number | null> {
  const row = await t.database.db
    .selectFrom('marketItem')
    .select('stock')
    .where('id', '=', itemId)
    .executeTakeFirstOrThrow();
  return row.stock;
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  operator = await signIn(t.app, 'market.aimin');
  zhou = await signIn(t.app, 'resident.zhou');
  street = await signIn(t.app, 'street.zhengyang');
  otherOperator = await account('market.other', 'market_operator', '220106001002');
  service = new MarketService(t.database.db, TEST_CIPHER, new PointsLedger(t.database.db));
  const page = await ok(operator, 'GET', '/markets');
  expect(page.total).toBe(1);
  marketId = page.items[0].id;
  // Loading the demo copy takes a while on a busy machine.
}, 300_000);
afterAll(() => t.close());

// Generous timeouts: sign-ins hash passwords and these tests make many requests on a shared machine.
describe('love supermarket: the counter', { timeout: 120_000 }, () => {
  it('finds the resident by phone (name and masked phone only) and by the code on their phone', async () => {
    const byPhone = await ok(operator, 'POST', `/markets/${marketId}/customer`, {
      phone: DEMO_MARKET_RESIDENT_PHONE,
    });
    expect(byPhone).toMatchObject({ name: '周秀兰', phone: '139****0002', balance: 20_000 });
    expect(JSON.stringify(byPhone)).not.toContain('13900000002');
    const mine = await ok(zhou, 'GET', '/market/mine/code');
    const byCode = await ok(operator, 'POST', `/markets/${marketId}/customer`, { code: mine.token });
    expect(byCode.volunteerId).toBe(byPhone.volunteerId);
    const forged = `${mine.token.slice(0, -1)}${mine.token.endsWith('a') ? 'b' : 'a'}`;
    const bad = await call(operator, 'POST', `/markets/${marketId}/customer`, { code: forged });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('market.invalidCode');
    const unknown = await call(operator, 'POST', `/markets/${marketId}/customer`, { phone: '13700000000' });
    expect(unknown.statusCode).toBe(404);
  });

  it('a counter redemption changes stock and balance once; the same key again posts nothing; another body → 409', async () => {
    const item = await newItem('goods', 150, 5);
    const customer = await ok(operator, 'POST', `/markets/${marketId}/customer`, {
      phone: DEMO_MARKET_RESIDENT_PHONE,
    });
    const before = await balanceOf(customer.volunteerId);
    const body = {
      idempotencyKey: key(),
      customerToken: customer.token,
      lines: [{ itemId: item.id, quantity: 2 }],
    };
    const first = await call(operator, 'POST', `/markets/${marketId}/redemptions`, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      channel: 'counter',
      state: 'picked_up',
      totalPoints: 300,
      balanceAfter: before - 300,
    });
    const again = await call(operator, 'POST', `/markets/${marketId}/redemptions`, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    expect(await balanceOf(customer.volunteerId)).toBe(before - 300);
    expect(await stockOf(item.id)).toBe(3);
    const transfers = await t.database.db
      .selectFrom('pointsTransfer')
      .select('id')
      .where('idempotencyKey', '=', body.idempotencyKey)
      .execute();
    expect(transfers).toHaveLength(1);

    const other = await call(operator, 'POST', `/markets/${marketId}/redemptions`, {
      ...body,
      lines: [{ itemId: item.id, quantity: 1 }],
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('market.idempotencyConflict');
    expect(await stockOf(item.id)).toBe(3);

    const tooMany = await call(operator, 'POST', `/markets/${marketId}/redemptions`, {
      idempotencyKey: key(),
      customerToken: customer.token,
      lines: [{ itemId: item.id, quantity: 4 }],
    });
    expect(tooMany.statusCode).toBe(409);
    expect(tooMany.json().code).toBe('market.outOfStock');

    const movements = await ok(operator, 'GET', `/markets/${marketId}/movements?itemId=${item.id}`);
    expect(movements.items.map((m: { kind: string; quantity: number }) => [m.kind, m.quantity])).toEqual([
      ['redemption', -2],
      ['adjustment', 5],
    ]);
  });

  it('two counters redeem the last item at the same moment: exactly one succeeds', async () => {
    const item = await newItem('goods', 100, 1);
    const a = await demoVolunteer(100);
    const b = await demoVolunteer(100, [a.id]);
    const [ra, rb] = await Promise.all(
      [a, b].map((v) =>
        call(operator, 'POST', `/markets/${marketId}/redemptions`, {
          idempotencyKey: key(),
          customerToken: service.customerToken(v.id).token,
          lines: [{ itemId: item.id, quantity: 1 }],
        }),
      ),
    );
    const codes = [ra!.statusCode, rb!.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    const loser = ra!.statusCode === 409 ? ra! : rb!;
    expect(loser.json().code).toBe('market.outOfStock');
    expect(await stockOf(item.id)).toBe(0);
    const spent = (await balanceOf(a.id)) - a.balance + ((await balanceOf(b.id)) - b.balance);
    expect(spent).toBe(-100);
  });

  it('two counters spend the last points (different items) at the same moment: exactly one succeeds', async () => {
    const v = await demoVolunteer(100);
    const x = await newItem('service', v.balance);
    const y = await newItem('service', v.balance);
    const token = service.customerToken(v.id).token;
    const results = await Promise.all(
      [x, y].map((item) =>
        call(operator, 'POST', `/markets/${marketId}/redemptions`, {
          idempotencyKey: key(),
          customerToken: token,
          lines: [{ itemId: item.id, quantity: 1 }],
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('points.insufficient');
    expect(await balanceOf(v.id)).toBe(0);
  });
});

describe('love supermarket: online reservations', { timeout: 120_000 }, () => {
  it('the resident reserves (points taken, stock held), the counter hands it over by pickup code', async () => {
    const item = await newItem('goods', 200, 2);
    const mine = await ok(zhou, 'GET', '/market/mine');
    expect(mine.market.id).toBe(marketId);
    expect(mine.items.some((i: { id: string }) => i.id === item.id)).toBe(true);
    const before = mine.volunteer.balance;
    const reservation = await ok(zhou, 'POST', '/market/reservations', {
      idempotencyKey: key(),
      marketId,
      lines: [{ itemId: item.id, quantity: 1 }],
    });
    expect(reservation).toMatchObject({ state: 'reserved', channel: 'online', totalPoints: 200 });
    expect(reservation.pickupCode).toMatch(/^\d{6}$/);
    expect(reservation.abilities.actions).toEqual(['cancel']);
    expect(await stockOf(item.id)).toBe(1);
    expect((await ok(zhou, 'GET', '/market/mine')).volunteer.balance).toBe(before - 200);

    const waiting = await ok(operator, 'GET', `/markets/${marketId}/redemptions?state=reserved`);
    const listed = waiting.items.find((r: { id: string }) => r.id === reservation.id);
    // The counter does not see the code: the resident shows it.
    expect(listed.pickupCode).toBeNull();
    expect(listed.abilities.actions).toEqual(['pick_up', 'cancel']);

    const wrong = await call(operator, 'POST', `/markets/${marketId}/pickups`, {
      code: reservation.pickupCode === '000000' ? '000001' : '000000',
    });
    expect(wrong.statusCode).toBe(404);
    const picked = await ok(operator, 'POST', `/markets/${marketId}/pickups`, {
      code: reservation.pickupCode,
    });
    expect(picked.state).toBe('picked_up');
    expect(picked.pickedUpAt).not.toBeNull();
    const twice = await call(operator, 'POST', `/markets/${marketId}/pickups`, {
      code: reservation.pickupCode,
    });
    expect(twice.statusCode).toBe(404);
    expect(await stockOf(item.id)).toBe(1);

    // A picked-up reservation cannot be cancelled.
    const late = await call(zhou, 'POST', `/market/reservations/${reservation.id}/cancel`, {
      version: picked.version,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('workflow.illegalTransition');
  });

  it('a cancellation refunds the points and releases the stock; a stale version is 409; two at once: one wins', async () => {
    const item = await newItem('goods', 300, 3);
    const before = (await ok(zhou, 'GET', '/market/mine')).volunteer.balance;
    const r = await ok(zhou, 'POST', '/market/reservations', {
      idempotencyKey: key(),
      marketId,
      lines: [{ itemId: item.id, quantity: 2 }],
    });
    expect(await stockOf(item.id)).toBe(1);
    const stale = await call(zhou, 'POST', `/market/reservations/${r.id}/cancel`, { version: r.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
    const [c1, c2] = await Promise.all([
      call(zhou, 'POST', `/market/reservations/${r.id}/cancel`, { version: r.version }),
      call(operator, 'POST', `/market-redemptions/${r.id}/cancel`, { version: r.version }),
    ]);
    expect([c1!.statusCode, c2!.statusCode].sort()).toEqual([200, 409]);
    expect(await stockOf(item.id)).toBe(3);
    expect((await ok(zhou, 'GET', '/market/mine')).volunteer.balance).toBe(before);
    const refunds = await t.database.db
      .selectFrom('pointsTransfer')
      .select('kind')
      .where('idempotencyKey', '=', `refund:${r.id}`)
      .execute();
    expect(refunds).toEqual([{ kind: 'refund' }]);
    const mine = await ok(zhou, 'GET', '/market/reservations');
    expect(mine.items.find((x: { id: string }) => x.id === r.id).state).toBe('cancelled');
  });

  it('a reservation not picked up expires after its days: refunded by the job, stock released', async () => {
    const item = await newItem('goods', 100, 1);
    const before = (await ok(zhou, 'GET', '/market/mine')).volunteer.balance;
    const r = await ok(zhou, 'POST', '/market/reservations', {
      idempotencyKey: key(),
      marketId,
      lines: [{ itemId: item.id, quantity: 1 }],
    });
    expect(await expireMarketReservations(t.database.db, new Date())).toBe(0);
    expect(await expireMarketReservations(t.database.db, new Date(Date.now() + 4 * 86_400_000))).toBe(1);
    const after = await ok(zhou, 'GET', '/market/reservations');
    expect(after.items.find((x: { id: string }) => x.id === r.id).state).toBe('expired');
    expect(await stockOf(item.id)).toBe(1);
    expect((await ok(zhou, 'GET', '/market/mine')).volunteer.balance).toBe(before);
    // Nothing left to expire: a rerun refunds nothing twice.
    expect(await expireMarketReservations(t.database.db, new Date(Date.now() + 4 * 86_400_000))).toBe(0);
  });
});

describe('love supermarket: stock, donations, reports, scope', { timeout: 120_000 }, () => {
  it('records a donation with its source; adjustments need a reason and never take stock below zero', async () => {
    const item = await newItem('goods', 100);
    const donation = await ok(operator, 'POST', `/markets/${marketId}/donations`, {
      donorName: '长春某某粮油有限公司',
      donorKind: 'enterprise',
      donatedOn: '2026-11-20',
      receiptNo: `R-${randomUUID().slice(0, 8)}`,
      lines: [{ itemId: item.id, quantity: 10 }],
    });
    expect(donation.lines).toEqual([{ itemId: item.id, itemName: item.name, quantity: 10 }]);
    expect(await stockOf(item.id)).toBe(10);
    const below = await call(operator, 'POST', `/market-items/${item.id}/stock`, {
      kind: 'adjustment',
      quantity: -11,
      reason: '破损',
    });
    expect(below.json().code).toBe('market.stockBelowZero');
    const noReason = await call(operator, 'POST', `/market-items/${item.id}/stock`, {
      kind: 'adjustment',
      quantity: -1,
      reason: ' ',
    });
    expect(noReason.json().code).toBe('market.reasonRequired');
    const counted = await ok(operator, 'POST', `/market-items/${item.id}/stock`, {
      kind: 'stocktake',
      quantity: 8,
      reason: '月末盘点',
    });
    expect(counted.stock).toBe(8);
  });

  it('the monthly report and the street roll-up show redemptions, donations and 账物相符; both export to Excel', async () => {
    const report = await ok(operator, 'GET', `/markets/${marketId}/report?month=2026-10`);
    expect(report.balanced).toBe(true);
    expect(report.items.length).toBeGreaterThanOrEqual(8);
    const rice = report.items.find((i: { name: string }) => i.name === '大米');
    expect(rice.stock).toBe(rice.movementSum);
    const rollup = await ok(street, 'GET', '/market-reports?month=2026-10');
    expect(rollup.streets).toHaveLength(1);
    expect(rollup.streets[0].markets).toBe(rollup.communities.length);
    expect(rollup.streets[0].redemptions).toBe(
      rollup.communities.reduce((s: number, c: { redemptions: number }) => s + c.redemptions, 0),
    );
    expect(rollup.communities.every((c: { balanced: boolean }) => c.balanced)).toBe(true);
    const xlsx = await call(operator, 'GET', `/markets/${marketId}/report/export?month=2026-10`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const rollupXlsx = await call(street, 'GET', '/market-reports/export?month=2026-10');
    expect(rollupXlsx.statusCode).toBe(200);
    const bad = await call(operator, 'GET', `/markets/${marketId}/report?month=2026-13`);
    expect(bad.statusCode).toBe(400);
  });

  it("another community's operator gets 404 on this supermarket's rows and cannot change them", async () => {
    const item = await newItem('goods', 100, 2);
    const customer = await ok(operator, 'POST', `/markets/${marketId}/customer`, {
      phone: DEMO_MARKET_RESIDENT_PHONE,
    });
    const reservation = await ok(zhou, 'POST', '/market/reservations', {
      idempotencyKey: key(),
      marketId,
      lines: [{ itemId: item.id, quantity: 1 }],
    });
    const own = await ok(otherOperator, 'GET', '/markets');
    expect(own.items.map((m: { divisionCode: string }) => m.divisionCode)).toEqual(['220106001002']);
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', `/markets/${marketId}`],
      ['GET', `/markets/${marketId}/items`],
      ['POST', `/markets/${marketId}/items`, { kind: 'goods', name: '越权', unit: '件', pricePoints: 1 }],
      [
        'PUT',
        `/market-items/${item.id}`,
        { name: '越权', unit: '件', pricePoints: 1, active: false, version: 1 },
      ],
      ['POST', `/market-items/${item.id}/stock`, { kind: 'adjustment', quantity: 5, reason: '越权' }],
      ['GET', `/markets/${marketId}/movements`],
      ['GET', `/markets/${marketId}/donations`],
      [
        'POST',
        `/markets/${marketId}/donations`,
        {
          donorName: '某单位',
          donorKind: 'enterprise',
          donatedOn: '2026-11-01',
          receiptNo: 'X1',
          lines: [{ itemId: item.id, quantity: 1 }],
        },
      ],
      ['POST', `/markets/${marketId}/customer`, { phone: DEMO_MARKET_RESIDENT_PHONE }],
      [
        'POST',
        `/markets/${marketId}/redemptions`,
        { idempotencyKey: key(), customerToken: customer.token, lines: [{ itemId: item.id, quantity: 1 }] },
      ],
      ['GET', `/markets/${marketId}/redemptions`],
      ['POST', `/markets/${marketId}/pickups`, { code: reservation.pickupCode }],
      ['POST', `/market-redemptions/${reservation.id}/cancel`, { version: reservation.version }],
      ['GET', `/markets/${marketId}/report?month=2026-10`],
    ];
    for (const [method, url, body] of attempts) {
      const res = await call(otherOperator, method as 'GET', url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const otherWorker = await account('community.other', 'community_worker', '220106001002');
    const rename = await call(otherWorker, 'PUT', `/markets/${marketId}`, {
      name: '改名超市',
      address: '某地址',
      openingHours: '全天',
      version: 1,
    });
    expect(rename.statusCode).toBe(404);
    const rollup = await ok(otherOperator, 'GET', '/market-reports?month=2026-10');
    expect(rollup.communities.map((c: { code: string }) => c.code)).toEqual(['220106001002']);
    expect(await stockOf(item.id)).toBe(1);
    const still = await ok(zhou, 'GET', '/market/reservations?state=reserved');
    expect(still.items.some((r: { id: string }) => r.id === reservation.id)).toBe(true);
    // A resident sees only their own redemptions and cannot cancel another's.
    const neighbour = await account('resident.neighbour', 'resident', '220106001001001');
    expect((await ok(neighbour, 'GET', '/market/reservations')).total).toBe(0);
    const foreign = await call(neighbour, 'POST', `/market/reservations/${reservation.id}/cancel`, {
      version: reservation.version,
    });
    expect(foreign.statusCode).toBe(404);
    const notVolunteer = await call(neighbour, 'GET', '/market/mine/code');
    expect(notVolunteer.json().code).toBe('market.notVolunteer');
    // The resident may not run the counter.
    expect((await call(zhou, 'GET', `/markets/${marketId}/items`)).statusCode).toBe(403);
  });

  it('the ledger verifies after all of the above (demo redemptions included)', async () => {
    const report = await new PointsLedger(t.database.db).verify();
    expect(report.problems).toEqual([]);
    const redemptions = await t.database.db
      .selectFrom('pointsTransfer')
      .select('id')
      .where('kind', '=', 'redemption')
      .execute();
    expect(redemptions.length).toBeGreaterThan(100);
  });
});
