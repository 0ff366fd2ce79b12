import type { AccountStatus } from '@linli/common';
import { type ExpressionBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { escapeLike, inScope, type Scope } from '../../platform/scope.ts';
import type { AccountRow, Db, GrantRow } from './accounts.repository.ts';

/** Queries of account administration (lists, uniqueness, sessions); sign-in has its own in accounts.repository.ts. */

export interface ListFilter {
  q?: string | undefined;
  role?: string | undefined;
  /** Already normalized. */
  divisionCode?: string | undefined;
  status?: AccountStatus | undefined;
}

export type ListedAccount = AccountRow & { lastSignInAt: Date | null; divisionName: string | null };

function statusFilter(eb: ExpressionBuilder<DB, 'account'>, status: AccountStatus) {
  const locked = sql<boolean>`account.locked_until is not null and account.locked_until > now()`;
  switch (status) {
    case 'disabled':
      return eb('account.disabled', '=', true);
    case 'locked':
      return locked;
    case 'mustChangePassword':
      return eb('account.mustChangePassword', '=', true);
    case 'active':
      return eb.and([eb('account.disabled', '=', false), eb.not(locked)]);
  }
}

function filtered(db: Db, scope: Scope, f: ListFilter) {
  let q = db.selectFrom('account').where((eb) => inScope(eb, 'account.division_code', scope));
  const text = f.q?.trim();
  if (text) {
    // Usernames: the trigram index. Names: the character-pair index first for two or more
    // characters (王芳), then the exact substring (migration 202611271510).
    const like = `%${escapeLike(text)}%`;
    const byName = (eb: ExpressionBuilder<DB, 'account'>) =>
      [...text].length >= 2
        ? eb.and([
            sql<boolean>`account.display_name_bigrams @> linli_bigrams(lower(${text}))`,
            eb('account.displayName', 'ilike', like),
          ])
        : eb('account.displayName', 'ilike', like);
    q = q.where((eb) => eb.or([eb('account.username', 'ilike', like), byName(eb)]));
  }
  if (f.role) {
    const role = f.role;
    q = q.where('account.id', 'in', (eb) =>
      eb.selectFrom('roleGrant').select('roleGrant.accountId').where('roleGrant.role', '=', role),
    );
  }
  if (f.divisionCode) q = q.where('account.divisionCode', 'like', `${escapeLike(f.divisionCode)}%`);
  const status = f.status;
  if (status) q = q.where((eb) => statusFilter(eb, status));
  return q;
}

function detailed(db: Db, scope: Scope, f: ListFilter) {
  return filtered(db, scope, f)
    .leftJoin('division', 'division.code', 'account.divisionCode')
    .selectAll('account')
    .select('division.name as divisionName')
    .select((eb) =>
      eb
        .selectFrom('session')
        .select((s) => s.fn.max('session.createdAt').as('m'))
        .whereRef('session.accountId', '=', 'account.id')
        .as('lastSignInAt'),
    );
}

export async function listAccounts(
  db: Db,
  scope: Scope,
  f: ListFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: ListedAccount[]; total: number }> {
  const [rows, total] = await Promise.all([
    detailed(db, scope, f).orderBy('account.username').limit(page.limit).offset(page.offset).execute(),
    filtered(db, scope, f).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as ListedAccount[], total: Number(total.n) };
}

export async function allAccounts(
  db: Db,
  scope: Scope,
  f: ListFilter,
  max: number,
): Promise<ListedAccount[]> {
  const rows = await detailed(db, scope, f).orderBy('account.username').limit(max).execute();
  return rows as ListedAccount[];
}

/** One account with its division name and last sign-in, when it lies in the scope. */
export async function findListedAccount(
  db: Db,
  scope: Scope,
  id: string,
): Promise<ListedAccount | undefined> {
  const row = await detailed(db, scope, {}).where('account.id', '=', id).executeTakeFirst();
  return row as ListedAccount | undefined;
}

export async function findAccountInScope(db: Db, scope: Scope, id: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('account')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => inScope(eb, 'account.division_code', scope))
    .executeTakeFirst();
}

export async function grantsOfAccounts(db: Db, ids: readonly string[]): Promise<Map<string, GrantRow[]>> {
  const out = new Map<string, GrantRow[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('roleGrant')
    .selectAll()
    .where('accountId', 'in', [...ids])
    .orderBy('accountId')
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = out.get(row.accountId) ?? [];
    list.push(row);
    out.set(row.accountId, list);
  }
  return out;
}

/** Division names by code. Divisions are reference data every module reads. */
export async function divisionNames(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(codes)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('division').select(['code', 'name']).where('code', 'in', unique).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function takenUsernames(db: Db, usernames: readonly string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db
    .selectFrom('account')
    .select('username')
    .where('username', 'in', [...usernames])
    .execute();
  return new Set(rows.map((r) => r.username));
}

/** Which of these phone blind indexes belong to an account other than `exceptId`. */
export async function takenPhoneIndexes(
  db: Db,
  indexes: readonly string[],
  exceptId?: string,
): Promise<Set<string>> {
  if (indexes.length === 0) return new Set();
  let q = db
    .selectFrom('account')
    .select('phoneIndex')
    .where('phoneIndex', 'in', [...indexes]);
  if (exceptId) q = q.where('id', '<>', exceptId);
  const rows = await q.execute();
  return new Set(rows.map((r) => r.phoneIndex!));
}

/** Ends the account's open sessions; its rights are read again at the next sign-in. Returns how many. */
export async function revokeSessions(db: Db, accountId: string): Promise<number> {
  const result = await db
    .updateTable('session')
    .set({ revokedAt: sql<Date>`now()` })
    .where('accountId', '=', accountId)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function replaceGrants(
  db: Db,
  accountId: string,
  grants: ReadonlyArray<{
    role: string;
    scopeCode: string | null;
    department: string | null;
    organizationId: string | null;
  }>,
): Promise<void> {
  await db.deleteFrom('roleGrant').where('accountId', '=', accountId).execute();
  if (grants.length === 0) return;
  await db
    .insertInto('roleGrant')
    .values(grants.map((g) => ({ accountId, ...g })))
    .execute();
}

/** A sample community of the scope for the import template's example row. */
export async function firstCommunityIn(db: Db, scope: Scope): Promise<string | undefined> {
  const row = await db
    .selectFrom('division')
    .select('code')
    .where((eb) => inScope(eb, 'division.code', scope))
    .where(sql<boolean>`length(code) = 12`)
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  return row?.code;
}
