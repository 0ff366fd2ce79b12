import { randomBytes } from 'node:crypto';
import { checkPassword, type Permission, permissionsOf, type Role, TOTP_REQUIRED_ROLES } from '@linli/common';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Actor, appendAudit } from '../../platform/audit.ts';
import type { ChangeFeed } from '../../platform/change-feed.ts';
import { type DataCipher, sm3Hex } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import { ReadCache } from '../../platform/read-cache.ts';
import { type ActingFor, type Scope, scopeOf } from '../../platform/scope.ts';
import * as repo from './accounts.repository.ts';
import { currentTotp, recoveryCodeHash, totpStep } from './totp.ts';

/** 等保 身份鉴别 b: lock after repeated failures, end idle and long sessions. */
export const AUTH_POLICY = {
  maxFailures: 5,
  lockMinutes: 15,
  idleMinutes: 30,
  absoluteHours: 12,
  ipWindowMinutes: 15,
  ipMaxFailures: 50,
} as const;

export const SESSIONS_TOPIC = 'sessions';

export type Stage = 'totp' | 'totpEnroll' | 'changePassword' | 'active';
export type SignInMethod = 'password' | 'sms';

export interface AuthState {
  stage: Stage;
  account: { id: string; username: string; displayName: string };
  roles: Array<{ role: Role; scopeCode: string | null; scopeName: string | null; department: string | null }>;
  permissions: Permission[];
  csrfToken: string;
  idleTimeoutSeconds: number;
  expiresAt: string;
  totpEnabled: boolean;
  actingFor: (ActingFor & { since: string }) | null;
}

/** What a request's session resolves to: the caller for services, and what the auth routes show. */
export interface SessionContext {
  tokenHash: string;
  stage: Stage;
  csrfToken: string;
  accountId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  scope: Scope;
  grants: repo.GrantRow[];
  expiresAt: Date;
  totpEnabled: boolean;
  /** The resident this session acts for (代办), while acting. */
  actingFor: ActingFor | null;
  actingSince: Date | null;
}

export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

const tokenHashOf = (token: string) => sm3Hex(`session:${token}`);

