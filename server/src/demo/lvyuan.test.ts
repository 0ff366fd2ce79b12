import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildLvyuanDemo, LVYUAN_FIGURES, readLvyuanTsv } from './lvyuan.ts';

const count = (rows: Array<{ level: string }>, level: string) => rows.filter((r) => r.level === level).length;

describe('Lüyuan demo divisions', () => {
  const demo = buildLvyuanDemo();

  it('reproduces the report: 3 towns, 7 streets, 58 urban communities, 312 grids', () => {
    expect(count(demo, 'town')).toBe(LVYUAN_FIGURES.towns);
    expect(count(demo, 'street')).toBe(LVYUAN_FIGURES.streets);
    expect(count(demo, 'community')).toBe(LVYUAN_FIGURES.urbanCommunities);
    expect(count(demo, 'grid')).toBe(LVYUAN_FIGURES.grids);
    expect(count(demo, 'zone')).toBe(2);
  });

  it('uses the real names of the data file and names its sources', () => {
    const tsv = readLvyuanTsv();
    const byCode = new Map(demo.map((d) => [d.code, d]));
    for (const row of tsv) expect(byCode.get(row.code)?.name).toBe(row.name);
    expect(byCode.get('220106001001')?.name).toBe('爱民社区');
    expect(tsv.every((r) => r.source.length > 0)).toBe(true);
  });

  it('gives every community a type, every community and village at least one grid', () => {
    for (const c of demo.filter((d) => d.level === 'community')) expect(c.communityType).not.toBeNull();
    for (const u of demo.filter((d) => d.level === 'community' || d.level === 'village')) {
      expect(demo.some((g) => g.parentCode === u.code)).toBe(true);
    }
  });

  it('adds up: grids sum to their community, communities and villages to the district', () => {
    const district = demo.find((d) => d.level === 'district')!;
    const units = demo.filter((d) => d.level === 'community' || d.level === 'village');
    expect(units.reduce((s, u) => s + u.population, 0)).toBe(district.population);
    for (const u of units) {
      const grids = demo.filter((g) => g.parentCode === u.code);
      expect(grids.reduce((s, g) => s + g.population, 0)).toBe(u.population);
    }
    expect(district.population).toBeGreaterThan(500_000);
    expect(district.population).toBeLessThan(1_200_000);
  });

  it('is deterministic: the same seed gives the same data, another seed other data', () => {
    const hash = (rows: unknown) => createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    expect(hash(buildLvyuanDemo())).toBe(hash(demo));
    expect(hash(buildLvyuanDemo(1))).not.toBe(hash(demo));
  });

  it('tiles each community with its grids (generated boundaries do not overlap)', () => {
    const area = (d: { boundary: { coordinates: number[][][] } }) => {
      const [[w, s], , [e, n]] = d.boundary.coordinates[0]! as [number[], number[], number[]];
      return (e! - w!) * (n! - s!);
    };
    const community = demo.find((d) => d.code === '220106001001')!;
    const grids = demo.filter((d) => d.parentCode === community.code);
    const sum = grids.reduce((s, g) => s + area(g), 0);
    expect(Math.abs(sum - area(community)) / area(community)).toBeLessThan(1e-3);
  });
});
