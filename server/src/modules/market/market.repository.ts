import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Caller, inScope } from '../../platform/scope.ts';
import { isResidentOnly } from '../volunteers/volunteers.repository.ts';

export type Db = Kysely<DB> | Transaction<DB>;

/** Supermarkets a caller runs or oversees: by division prefix (an operator's grant is its community). */
export function marketsVisibleTo(db: Db, caller: Caller) {
  return db.selectFrom('market as m').where((eb) => inScope(eb, 'm.division_code', caller.scope));
}

/** Redemptions: staff and operators by the supermarket's division; a resident only their own. */
export function redemptionsVisibleTo(db: Db, caller: Caller) {
  const q = db.selectFrom('marketRedemption as r');
  if (isResidentOnly(caller))
    return q.where('r.volunteerId', 'in', (eb) =>
      eb.selectFrom('volunteer').select('id').where('accountId', '=', caller.actor.id),
    );
  return q.where((eb) => inScope(eb, 'r.division_code', caller.scope));
}
