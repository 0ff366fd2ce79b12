import { randomUUID } from 'node:crypto';
import { type DonorKind, RESERVATION_DAYS, residentIdCheckChar } from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { awardPoolAccountId } from '../modules/points/ledger.service.ts';
import type { DataCipher } from '../platform/crypto.ts';
import { DEMO_ACCOUNTS, DEMO_MARKET_RESIDENT_PHONE } from './accounts.ts';
import { createRandom } from './random.ts';

/**
 * A love supermarket in every community (issue #6 item 7): a catalogue of goods and services,
 * donations from units in the area, an opening stock, and three months of redemptions (at the
 * counter and reserved online, some cancelled and refunded) by volunteers of that community who
 * had earned the points before. Rows go in by the batch exactly as the service writes them — the
 * ledger's transfers, postings and cached balances, stock movements summing to each item's stock —
 * so `linli ledger verify` and the 账物相符 check pass. 周阿姨 (resident.zhou) is a volunteer with
 * points in 爱民社区, for the counter and the phone page.
 */

const DISTRICT = '220106';
const AIMIN = '220106001001';
const BATCH = 2000;
/** Redemptions spend only points earned before this day, so no balance was ever below zero. */
const EARNED_BEFORE = new Date('2026-08-20T00:00:00+08:00');
const OPENED = new Date('2026-08-01T09:00:00+08:00');
const FIRST_DAY = Date.parse('2026-08-25T00:00:00+08:00');
const LAST_DAY = Date.parse('2026-11-19T00:00:00+08:00');

const CATALOGUE = [
  { kind: 'goods', name: '大米', unit: '袋', description: '5 公斤装', price: 2000, opening: 20 },
  { kind: 'goods', name: '食用油', unit: '桶', description: '5 升装', price: 3000, opening: 12 },
  { kind: 'goods', name: '洗衣液', unit: '瓶', description: null, price: 1200, opening: 24 },
  { kind: 'goods', name: '毛巾', unit: '条', description: null, price: 500, opening: 40 },
  { kind: 'goods', name: '牙膏', unit: '支', description: null, price: 400, opening: 40 },
  { kind: 'goods', name: '挂面', unit: '袋', description: '1 公斤装', price: 300, opening: 30 },
  {
    kind: 'service',
    name: '理发',
    unit: '次',
    description: '社区爱心理发点，每周三上午',
    price: 1000,
    opening: 0,
  },
  {
    kind: 'service',
    name: '家电维修',
    unit: '次',
    description: '小家电上门检修（不含配件）',
    price: 1500,
    opening: 0,
  },
] as const;

const DONORS: ReadonlyArray<{ kind: DonorKind; name: (community: string, street: string) => string }> = [
  { kind: 'enterprise', name: (_, s) => `${s.replace(/街道|镇$/, '')}华联超市` },
  { kind: 'enterprise', name: () => '长春欧亚集团绿园店' },
  { kind: 'government', name: (_, s) => `${s}办事处` },
  { kind: 'government', name: () => '绿园区民政局' },
  { kind: 'social_org', name: () => '绿园区阳光助老服务中心' },
  { kind: 'individual', name: (c) => `${c}爱心居民 王女士` },
];

type Row = Record<string, unknown>;

