import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * GM/T algorithms from Node's OpenSSL (reference/standards.md §9.4): SM3 for hashes and the
 * audit chain, SM4-CTR + HMAC-SM3 (encrypt-then-MAC; OpenSSL has no SM4-GCM) for personal data
 * at rest, HMAC-SM3 for blind indexes that allow exact lookup without decrypting.
 */

export function sm3Hex(data: string | Buffer): string {
  return createHash('sm3').update(data).digest('hex');
}

export function hmacSm3(key: Buffer, data: string | Buffer): Buffer {
  return createHmac('sm3', key).update(data).digest();
}

const VERSION = 'v1';

/** Separate keys for encryption, authentication and blind indexes, derived from one master key. */
export class DataCipher {
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;
  readonly #indexKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length < 16) throw new Error('LINLI_DATA_KEY must be at least 16 bytes (32 hex digits)');
    this.#encKey = hmacSm3(masterKey, 'linli/sm4-ctr').subarray(0, 16);
    this.#macKey = hmacSm3(masterKey, 'linli/hmac-sm3');
    this.#indexKey = hmacSm3(masterKey, 'linli/blind-index');
  }

  /** `v1:<iv>:<ciphertext>:<tag>` in base64url; the tag covers version, iv and ciphertext. */
  encrypt(plaintext: string): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-ctr', this.#encKey, iv);
    const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = hmacSm3(this.#macKey, Buffer.concat([Buffer.from(VERSION), iv, ct]));
    return [VERSION, iv.toString('base64url'), ct.toString('base64url'), tag.toString('base64url')].join(':');
  }

  decrypt(sealed: string): string {
    const [version, ivText, ctText, tagText] = sealed.split(':');
    if (version !== VERSION || !ivText || ctText === undefined || !tagText)
      throw new Error('not a sealed value');
    const iv = Buffer.from(ivText, 'base64url');
    const ct = Buffer.from(ctText, 'base64url');
    const expected = hmacSm3(this.#macKey, Buffer.concat([Buffer.from(VERSION), iv, ct]));
    const tag = Buffer.from(tagText, 'base64url');
    if (tag.length !== expected.length || !timingSafeEqual(tag, expected))
      throw new Error('sealed value was altered');
    const decipher = createDecipheriv('sm4-ctr', this.#encKey, iv);
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed digest of a normalized value, for `where id_index = ?` lookups. */
  blindIndex(normalized: string): string {
    return hmacSm3(this.#indexKey, normalized).toString('hex');
  }

  /**
   * The blind index of one kind of personal data, the same in every table, so an account and a
   * resident record with the same phone match. Pass the normalized value (`normalizeMobile`,
   * `checkResidentId(...).value`).
   */
  piiIndex(kind: 'phone' | 'residentId', normalized: string): string {
    return this.blindIndex(`${kind}:${normalized}`);
  }
}

/**
 * The master key for personal data: LINLI_DATA_KEY (64 hex digits), or outside production a key
 * generated once and kept in DATA_DIR/data.key (so a demo or a small office works out of the box).
 */
export function loadDataKey(options: {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  production: boolean;
}): Buffer {
  const fromEnv = options.env.LINLI_DATA_KEY;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{32,}$/.test(fromEnv)) throw new Error('LINLI_DATA_KEY must be at least 32 hex digits');
    return Buffer.from(fromEnv, 'hex');
  }
  if (options.production) throw new Error('LINLI_DATA_KEY must be set when NODE_ENV=production');
  const file = path.join(options.dataDir, 'data.key');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });
  return key;
}
