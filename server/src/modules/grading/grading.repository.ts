import { DIVISION_SCOPED_ROLES } from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, can, inScope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** Staff bound to a division see by scope; an organization's account and an evaluator see by grant. */
function divisionStaff(caller: Caller): boolean {
  return caller.roles.some((r) => DIVISION_SCOPED_ROLES.includes(r));
}

/**
 * The one visibility rule for evaluations: division staff by the organization's division code;
 * an organization's account its own organization's; an evaluator only those it is assigned to.
 */
export function evaluationsVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('gradeEvaluation as e');
  if (divisionStaff(caller)) return q.where((eb) => inScope(eb, 'e.division_code', caller.scope));
  const ids = caller.organizationIds ?? [];
  return q.where((eb) =>
    eb.or([
      ...(ids.length ? [eb('e.organizationId', 'in', ids)] : []),
      eb.exists(
        eb
          .selectFrom('gradeAssignment as ga')
          .select('ga.id')
          .whereRef('ga.evaluationId', '=', 'e.id')
          .where('ga.evaluatorId', '=', caller.actor.id),
      ),
    ]),
  );
}

/**
 * Rounds are the district's published notices of evaluation: everyone with grading:read sees those
 * past draft; drafts only the district that manages them.
 */
export function roundsVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('gradeRound as r');
  if (can(caller, 'grading:manage')) return q.where((eb) => inScope(eb, 'r.division_code', caller.scope));
  return q.where('r.state', '!=', 'draft');
}

/** Beijing's date in SQL, so "the notice is over" reads the same clock on both engines. */
export const BEIJING_TODAY = sql<string>`(now() at time zone 'Asia/Shanghai')::date`;
