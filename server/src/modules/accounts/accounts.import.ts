import { randomUUID } from 'node:crypto';
import {
  accountDivisionCode,
  checkUsername,
  DISPLAY_NAME_MAX,
  type FieldProblemCode,
  type GrantField,
  type GrantInput,
  grantableRoles,
  type Locale,
  maskPhone,
  normalizeMobile,
  parseRoleName,
  ROLE_NAMES,
} from '@linli/common';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, fieldError, type ProblemFieldError } from '../../platform/errors.ts';
import type { Caller } from '../../platform/scope.ts';
import * as admin from './accounts.admin-repository.ts';
import { IMPORT_COLUMNS, type ImportColumnKey, readAccountSheet } from './accounts.excel.ts';
import { checkGrants, type ResolvedGrant, scopeCodesOf } from './accounts.grants.ts';
import { districtRootOf } from './accounts.policy.ts';
import type { AccountImportResult } from './accounts.schemas.ts';
import { type AccountService, temporaryPassword } from './accounts.service.ts';

/** One account of the file: its rows (one grant each) and what they say about it. */
interface FileAccount {
  username: string;
  firstRow: number;
  displayName: { value: string; row: number } | null;
  phone: { value: string; row: number } | null;
  grants: GrantInput[];
  grantRows: number[];
}

const GRANT_COLUMN: Record<GrantField, ImportColumnKey> = {
  role: 'role',
  scopeCode: 'scopeCode',
  department: 'department',
  organizationId: 'organizationId',
};

/**
 * Creates accounts from an Excel sheet: rows with the same username are one account's grants.
 * Every row is checked before anything is written; one bad row refuses the whole file, and the
 * answer names every bad row, column and reason. Existing usernames are errors, never updates.
 */
