import { DIVISION_SCOPED_ROLES } from '@linli/common';
import { sql } from 'kysely';
import { type Caller, inScope } from '../../platform/scope.ts';
import type { Db } from './funding.repository.ts';

/** A caller acting only as a third-party evaluator: it sees the contracts it is assigned to. */
export function isEvaluatorOnly(caller: Caller): boolean {
  return caller.roles.includes('evaluator') && !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r));
}

function isOrganizationOnly(caller: Caller): boolean {
  return caller.roles.includes('social_org') && !caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r));
}

/**
 * Contracts: by the organization's division (district all, a street or community those of its
 * organizations); an organization account only its own; an evaluator only those assigned to it.
 */
export function contractsVisibleTo(db: Db, caller: Caller) {
  let q = db.selectFrom('contract as k').where((eb) => inScope(eb, 'k.division_code', caller.scope));
  if (isOrganizationOnly(caller)) {
    const ids = caller.organizationIds ?? [];
    q = ids.length === 0 ? q.where(sql<boolean>`false`) : q.where('k.organizationId', 'in', ids);
  }
  if (isEvaluatorOnly(caller)) q = q.where('k.evaluatorAccountId', '=', caller.actor.id);
  return q;
}
