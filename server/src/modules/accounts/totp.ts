import { randomInt } from 'node:crypto';
import { authenticator } from 'otplib';
import { sm3Hex } from '../../platform/crypto.ts';

/** RFC 6238 with 30-second steps; one step either side allows for a phone's clock drift. */
const totp = authenticator.clone({ window: 1 });
const STEP_SECONDS = 30;

export const TOTP_ISSUER = 'Linli 邻里';

export function newTotpSecret(): string {
  return totp.generateSecret(20);
}

export function totpUri(username: string, secret: string): string {
  return totp.keyuri(username, TOTP_ISSUER, secret);
}

export function currentTotp(secret: string): string {
  return totp.generate(secret);
}

/**
 * The time step a code belongs to, or null when it is not valid now. Callers refuse a step at or
 * before the last one accepted, so each code is good once (RFC 6238 §5.2).
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp.checkDelta(code, secret);
  if (delta === null) return null;
  return Math.floor(now / 1000 / STEP_SECONDS) + delta;
}

// Crockford-style alphabet: no 0/O, 1/I/L to misread when copied from paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const RECOVERY_CODE_COUNT = 10;

/** Ten one-time recovery codes like `K7QM-2XTP`, shown once; only their hashes are kept. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}

export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export function recoveryCodeHash(code: string): string {
  return sm3Hex(`recovery:${normalizeRecoveryCode(code)}`);
}