export async function importAccounts(
  service: AccountService,
  caller: Caller,
  buffer: Buffer,
  options: { dryRun: boolean; locale: Locale },
): Promise<AccountImportResult> {
  const { locale } = options;
  const rows = await readAccountSheet(buffer);
  const errors: ProblemFieldError[] = [];
  const fail = (
    row: number,
    column: ImportColumnKey,
    code: FieldProblemCode,
    params: Record<string, unknown> = {},
  ) => {
    const header = IMPORT_COLUMNS.find((c) => c.key === column)!.header;
    errors.push(fieldError(locale, header, code, params, row));
  };
  const grantable = grantableRoles(caller.roles);
  const allowedRoles = grantable.map((r) => ROLE_NAMES[locale][r]).join(' / ');

  const accounts = new Map<string, FileAccount>();
  for (const { row, cells } of rows) {
    if (!cells.username) {
      fail(row, 'username', 'field.required');
      continue;
    }
    const username = checkUsername(cells.username);
    if (!username.ok) {
      fail(row, 'username', username.problem);
      continue;
    }
    let account = accounts.get(username.value);
    if (!account) {
      account = {
        username: username.value,
        firstRow: row,
        displayName: null,
        phone: null,
        grants: [],
        grantRows: [],
      };
      accounts.set(username.value, account);
    }
    const name = cells.displayName?.trim();
    if (name) {
      if (name.length > DISPLAY_NAME_MAX)
        fail(row, 'displayName', 'field.tooLong', { max: DISPLAY_NAME_MAX });
      else if (account.displayName && account.displayName.value !== name) {
        fail(row, 'displayName', 'account.rowMismatch', {
          column: '姓名',
          otherRow: account.displayName.row,
          value: account.displayName.value,
        });
      } else account.displayName ??= { value: name, row };
    }
    if (cells.phone) {
      const phone = normalizeMobile(cells.phone);
      if (!phone) fail(row, 'phone', 'phone.format');
      else if (account.phone && account.phone.value !== phone) {
        fail(row, 'phone', 'account.rowMismatch', {
          column: '手机号',
          otherRow: account.phone.row,
          value: maskPhone(account.phone.value),
        });
      } else account.phone ??= { value: phone, row };
    }
    if (!cells.role) {
      fail(row, 'role', 'field.required');
      continue;
    }
    const role = parseRoleName(cells.role);
    if (!role) {
      fail(row, 'role', 'field.unknownValue', { value: cells.role, allowed: allowedRoles });
      continue;
    }
    account.grants.push({
      role,
      scopeCode: cells.scopeCode ?? null,
      department: cells.department ?? null,
      organizationId: cells.organizationId ?? null,
    });
    account.grantRows.push(row);
  }

  const list = [...accounts.values()];
  for (const a of list) if (!a.displayName) fail(a.firstRow, 'displayName', 'field.required');

  const taken = await admin.takenUsernames(
    service.db,
    list.map((a) => a.username),
  );
  for (const a of list) {
    if (taken.has(a.username))
      fail(a.firstRow, 'username', 'account.usernameTaken', { username: a.username });
  }

  const phoneOwner = new Map<string, FileAccount>();
  for (const a of list) {
    if (!a.phone) continue;
    const other = phoneOwner.get(a.phone.value);
    if (other) {
      fail(a.phone.row, 'phone', 'account.phoneInFile', {
        otherRow: other.phone!.row,
        username: other.username,
      });
    } else phoneOwner.set(a.phone.value, a);
  }
  const indexOf = new Map([...phoneOwner.keys()].map((p) => [service.phoneIndex(p), p]));
  for (const index of await admin.takenPhoneIndexes(service.db, [...indexOf.keys()])) {
    const phone = indexOf.get(index)!;
    fail(phoneOwner.get(phone)!.phone!.row, 'phone', 'account.phoneTaken', { phone: maskPhone(phone) });
  }

  const existing = new Set(
    (
      await admin.divisionNames(
        service.db,
        scopeCodesOf(
          caller,
          list.flatMap((a) => a.grants),
        ),
      )
    ).keys(),
  );
  const resolved = new Map<FileAccount, ResolvedGrant[]>();
  for (const a of list) {
    const { grants, problems } = checkGrants(caller, a.grants, locale, existing);
    for (const p of problems) {
      const row = a.grantRows[p.index]!;
      const column = GRANT_COLUMN[p.field];
      // checkGrants counts grants of the account; the sheet speaks of rows.
      if (p.code === 'grant.duplicate')
        fail(row, column, 'grant.duplicateRow', { otherRow: a.grantRows[Number(p.params.other) - 1] });
      else fail(row, column, p.code, p.params);
    }
    resolved.set(a, grants);
  }

  if (errors.length > 0) {
    errors.sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
    const badRows = new Set(errors.map((e) => e.row)).size;
    throw new AppError('import.rowsInvalid', { count: badRows, firstRow: errors[0]?.row }, errors);
  }

  const result: AccountImportResult = {
    dryRun: options.dryRun,
    rows: rows.length,
    accounts: list.length,
    created: list.map((a) => ({
      username: a.username,
      displayName: a.displayName!.value,
      grants: a.grants.length,
      temporaryPassword: null,
    })),
  };
  if (options.dryRun) return result;

  const root = districtRootOf(caller.scope);
  // Hashing is slow on purpose: done before the transaction opens.
  const prepared = await Promise.all(
    list.map(async (a) => {
      const password = temporaryPassword(a.username);
      const grants = resolved.get(a)!;
      const phone = a.phone?.value ?? null;
      return {
        password,
        phone,
        grants,
        account: {
          id: randomUUID(),
          username: a.username,
          displayName: a.displayName!.value,
          passwordHash: await service.hashPassword(password),
          mustChangePassword: true,
          phoneSealed: phone ? service.sealPhone(phone) : null,
          phoneIndex: phone ? service.phoneIndex(phone) : null,
          divisionCode: accountDivisionCode(
            grants.map((g) => g.scopeCode),
            root,
          ),
        },
      };
    }),
  );
  await service.db.transaction().execute(async (trx) => {
    for (const p of prepared) await service.insert(trx, caller, p.account, p.grants, p.phone);
    await appendAudit(trx, caller.actor, {
      action: 'account.import',
      entityType: 'account',
      divisionCode: caller.scope.kind === 'prefixes' ? (caller.scope.prefixes[0] ?? root) : root,
      after: { rows: rows.length, accounts: list.length, usernames: list.map((a) => a.username) },
    });
  });
  return {
    ...result,
    created: prepared.map((p) => ({
      username: p.account.username,
      displayName: p.account.displayName,
      grants: p.grants.length,
      temporaryPassword: p.password,
    })),
  };
}
