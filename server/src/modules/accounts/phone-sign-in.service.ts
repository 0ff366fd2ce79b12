import { randomInt } from 'node:crypto';
import { maskPhone, normalizeMobile } from '@linli/common';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { type Actor, appendAudit } from '../../platform/audit.ts';
import { type DataCipher, sm3Hex } from '../../platform/crypto.ts';
import { AppError } from '../../platform/errors.ts';
import type { SmsProvider } from '../../platform/sms.ts';
import * as repo from './accounts.repository.ts';
import { type AuthService, type AuthState, type ClientInfo, lockedError } from './auth.service.ts';

export const SMS_POLICY = {
  codeTtlMinutes: 5,
  resendSeconds: 60,
  maxAttempts: 5,
  perPhonePerDay: 10,
  perAddressPerHour: 30,
} as const;

export interface SmsCodeSent {
  sentTo: string;
  expiresInSeconds: number;
  resendAfterSeconds: number;
}

const codeHash = (phoneIndex: string, code: string) => sm3Hex(`sms:${phoneIndex}:${code}`);

/**
 * Residents sign in with their mobile number and a one-time code sent by SMS: no password to
 * forget. Only accounts whose every role is `resident` may; staff sign in with password (and TOTP).
 */
export class PhoneSignInService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly cipher: DataCipher,
    private readonly auth: AuthService,
    private readonly sms: SmsProvider | null,
  ) {}

  /**
   * Sends a code when a resident account has this number. The answer is the same either way, so
   * the endpoint does not tell who is registered.
   */
  async requestCode(phoneInput: string, client: ClientInfo): Promise<SmsCodeSent> {
    const phone = requirePhone(phoneInput);
    if (!this.sms) throw new AppError('auth.smsUnavailable');
    const phoneIndex = this.cipher.piiIndex('phone', phone);
    const recent = await this.db
      .selectFrom('smsCode')
      .select([
        sql<number>`count(*) filter (where created_at > now() - interval '1 day')`.as('today'),
        sql<Date | null>`max(created_at)`.as('last'),
      ])
      .where('phoneIndex', '=', phoneIndex)
      .where('createdAt', '>', sql<Date>`now() - interval '1 day'`)
      .executeTakeFirstOrThrow();
    if (recent.last) {
      const wait =
        SMS_POLICY.resendSeconds - Math.floor((Date.now() - new Date(recent.last).getTime()) / 1000);
      if (wait > 0) throw new AppError('auth.smsTooSoon', { seconds: wait });
    }
    if (Number(recent.today) >= SMS_POLICY.perPhonePerDay) throw new AppError('rate.limited');
    const fromAddress = await this.db
      .selectFrom('smsCode')
      .select(sql<number>`count(*)`.as('n'))
      .where('ip', '=', client.ip)
      .where('createdAt', '>', sql<Date>`now() - interval '1 hour'`)
      .executeTakeFirstOrThrow();
    if (Number(fromAddress.n) >= SMS_POLICY.perAddressPerHour) throw new AppError('rate.limited');

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const account = await this.#residentAccount(phoneIndex);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('smsCode')
        .values({
          phoneIndex,
          purpose: 'signIn',
          codeHash: codeHash(phoneIndex, code),
          expiresAt: sql<Date>`now() + ${`${SMS_POLICY.codeTtlMinutes} minutes`}::interval`,
          ip: client.ip,
        })
        .execute();
      if (account) {
        await appendAudit(trx, actorFor(account, client), {
          action: 'auth.smsCode',
          entityType: 'account',
          entityId: account.id,
          divisionCode: account.divisionCode,
          after: { to: maskPhone(phone) },
        });
      }
    });
    if (account) {
      await this.sms.send(
        phone,
        `【邻里】您的登录验证码为 ${code}，${SMS_POLICY.codeTtlMinutes} 分钟内有效。如非本人操作，请忽略本短信。`,
      );
    }
    return {
      sentTo: maskPhone(phone),
      expiresInSeconds: SMS_POLICY.codeTtlMinutes * 60,
      resendAfterSeconds: SMS_POLICY.resendSeconds,
    };
  }

  /** Checks the newest code for the number (five tries at most) and opens a session. */
  async signIn(
    phoneInput: string,
    code: string,
    client: ClientInfo,
  ): Promise<{ token: string; state: AuthState }> {
    const phone = requirePhone(phoneInput);
    await this.auth.checkIpThrottle(client.ip);
    const phoneIndex = this.cipher.piiIndex('phone', phone);
    const account = await this.#residentAccount(phoneIndex);
    const anonymous: Actor = { id: 'anonymous', name: maskPhone(phone), role: null, ...clientFields(client) };
    const row = await this.db
      .selectFrom('smsCode')
      .selectAll()
      .where('phoneIndex', '=', phoneIndex)
      .where('consumedAt', 'is', null)
      .where('expiresAt', '>', sql<Date>`now()`)
      .orderBy('createdAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    const usable = row && row.attempts < SMS_POLICY.maxAttempts;
    const matches = usable && row.codeHash === codeHash(phoneIndex, code.trim());
    if (!account || !matches) {
      if (row) {
        await this.db
          .updateTable('smsCode')
          .set({ attempts: sql<number>`attempts + 1` })
          .where('id', '=', row.id)
          .execute();
      }
      const lockedUntil = await this.auth.recordFailure(
        account ?? null,
        account ? actorFor(account, client) : anonymous,
        client,
        'wrongSmsCode',
      );
      if (lockedUntil) throw lockedError(lockedUntil);
      throw new AppError('auth.invalidSmsCode');
    }
    if (account.disabled) throw new AppError('auth.disabled');
    if (account.lockedUntil && account.lockedUntil > new Date()) throw lockedError(account.lockedUntil);
    const consumed = await this.db
      .updateTable('smsCode')
      .set({ consumedAt: sql<Date>`now()` })
      .where('id', '=', row.id)
      .where('consumedAt', 'is', null)
      .executeTakeFirst();
    // The same code sent twice at once: only the first request signs in.
    if (Number(consumed.numUpdatedRows) === 0) throw new AppError('auth.invalidSmsCode');
    if (!account.phoneVerifiedAt) {
      await this.db
        .updateTable('account')
        .set({ phoneVerifiedAt: sql<Date>`now()` })
        .where('id', '=', account.id)
        .execute();
    }
    return this.auth.openSession(account, 'active', client, 'sms');
  }

  async #residentAccount(phoneIndex: string): Promise<repo.AccountRow | null> {
    const account = await this.db
      .selectFrom('account')
      .selectAll()
      .where('phoneIndex', '=', phoneIndex)
      .executeTakeFirst();
    if (!account) return null;
    const grants = await repo.grantsOf(this.db, account.id);
    return grants.length > 0 && grants.every((g) => g.role === 'resident') ? account : null;
  }
}

function requirePhone(input: string): string {
  const phone = normalizeMobile(input);
  if (!phone) throw new AppError('auth.invalidPhone');
  return phone;
}

function clientFields(client: ClientInfo) {
  return { ip: client.ip, userAgent: client.userAgent, requestId: client.requestId };
}

function actorFor(account: repo.AccountRow, client: ClientInfo): Actor {
  return { id: account.id, name: account.displayName, role: 'resident', ...clientFields(client) };
}
