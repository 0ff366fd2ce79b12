import { TOTP_REQUIRED_ROLES } from '@linli/common';
import { verify as argonVerify } from '@node-rs/argon2';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Actor, appendAudit } from '../../platform/audit.ts';
import type { DataCipher } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './accounts.repository.ts';
import type { AuthService, AuthState, ClientInfo, SessionContext } from './auth.service.ts';
import { newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpStep, totpUri } from './totp.ts';

export interface SessionInfo {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  actingForName: string | null;
}

/** A session's public id: a prefix of its token's hash (the token itself is never stored). */
const sessionIdOf = (tokenHash: string) => tokenHash.slice(0, 24);

/**
 * What a signed-in user manages for themself (the profile page): their sessions and their second
 * factor. Password changes stay in AuthService, which the sign-in flow shares.
 */
export class ProfileService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
    private readonly auth: AuthService,
  ) {}

  async sessions(context: SessionContext): Promise<SessionInfo[]> {
    const rows = await this.db
      .selectFrom('session')
      .selectAll()
      .where('accountId', '=', context.accountId)
      .where('revokedAt', 'is', null)
      .where('expiresAt', '>', sql<Date>`now()`)
      .orderBy('lastSeenAt', 'desc')
      .execute();
    return rows.map((r) => ({
      id: sessionIdOf(r.tokenHash),
      current: r.tokenHash === context.tokenHash,
      createdAt: r.createdAt.toISOString(),
      lastSeenAt: r.lastSeenAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      ip: r.ip,
      userAgent: r.userAgent,
      actingForName: r.actingResidentName,
    }));
  }

  /** Ends one of the user's own sessions (a lost phone, a shared computer). */
  async revokeSession(context: SessionContext, id: string, client: ClientInfo): Promise<void> {
    if (!/^[0-9a-f]{24}$/.test(id)) throw new AppError('auth.sessionNotFound');
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('session')
        .set({ revokedAt: sql<Date>`now()` })
        .where('accountId', '=', context.accountId)
        .where('tokenHash', 'like', `${id}%`)
        .where('revokedAt', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('auth.sessionNotFound');
      await appendAudit(trx, actorOf(context, client), {
        action: 'auth.sessionRevoke',
        entityType: 'account',
        entityId: context.accountId,
        after: { session: id },
      });
    });
    await this.auth.sessionsChanged();
  }

  /**
   * Step one of enrolment: a new secret, kept sealed as pending until a code from the phone
   * proves it was scanned. Allowed while signing in (stage totpEnroll) and from the profile.
   */
  async startTotp(context: SessionContext): Promise<{ secret: string; otpauthUri: string }> {
    if (context.stage === 'totp') throw new AppError('auth.required');
    const account = await this.#account(context);
    if (account.totpEnabled) throw new AppError('auth.totpAlreadyEnabled');
    const secret = newTotpSecret();
    await this.db
      .updateTable('account')
      .set({ totpPendingSealed: this.cipher.encrypt(secret) })
      .where('id', '=', account.id)
      .execute();
    return { secret, otpauthUri: totpUri(account.username, secret) };
  }

  /** Step two: the first code turns the factor on; the recovery codes are returned this once. */
  async confirmTotp(
    context: SessionContext,
    code: string,
    client: ClientInfo,
  ): Promise<{ recoveryCodes: string[]; state: AuthState }> {
    if (context.stage === 'totp') throw new AppError('auth.required');
    const account = await this.#account(context);
    if (account.totpEnabled) throw new AppError('auth.totpAlreadyEnabled');
    if (!account.totpPendingSealed) throw new AppError('auth.totpNotPending');
    const secretSealed = account.totpPendingSealed;
    const step = totpStep(this.cipher.decrypt(secretSealed), code.replace(/\s/g, ''));
    if (step === null) throw new AppError('auth.invalidTotp');
    const recoveryCodes = newRecoveryCodes();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('account')
        .set({
          totpSecretSealed: secretSealed,
          totpPendingSealed: null,
          totpEnabled: true,
          totpLastStep: step,
          recoveryCodeHashes: JSON.stringify(recoveryCodes.map(recoveryCodeHash)),
          updatedAt: sql<Date>`now()`,
        })
        .where('id', '=', account.id)
        .execute();
      if (context.stage === 'totpEnroll') {
        await trx
          .updateTable('session')
          .set({ stage: account.mustChangePassword ? 'changePassword' : 'active' })
          .where('tokenHash', '=', context.tokenHash)
          .execute();
      }
      await appendAudit(trx, actorOf(context, client), {
        action: 'auth.totpEnrol',
        entityType: 'account',
        entityId: account.id,
        divisionCode: account.divisionCode,
      });
    });
    return { recoveryCodes, state: await this.auth.refreshed(context.tokenHash) };
  }

  /** New recovery codes (the old ones stop working); asks for a current code first. */
  async regenerateRecoveryCodes(
    context: SessionContext,
    code: string,
    client: ClientInfo,
  ): Promise<string[]> {
    const account = await this.#activeAccount(context);
    await this.#checkCode(account, code);
    const recoveryCodes = newRecoveryCodes();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('account')
        .set({ recoveryCodeHashes: JSON.stringify(recoveryCodes.map(recoveryCodeHash)) })
        .where('id', '=', account.id)
        .execute();
      await appendAudit(trx, actorOf(context, client), {
        action: 'auth.recoveryCodesRenew',
        entityType: 'account',
        entityId: account.id,
        divisionCode: account.divisionCode,
      });
    });
    return recoveryCodes;
  }

  /** Turns the second factor off (not for roles that must have it); asks for the password. */
  async disableTotp(context: SessionContext, password: string, client: ClientInfo): Promise<AuthState> {
    const account = await this.#activeAccount(context);
    if (context.roles.some((r) => TOTP_REQUIRED_ROLES.includes(r))) throw new AppError('auth.totpRequired');
    if (!account.passwordHash || !(await argonVerify(account.passwordHash, password))) {
      throw new AppError('auth.invalidCredentials');
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('account')
        .set({
          totpSecretSealed: null,
          totpPendingSealed: null,
          totpEnabled: false,
          totpLastStep: null,
          recoveryCodeHashes: '[]',
        })
        .where('id', '=', account.id)
        .execute();
      await appendAudit(trx, actorOf(context, client), {
        action: 'auth.totpDisable',
        entityType: 'account',
        entityId: account.id,
        divisionCode: account.divisionCode,
      });
    });
    return this.auth.refreshed(context.tokenHash);
  }

  async #account(context: SessionContext): Promise<repo.AccountRow> {
    const account = await repo.findAccount(this.db, context.accountId);
    if (!account) throw new AppError('auth.required');
    return account;
  }

  async #activeAccount(context: SessionContext): Promise<repo.AccountRow> {
    if (context.stage !== 'active') throw new AppError('auth.required');
    return this.#account(context);
  }

  /** A current TOTP code, good once: it moves the account's last accepted step. */
  async #checkCode(account: repo.AccountRow, code: string): Promise<void> {
    if (!account.totpEnabled || !account.totpSecretSealed) throw new AppError('auth.totpNotPending');
    const step = totpStep(this.cipher.decrypt(account.totpSecretSealed), code.replace(/\s/g, ''));
    if (step === null) throw new AppError('auth.invalidTotp');
    const result = await this.db
      .updateTable('account')
      .set({ totpLastStep: step })
      .where('id', '=', account.id)
      .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('auth.totpReused');
  }
}

export function actorOf(context: SessionContext, client: ClientInfo): Actor {
  return {
    id: context.accountId,
    name: context.displayName,
    role: context.roles.join(','),
    ip: client.ip,
    userAgent: client.userAgent,
    requestId: client.requestId,
  };
}
