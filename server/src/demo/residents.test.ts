import { checkResidentId, normalizeMobile } from '@linli/common';
import { describe, expect, it } from 'vitest';
import { DEMO_SEED } from './lvyuan.ts';
import { buildDemoResidents } from './residents.ts';

const grids = (community: string, name: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ code: `${community}00${i + 1}`, communityName: name }));
const areas = [
  { grids: grids('220106001001', '爱民社区', 4), perGrid: 60 },
  { grids: grids('220106003001', '景阳社区', 6), total: 20 },
];

describe('demo residents', () => {
  const residents = buildDemoResidents(DEMO_SEED, areas, '孙大爷');

  it('is the same for the same seed', () => {
    expect(buildDemoResidents(DEMO_SEED, areas, '孙大爷')).toEqual(residents);
    expect(buildDemoResidents(DEMO_SEED + 1, areas, '孙大爷')).not.toEqual(residents);
  });

  it('fills each grid as asked, with the account holder first', () => {
    expect(residents).toHaveLength(4 * 60 + 20);
    for (const g of areas[0]!.grids)
      expect(residents.filter((r) => r.divisionCode === g.code)).toHaveLength(60);
    expect(residents[0]).toMatchObject({ name: '孙大爷', phone: '13900000001', username: 'resident.demo' });
  });

  it('has valid, unique ID numbers whose date and sex match the record, and valid phones', () => {
    expect(new Set(residents.map((r) => r.idNumber)).size).toBe(residents.length);
    for (const r of residents) {
      const check = checkResidentId(r.idNumber);
      expect(check.ok, r.idNumber).toBe(true);
      if (!check.ok) continue;
      expect(check.info).toMatchObject({ birthDate: r.birthDate, sex: r.gender });
      expect(check.info.areaCode).toMatch(/^2201/);
      expect(Number(r.birthDate.slice(0, 4))).toBeGreaterThanOrEqual(1935);
      expect(Number(r.birthDate.slice(0, 4))).toBeLessThanOrEqual(2005);
      if (r.phone !== null) expect(normalizeMobile(r.phone)).toBe(r.phone);
    }
    expect(residents.some((r) => r.tags.includes('elderly'))).toBe(true);
    expect(residents.some((r) => r.tags.includes('alone'))).toBe(true);
  });
});
