import type { Insertable, Kysely } from 'kysely';
import type { DB, Division } from '../../server/src/db/schema.gen.ts';
import { createRandom } from '../../server/src/demo/random.ts';

/**
 * A deterministic, city-scale division tree for benchmarks and scale tests: districts → streets →
 * communities → grids, with real-looking Changchun district codes and generated Chinese names.
 * The same options give the same rows on every machine.
 */
export interface CityOptions {
  /** 1–10 (there are ten district codes to draw from). */
  districts: number;
  /** 1–99: street serials are 001–099 (100–199 would be towns). */
  streetsPerDistrict: number;
  /** 1–199: community serials are 001–199. */
  communitiesPerStreet: number;
  /** 1–999: grid serials are 001–999. */
  gridsPerCommunity: number;
  seed: number;
}

/** The city of the bench: 10 × 10 × 20 × 6 = 12,000 grids, 2,000 communities, 100 streets. */
export const CITY_SCALE: CityOptions = {
  districts: 10,
  streetsPerDistrict: 10,
  communitiesPerStreet: 20,
  gridsPerCommunity: 6,
  seed: 20261127,
};

export type CityLevel = 'district' | 'street' | 'community' | 'grid';

export interface CityRow {
  code: string;
  name: string;
  level: CityLevel;
  parentCode: string | null;
  population: number | null;
  households: number | null;
  communityType: 'urban_rural_fringe' | 'abandoned_property' | 'traditional_old' | 'high_end_gated' | null;
  urbanRuralCode: string | null;
  source: string;
}

export const CITY_DISTRICTS: ReadonlyArray<readonly [code: string, name: string]> = [
  ['220102', '南关区'],
  ['220103', '宽城区'],
  ['220104', '朝阳区'],
  ['220105', '二道区'],
  ['220106', '绿园区'],
  ['220112', '双阳区'],
  ['220113', '九台区'],
  ['220171', '长春经济技术开发区'],
  ['220172', '长春净月高新技术产业开发区'],
  ['220173', '长春高新技术产业开发区'],
];

/**
 * Two-character words that start street and community names. With 40 words, one word appears in
 * about 1/40 of the communities and their grids: a search for `阳光` hits a few hundred rows of the
 * city, not all of it.
 */
// biome-ignore format: a table reads better than one word a line
export const NAME_WORDS = [
  '阳光', '幸福', '和平', '长青', '春华', '锦绣', '新兴', '友谊', '民康', '康乐',
  '繁荣', '东风', '红旗', '胜利', '团结', '建设', '光明', '青年', '育民', '兴隆',
  '富民', '安居', '丰收', '翠柳', '百合', '紫荆', '桂林', '梧桐', '松江', '碧水',
  '金泰', '华府', '鸿城', '嘉和', '御景', '盛世', '春城', '福临', '吉祥', '铁北',
] as const;

const COMMUNITY_SUFFIXES = [
  '',
  '花园',
  '家园',
  '小区',
  '新村',
  '雅苑',
  '名苑',
  '嘉园',
  '东区',
  '西区',
  '南区',
  '北区',
];
const STREET_SUFFIXES = ['街道', '路街道', '大街街道'];
const COMMUNITY_TYPES = [
  ['traditional_old', 4],
  ['high_end_gated', 2],
  ['abandoned_property', 2],
  ['urban_rural_fringe', 1],
] as const;

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return String(n);
}

const serial = (n: number) => String(n).padStart(3, '0');

function checkRange(name: keyof CityOptions, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new RangeError(`${name} must be a whole number from 1 to ${max}, got ${value}`);
  }
}

/** Splits `total` into `parts` non-negative integers of random size that sum exactly to it. */
function split(random: ReturnType<typeof createRandom>, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + random.next());
  const sum = weights.reduce((s, w) => s + w, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - out.reduce((s, p) => s + p, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) out[i]! += 1;
  return out;
}

