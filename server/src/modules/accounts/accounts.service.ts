import { randomInt, randomUUID } from 'node:crypto';
import {
  accountDivisionCode,
  checkPassword,
  checkUsername,
  type GrantInput,
  type Locale,
  maskPhone,
  normalizeMobile,
  type Role,
} from '@linli/common';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit, changedFields } from '../../platform/audit.ts';
import type { DataCipher } from '../../platform/crypto.ts';
import { AppError, fieldError, isUniqueViolation } from '../../platform/errors.ts';
import type { PageOf } from '../../platform/http-schemas.ts';
import { type Caller, SYSTEM_SCOPE } from '../../platform/scope.ts';
import { requireCode } from '../divisions/divisions.service.ts';
import * as admin from './accounts.admin-repository.ts';
import { checkGrants, grantForAudit, grantKey, type ResolvedGrant, scopeCodesOf } from './accounts.grants.ts';
import { abilitiesOf, districtRootOf, requireManageable } from './accounts.policy.ts';
import type { AccountRow, GrantRow } from './accounts.repository.ts';
import { grantsOf } from './accounts.repository.ts';
import type {
  Account,
  AccountActionInput,
  AccountListFilters,
  AccountWithPassword,
  CreateAccountInput,
  UpdateAccountInput,
} from './accounts.schemas.ts';
import { AuthService } from './auth.service.ts';

/** Most rows one export writes. */
export const EXPORT_LIMIT = 20_000;

const PASSWORD_CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!?'];
const PASSWORD_LENGTH = 12;

/**
 * A random temporary password that meets the policy: 12 characters with every character class,
 * without look-alikes (0/O, 1/l/I) so it can be read out over the phone.
 */
export function temporaryPassword(username: string): string {
  const all = PASSWORD_CLASSES.join('');
  for (;;) {
    const chars = PASSWORD_CLASSES.map((c) => c[randomInt(c.length)]!);
    while (chars.length < PASSWORD_LENGTH) chars.push(all[randomInt(all.length)]!);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    const password = chars.join('');
    if (checkPassword(password, username) === null) return password;
  }
}

export interface AccountServiceDeps {
  db: Kysely<DB>;
  cipher: DataCipher;
  /** Drops cached sessions (here and in other processes) after sessions are revoked. */
  auth: Pick<AuthService, 'sessionsChanged'>;
}

/** Maps a unique-index violation of `account` to our 409; anything else is rethrown. */
function uniqueViolation(err: unknown, username: string, phone: string | null): never {
  const e = err as { constraint?: string; message?: string };
  if (isUniqueViolation(err)) {
    const which = `${e.constraint ?? ''} ${e.message ?? ''}`;
    if (which.includes('phone_index') && phone)
      throw new AppError('account.phoneTaken', { phone: maskPhone(phone) });
    if (which.includes('username')) throw new AppError('account.usernameTaken', { username });
  }
  throw err;
}

/**
 * Account administration (issue #3): list, create, edit, disable and reset accounts within the
 * administrator's scope. Temporary passwords are returned once and never stored in clear or
 * audited; phones are sealed, indexed blind, and shown masked.
 */
export class AccountService {
  readonly db: Kysely<DB>;
  readonly #cipher: DataCipher;
  readonly #deps: AccountServiceDeps;

  constructor(deps: AccountServiceDeps) {
    this.db = deps.db;
    this.#cipher = deps.cipher;
    this.#deps = deps;
  }

  phoneIndex(phone: string): string {
    return this.#cipher.piiIndex('phone', phone);
  }

  sealPhone(phone: string): string {
    return this.#cipher.encrypt(phone);
  }

