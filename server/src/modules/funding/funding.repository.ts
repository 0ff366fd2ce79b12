import { DIVISION_SCOPED_ROLES } from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, can, inScope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** A caller acting only for an organization (its own applications) or a department (its own needs). */
function organizationOnly(caller: Caller): boolean {
  return caller.roles.includes('social_org') && !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r));
}
function departmentOnly(caller: Caller): boolean {
  return (
    caller.roles.includes('department_staff') && !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r))
  );
}

/**
 * A row kept at a level above the caller (a district call seen by a street or an organization):
 * the row's division code is a prefix of one of the caller's scope prefixes.
 */
export function coversScope(column: string, caller: Caller) {
  if (caller.scope.kind === 'all') return sql<boolean>`true`;
  if (caller.scope.prefixes.length === 0) return sql<boolean>`false`;
  const tests = caller.scope.prefixes.map((p) => sql<boolean>`${p} like ${sql.ref(column)} || '%'`);
  return sql<boolean>`(${sql.join(tests, sql` or `)})`;
}

/** Funds: the district's money, seen by the callers whose scope holds it. */
export function fundsVisibleTo(db: Db, caller: Caller) {
  return db.selectFrom('fund as f').where((eb) => inScope(eb, 'f.division_code', caller.scope));
}

/** Needs: by division prefix; a department's staff see the needs their department recorded. */
export function needsVisibleTo(db: Db, caller: Caller) {
  let q = db.selectFrom('need as n').where((eb) => inScope(eb, 'n.division_code', caller.scope));
  if (departmentOnly(caller)) {
    const departments = caller.departments ?? [];
    q = departments.length === 0 ? q.where(sql<boolean>`false`) : q.where('n.department', 'in', departments);
  }
  return q;
}

/**
 * Calls: published calls are announcements for everyone under the district that issued them
 * (streets, communities, organizations, also those from outside the district); drafts only for
 * the staff who keep calls in that scope.
 */
export function callsVisibleTo(db: Db, caller: Caller) {
  const keeper = can(caller, 'call:write');
  return db
    .selectFrom('fundingCall as c')
    .where((eb) =>
      eb.or([
        keeper ? inScope(eb, 'c.division_code', caller.scope) : sql<boolean>`false`,
        eb.and([
          eb('c.state', '<>', 'draft'),
          eb.or([inScope(eb, 'c.division_code', caller.scope), coversScope('c.division_code', caller)]),
        ]),
      ]),
    );
}

/** Applications: by the organization's division; an organization account sees only its own. */
export function applicationsVisibleTo(db: Db, caller: Caller) {
  let q = db
    .selectFrom('fundingApplication as a')
    .where((eb) => inScope(eb, 'a.division_code', caller.scope));
  if (organizationOnly(caller)) {
    const ids = caller.organizationIds ?? [];
    q = ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('a.organizationId', 'in', ids);
  }
  return q;
}

export function isOrganizationOnly(caller: Caller): boolean {
  return organizationOnly(caller);
}