/**
 * Rows parents first (districts, then each street followed by its communities and their grids).
 * Population and households are recorded on communities and grids (a community's grids split its
 * people exactly) and summed up onto streets and districts.
 */
export function generateCity(options: CityOptions): CityRow[] {
  checkRange('districts', options.districts, CITY_DISTRICTS.length);
  checkRange('streetsPerDistrict', options.streetsPerDistrict, 99);
  checkRange('communitiesPerStreet', options.communitiesPerStreet, 199);
  checkRange('gridsPerCommunity', options.gridsPerCommunity, 999);
  const random = createRandom(options.seed);
  const source = `bench:generate-city seed ${options.seed}`;
  const rows: CityRow[] = [];

  for (const [districtCode, districtName] of CITY_DISTRICTS.slice(0, options.districts)) {
    const district: CityRow = {
      code: districtCode,
      name: districtName,
      level: 'district',
      parentCode: null,
      population: 0,
      households: 0,
      communityType: null,
      urbanRuralCode: null,
      source,
    };
    rows.push(district);
    let districtPopulation = 0;
    let districtHouseholds = 0;
    const streetNames = new Set<string>();
    for (let s = 1; s <= options.streetsPerDistrict; s++) {
      const streetCode = districtCode + serial(s);
      let streetName: string;
      do {
        streetName = random.pick(NAME_WORDS) + random.pick(STREET_SUFFIXES);
      } while (streetNames.has(streetName) && streetNames.size < NAME_WORDS.length * STREET_SUFFIXES.length);
      streetNames.add(streetName);
      const street: CityRow = {
        ...district,
        code: streetCode,
        name: streetName,
        level: 'street',
        parentCode: districtCode,
      };
      rows.push(street);
      let streetPopulation = 0;
      let streetHouseholds = 0;

      const communityNames = new Set<string>();
      for (let c = 1; c <= options.communitiesPerStreet; c++) {
        const communityCode = streetCode + serial(c);
        let base: string;
        do {
          base = random.pick(NAME_WORDS) + random.pick(COMMUNITY_SUFFIXES);
        } while (
          communityNames.has(base) &&
          communityNames.size < NAME_WORDS.length * COMMUNITY_SUFFIXES.length
        );
        communityNames.add(base);
        const communityType = random.weighted(COMMUNITY_TYPES);
        const population = random.int(2_000, 12_000);
        const households = Math.round(population / (2.3 + random.next() * 0.6));
        rows.push({
          code: communityCode,
          name: `${base}社区`,
          level: 'community',
          parentCode: streetCode,
          population,
          households,
          communityType,
          urbanRuralCode: communityType === 'urban_rural_fringe' ? '112' : '111',
          source,
        });
        streetPopulation += population;
        streetHouseholds += households;

        const gridPopulation = split(random, population, options.gridsPerCommunity);
        const gridHouseholds = split(random, households, options.gridsPerCommunity);
        for (let g = 1; g <= options.gridsPerCommunity; g++) {
          rows.push({
            code: communityCode + serial(g),
            name: `${base}第${chineseNumber(g)}网格`,
            level: 'grid',
            parentCode: communityCode,
            population: gridPopulation[g - 1]!,
            households: gridHouseholds[g - 1]!,
            communityType: null,
            urbanRuralCode: null,
            source,
          });
        }
      }
      street.population = streetPopulation;
      street.households = streetHouseholds;
      districtPopulation += streetPopulation;
      districtHouseholds += streetHouseholds;
    }
    district.population = districtPopulation;
    district.households = districtHouseholds;
  }
  return rows;
}

/** Inserts the rows in batches inside one transaction (the parent foreign key is deferred). */
export async function loadCity(db: Kysely<DB>, rows: readonly CityRow[], batchSize = 1000): Promise<number> {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch: Insertable<Division>[] = rows.slice(i, i + batchSize).map((r) => ({ ...r }));
      await trx.insertInto('division').values(batch).execute();
    }
  });
  return rows.length;
}
