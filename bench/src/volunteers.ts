import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { DB } from '../../server/src/db/schema.gen.ts';
import {
  awardPoolAccountId,
  issuanceAccountId,
  PointsLedger,
} from '../../server/src/modules/points/ledger.service.ts';
import type { CityRow } from './generate-city.ts';

/**
 * The volunteer scenarios of the bench (issue #6): a points ledger of 1,000,000 postings over the
 * generated city, organizer check-in and check-out over HTTP, and `linli ledger verify` at that size.
 * Rows are made by PostgreSQL itself (`generate_series`) so that they are what the ledger itself
 * would have written: every transfer two legs summing to zero, every cached balance the sum of its
 * postings. A scenario is an entry of `volunteerScenarios`; the love-supermarket redemption goes there.
 */
export const VOLUNTEER_SCALE = {
  volunteers: 50_000,
  /** Two postings each: 1,000,000 postings. */
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

/** Volunteers, their accounts, the ledger and the activities with their sign-ups. */
export async function loadVolunteerLedger(db: Kysely<DB>, city: readonly CityRow[]): Promise<void> {
  const communities = city.filter((r) => r.level === 'community').map((r) => r.code);
  const districts = [...new Set(communities.map(DISTRICT_OF))];
  const { volunteers, transfers, chunk, signups } = VOLUNTEER_SCALE;
  await db.transaction().execute(async (trx) => {
    await sql`
      insert into volunteer (id, volunteer_no, name, gender, birth_date, id_number_sealed, id_number_index,
        phone_sealed, phone_index, division_code, registered_at)
      select 'bench-vol-' || g, 'BV' || lpad(g::text, 10, '0'), '志愿者' || g,
        (array['male', 'female'])[1 + g % 2], date '1970-01-01' + (g % 12000), 'sealed', 'bench-id-' || g,
        'sealed', 'bench-phone-' || g, (${sql.val(communities)}::text[])[1 + g % ${communities.length}],
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
