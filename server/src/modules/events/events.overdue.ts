import { EVENT_STEP_NAMES, type EventStep } from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import type { RecurringJob } from '../../platform/jobs.ts';
import { notify } from '../../platform/notifications.ts';
import { responsibleUnit, superiorUnit } from './events.service.ts';

/** Events flagged per transaction: a backlog after downtime is worked off in short transactions. */
const BATCH = 200;

/**
 * Flags the events whose current step is past its deadline, once per step: the flag is set only on
 * rows not yet flagged, in the same statement that picks them, and the responsible unit and its
 * superior are notified in that transaction — so two processes, or a rerun, never notify twice.
 * `overdue_count` and `ever_overdue` keep the fact for statistics after the step moves on.
 */
export async function flagOverdueEvents(db: Kysely<DB>, now = new Date()): Promise<number> {
  let flagged = 0;
  for (;;) {
    const batch = await db.transaction().execute(async (trx) => {
      const rows = await sql<{
        id: string;
        no: string;
        state: string;
        step: EventStep;
        divisionCode: string;
        leadDepartment: string | null;
      }>`
        update grid_event e
        set overdue = true, ever_overdue = true, overdue_count = overdue_count + 1
        where e.id in (
          select id from grid_event
          where due_at is not null and not overdue and due_at < ${now}
          order by due_at
          limit ${BATCH}
          for update skip locked)
        returning e.id, e.no, e.state, e.step, e.division_code as "divisionCode",
          e.lead_department as "leadDepartment"`.execute(trx);
      for (const row of rows.rows) {
        const step = EVENT_STEP_NAMES;
        const input = {
          kind: 'event.overdue',
          title: {
            'zh-CN': `事件 ${row.no} ${step['zh-CN'][row.step]}已超期`,
            'en-US': `Event ${row.no}: ${step['en-US'][row.step].toLowerCase()} is overdue`,
          },
          link: `/events/${row.id}`,
          entityType: 'grid_event',
          entityId: row.id,
          divisionCode: row.divisionCode,
        };
        await notify(trx, responsibleUnit(row), input);
        await notify(trx, superiorUnit(row), input);
      }
      return rows.rows.length;
    });
    flagged += batch;
    if (batch < BATCH) return flagged;
  }
}

/** Every minute: steps past their deadline become overdue (issue #5 item 4). */
export function eventOverdueJob(db: Kysely<DB>): RecurringJob {
  return {
    name: 'events.overdue',
    intervalSeconds: 60,
    run: async () => ({ flagged: await flagOverdueEvents(db) }),
  };
}