async function insertAll(rows: Row[], insert: (batch: Row[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function seedDemoMarket(db: Kysely<DB>, cipher: DataCipher, seed: number) {
  const random = createRandom(seed ^ 0x3a17);
  const communities = await db
    .selectFrom('division as c')
    .innerJoin('division as s', 's.code', 'c.parentCode')
    .select(['c.code', 'c.name', 's.name as streetName'])
    .where('c.level', 'in', ['community', 'village'])
    .where('c.code', 'like', `${DISTRICT}%`)
    .orderBy('c.code')
    .execute();
  const operator = await db
    .selectFrom('account')
    .select(['id', 'displayName'])
    .where('username', '=', 'market.aimin')
    .executeTakeFirst();

  // Volunteers with what they had earned before the redemptions began, by community.
  const earners = await db
    .selectFrom('pointsAccount as pa')
    .innerJoin('volunteer as v', 'v.id', 'pa.ownerId')
    .innerJoin('pointsPosting as p', 'p.accountId', 'pa.id')
    .select([
      'pa.id as accountId',
      'v.id as volunteerId',
      'v.name',
      sql<string>`substr(v.division_code, 1, 12)`.as('community'),
      sql<string>`sum(p.amount)`.as('earned'),
    ])
    .where('pa.kind', '=', 'volunteer')
    .where('p.at', '<', EARNED_BEFORE)
    .groupBy(['pa.id', 'v.id', 'v.name', 'v.divisionCode'])
    .having(sql<boolean>`sum(p.amount) >= 300`)
    .orderBy('pa.id')
    .execute();
  const byCommunity = new Map<
    string,
    Array<{ accountId: string; volunteerId: string; name: string; budget: number }>
  >();
  for (const e of earners) {
    const list = byCommunity.get(e.community) ?? [];
    // Spend only what was earned before, so no balance is ever below zero at any moment.
    list.push({ accountId: e.accountId, volunteerId: e.volunteerId, name: e.name, budget: Number(e.earned) });
    byCommunity.set(e.community, list);
  }

  const markets: Row[] = [];
  const accounts: Row[] = [];
  const items: Row[] = [];
  const donations: Row[] = [];
  const redemptions: Row[] = [];
  const lines: Row[] = [];
  const movements: Row[] = [];
  const transfers: Row[] = [];
  const postings: Array<{ transferId: string; accountId: string; amount: number; at: Date }> = [];
  const history: Row[] = [];
  const spent = new Map<string, number>();
  const actor = (at: Date) => ({
    actorId: operator?.id ?? 'system',
    actorName: operator?.displayName ?? '演示数据',
    at,
  });

  const post = (
    kind: 'redemption' | 'refund',
    key: string,
    from: string,
    to: string,
    amount: number,
    at: Date,
    memo: string,
    ref: string,
  ) => {
    const id = randomUUID();
    transfers.push({
      id,
      idempotencyKey: key,
      kind,
      memo,
      referenceType: 'market_redemption',
      referenceId: ref,
      actorId: 'system',
      actorName: '演示数据',
      at,
    });
    postings.push({ transferId: id, accountId: from, amount: -amount, at });
    postings.push({ transferId: id, accountId: to, amount, at });
    spent.set(from, (spent.get(from) ?? 0) + amount);
    spent.set(to, (spent.get(to) ?? 0) - amount);
    return id;
  };

  for (const c of communities) {
    const marketId = randomUUID();
    const accountId = randomUUID();
    const name = `${c.name}爱心超市`;
    markets.push({
      id: marketId,
      divisionCode: c.code,
      name,
      address: `${c.name}党群服务中心一楼`,
      openingHours: '周一至周六 9:00–16:30',
      pointsAccountId: accountId,
      createdAt: OPENED,
      updatedAt: OPENED,
    });
    accounts.push({ id: accountId, kind: 'supermarket', ownerId: marketId, name, divisionCode: c.code });
    const stock = new Map<string, number>();
    const catalogue = CATALOGUE.map((entry) => {
      const id = randomUUID();
      items.push({
        id,
        marketId,
        divisionCode: c.code,
        kind: entry.kind,
        name: entry.name,
        unit: entry.unit,
        description: entry.description,
        pricePoints: entry.price,
        createdAt: OPENED,
        updatedAt: OPENED,
      });
      if (entry.kind === 'goods') {
        stock.set(id, entry.opening);
        movements.push({
          marketId,
          itemId: id,
          divisionCode: c.code,
          kind: 'adjustment',
          quantity: entry.opening,
          stockAfter: entry.opening,
          reason: '开业期初库存',
          ...actor(OPENED),
        });
      }
      return { ...entry, id };
    });
    const goods = catalogue.filter((i) => i.kind === 'goods');

    // Two or three donations in August–October, each of two goods.
    const donationCount = random.int(2, 3);
    for (let d = 0; d < donationCount; d++) {
      const donor = random.pick(DONORS);
      const id = randomUUID();
      const on = new Date(Date.parse('2026-08-05T10:00:00+08:00') + random.int(0, 80) * 86_400_000);
      donations.push({
        id,
        marketId,
        divisionCode: c.code,
        donorName: donor.name(c.name, c.streetName),
        donorKind: donor.kind,
        donatedOn: new Date(on.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
        receiptNo: `JZ${c.code.slice(6)}${String(d + 1).padStart(3, '0')}`,
        note: null,
        actorId: operator?.id ?? 'system',
        actorName: operator?.displayName ?? '演示数据',
        createdAt: on,
      });
      const first = random.int(0, goods.length - 1);
      for (const item of [goods[first]!, goods[(first + 1) % goods.length]!]) {
        const quantity = random.int(5, 20);
        stock.set(item.id, stock.get(item.id)! + quantity);
        movements.push({
          marketId,
          itemId: item.id,
          divisionCode: c.code,
          kind: 'donation',
          quantity,
          stockAfter: stock.get(item.id)!,
          reason: `${donor.name(c.name, c.streetName)} 捐赠`,
          donationId: id,
          ...actor(on),
        });
      }
    }

    // Redemptions by the community's volunteers, in time order.
    const people = byCommunity.get(c.code) ?? [];
    const count = people.length ? random.int(12, 20) : 0;
    const days = Array.from({ length: count }, () =>
      random.int(0, Math.floor((LAST_DAY - FIRST_DAY) / 86_400_000)),
    ).sort((a, b) => a - b);
    for (const day of days) {
      const at = new Date(FIRST_DAY + day * 86_400_000 + random.int(1, 7) * 3_600_000);
      const picked = [random.pick(catalogue)];
      if (random.next() < 0.4) {
        const other = random.pick(catalogue);
        if (other.id !== picked[0]!.id) picked.push(other);
      }
      const chosen = picked
        .map((i) => ({ item: i, quantity: i.kind === 'goods' ? random.int(1, 2) : 1 }))
        .filter((l) => l.item.kind === 'service' || stock.get(l.item.id)! >= l.quantity);
      const total = chosen.reduce((s, l) => s + l.item.price * l.quantity, 0);
      // Someone of the community who had earned enough, starting from a random neighbour.
      const start = random.int(0, people.length - 1);
      const person = [...people.slice(start), ...people.slice(0, start)].find((p) => p.budget >= total);
      if (chosen.length === 0 || !person) continue;
      person.budget -= total;
      const online = random.next() < 0.3;
      const cancelled = online && random.next() < 0.25;
      const id = randomUUID();
      const key = `demo:market:${id}`;
      const memo = `${name}：${chosen.map((l) => `${l.item.name}×${l.quantity}`).join('、')}`;
      const transferId = post('redemption', key, person.accountId, accountId, total, at, memo, id);
      const pickedUpAt = online ? new Date(at.getTime() + random.int(2, 40) * 3_600_000) : at;
      const cancelledAt = new Date(at.getTime() + 20 * 3_600_000);
      const refundId = cancelled
        ? post(
            'refund',
            `refund:${id}`,
            accountId,
            person.accountId,
            total,
            cancelledAt,
            '爱心超市预约取消或逾期，积分退回',
            id,
          )
        : null;
      if (cancelled) person.budget += total;
      redemptions.push({
        id,
        marketId,
        divisionCode: c.code,
        volunteerId: person.volunteerId,
        volunteerName: person.name,
        channel: online ? 'online' : 'counter',
        state: cancelled ? 'cancelled' : 'picked_up',
        totalPoints: total,
        balanceAfter: 0,
        pickupCode: online ? String(random.int(0, 999_999)).padStart(6, '0') : null,
        expiresAt: online ? new Date(at.getTime() + RESERVATION_DAYS * 86_400_000) : null,
        idempotencyKey: key,
        requestHash: key,
        transferId,
        refundTransferId: refundId,
        operatorId: online ? 'system' : (operator?.id ?? 'system'),
        operatorName: online ? person.name : (operator?.displayName ?? '演示数据'),
        createdAt: at,
        pickedUpAt: cancelled ? null : pickedUpAt,
        updatedAt: cancelled ? cancelledAt : pickedUpAt,
        version: online ? 2 : 1,
      });
      for (const l of chosen) {
        lines.push({
          redemptionId: id,
          itemId: l.item.id,
          itemName: l.item.name,
          quantity: l.quantity,
          pricePoints: l.item.price,
        });
        if (l.item.kind !== 'goods') continue;
        stock.set(l.item.id, stock.get(l.item.id)! - l.quantity);
        movements.push({
          marketId,
          itemId: l.item.id,
          divisionCode: c.code,
          kind: online ? 'hold' : 'redemption',
          quantity: -l.quantity,
          stockAfter: stock.get(l.item.id)!,
          redemptionId: id,
          ...actor(at),
        });
        if (cancelled) {
          stock.set(l.item.id, stock.get(l.item.id)! + l.quantity);
          movements.push({
            marketId,
            itemId: l.item.id,
            divisionCode: c.code,
            kind: 'release',
            quantity: l.quantity,
            stockAfter: stock.get(l.item.id)!,
            redemptionId: id,
            ...actor(cancelledAt),
          });
        }
      }
      if (online) {
        const base = {
          workflow: 'market.redemption',
          entityId: id,
          divisionCode: c.code,
          actorRole: 'resident',
        };
        history.push({
          ...base,
          action: 'reserve',
          fromState: '',
          toState: 'reserved',
          actorId: 'system',
          actorName: person.name,
          at,
        });
        history.push(
          cancelled
            ? {
                ...base,
                action: 'cancel',
                fromState: 'reserved',
                toState: 'cancelled',
                actorId: 'system',
                actorName: person.name,
                at: cancelledAt,
              }
            : {
                ...base,
                action: 'pick_up',
                fromState: 'reserved',
                toState: 'picked_up',
                actorId: operator?.id ?? 'system',
                actorName: operator?.displayName ?? '演示数据',
                actorRole: 'market_operator',
                at: pickedUpAt,
              },
        );
      }
    }
    for (const item of items.filter((i) => i.marketId === marketId && stock.has(i.id as string)))
      item.stock = stock.get(item.id as string);
    for (const item of items.filter((i) => i.marketId === marketId && i.kind === 'service'))
      item.stock = null;
  }

  // 周阿姨: a volunteer of 爱民社区 whose district award gives her points to spend.
  const zhou = DEMO_ACCOUNTS.find((a) => a.username === 'resident.zhou');
  const zhouAccount = zhou
    ? await db.selectFrom('account').select('id').where('username', '=', zhou.username).executeTakeFirst()
    : undefined;
  const zhouAward = 20_000;
  const zhouIds = {
    resident: randomUUID(),
    volunteer: randomUUID(),
    points: randomUUID(),
    transfer: randomUUID(),
  };
  const first17 = '22010619580611206';
  const idNumber = first17 + residentIdCheckChar(first17);

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('pointsAccount')
      .values(accounts as never)
      .execute();
    await insertAll(markets, (b) =>
      trx
        .insertInto('market')
        .values(b as never)
        .execute(),
    );
    await insertAll(items, (b) =>
      trx
        .insertInto('marketItem')
        .values(b as never)
        .execute(),
    );
    await insertAll(donations, (b) =>
      trx
        .insertInto('marketDonation')
        .values(b as never)
        .execute(),
    );
    await insertAll(transfers, (b) =>
      trx
        .insertInto('pointsTransfer')
        .values(b as never)
        .execute(),
    );
    await insertAll(postings as unknown as Row[], (b) =>
      trx
        .insertInto('pointsPosting')
        .values(b as never)
        .execute(),
    );
    await insertAll(redemptions, (b) =>
      trx
        .insertInto('marketRedemption')
        .values(b as never)
        .execute(),
    );
    await insertAll(lines, (b) =>
      trx
        .insertInto('marketRedemptionLine')
        .values(b as never)
        .execute(),
    );
    await insertAll(movements, (b) =>
      trx
        .insertInto('marketStockMovement')
        .values(b as never)
        .execute(),
    );
    await insertAll(history, (b) =>
      trx
        .insertInto('workflowHistory')
        .values(b as never)
        .execute(),
    );
    // Cached balances follow the postings: volunteers spent, supermarkets received.
    const changes = [...spent].filter(([, amount]) => amount !== 0);
    for (let i = 0; i < changes.length; i += BATCH) {
      const batch = changes.slice(i, i + BATCH);
      await sql`
        update points_account a set balance = a.balance - c.amount
        from (values ${sql.join(batch.map(([id, amount]) => sql`(${id}, ${amount}::bigint)`))}) as c(id, amount)
        where a.id = c.id`.execute(trx);
    }
    // Each redemption remembers the balance after it: recomputed from the postings in time order.
    await sql`
      update market_redemption r set balance_after = x.after
      from (
        select t.id as transfer_id,
          sum(p.amount) over (partition by p.account_id order by p.at, p.id) as after,
          p.account_id
        from points_posting p join points_transfer t on t.id = p.transfer_id
        where p.account_id in (
          select pp.account_id from points_posting pp join points_transfer tt on tt.id = pp.transfer_id
          where tt.kind = 'redemption')
      ) x
      join points_account a on a.id = x.account_id and a.kind = 'volunteer'
      where x.transfer_id = r.transfer_id and r.division_code like ${`${DISTRICT}%`}`.execute(trx);

    if (zhou && zhouAccount) {
      const phoneSealed = cipher.encrypt(DEMO_MARKET_RESIDENT_PHONE);
      const phoneIndex = cipher.piiIndex('phone', DEMO_MARKET_RESIDENT_PHONE);
      const idSealed = cipher.encrypt(idNumber);
      const idIndex = cipher.piiIndex('residentId', idNumber);
      await trx
        .insertInto('resident')
        .values({
          id: zhouIds.resident,
          name: '周秀兰',
          gender: 'female',
          birthDate: '1958-06-11',
          idNumberSealed: idSealed,
          idNumberIndex: idIndex,
          phoneSealed,
          phoneIndex,
          address: '爱民社区 12 栋 2 单元 301',
          divisionCode: zhou.scopeCode,
          householdNo: 'M0001',
          accountId: zhouAccount.id,
          createdBy: 'system',
          createdByName: '演示数据',
        })
        .execute();
      await trx
        .insertInto('volunteer')
        .values({
          id: zhouIds.volunteer,
          volunteerNo: `${DISTRICT}900000101`,
          accountId: zhouAccount.id,
          residentId: zhouIds.resident,
          name: '周秀兰',
          gender: 'female',
          birthDate: '1958-06-11',
          idNumberSealed: idSealed,
          idNumberIndex: idIndex,
          phoneSealed,
          phoneIndex,
          skills: ['care'],
          availability: ['weekday_day'],
          divisionCode: AIMIN,
          registeredAt: new Date('2025-03-01T09:00:00+08:00'),
        })
        .execute();
      await trx
        .insertInto('pointsAccount')
        .values({
          id: zhouIds.points,
          kind: 'volunteer',
          ownerId: zhouIds.volunteer,
          name: '志愿者 周** 的积分',
          divisionCode: AIMIN,
          balance: zhouAward,
        })
        .execute();
      const at = new Date('2026-10-15T10:00:00+08:00');
      await trx
        .insertInto('pointsTransfer')
        .values({
          id: zhouIds.transfer,
          idempotencyKey: `demo:award:${zhouIds.volunteer}`,
          kind: 'award',
          memo: '助老送餐志愿服务年度奖励',
          referenceType: 'volunteer',
          referenceId: zhouIds.volunteer,
          actorId: 'system',
          actorName: '演示数据',
          at,
        })
        .execute();
      await trx
        .insertInto('pointsPosting')
        .values([
          { transferId: zhouIds.transfer, accountId: zhouIds.points, amount: zhouAward, at },
          { transferId: zhouIds.transfer, accountId: awardPoolAccountId(DISTRICT), amount: -zhouAward, at },
        ])
        .execute();
      await trx
        .updateTable('pointsAccount')
        .set({ balance: sql`balance - ${zhouAward}` })
        .where('id', '=', awardPoolAccountId(DISTRICT))
        .execute();
    }
  });
  return {
    markets: markets.length,
    items: items.length,
    donations: donations.length,
    redemptions: redemptions.length,
  };
}
