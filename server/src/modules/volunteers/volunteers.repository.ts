import { DIVISION_SCOPED_ROLES } from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, inScope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** A caller who is only a resident: sees their own volunteer record, sign-ups and points, nothing else. */
export function isResidentOnly(caller: Caller): boolean {
  return caller.roles.length > 0 && caller.roles.every((r) => r === 'resident');
}

/** An organization's own account: manages the activities its organization publishes. */
export function isOrganizationOnly(caller: Caller): boolean {
  return caller.roles.includes('social_org') && !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r));
}

/** Volunteers: staff by the service area's division prefix; a resident only their own record. */
export function volunteersVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('volunteer as v');
  if (isResidentOnly(caller)) return q.where('v.accountId', '=', caller.actor.id);
  return q.where((eb) => inScope(eb, 'v.division_code', caller.scope));
}

/**
 * Activities a caller may browse: published activities are announcements, so a resident finds
 * them anywhere (near me is a filter, not a wall); staff see those in their scope.
 */
export function activitiesReadableBy(db: Db, caller: Caller) {
  const q = db.selectFrom('volunteerActivity as a');
  if (isResidentOnly(caller)) return q;
  return q.where((eb) => inScope(eb, 'a.division_code', caller.scope));
}

/** Activities a caller organizes: in its scope, and for an organization account only its own. */
export function activitiesManagedBy(db: Db, caller: Caller) {
  let q = db.selectFrom('volunteerActivity as a').where((eb) => inScope(eb, 'a.division_code', caller.scope));
  if (isOrganizationOnly(caller)) {
    const ids = caller.organizationIds ?? [];
    q = ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('a.organizationId', 'in', ids);
  }
  if (isResidentOnly(caller)) q = q.where(sql<boolean>`false`);
  return q;
}

/** Teams: staff by division prefix; an organization account its own teams; residents browse all. */
export function teamsVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('volunteerTeam as t');
  if (isResidentOnly(caller)) return q;
  if (isOrganizationOnly(caller)) {
    const ids = caller.organizationIds ?? [];
    return ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('t.organizationId', 'in', ids);
  }
  return q.where((eb) => inScope(eb, 't.division_code', caller.scope));
}

/** Confirmed service records by the division where the service happened. */
export function servicesVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('volunteerService as s');
  if (isResidentOnly(caller))
    return q.where('s.volunteerId', 'in', (eb) =>
      eb.selectFrom('volunteer').select('id').where('accountId', '=', caller.actor.id),
    );
  return q.where((eb) => inScope(eb, 's.division_code', caller.scope));
}

/** Points accounts: staff by division prefix; a resident only their own volunteer account. */
export function pointsAccountsVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('pointsAccount as pa');
  if (isResidentOnly(caller))
    return q
      .where('pa.kind', '=', 'volunteer')
      .where('pa.ownerId', 'in', (eb) =>
        eb.selectFrom('volunteer').select('id').where('accountId', '=', caller.actor.id),
      );
  return q.where((eb) => inScope(eb, 'pa.division_code', caller.scope));
}
