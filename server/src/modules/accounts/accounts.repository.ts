import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Account, DB, RoleGrant, Session } from '../../db/schema.gen.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type AccountRow = Selectable<Account>;
export type GrantRow = Selectable<RoleGrant>;
export type SessionRow = Selectable<Session>;

export function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findAccount(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
}

export function grantsOf(db: Db, accountId: string): Promise<GrantRow[]> {
  return db.selectFrom('roleGrant').selectAll().where('accountId', '=', accountId).orderBy('id').execute();
}

export function findSession(db: Db, tokenHash: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('session')
    .selectAll()
    .where('tokenHash', '=', tokenHash)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
}
