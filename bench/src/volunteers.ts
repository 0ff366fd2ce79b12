import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { DB } from '../../server/src/db/schema.gen.ts';
import { MarketService } from '../../server/src/modules/market/market.service.ts';
import {
  awardPoolAccountId,
  issuanceAccountId,
  PointsLedger,
} from '../../server/src/modules/points/ledger.service.ts';
import type { DataCipher } from '../../server/src/platform/crypto.ts';
import type { CityRow } from './generate-city.ts';

/**
 * The volunteer scenarios of the bench (issue #6): a points ledger of 1,000,000 postings over the
 * generated city, organizer check-in and check-out over HTTP, and `linli ledger verify` at that size.
 * Rows are made by PostgreSQL itself (`generate_series`) so that they are what the ledger itself
 * would have written: every transfer two legs summing to zero, every cached balance the sum of its
 * postings. The love supermarkets (one per community, as in the district) are loaded beside them.
 */
export const VOLUNTEER_SCALE = {
  volunteers: 50_000,
  /** Two postings each: 1,000,000 postings; each pays for one confirmed service record. */
  transfers: 500_000,
  chunk: 100_000,
  /**
   * Activities under way with one signed-up volunteer each: the first half to check in, the second
   * half already checked in, to check out. Every request of the run gets a sign-up of its own (the
   * load generator walks the paths across slices), so none is a repeat (a second check-out is refused).
   */
  signups: 60_000,
};

const DISTRICT_OF = (code: string) => code.slice(0, 6);

/**
 * Volunteers, their accounts, the ledger and the activities with their sign-ups. Personal data is
 * sealed with the bench's cipher (one sealed phone and ID number for all: pages decrypt them).
 */
