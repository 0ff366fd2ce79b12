import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type CommunityType, type DivisionLevel, normalizeDivisionCode, parentCodeOf } from '@linli/common';
import { type Box, LVYUAN_BOX, partition, polygonOf } from './geometry.ts';
import { apportion, createRandom, type Random } from './random.ts';

/** The report's figures the demo reproduces (REQUIREMENTS R1.1). */
export const LVYUAN_FIGURES = { grids: 312, urbanCommunities: 58, towns: 3, streets: 7 } as const;

export const DEMO_SEED = 20200328;

export interface DemoDivision {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string | null;
  population: number;
  households: number;
  communityType: CommunityType | null;
  urbanRuralCode: string | null;
  source: string;
  boundary: ReturnType<typeof polygonOf>;
}

interface TsvRow {
  code: string;
  name: string;
  level: DivisionLevel;
  urbanRuralCode: string | null;
  source: string;
}

const dataFile = path.join(import.meta.dirname, 'lvyuan-2020.tsv');

export function readLvyuanTsv(file = dataFile): TsvRow[] {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  return lines.slice(1).map((line) => {
    const [nbs = '', name = '', level = '', ur = '', source = ''] = line.split('\t');
    const normalized = normalizeDivisionCode(nbs);
    if ('problem' in normalized) throw new Error(`bad code in ${file}: ${nbs}`);
    return { code: normalized.code, name, level: level as DivisionLevel, urbanRuralCode: ur || null, source };
  });
}

const GENERATED_NOTE = '演示生成 (generated for the demo)';

/** Names that suggest the type: FAW worker estates are old; newer estates are gated. */
function communityTypeOf(row: TsvRow, parentLevel: DivisionLevel, random: Random): CommunityType {
  if (row.urbanRuralCode === '112' || parentLevel === 'town') return 'urban_rural_fringe';
  if (/一汽|教师|铁西|解放|和平|互助|红旗/.test(row.name)) return 'traditional_old';
  if (/城|花园|倾城|欧城|蓝/.test(row.name))
    return random.next() < 0.7 ? 'high_end_gated' : 'abandoned_property';
  return random.weighted([
    ['traditional_old', 4],
    ['abandoned_property', 3],
    ['high_end_gated', 1],
    ['urban_rural_fringe', 1],
  ] as const);
}

/**
 * The Lüyuan demo tree: the real towns, streets, zones, communities and villages of the data file,
 * populations and households drawn from a seeded generator, grids added to reach the report's 312,
 * and generated boundaries. Same seed, same tree.
 */
export function buildLvyuanDemo(seed = DEMO_SEED): DemoDivision[] {
  const random = createRandom(seed);
  const rows = readLvyuanTsv();
  const levelOf = new Map(rows.map((r) => [r.code, r.level]));
  const units = rows.filter((r) => r.level === 'community' || r.level === 'village');

  const population = new Map<string, number>();
  for (const u of units) {
    population.set(u.code, u.level === 'community' ? random.int(9000, 21000) : random.int(1800, 4800));
  }
  // Grids follow population (about one grid per 2,900 people), at least one per community or village.
  const gridCounts = apportion(
    LVYUAN_FIGURES.grids - units.length,
    units.map((u) => Math.max(0, population.get(u.code)! / 2900 - 1)),
  ).map((extra) => extra + 1);

  const out: DemoDivision[] = [];
  const boxes = new Map<string, Box>();
  const children = new Map<string, TsvRow[]>();
  for (const r of rows) {
    const parent = parentCodeOf(r.code);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), r]);
  }

  const areaWeight = (r: TsvRow): number => {
    if (r.level === 'town') return 6;
    if (r.level === 'zone') return 2;
    if (r.level === 'street') return 1 + (children.get(r.code)?.length ?? 0) / 8;
    return r.level === 'village' ? 2 : 1;
  };
  const root = rows.find((r) => r.level === 'district')!;
  boxes.set(root.code, LVYUAN_BOX);
  const layout = (code: string) => {
    const kids = children.get(code) ?? [];
    const parts = partition(boxes.get(code)!, kids.map(areaWeight));
    kids.forEach((k, i) => {
      boxes.set(k.code, parts[i]!);
      layout(k.code);
    });
  };
  layout(root.code);

  const unitIndex = new Map(units.map((u, i) => [u.code, i]));
  const grids: DemoDivision[] = [];
  for (const u of units) {
    const count = gridCounts[unitIndex.get(u.code)!]!;
    const pop = population.get(u.code)!;
    const gridPops = apportion(
      pop,
      Array.from({ length: count }, () => 0.7 + random.next() * 0.6),
    );
    const gridBoxes = partition(boxes.get(u.code)!, gridPops);
    gridPops.forEach((p, i) => {
      const serial = String(i + 1).padStart(3, '0');
      grids.push({
        code: u.code + serial,
        name: `${u.name.replace(/村委会$/, '村')}第${i + 1}网格`,
        level: 'grid',
        parentCode: u.code,
        population: p,
        households: Math.round(p / (2.3 + random.next() * 0.5)),
        communityType: null,
        urbanRuralCode: u.urbanRuralCode,
        source: GENERATED_NOTE,
        boundary: polygonOf(gridBoxes[i]!),
      });
    });
  }

  const sumUnder = (code: string) =>
    units.filter((u) => u.code.startsWith(code)).reduce((s, u) => s + population.get(u.code)!, 0);
  for (const r of rows) {
    const pop = population.get(r.code) ?? sumUnder(r.code);
    const parentCode = parentCodeOf(r.code);
    out.push({
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode,
      population: pop,
      households: Math.round(pop / (2.4 + random.next() * 0.3)),
      communityType:
        r.level === 'community'
          ? communityTypeOf(r, levelOf.get(parentCode ?? '') ?? 'street', random)
          : null,
      urbanRuralCode: r.urbanRuralCode,
      source: r.source,
      boundary: polygonOf(boxes.get(r.code)!),
    });
  }
  return [...out, ...grids].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code));
}

/** Development zones as special areas (R1.2: three provincial, one municipal). Names need the district's confirmation. */
export const LVYUAN_SPECIAL_AREAS = [
  { divisionCode: '220106400', name: '绿园经济开发区', kind: 'provincial_development_zone' },
  { divisionCode: '220106401', name: '皓月产业园区', kind: 'provincial_development_zone' },
  { divisionCode: '220106100', name: '合心工业集中区', kind: 'provincial_development_zone' },
  { divisionCode: '220106101', name: '西新工业集中区', kind: 'municipal_development_zone' },
] as const;
export const SPECIAL_AREA_NOTE = '演示数据：名称与级别待区里核实';