export class AuthService {
  // Sessions are read on every request: cached briefly here, cleared on sign-out everywhere.
  readonly #sessions = new ReadCache(10_000);
  readonly #cachedAt = new Map<string, number>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
    private readonly changes?: ChangeFeed,
  ) {
    changes?.subscribe(SESSIONS_TOPIC, () => {
      this.#sessions.clear();
      this.#cachedAt.clear();
    });
  }

  static hashPassword(password: string): Promise<string> {
    return argonHash(password, { algorithm: 2 });
  }

  /** Step one: username and password. Returns the new session's token and state. */
  async login(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<{ token: string; state: AuthState }> {
    await this.checkIpThrottle(client.ip);
    const account = await repo.findAccountByUsername(this.db, username.trim());
    const anonymous: Actor = {
      id: 'anonymous',
      name: username.slice(0, 64),
      role: null,
      ...clientActor(client),
    };
    if (!account?.passwordHash) {
      await this.recordFailure(null, anonymous, client, 'unknownUser');
      throw new AppError('auth.invalidCredentials');
    }
    const actor: Actor = { id: account.id, name: account.displayName, role: null, ...clientActor(client) };
    if (account.disabled) {
      await this.#audit(actor, 'auth.login', account.id, false, { reason: 'disabled' });
      throw new AppError('auth.disabled');
    }
    if (account.lockedUntil && account.lockedUntil > new Date()) {
      await this.#audit(actor, 'auth.login', account.id, false, { reason: 'locked' });
      throw lockedError(account.lockedUntil);
    }
    if (!(await argonVerify(account.passwordHash, password))) {
      const lockedUntil = await this.recordFailure(account, actor, client, 'wrongPassword');
      if (lockedUntil) throw lockedError(lockedUntil);
      throw new AppError('auth.invalidCredentials');
    }
    const grants = await repo.grantsOf(this.db, account.id);
    const roles = grants.map((g) => g.role as Role);
    const requiresTotp = roles.some((r) => TOTP_REQUIRED_ROLES.includes(r));
    const hasTotp = account.totpEnabled && account.totpSecretSealed !== null;
    const stage: Stage = hasTotp
      ? 'totp'
      : requiresTotp
        ? 'totpEnroll'
        : account.mustChangePassword
          ? 'changePassword'
          : 'active';
    return this.openSession(account, stage, client, 'password');
  }

  /**
   * Opens a session at `stage` for an account whose first factor has been checked (password or a
   * phone code), clears its failure count and audits the sign-in.
   */
  async openSession(
    account: repo.AccountRow,
    stage: Stage,
    client: ClientInfo,
    method: SignInMethod,
  ): Promise<{ token: string; state: AuthState }> {
    const actor: Actor = { id: account.id, name: account.displayName, role: null, ...clientActor(client) };
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('account')
        .set({ failedAttempts: 0, lockedUntil: null })
        .where('id', '=', account.id)
        .execute();
      await trx
        .insertInto('session')
        .values({
          tokenHash: tokenHashOf(token),
          accountId: account.id,
          stage,
          csrfToken: randomBytes(24).toString('base64url'),
          expiresAt: new Date(now.getTime() + AUTH_POLICY.absoluteHours * 3_600_000),
          ip: client.ip,
          userAgent: client.userAgent,
        })
        .execute();
      await appendAudit(trx, actor, {
        action: 'auth.login',
        entityType: 'account',
        entityId: account.id,
        divisionCode: account.divisionCode,
        after: { stage, method },
      });
    });
    const context = await this.resolve(token);
    return { token, state: await this.stateOf(context!) };
  }

  /** Step two for accounts with a second factor: a TOTP code or a one-time recovery code. */
  async verifyTotp(context: SessionContext, code: string, client: ClientInfo): Promise<AuthState> {
    if (context.stage !== 'totp') throw new AppError('auth.required');
    const account = (await repo.findAccount(this.db, context.accountId))!;
    const actor: Actor = { id: account.id, name: account.displayName, role: null, ...clientActor(client) };
    const cleaned = code.replace(/\s/g, '');
    let ok = false;
    let reused = false;
    let remainingCodes = account.recoveryCodeHashes as string[];
    let step: number | null = null;
    if (account.totpSecretSealed && /^\d{6}$/.test(cleaned)) {
      step = totpStep(this.cipher.decrypt(account.totpSecretSealed), cleaned);
      reused = step !== null && account.totpLastStep !== null && step <= Number(account.totpLastStep);
      ok = step !== null && !reused;
    } else if (cleaned.length >= 8) {
      const hashed = recoveryCodeHash(cleaned);
      ok = remainingCodes.includes(hashed);
      remainingCodes = remainingCodes.filter((h) => h !== hashed);
    }
    if (!ok) {
      const lockedUntil = await this.recordFailure(
        account,
        actor,
        client,
        reused ? 'reusedTotp' : 'wrongTotp',
      );
      if (lockedUntil) {
        await this.#revoke(context.tokenHash);
        throw lockedError(lockedUntil);
      }
      throw new AppError(reused ? 'auth.totpReused' : 'auth.invalidTotp');
    }
    const next: Stage = account.mustChangePassword ? 'changePassword' : 'active';
    await this.db.transaction().execute(async (trx) => {
      let update = trx
        .updateTable('account')
        .set({
          failedAttempts: 0,
          recoveryCodeHashes: JSON.stringify(remainingCodes),
          ...(step === null ? {} : { totpLastStep: step }),
        })
        .where('id', '=', account.id);
      // Two requests with the same code at the same moment: only one moves the step forward.
      if (step !== null) {
        update = update.where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]));
      }
      const result = await update.executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new AppError('auth.totpReused');
      await trx
        .updateTable('session')
        .set({ stage: next })
        .where('tokenHash', '=', context.tokenHash)
        .execute();
      await appendAudit(trx, actor, {
        action: 'auth.totp',
        entityType: 'account',
        entityId: account.id,
        divisionCode: account.divisionCode,
      });
    });
    return this.#fresh(context.tokenHash);
  }

  async changePassword(
    context: SessionContext,
    currentPassword: string,
    newPassword: string,
    client: ClientInfo,
  ): Promise<AuthState> {
    if (context.stage === 'totp') throw new AppError('auth.required');
    const account = (await repo.findAccount(this.db, context.accountId))!;
    if (!account.passwordHash || !(await argonVerify(account.passwordHash, currentPassword))) {
      throw new AppError('auth.invalidCredentials');
    }
    const problem =
      newPassword === currentPassword ? 'sameAsCurrent' : checkPassword(newPassword, account.username);
    if (problem) throw new AppError('auth.weakPassword', { reason: `password.${problem}` });
    const actor: Actor = { id: account.id, name: account.displayName, role: null, ...clientActor(client) };
    const passwordHash = await AuthService.hashPassword(newPassword);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('account')
        .set({ passwordHash, mustChangePassword: false, updatedAt: sql<Date>`now()` })
        .where('id', '=', account.id)
        .execute();
      await trx
        .updateTable('session')
        .set({ stage: 'active' })
        .where('tokenHash', '=', context.tokenHash)
        .execute();
      // Other sessions of this account end: whoever knew the old password is out.
      await trx
        .updateTable('session')
        .set({ revokedAt: sql<Date>`now()` })
        .where('accountId', '=', account.id)
        .where('tokenHash', '<>', context.tokenHash)
        .execute();
      await appendAudit(trx, actor, {
        action: 'auth.passwordChange',
        entityType: 'account',
        entityId: account.id,
        divisionCode: account.divisionCode,
      });
    });
    await this.#sessionsChanged();
    return this.#fresh(context.tokenHash);
  }

  async logout(context: SessionContext, client: ClientInfo, everywhere = false): Promise<void> {
    const actor: Actor = {
      id: context.accountId,
      name: context.displayName,
      role: null,
      ...clientActor(client),
    };
    await this.db.transaction().execute(async (trx) => {
      let q = trx.updateTable('session').set({ revokedAt: sql<Date>`now()` }).where('revokedAt', 'is', null);
      q = everywhere
        ? q.where('accountId', '=', context.accountId)
        : q.where('tokenHash', '=', context.tokenHash);
      await q.execute();
      await appendAudit(trx, actor, {
        action: everywhere ? 'auth.logoutEverywhere' : 'auth.logout',
        entityType: 'account',
        entityId: context.accountId,
      });
    });
    await this.#sessionsChanged();
  }

  /**
   * The session behind a cookie token, or null when there is none, it was revoked, it passed its
   * absolute end, or it sat idle too long. Cached for a few seconds; `last_seen_at` is written at
   * most once a minute.
   */
  async resolve(token: string | undefined): Promise<SessionContext | null> {
    if (!token) return null;
    const tokenHash = tokenHashOf(token);
    const cachedAt = this.#cachedAt.get(tokenHash);
    if (cachedAt !== undefined && Date.now() - cachedAt > 5_000) {
      this.#sessions.delete(tokenHash);
      this.#cachedAt.delete(tokenHash);
    }
    const context = await this.#sessions.get(tokenHash, () => this.#load(tokenHash));
    if (!this.#cachedAt.has(tokenHash)) {
      // Bounded like the cache: forgetting a time only lets that entry live one more period.
      if (this.#cachedAt.size >= 20_000) this.#cachedAt.clear();
      this.#cachedAt.set(tokenHash, Date.now());
    }
    return context;
  }

  async #load(tokenHash: string): Promise<SessionContext | null> {
    const session = await repo.findSession(this.db, tokenHash);
    if (!session) return null;
    const now = Date.now();
    const idleLimit = AUTH_POLICY.idleMinutes * 60_000;
    if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > idleLimit) {
      await this.#revoke(tokenHash);
      return null;
    }
    const account = await repo.findAccount(this.db, session.accountId);
    if (!account || account.disabled) return null;
    if (now - session.lastSeenAt.getTime() > 60_000) {
      await this.db
        .updateTable('session')
        .set({ lastSeenAt: new Date(now) })
        .where('tokenHash', '=', tokenHash)
        .execute();
    }
    const grants = await repo.grantsOf(this.db, account.id);
    const roles = [...new Set(grants.map((g) => g.role as Role))];
    return {
      tokenHash,
      stage: session.stage as Stage,
      csrfToken: session.csrfToken,
      accountId: account.id,
      username: account.username,
      displayName: account.displayName,
      roles,
      permissions: session.stage === 'active' ? permissionsOf(roles) : [],
      scope: scopeOfGrants(grants),
      grants,
      expiresAt: session.expiresAt,
      totpEnabled: account.totpEnabled,
      actingSince: session.actingSince,
      actingFor:
        session.actingResidentId && session.actingResidentName
          ? {
              residentId: session.actingResidentId,
              residentName: session.actingResidentName,
              reason: session.actingReason ?? '',
            }
          : null,
    };
  }

  async stateOf(context: SessionContext): Promise<AuthState> {
    const codes = context.grants.map((g) => g.scopeCode).filter((c): c is string => c !== null);
    const names = codes.length
      ? await this.db.selectFrom('division').select(['code', 'name']).where('code', 'in', codes).execute()
      : [];
    const nameOf = new Map(names.map((n) => [n.code, n.name]));
    return {
      stage: context.stage,
      account: { id: context.accountId, username: context.username, displayName: context.displayName },
      roles: context.grants.map((g) => ({
        role: g.role as Role,
        scopeCode: g.scopeCode,
        scopeName: g.scopeCode ? (nameOf.get(g.scopeCode) ?? null) : null,
        department: g.department,
      })),
      permissions: context.permissions,
      csrfToken: context.csrfToken,
      idleTimeoutSeconds: AUTH_POLICY.idleMinutes * 60,
      expiresAt: context.expiresAt.toISOString(),
      totpEnabled: context.totpEnabled,
      actingFor: context.actingFor
        ? { ...context.actingFor, since: (context.actingSince ?? new Date()).toISOString() }
        : null,
    };
  }

  /** The current TOTP code of an account (for `linli demo totp`, demo mode only). */
  async currentTotp(username: string): Promise<string | null> {
    const account = await repo.findAccountByUsername(this.db, username);
    if (!account?.totpSecretSealed) return null;
    return currentTotp(this.cipher.decrypt(account.totpSecretSealed));
  }

  /** The state of a session after something about it changed (stage, acting, second factor). */
  async refreshed(tokenHash: string): Promise<AuthState> {
    return this.#fresh(tokenHash);
  }

  async #fresh(tokenHash: string): Promise<AuthState> {
    this.#sessions.clear();
    this.#cachedAt.clear();
    const context = await this.#load(tokenHash);
    if (!context) throw new AppError('auth.required');
    return this.stateOf(context);
  }

  async #revoke(tokenHash: string): Promise<void> {
    await this.db
      .updateTable('session')
      .set({ revokedAt: sql<Date>`now()` })
      .where('tokenHash', '=', tokenHash)
      .execute();
    await this.#sessionsChanged();
  }

  /** Drops cached sessions here and in other processes: call after revoking or changing sessions. */
  async sessionsChanged(): Promise<void> {
    await this.#sessionsChanged();
  }

  async #sessionsChanged(): Promise<void> {
    this.#sessions.clear();
    this.#cachedAt.clear();
    await this.changes?.publish(SESSIONS_TOPIC);
  }

  async checkIpThrottle(ip: string): Promise<void> {
    const row = await this.db.selectFrom('loginThrottle').selectAll().where('ip', '=', ip).executeTakeFirst();
    const windowMs = AUTH_POLICY.ipWindowMinutes * 60_000;
    if (
      row &&
      Date.now() - row.windowStart.getTime() < windowMs &&
      row.failures >= AUTH_POLICY.ipMaxFailures
    ) {
      throw new AppError('rate.limited');
    }
  }

  /** Counts a failure against the account (locking it at the limit) and the address; audits it. Shared by every sign-in method. */
  async recordFailure(
    account: repo.AccountRow | null,
    actor: Actor,
    client: ClientInfo,
    reason: string,
  ): Promise<Date | null> {
    const windowStart = new Date(Date.now() - AUTH_POLICY.ipWindowMinutes * 60_000);
    return this.db.transaction().execute(async (trx) => {
      await sql`
        insert into login_throttle (ip, window_start, failures) values (${client.ip}, now(), 1)
        on conflict (ip) do update set
          failures = case when login_throttle.window_start < ${windowStart} then 1 else login_throttle.failures + 1 end,
          window_start = case when login_throttle.window_start < ${windowStart} then now() else login_throttle.window_start end`.execute(
        trx,
      );
      let lockedUntil: Date | null = null;
      if (account) {
        const updated = await trx
          .updateTable('account')
          .set({ failedAttempts: sql<number>`failed_attempts + 1` })
          .where('id', '=', account.id)
          .returning('failedAttempts')
          .executeTakeFirstOrThrow();
        if (updated.failedAttempts >= AUTH_POLICY.maxFailures) {
          lockedUntil = new Date(Date.now() + AUTH_POLICY.lockMinutes * 60_000);
          await trx
            .updateTable('account')
            .set({ lockedUntil, failedAttempts: 0 })
            .where('id', '=', account.id)
            .execute();
        }
      }
      await appendAudit(trx, actor, {
        action: 'auth.login',
        entityType: 'account',
        entityId: account?.id ?? null,
        divisionCode: account?.divisionCode ?? null,
        success: false,
        after: { reason, ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}) },
      });
      return lockedUntil;
    });
  }

  async #audit(
    actor: Actor,
    action: string,
    accountId: string,
    success: boolean,
    after: Record<string, unknown>,
  ) {
    await this.db
      .transaction()
      .execute((trx) =>
        appendAudit(trx, actor, { action, entityType: 'account', entityId: accountId, success, after }),
      );
  }
}

function clientActor(client: ClientInfo) {
  return { ip: client.ip, userAgent: client.userAgent, requestId: client.requestId };
}

export function lockedError(until: Date): AppError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  const shown = until.toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
  });
  return new AppError('auth.locked', { until: shown, untilIso: until.toISOString(), minutes });
}

/** A user sees the divisions its grants name; department and organization grants name their district. */
export function scopeOfGrants(grants: repo.GrantRow[]): Scope {
  const prefixes = grants.map((g) => g.scopeCode).filter((c): c is string => Boolean(c));
  const minimal = [...new Set(prefixes)].filter((p, _, all) => !all.some((q) => q !== p && p.startsWith(q)));
  return scopeOf(minimal);
}