export async function loadVolunteerLedger(
  db: Kysely<DB>,
  city: readonly CityRow[],
  cipher: DataCipher,
): Promise<void> {
  const sealedId = cipher.encrypt('220106199001011234');
  const sealedPhone = cipher.encrypt('13800000000');
  const communities = city.filter((r) => r.level === 'community').map((r) => r.code);
  const districts = [...new Set(communities.map(DISTRICT_OF))];
  const { volunteers, transfers, chunk, signups } = VOLUNTEER_SCALE;
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into volunteer (id, volunteer_no, name, gender, birth_date, id_number_sealed, id_number_index,
        phone_sealed, phone_index, division_code, registered_at)
      select 'bench-vol-' || g, 'BV' || lpad(g::text, 10, '0'), '志愿者' || g,
        (array['male', 'female'])[1 + g % 2], date '1970-01-01' + (g % 12000), ${sealedId}, 'bench-id-' || g,
        ${sealedPhone}, 'bench-phone-' || g, (${sql.val(communities)}::text[])[1 + g % ${communities.length}],
        now() - interval '2 years'
      from generate_series(1, ${volunteers}::int) g`.execute(trx);
    await sql`
      insert into points_account (id, kind, owner_id, name, division_code)
      select 'bench-acct-' || g, 'volunteer', 'bench-vol-' || g, '志愿者积分', v.division_code
      from generate_series(1, ${volunteers}::int) g join volunteer v on v.id = 'bench-vol-' || g`.execute(
      trx,
    );
    for (const district of districts)
      await trx
        .insertInto('pointsAccount')
        .values([
          {
            id: issuanceAccountId(district),
            kind: 'issuance',
            ownerId: district,
            name: '服务时长积分发行',
            divisionCode: district,
            allowNegative: true,
          },
          {
            id: awardPoolAccountId(district),
            kind: 'award_pool',
            ownerId: district,
            name: '区级奖励积分池',
            divisionCode: district,
          },
        ])
        .execute();
  });
  // Hours transfers: the volunteer's account in, the district's issuance source out, over a year.
  for (let from = 1; from <= transfers; from += chunk) {
    const to = Math.min(transfers, from + chunk - 1);
    await db.transaction().execute(async (trx) => {
      await sql`
        insert into points_transfer (id, idempotency_key, kind, memo, reference_type, reference_id, actor_id, actor_name, at)
        select 'bench-tr-' || g, 'bench:hours:' || g, 'hours', '志愿服务（' || (60 + g % 5 * 30) || ' 分钟）',
          'volunteer_service', 'bench-svc-' || g, 'bench', 'bench', now() - (g % 365) * interval '1 day'
        from generate_series(${from}::int, ${to}::int) g`.execute(trx);
      await sql`
        insert into points_posting (transfer_id, account_id, amount, at)
        select 'bench-tr-' || g, acct, amt, now() - (g % 365) * interval '1 day'
        from generate_series(${from}::int, ${to}::int) g,
          lateral (select 'bench-vol-' || (1 + g % ${volunteers}) as vol, 100 + (g % 5) * 50 as pts) p,
          lateral (values ('bench-acct-' || (1 + g % ${volunteers}), pts),
            ('issuance:' || left((select division_code from volunteer where id = vol), 6), -pts)) legs(acct, amt)`.execute(
        trx,
      );
    });
  }
  // The service records the hours transfers pay for ('bench-svc-<g>'): ten volunteers to each of
  // 50,000 past activities, each with the sign-up it was confirmed on, as confirmation writes them.
  const pastActivities = transfers / 10;
  await sql`
    insert into volunteer_activity (id, title, category, publisher_kind, publisher_name, division_code, address,
      starts_at, ends_at, slots, created_by, created_by_name)
    select 'bench-past-' || a, '社区志愿服务（已结束）' || a, 'environment', 'community', '社区',
      (${sql.val(communities)}::text[])[1 + a % ${communities.length}], '党群服务中心',
      now() - (a % 365) * interval '1 day' - interval '3 hours', now() - (a % 365) * interval '1 day', 10, 'bench', 'bench'
    from generate_series(1, ${pastActivities}::int) a`.execute(db);
  for (let from = 1; from <= transfers; from += chunk) {
    const to = Math.min(transfers, from + chunk - 1);
    await db.transaction().execute(async (trx) => {
      await sql`
        insert into volunteer_signup (id, activity_id, volunteer_id, division_code, state, checked_in_at, checked_out_at)
        select 'bench-psu-' || g, 'bench-past-' || (1 + (g - 1) / 10), 'bench-vol-' || (1 + g % ${volunteers}),
          v.division_code, 'signed_up', now() - (g % 365) * interval '1 day' - interval '2 hours',
          now() - (g % 365) * interval '1 day'
        from generate_series(${from}::int, ${to}::int) g join volunteer v on v.id = 'bench-vol-' || (1 + g % ${volunteers})`.execute(
        trx,
      );
      await sql`
        insert into volunteer_service (id, kind, volunteer_id, activity_id, signup_id, division_code, category,
          minutes, points, served_on, confirmed_by, confirmed_by_name, confirmed_at)
        select 'bench-svc-' || g, 'service', 'bench-vol-' || (1 + g % ${volunteers}), 'bench-past-' || (1 + (g - 1) / 10),
          'bench-psu-' || g, v.division_code, 'environment', 60 + g % 5 * 30, 100 + (g % 5) * 50,
          (now() - (g % 365) * interval '1 day')::date, 'bench', 'bench', now() - (g % 365) * interval '1 day'
        from generate_series(${from}::int, ${to}::int) g join volunteer v on v.id = 'bench-vol-' || (1 + g % ${volunteers})`.execute(
        trx,
      );
    });
  }
  await sql`
    update points_account a set balance = s.total
    from (select account_id, sum(amount) as total from points_posting group by account_id) s
    where s.account_id = a.id`.execute(db);
  // Activities under way, one sign-up each, spread over the volunteers.
  await sql`
    insert into volunteer_activity (id, title, category, publisher_kind, publisher_name, division_code, address,
      starts_at, ends_at, slots, created_by, created_by_name)
    select 'bench-act-' || g, '社区志愿服务 ' || g, 'environment', 'community', '社区', v.division_code, '党群服务中心',
      now() - interval '1 hour', now() + interval '1 day', 10, 'bench', 'bench'
    from generate_series(1, ${signups}::int) g join volunteer v on v.id = 'bench-vol-' || (1 + g % ${volunteers})`.execute(
    db,
  );
  await sql`
    insert into volunteer_signup (id, activity_id, volunteer_id, division_code, state, checked_in_at)
    select 'bench-su-' || g, 'bench-act-' || g, 'bench-vol-' || (1 + g % ${volunteers}), a.division_code, 'signed_up',
      case when g > ${signups / 2} then now() - interval '30 minutes' end
    from generate_series(1, ${signups}::int) g join volunteer_activity a on a.id = 'bench-act-' || g`.execute(
    db,
  );
}

/** The organizer's attendance paths: check-in over the first half of the sign-ups, check-out over the second. */
export function attendancePaths(action: 'check_in' | 'check_out'): string[] {
  const half = VOLUNTEER_SCALE.signups / 2;
  const first = action === 'check_in' ? 1 : half + 1;
  return Array.from({ length: half }, (_, i) => {
    const n = first + i;
    return `/api/v1/volunteer-activities/bench-act-${n}/roster/bench-su-${n}/attendance`;
  });
}

export const CHECK_IN_BODY = JSON.stringify({ action: 'check_in' });
export const CHECK_OUT_BODY = JSON.stringify({ action: 'check_out' });

/**
 * Times `linli ledger verify` (the same `PointsLedger.verify`) at this size; best of three, since the
 * first run also warms the cache.
 */
export async function ledgerVerifySection(
  db: Kysely<DB>,
  pool: pg.Pool,
  loadSeconds: number,
): Promise<string> {
  const ledger = new PointsLedger(db);
  const times: number[] = [];
  let report = await ledger.verify();
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    report = await ledger.verify();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const { rows: size } = await pool.query<{ size: string }>(
    `select pg_size_pretty(pg_total_relation_size('points_posting') + pg_total_relation_size('points_transfer')) as size`,
  );
  const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
  return [
    `Generated points ledger: ${fmt(report.postings)} postings in ${fmt(report.transfers)} transfers over ${fmt(report.accounts)} accounts (${fmt(VOLUNTEER_SCALE.volunteers)} volunteers), ${fmt(VOLUNTEER_SCALE.signups)} activities under way with one sign-up each, loaded in ${loadSeconds.toFixed(1)} s; \`points_posting\` + \`points_transfer\` with indexes: ${size[0]?.size}.`,
    '',
    `\`linli ledger verify\` at this size: ${fmt(Math.min(...times))} ms (best of 3; runs ${times.map(fmt).join(', ')} ms), ${report.problems.length} problems${report.problems.length === 0 ? ' (the generated ledger balances)' : ''}.`,
  ].join('\n');
}

