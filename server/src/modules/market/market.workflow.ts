import {
  REDEMPTION_ACTION_NAMES,
  REDEMPTION_STATE_NAMES,
  REDEMPTION_STATES,
  type RedemptionAction,
  type RedemptionState,
} from '@linli/common';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import type { Caller } from '../../platform/scope.ts';
import { defineWorkflow, type TransitionEvent, type WorkflowRow } from '../../platform/workflow.ts';
import type { PointsLedger } from '../points/ledger.service.ts';
import { redemptionsVisibleTo } from './market.repository.ts';

export interface RedemptionRow extends WorkflowRow {
  marketId: string;
  channel: string;
  volunteerId: string;
  totalPoints: number;
  transferId: string;
  expiresAt: Date | null;
}

export type RedemptionEvent = TransitionEvent<RedemptionState, RedemptionAction, RedemptionRow>;

/**
 * An online reservation (issue #6 item 4): points are taken and stock held when it is made; the
 * counter hands the goods over by its pickup code; a cancellation, or the expiry job after
 * RESERVATION_DAYS, refunds the points with a 'refund' posting and releases the stock — in the
 * transition's transaction. A counter redemption is created already picked up and never moves.
 */
export function redemptionWorkflow(ledger: PointsLedger) {
  return defineWorkflow<RedemptionState, RedemptionAction, RedemptionRow>({
    name: 'market.redemption',
    entityType: 'market_redemption',
    table: 'market_redemption',
    states: REDEMPTION_STATES,
    transitions: [
      {
        action: 'pick_up',
        from: ['reserved'],
        to: 'picked_up',
        roles: ['market_operator', 'community_worker', 'district_admin'],
      },
      {
        action: 'cancel',
        from: ['reserved'],
        to: 'cancelled',
        roles: ['resident', 'market_operator', 'community_worker', 'district_admin'],
      },
      {
        // Taken only by the expiry job (with the district's authority) on reservations past their day.
        action: 'expire',
        from: ['reserved'],
        to: 'expired',
        roles: ['district_admin'],
      },
    ],
    names: {
      'zh-CN': { states: REDEMPTION_STATE_NAMES['zh-CN'], actions: REDEMPTION_ACTION_NAMES['zh-CN'] },
      'en-US': { states: REDEMPTION_STATE_NAMES['en-US'], actions: REDEMPTION_ACTION_NAMES['en-US'] },
    },
    load: async (trx, caller, id) => {
      const row = await redemptionsVisibleTo(trx, caller)
        .select([
          'r.id',
          'r.state',
          'r.version',
          'r.divisionCode',
          'r.marketId',
          'r.channel',
          'r.volunteerId',
          'r.totalPoints',
          'r.transferId',
          'r.expiresAt',
        ])
        .where('r.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? { ...row, totalPoints: Number(row.totalPoints) } : undefined;
    },
    effects: async (trx, event) => {
      if (event.to === 'picked_up') {
        await trx
          .updateTable('marketRedemption')
          .set({ pickedUpAt: sql<Date>`now()` })
          .where('id', '=', event.row.id)
          .execute();
        return;
      }
      await refundAndRelease(trx, ledger, event.row, event.caller);
    },
  });
}

export type RedemptionWorkflow = ReturnType<typeof redemptionWorkflow>;

/** Gives a reservation's points back (one 'refund' transfer) and puts its held goods back on the shelf. */
async function refundAndRelease(
  trx: Transaction<DB>,
  ledger: PointsLedger,
  row: RedemptionRow,
  caller: Caller,
): Promise<void> {
  const legs = await trx
    .selectFrom('pointsPosting')
    .select(['accountId', 'amount'])
    .where('transferId', '=', row.transferId)
    .execute();
  const refund = await ledger.transfer(
    {
      idempotencyKey: `refund:${row.id}`,
      kind: 'refund',
      legs: legs.map((l) => ({ accountId: l.accountId, amount: -Number(l.amount) })),
      memo: '爱心超市预约取消或逾期，积分退回',
      referenceType: 'market_redemption',
      referenceId: row.id,
    },
    caller.actor,
    trx,
  );
  await trx
    .updateTable('marketRedemption')
    .set({ refundTransferId: refund.id })
    .where('id', '=', row.id)
    .execute();
  const lines = await trx
    .selectFrom('marketRedemptionLine as l')
    .innerJoin('marketItem as i', 'i.id', 'l.itemId')
    .select(['l.itemId', 'l.quantity'])
    .where('l.redemptionId', '=', row.id)
    .where('i.kind', '=', 'goods')
    .orderBy('l.itemId')
    .execute();
  for (const line of lines) {
    const item = await trx
      .updateTable('marketItem')
      .set({ stock: sql<number>`stock + ${line.quantity}`, updatedAt: sql<Date>`now()` })
      .where('id', '=', line.itemId)
      .returning(['stock', 'divisionCode'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('marketStockMovement')
      .values({
        marketId: row.marketId,
        itemId: line.itemId,
        divisionCode: item.divisionCode,
        kind: 'release',
        quantity: line.quantity,
        stockAfter: Number(item.stock),
        redemptionId: row.id,
        actorId: caller.actor.id,
        actorName: caller.actor.name,
      })
      .execute();
  }
}
