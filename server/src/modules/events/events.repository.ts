import type { Role } from '@linli/common';
import { type ExpressionBuilder, type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, inScope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** The actor role of an outside Open311 client's calls. */
export const OPEN311_ACTOR_ROLE = 'open311';

/** Roles whose grant's division is their view of events (a grid-level grant is a grid's prefix). */
const DIVISION_STAFF: readonly Role[] = [
  'district_admin',
  'street_staff',
  'community_worker',
  'station_staff',
  'grid_leader',
  'grid_member',
];

export type EventExpressions = ExpressionBuilder<DB & { e: DB['gridEvent'] }, 'e'>;

/**
 * Who sees an event (issue #5 item 3): division staff by division prefix (a grid member's grant is
 * its grid); department staff the events dispatched to their department, as lead or assisting, within
 * their scope (also after returning one: they keep its record, without actions); a resident the
 * events they reported or are named the contact of. The system caller sees everything.
 */
export function visibleEvent(eb: EventExpressions, caller: Caller) {
  if (caller.scope.kind === 'all') return sql<boolean>`true`;
  const tests = [];
  // An outside Open311 client (modules/open311) sees the events of its division, like division staff.
  if (caller.roles.some((r) => DIVISION_STAFF.includes(r)) || caller.actor.role === OPEN311_ACTOR_ROLE)
    tests.push(inScope(eb, 'e.division_code', caller.scope));
  const departments = caller.departments ?? [];
  if (caller.roles.includes('department_staff') && departments.length > 0)
    tests.push(
      eb.and([
        inScope(eb, 'e.division_code', caller.scope),
        eb.exists(
          eb
            .selectFrom('gridEventDepartment as d')
            .select(sql`1`.as('one'))
            .whereRef('d.eventId', '=', 'e.id')
            .where('d.department', 'in', departments),
        ),
      ]),
    );
  if (caller.roles.includes('resident'))
    tests.push(eb('e.reporterId', '=', caller.actor.id), contactIsCaller(caller));
  return tests.length === 0 ? sql<boolean>`false` : eb.or(tests);
}

/**
 * Whether the event names the caller as its contact: a resident whose account phone is the phone a
 * grid member or the community recorded for them (compared by blind index, never in clear).
 */
export function contactIsCaller(caller: Caller) {
  return sql<boolean>`coalesce(e.contact_phone_index = (select a.phone_index from account a where a.id = ${caller.actor.id}), false)`;
}

/** A caller acting only for departments (no division role): its statistics are its departments' own. */
export function departmentOnly(caller: Caller): readonly string[] | null {
  if (caller.scope.kind === 'all' || caller.roles.some((r) => DIVISION_STAFF.includes(r))) return null;
  return caller.roles.includes('department_staff') ? (caller.departments ?? []) : null;
}

/** Events the caller may see: every read and every transition starts here. */
export function eventsVisibleTo(db: Db, caller: Caller) {
  return db.selectFrom('gridEvent as e').where((eb) => visibleEvent(eb, caller));
}

/** The next readable number of a Beijing day: `SJ` + yyyymmdd + a 5-digit serial. */
export async function nextEventNo(db: Db, day: string): Promise<string> {
  const row = await db
    .insertInto('gridEventCounter')
    .values({ day, last: 1 })
    .onConflict((oc) => oc.column('day').doUpdateSet({ last: sql<number>`grid_event_counter.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow();
  return `SJ${day}${String(row.last).padStart(5, '0')}`;
}