  maskedPhone(sealed: string | null): string | null {
    return sealed ? maskPhone(this.#cipher.decrypt(sealed)) : null;
  }

  hashPassword(password: string): Promise<string> {
    return AuthService.hashPassword(password);
  }

  async list(caller: Caller, f: AccountListFilters): Promise<PageOf<Account>> {
    const limit = f.limit ?? 20;
    const offset = f.offset ?? 0;
    const { rows, total } = await admin.listAccounts(this.db, caller.scope, this.#filter(f), {
      limit,
      offset,
    });
    return { items: await this.#present(caller, rows), total, limit, offset };
  }

  /** Every account the filters match (up to EXPORT_LIMIT), for the Excel export. */
  async all(caller: Caller, f: AccountListFilters): Promise<Account[]> {
    const rows = await admin.allAccounts(this.db, caller.scope, this.#filter(f), EXPORT_LIMIT);
    return this.#present(caller, rows);
  }

  async get(caller: Caller, id: string): Promise<Account> {
    const row = await admin.findListedAccount(this.db, caller.scope, id);
    if (!row) throw new AppError('resource.notFound');
    return (await this.#present(caller, [row]))[0]!;
  }

  async create(caller: Caller, input: CreateAccountInput, locale: Locale): Promise<AccountWithPassword> {
    const username = this.#username(input.username, locale);
    const displayName = this.#displayName(input.displayName, locale);
    const phone = input.phone ? this.#phone(input.phone, locale) : null;
    const grants = await this.#grants(caller, input.grants, locale);
    if ((await admin.takenUsernames(this.db, [username])).size > 0)
      throw new AppError('account.usernameTaken', { username });
    const phoneIndex = phone ? this.phoneIndex(phone) : null;
    if (phoneIndex && (await admin.takenPhoneIndexes(this.db, [phoneIndex])).size > 0)
      throw new AppError('account.phoneTaken', { phone: maskPhone(phone!) });
    const password = temporaryPassword(username);
    const id = randomUUID();
    const account = {
      id,
      username,
      displayName,
      passwordHash: await this.hashPassword(password),
      mustChangePassword: true,
      phoneSealed: phone ? this.sealPhone(phone) : null,
      phoneIndex,
      divisionCode: accountDivisionCode(
        grants.map((g) => g.scopeCode),
        districtRootOf(caller.scope),
      ),
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await this.insert(trx, caller, account, grants, phone);
      });
    } catch (err) {
      uniqueViolation(err, username, phone);
    }
    return { account: await this.#presentOne(caller, id), temporaryPassword: password };
  }

  /** Writes one new account with its grants and its `account.create` audit entry (also used by the import). */
  async insert(
    trx: Transaction<DB>,
    caller: Caller,
    account: {
      id: string;
      username: string;
      displayName: string;
      passwordHash: string;
      mustChangePassword: boolean;
      phoneSealed: string | null;
      phoneIndex: string | null;
      divisionCode: string;
    },
    grants: readonly ResolvedGrant[],
    phone: string | null,
  ): Promise<void> {
    await trx.insertInto('account').values(account).execute();
    await admin.replaceGrants(trx, account.id, grants);
    await appendAudit(trx, caller.actor, {
      action: 'account.create',
      entityType: 'account',
      entityId: account.id,
      divisionCode: account.divisionCode,
      after: {
        username: account.username,
        displayName: account.displayName,
        phone: phone ? maskPhone(phone) : null,
        divisionCode: account.divisionCode,
        grants: grants.map(grantForAudit),
      },
    });
  }

  async update(caller: Caller, id: string, input: UpdateAccountInput, locale: Locale): Promise<Account> {
    const { row, grants: current } = await this.#manageable(caller, id, input.version);
    const displayName =
      input.displayName === undefined ? row.displayName : this.#displayName(input.displayName, locale);
    let phone: string | null | undefined;
    if (input.phone === null || (typeof input.phone === 'string' && input.phone.trim() === '')) phone = null;
    else if (input.phone !== undefined) phone = this.#phone(input.phone, locale);
    const phoneIndex = phone ? this.phoneIndex(phone) : null;
    if (phoneIndex && (await admin.takenPhoneIndexes(this.db, [phoneIndex], id)).size > 0)
      throw new AppError('account.phoneTaken', { phone: maskPhone(phone!) });
    const phoneChanged = phone !== undefined && phoneIndex !== row.phoneIndex;

    const grants = input.grants === undefined ? undefined : await this.#grants(caller, input.grants, locale);
    const grantsChanged =
      grants !== undefined &&
      grants.map(grantKey).sort().join('\n') !== current.map(grantKey).sort().join('\n');
    const divisionCode = grants
      ? accountDivisionCode(
          grants.map((g) => g.scopeCode),
          districtRootOf(caller.scope),
        )
      : row.divisionCode;

    let revoked = 0;
    try {
      await this.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('account')
          .set({
            displayName,
            divisionCode,
            ...(phoneChanged
              ? { phoneSealed: phone ? this.sealPhone(phone) : null, phoneIndex, phoneVerifiedAt: null }
              : {}),
            version: sql<number>`version + 1`,
            updatedAt: sql<Date>`now()`,
          })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw new AppError('conflict.version');
        if (grants && grantsChanged) {
          await admin.replaceGrants(trx, id, grants);
          // New rights take effect at the next sign-in.
          revoked = await admin.revokeSessions(trx, id);
        }
        const before = {
          displayName: row.displayName,
          phone: this.maskedPhone(row.phoneSealed),
          divisionCode: row.divisionCode,
          grants: current.map(grantForAudit),
        };
        const after = {
          displayName,
          phone: phoneChanged ? (phone ? maskPhone(phone) : null) : before.phone,
          divisionCode,
          grants: grants && grantsChanged ? grants.map(grantForAudit) : before.grants,
        };
        const changes = changedFields(before, after);
        await appendAudit(trx, caller.actor, {
          action: 'account.update',
          entityType: 'account',
          entityId: id,
          divisionCode,
          before: changes?.before ?? null,
          after: {
            ...(changes?.after ?? {}),
            ...(phoneChanged && before.phone === after.phone ? { phoneReplaced: true } : {}),
            ...(revoked ? { sessionsRevoked: revoked } : {}),
          },
        });
      });
    } catch (err) {
      uniqueViolation(err, row.username, phone ?? null);
    }
    if (revoked) await this.#deps.auth.sessionsChanged();
    return this.#presentOne(caller, id);
  }

