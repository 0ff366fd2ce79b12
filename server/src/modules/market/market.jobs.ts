import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { SYSTEM_ACTOR } from '../../platform/audit.ts';
import { AppError } from '../../platform/errors.ts';
import type { RecurringJob } from '../../platform/jobs.ts';
import { type Caller, SYSTEM_CALLER } from '../../platform/scope.ts';
import { transition } from '../../platform/workflow.ts';
import { PointsLedger } from '../points/ledger.service.ts';
import { redemptionWorkflow } from './market.workflow.ts';

/** The expiry job acts with the district's authority (the workflow's `expire` is the district's). */
const EXPIRY_CALLER: Caller = {
  ...SYSTEM_CALLER,
  actor: { ...SYSTEM_ACTOR, name: '爱心超市预约到期' },
  roles: ['district_admin'],
};

/**
 * Expires the online reservations past their pickup day, each in its own transaction through the
 * workflow (refund and stock release happen there). One picked up or cancelled meanwhile fails its
 * version or state check and is skipped, so two processes never refund twice.
 */
export async function expireMarketReservations(db: Kysely<DB>, now = new Date()): Promise<number> {
  const workflow = redemptionWorkflow(new PointsLedger(db));
  const due = await db
    .selectFrom('marketRedemption')
    .select(['id', 'version'])
    .where('state', '=', 'reserved')
    .where('expiresAt', '<=', now)
    .orderBy('expiresAt')
    .limit(500)
    .execute();
  let expired = 0;
  for (const row of due) {
    try {
      await db
        .transaction()
        .execute((trx) =>
          transition(trx, workflow, EXPIRY_CALLER, { id: row.id, action: 'expire', version: row.version }),
        );
      expired += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  return expired;
}

/** Every ten minutes: reservations not picked up within RESERVATION_DAYS expire and are refunded. */
export function marketExpiryJob(db: Kysely<DB>): RecurringJob {
  return {
    name: 'market.reservations.expire',
    intervalSeconds: 600,
    run: async () => ({ expired: await expireMarketReservations(db) }),
  };
}
