import { ACT_FOR_RESIDENT_ROLES } from '@linli/common';
import { type Caller, can } from '../../platform/scope.ts';
import type { ResidentAbilities } from './residents.schemas.ts';

/**
 * What the caller may do with one resident it can see (scope is already settled: a row outside
 * it is never returned). The web shows exactly the buttons these allow.
 */
export function residentAbilities(
  caller: Caller,
  row: { id: string; accountId: string | null },
): ResidentAbilities {
  const write = can(caller, 'resident:write');
  return {
    update: write,
    // A resident with an account is a person who signs in; unlink the account before removing them.
    delete: write && row.accountId === null,
    reveal: can(caller, 'pii:reveal'),
    recordConsent: write && isActingFor(caller, row.id),
    act: caller.roles.some((r) => ACT_FOR_RESIDENT_ROLES.includes(r)) && !isActingFor(caller, row.id),
  };
}

/** Consent is the resident's own word: staff record it only while acting for that very resident. */
export function isActingFor(caller: Caller, residentId: string): boolean {
  return caller.actingFor?.residentId === residentId;
}
