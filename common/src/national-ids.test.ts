import { describe, expect, it } from 'vitest';
import { checkResidentId, checkUscc, compactCode, maskPhone, maskResidentId } from './national-ids.ts';

// Vectors from reference/standards.md §1.5 and §2.3 (python-stdnum tests, re-checked there).
describe('unified social credit code (GB 32100)', () => {
  it.each([
    '91110000600037341L',
    '121200004013590816',
    '9115220107837757XE',
    '91620105L015101280',
    '92340603MA2UK3DT5H',
    '51100000500002862F',
  ])('accepts %s', (code) => {
    expect(checkUscc(code).ok).toBe(true);
  });

  it('reads the civil-affairs parts of a social group code', () => {
    const r = checkUscc('51100000500002862F');
    expect(r).toMatchObject({
      ok: true,
      info: { authority: '5', kind: '1', registrationDivision: '100000', orgCodeCheckOk: true },
    });
  });

  it('rejects a wrong check character and a bad alphabet', () => {
    expect(checkUscc('91110000600037341N')).toEqual({ ok: false, problem: 'uscc.checksum' });
    expect(checkUscc('51100000500000024G')).toEqual({ ok: false, problem: 'uscc.checksum' });
    expect(checkUscc('9111000060003IOZSV')).toEqual({ ok: false, problem: 'uscc.format' });
    expect(checkUscc('123')).toEqual({ ok: false, problem: 'uscc.format' });
  });

  it('normalizes spaces, hyphens, full-width characters and case', () => {
    expect(compactCode(' ９１１１-0000 600037341l ')).toBe('91110000600037341L');
    expect(checkUscc('９１１１0000600037341l').ok).toBe(true);
  });
});

describe('resident ID number (GB 11643)', () => {
  it.each(['360426199101010071', '44011320141005001x', '110102199101010078', '11010519491231002X'])(
    'accepts %s',
    (id) => {
      expect(checkResidentId(id).ok).toBe(true);
    },
  );

  it('reads birth date and sex', () => {
    expect(checkResidentId('11010519491231002X')).toMatchObject({
      info: { areaCode: '110105', birthDate: '1949-12-31', sex: 'female' },
    });
  });

  it('rejects a wrong check digit, an impossible date, a future date and a bad format', () => {
    expect(checkResidentId('36042619910102009X')).toEqual({ ok: false, problem: 'residentId.checksum' });
    expect(checkResidentId('360426199113010079')).toEqual({ ok: false, problem: 'residentId.birthDate' });
    expect(checkResidentId('360426209901010071', new Date('2026-11-27'))).toEqual({
      ok: false,
      problem: 'residentId.birthDate',
    });
    expect(checkResidentId('36042619910101007')).toEqual({ ok: false, problem: 'residentId.format' });
  });
});

describe('masking', () => {
  it('shows only the ends of an ID number and a phone number', () => {
    expect(maskResidentId('220106199001011234')).toBe('2201**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});
