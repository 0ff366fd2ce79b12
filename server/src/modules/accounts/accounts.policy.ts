import { grantableRoles, type Role } from '@linli/common';
import { AppError } from '../../platform/errors.ts';
import { type Caller, can, codeInScope, type Scope } from '../../platform/scope.ts';
import type { AccountAbilities } from './accounts.schemas.ts';

/**
 * Who may manage which account (issue #3): an administrator manages accounts in its scope whose
 * every grant it could have given itself — a role it may grant, on a division in its scope — so a
 * street never touches a district admin whose scope happens to lie in its street. Nobody manages
 * their own account here (that is the profile page).
 */

interface GrantLike {
  role: string;
  scopeCode: string | null;
}

interface AccountLike {
  id: string;
  divisionCode: string;
  disabled: boolean;
  lockedUntil: Date | null;
  totpEnabled: boolean;
  totpSecretSealed: string | null;
}

export function isSelf(caller: Caller, accountId: string): boolean {
  return caller.actor.id === accountId;
}

export function canGiveGrant(caller: Caller, grant: GrantLike): boolean {
  return (
    grantableRoles(caller.roles).includes(grant.role as Role) &&
    (grant.scopeCode === null || codeInScope(grant.scopeCode, caller.scope))
  );
}

export function canManage(caller: Caller, account: AccountLike, grants: readonly GrantLike[]): boolean {
  return (
    can(caller, 'account:write') &&
    !isSelf(caller, account.id) &&
    codeInScope(account.divisionCode, caller.scope) &&
    grants.every((g) => canGiveGrant(caller, g))
  );
}

/** Throws the 403 that says why: one's own account, or an account holding grants beyond the caller's. */
export function requireManageable(caller: Caller, account: AccountLike, grants: readonly GrantLike[]): void {
  if (isSelf(caller, account.id)) throw new AppError('account.self');
  if (!canManage(caller, account, grants)) throw new AppError('account.notManageable');
}

export function isLocked(account: { lockedUntil: Date | null }, now: Date): boolean {
  return account.lockedUntil !== null && account.lockedUntil > now;
}

export function abilitiesOf(
  caller: Caller,
  account: AccountLike,
  grants: readonly GrantLike[],
  now: Date,
): AccountAbilities {
  const manage = canManage(caller, account, grants);
  return {
    update: manage,
    disable: manage && !account.disabled,
    enable: manage && account.disabled,
    resetPassword: manage,
    unlock: manage && isLocked(account, now),
    resetTotp: manage && (account.totpEnabled || account.totpSecretSealed !== null),
  };
}

/**
 * The district the caller administers (the first six digits of its scope): the data scope of
 * department and organization grants it gives.
 */
export function districtRootOf(scope: Scope): string {
  if (scope.kind === 'all' || scope.prefixes.length === 0) throw new AppError('auth.forbidden');
  return scope.prefixes[0]!.slice(0, 6);
}