/** Price of the bench's item in hundredths of a point (the ledger's unit): one point. */
const ITEM_PRICE = 100;

/**
 * A love supermarket in every community with its points account and one item in stock (the stock
 * put in by one movement, so stock = sum of movements as the monthly report checks), as
 * `MarketService.create` and a donation would leave them.
 */
export async function loadMarkets(db: Kysely<DB>, city: readonly CityRow[]): Promise<number> {
  const communities = city.filter((r) => r.level === 'community').map((r) => r.code);
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into points_account (id, kind, owner_id, name, division_code)
      select 'bench-mkt-acct-' || c, 'supermarket', 'bench-mkt-' || c, '爱心超市', c
      from unnest(${sql.val(communities)}::text[]) c`.execute(trx);
    await sql`
      insert into market (id, division_code, name, address, opening_hours, points_account_id)
      select 'bench-mkt-' || c, c, '爱心超市 ' || c, '党群服务中心一楼', '周一至周五 9:00-17:00', 'bench-mkt-acct-' || c
      from unnest(${sql.val(communities)}::text[]) c`.execute(trx);
    await sql`
      insert into market_item (id, market_id, division_code, kind, name, unit, price_points, stock)
      select 'bench-item-' || c, 'bench-mkt-' || c, c, 'goods', '挂面', '包', ${ITEM_PRICE}, 10000000
      from unnest(${sql.val(communities)}::text[]) c`.execute(trx);
    await sql`
      insert into market_stock_movement (market_id, item_id, division_code, kind, quantity, stock_after, reason, actor_id, actor_name)
      select 'bench-mkt-' || c, 'bench-item-' || c, c, 'adjustment', 10000000, 10000000, '基准测试入库', 'bench', 'bench'
      from unnest(${sql.val(communities)}::text[]) c`.execute(trx);
  });
  return communities.length;
}

/**
 * Counter redemptions of one item, one per volunteer from `first` on, each at the supermarket of
 * the volunteer's community, with an idempotency key of its own and the customer code the counter
 * would have read from the volunteer's phone (valid ten minutes: made just before the load).
 */
export function redemptionRequests(
  db: Kysely<DB>,
  cipher: DataCipher,
  city: readonly CityRow[],
  run: string,
  first = 1,
): { paths: string[]; bodies: string[] } {
  const communities = city.filter((r) => r.level === 'community').map((r) => r.code);
  const market = new MarketService(db, cipher, new PointsLedger(db));
  const paths: string[] = [];
  const bodies: string[] = [];
  for (let g = first; g <= VOLUNTEER_SCALE.volunteers; g++) {
    // The volunteer's community, as loadVolunteerLedger placed it (the SQL array is 1-based).
    const community = communities[g % communities.length]!;
    paths.push(`/api/v1/markets/bench-mkt-${community}/redemptions`);
    bodies.push(
      JSON.stringify({
        idempotencyKey: `bench-${run}-${g}`,
        customerToken: market.customerToken(`bench-vol-${g}`).token,
        lines: [{ itemId: `bench-item-${community}`, quantity: 1 }],
      }),
    );
  }
  return { paths, bodies };
}
