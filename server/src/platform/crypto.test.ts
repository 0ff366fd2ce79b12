import { createCipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DataCipher, sm3Hex } from './crypto.ts';

describe('GM/T algorithms', () => {
  it('SM3 matches the GB/T 32905 example', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('SM4 matches the GB/T 32907 example', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    expect(out.toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
});

describe('personal data cipher', () => {
  const cipher = new DataCipher(Buffer.from('00112233445566778899aabbccddeeff', 'hex'));

  it('round-trips, and the same value encrypts differently each time', () => {
    const a = cipher.encrypt('220106199001011234');
    const b = cipher.encrypt('220106199001011234');
    expect(a).not.toBe(b);
    expect(a).not.toContain('2201');
    expect(cipher.decrypt(a)).toBe('220106199001011234');
  });

  it('refuses a tampered or foreign value', () => {
    const sealed = cipher.encrypt('13812345678');
    const parts = sealed.split(':');
    const flipped = Buffer.from(parts[2]!, 'base64url');
    flipped[0]! ^= 1;
    parts[2] = flipped.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow('altered');
    const other = new DataCipher(Buffer.from('ffeeddccbbaa99887766554433221100', 'hex'));
    expect(() => other.decrypt(sealed)).toThrow('altered');
  });

  it('gives a stable blind index that depends on the key', () => {
    const other = new DataCipher(Buffer.from('ffeeddccbbaa99887766554433221100', 'hex'));
    expect(cipher.blindIndex('13812345678')).toBe(cipher.blindIndex('13812345678'));
    expect(cipher.blindIndex('13812345678')).not.toBe(other.blindIndex('13812345678'));
    expect(cipher.blindIndex('13812345678')).toMatch(/^[0-9a-f]{64}$/);
  });
});