  disable(caller: Caller, id: string, input: AccountActionInput): Promise<Account> {
    return this.#act(caller, id, input, 'account.disable', async (trx, row) => {
      await trx.updateTable('account').set({ disabled: true }).where('id', '=', id).execute();
      const revoked = await admin.revokeSessions(trx, id);
      return {
        before: { disabled: row.disabled },
        after: { disabled: true, sessionsRevoked: revoked },
        revoked,
      };
    });
  }

  enable(caller: Caller, id: string, input: AccountActionInput): Promise<Account> {
    return this.#act(caller, id, input, 'account.enable', async (trx, row) => {
      await trx.updateTable('account').set({ disabled: false }).where('id', '=', id).execute();
      return { before: { disabled: row.disabled }, after: { disabled: false }, revoked: 0 };
    });
  }

  async resetPassword(caller: Caller, id: string, input: AccountActionInput): Promise<AccountWithPassword> {
    let password = '';
    const account = await this.#act(caller, id, input, 'account.resetPassword', async (trx, row) => {
      password = temporaryPassword(row.username);
      await trx
        .updateTable('account')
        .set({
          passwordHash: await this.hashPassword(password),
          mustChangePassword: true,
          failedAttempts: 0,
          lockedUntil: null,
        })
        .where('id', '=', id)
        .execute();
      const revoked = await admin.revokeSessions(trx, id);
      // The password itself never enters the log.
      return {
        before: { mustChangePassword: row.mustChangePassword, lockedUntil: row.lockedUntil },
        after: { mustChangePassword: true, lockedUntil: null, sessionsRevoked: revoked },
        revoked,
      };
    });
    return { account, temporaryPassword: password };
  }

  unlock(caller: Caller, id: string, input: AccountActionInput): Promise<Account> {
    return this.#act(caller, id, input, 'account.unlock', async (trx, row) => {
      await trx
        .updateTable('account')
        .set({ lockedUntil: null, failedAttempts: 0 })
        .where('id', '=', id)
        .execute();
      return {
        before: { lockedUntil: row.lockedUntil, failedAttempts: row.failedAttempts },
        after: { lockedUntil: null, failedAttempts: 0 },
        revoked: 0,
      };
    });
  }

  /** For a lost phone: the second factor is removed; roles that require one enrol again at the next sign-in. */
  resetTotp(caller: Caller, id: string, input: AccountActionInput): Promise<Account> {
    return this.#act(caller, id, input, 'account.resetTotp', async (trx, row) => {
      await trx
        .updateTable('account')
        .set({
          totpSecretSealed: null,
          totpPendingSealed: null,
          totpEnabled: false,
          totpLastStep: null,
          recoveryCodeHashes: '[]',
        })
        .where('id', '=', id)
        .execute();
      // Whoever holds the lost phone may also hold a signed-in session on it.
      const revoked = await admin.revokeSessions(trx, id);
      return {
        before: { totpEnabled: row.totpEnabled },
        after: { totpEnabled: false, sessionsRevoked: revoked },
        revoked,
      };
    });
  }

  /** Checks a list of grants for the caller; a broken rule is a 400 naming the grant (1-based). */
  async #grants(caller: Caller, inputs: readonly GrantInput[], locale: Locale): Promise<ResolvedGrant[]> {
    if (inputs.length === 0) throw new AppError('account.grantsRequired');
    const existing = new Set((await admin.divisionNames(this.db, scopeCodesOf(caller, inputs))).keys());
    const { grants, problems } = checkGrants(caller, inputs, locale, existing);
    const first = problems[0];
    if (first) {
      throw new AppError(
        'account.invalidGrant',
        { row: first.index + 1, reason: first.code, reasonParams: first.params },
        problems.map((p) => fieldError(locale, `body.grants.${p.index}.${p.field}`, p.code, p.params)),
      );
    }
    return grants;
  }

  #username(input: string, locale: Locale): string {
    const checked = checkUsername(input);
    if (!checked.ok) {
      throw new AppError('account.invalidUsername', { username: input, reason: checked.problem }, [
        fieldError(locale, 'body.username', checked.problem),
      ]);
    }
    return checked.value;
  }

  #displayName(input: string, locale: Locale): string {
    const name = input.trim();
    if (!name) {
      const error = fieldError(locale, 'body.displayName', 'field.required');
      throw new AppError('validation.failed', { detail: `displayName ${error.message}` }, [error]);
    }
    return name;
  }

  #phone(input: string, locale: Locale): string {
    const phone = normalizeMobile(input);
    if (!phone) {
      throw new AppError('account.invalidPhone', { reason: 'phone.format' }, [
        fieldError(locale, 'body.phone', 'phone.format'),
      ]);
    }
    return phone;
  }

  #filter(f: AccountListFilters): admin.ListFilter {
    const divisionCode = f.divisionCode ? requireCode(f.divisionCode) : undefined;
    return { q: f.q, role: f.role, divisionCode, status: f.status };
  }

  /** The account (in scope, else 404) and its grants, once the caller may manage it and the version is current. */
  async #manageable(
    caller: Caller,
    id: string,
    version: number,
  ): Promise<{ row: AccountRow; grants: GrantRow[] }> {
    const row = await admin.findAccountInScope(this.db, caller.scope, id);
    if (!row) throw new AppError('resource.notFound');
    const grants = await grantsOf(this.db, id);
    requireManageable(caller, row, grants);
    if (row.version !== version) throw new AppError('conflict.version');
    return { row, grants };
  }

  /** One state change of a managed account: version-checked, audited, sessions dropped from caches when revoked. */
  async #act(
    caller: Caller,
    id: string,
    input: AccountActionInput,
    action: string,
    change: (
      trx: Transaction<DB>,
      row: AccountRow,
    ) => Promise<{ before: Record<string, unknown>; after: Record<string, unknown>; revoked: number }>,
  ): Promise<Account> {
    const { row } = await this.#manageable(caller, id, input.version);
    let revoked = 0;
    await this.db.transaction().execute(async (trx) => {
      const bumped = await trx
        .updateTable('account')
        .set({ version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) === 0) throw new AppError('conflict.version');
      const result = await change(trx, row);
      revoked = result.revoked;
      const reason = input.reason?.trim();
      await appendAudit(trx, caller.actor, {
        action,
        entityType: 'account',
        entityId: id,
        divisionCode: row.divisionCode,
        before: result.before,
        after: { ...result.after, ...(reason ? { reason } : {}) },
      });
    });
    if (revoked) await this.#deps.auth.sessionsChanged();
    return this.#presentOne(caller, id);
  }

  /**
   * An account the caller just wrote, read without the scope filter: an account whose grants span
   * two of a caller's divisions belongs to their common parent, which may lie above the caller's scope.
   */
  async #presentOne(caller: Caller, id: string): Promise<Account> {
    const row = await admin.findListedAccount(this.db, SYSTEM_SCOPE, id);
    if (!row) throw new AppError('resource.notFound');
    return (await this.#present(caller, [row]))[0]!;
  }

  async #present(caller: Caller, rows: admin.ListedAccount[]): Promise<Account[]> {
    const grantsBy = await admin.grantsOfAccounts(
      this.db,
      rows.map((r) => r.id),
    );
    const codes = [...grantsBy.values()].flat().flatMap((g) => (g.scopeCode ? [g.scopeCode] : []));
    const names = await admin.divisionNames(this.db, codes);
    const now = new Date();
    return rows.map((row) => {
      const grants = grantsBy.get(row.id) ?? [];
      return {
        id: row.id,
        username: row.username,
        displayName: row.displayName,
        phone: this.maskedPhone(row.phoneSealed),
        divisionCode: row.divisionCode,
        divisionName: row.divisionName,
        roles: grants.map((g) => ({
          role: g.role as Role,
          scopeCode: g.scopeCode,
          scopeName: g.scopeCode ? (names.get(g.scopeCode) ?? null) : null,
          department: g.department,
          organizationId: g.organizationId,
        })),
        disabled: row.disabled,
        lockedUntil: row.lockedUntil ? row.lockedUntil.toISOString() : null,
        mustChangePassword: row.mustChangePassword,
        totpEnabled: row.totpEnabled,
        lastSignInAt: row.lastSignInAt ? new Date(row.lastSignInAt).toISOString() : null,
        version: row.version,
        abilities: abilitiesOf(caller, row, grants, now),
      };
    });
  }
}
