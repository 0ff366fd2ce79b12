import { type ResidentTag, residentIdCheckChar } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import type { DataCipher } from '../platform/crypto.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { createRandom, type Random } from './random.ts';

/**
 * Demo residents (issue #3 item 6): about 60 per grid of 爱民社区 (where the demo staff accounts
 * work) and a score in 景阳社区 of 春城街道, so another street's data is there to be refused.
 * Families share a flat, a household number and often a surname; ID numbers carry a valid check
 * digit and Changchun region codes; 高龄 and 独居 follow the birth year and the household size.
 * Same seed, same residents (the sealed bytes differ: each encryption draws a fresh IV).
 */

export const DEMO_RESIDENT_AREAS = [
  { community: '220106001001', perGrid: 60 },
  { community: '220106003001', total: 20 },
] as const;

/** The demo resident account's own registry record. */
export const DEMO_RESIDENT_ACCOUNT = {
  username: 'resident.demo',
  phone: '13900000001',
  birthDate: '1946-03-12',
  grid: '220106001001001',
};

const DEMO_CONSENT_RECORDER = 'community.aimin';

/** A fixed day for "is 80 or older", so the tags do not depend on when the demo is loaded. */
const ELDERLY_BORN_BY = 1946;
const SENIOR_BORN_BY = 1961;
const EARLIEST_BIRTH_YEAR = 1935;
const LATEST_BIRTH_YEAR = 2005;

export interface DemoResident {
  id: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  address: string;
  divisionCode: string;
  householdNo: string;
  tags: ResidentTag[];
  username?: string;
}

interface Grid {
  code: string;
  communityName: string;
}

const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 9],
  ['李', 9],
  ['张', 8],
  ['刘', 8],
  ['陈', 5],
  ['杨', 5],
  ['赵', 5],
  ['孙', 4],
  ['于', 4],
  ['高', 3],
  ['马', 3],
  ['郭', 3],
  ['徐', 3],
  ['周', 3],
  ['吴', 3],
  ['朱', 2],
  ['胡', 2],
  ['姜', 2],
  ['崔', 2],
  ['董', 2],
  ['曲', 2],
  ['宋', 2],
  ['韩', 2],
  ['冯', 2],
  ['曹', 2],
  ['田', 2],
  ['邢', 1],
  ['付', 1],
  ['谷', 1],
  ['迟', 1],
  ['佟', 1],
  ['关', 1],
  ['金', 1],
  ['白', 1],
  ['吕', 1],
  ['苏', 1],
  ['丁', 1],
  ['侯', 1],
  ['隋', 1],
  ['栾', 1],
  ['丛', 1],
  ['鲁', 1],
  ['孟', 1],
  ['蒋', 1],
  ['范', 1],
];

/** Characters of given names, by generation and sex: names follow the fashions of their decade. */
const GIVEN: Record<'older' | 'middle' | 'younger', Record<'male' | 'female', string>> = {
  older: {
    male: '德福国建志文明军华忠树春贵宝立新永玉成海山金友庆振学光荣长顺',
    female: '秀英玉兰凤桂芳珍淑琴霞春梅华荣翠云芬素香',
  },
  middle: { male: '伟勇军斌刚辉波东明涛强峰磊超宏亮新海平', female: '红燕丽敏静玲慧艳霞娟颖萍杰丹梅晶华' },
  younger: {
    male: '浩宇轩博子涛鹏磊杰俊晨阳睿昊鑫凯哲然航铭',
    female: '婷欣雪琳静颖悦佳怡雨萱涵晴璐思梦瑶丹',
  },
};

/** Changchun county codes on ID numbers: most locals were registered in 绿园区 itself. */
const REGION_CODES: ReadonlyArray<readonly [string, number]> = [
  ['220106', 50],
  ['220104', 10],
  ['220102', 8],
  ['220103', 6],
  ['220105', 6],
  ['220112', 4],
  ['220122', 5],
  ['220182', 4],
  ['220183', 4],
  ['220181', 3],
];

const BIRTH_DECADES: ReadonlyArray<readonly [[number, number], number]> = [
  [[1935, 1944], 8],
  [[1945, 1954], 15],
  [[1955, 1964], 20],
  [[1965, 1974], 18],
  [[1975, 1984], 15],
  [[1985, 1994], 14],
  [[1995, 2005], 10],
];

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '155',
  '158',
  '159',
  '186',
  '187',
  '188',
  '189',
  '177',
  '199',
];

const HOUSEHOLD_SIZES: ReadonlyArray<readonly [number, number]> = [
  [1, 25],
  [2, 35],
  [3, 25],
  [4, 15],
];

function generation(year: number): 'older' | 'middle' | 'younger' {
  return year < 1962 ? 'older' : year < 1982 ? 'middle' : 'younger';
}

function givenName(random: Random, year: number, gender: 'male' | 'female'): string {
  const chars = GIVEN[generation(year)][gender];
  const one = () => chars[random.int(0, chars.length - 1)]!;
  return random.next() < 0.3 ? one() : one() + one();
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function birthDateOf(random: Random, year: number): string {
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** An ID number with a real date, the sex in the order code's parity (odd male) and a valid check digit. */
function idNumberOf(random: Random, birthDate: string, gender: 'male' | 'female', region?: string): string {
  const order = random.int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${region ?? random.weighted(REGION_CODES)}${birthDate.replaceAll('-', '')}${pad(order, 3)}`;
  return first17 + residentIdCheckChar(first17);
}

function uuidOf(random: Random): string {
  const hex = Array.from({ length: 32 }, () => random.int(0, 15).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[random.int(0, 3)]}${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/**
 * The demo residents for the given grids (in code order). `demoAccount` is the resident account's
 * name: its record comes first, in its grid.
 */
export function buildDemoResidents(
  seed: number,
  areas: ReadonlyArray<{ grids: Grid[]; perGrid?: number; total?: number }>,
  demoAccountName: string,
): DemoResident[] {
  const random = createRandom(seed ^ 0x5e51de);
  const out: DemoResident[] = [];
  const ids = new Set<string>();
  const phones = new Set<string>([DEMO_RESIDENT_ACCOUNT.phone]);
  const flats = new Set<string>();
  let household = 0;

  const uniqueId = (birthDate: string, gender: 'male' | 'female', region?: string) => {
    for (;;) {
      const id = idNumberOf(random, birthDate, gender, region);
      if (!ids.has(id)) {
        ids.add(id);
        return id;
      }
    }
  };
  const uniquePhone = () => {
    for (;;) {
      const phone = random.pick(MOBILE_PREFIXES) + pad(random.int(0, 99_999_999), 8);
      if (!phones.has(phone)) {
        phones.add(phone);
        return phone;
      }
    }
  };
  const flatIn = (grid: Grid, index: number) => {
    for (;;) {
      const building = index * 8 + random.int(1, 8);
      const flat = `${grid.communityName} ${building} 栋 ${random.int(1, 4)} 单元 ${random.int(1, 7)}0${random.int(1, 2)}`;
      if (!flats.has(flat)) {
        flats.add(flat);
        return flat;
      }
    }
  };

  const demoGrid = areas.flatMap((a) => a.grids).find((g) => g.code === DEMO_RESIDENT_ACCOUNT.grid);
  if (demoGrid) {
    const gender = 'male';
    household += 1;
    out.push({
      id: uuidOf(random),
      name: demoAccountName,
      gender,
      birthDate: DEMO_RESIDENT_ACCOUNT.birthDate,
      idNumber: uniqueId(DEMO_RESIDENT_ACCOUNT.birthDate, gender, '220106'),
      phone: DEMO_RESIDENT_ACCOUNT.phone,
      address: flatIn(demoGrid, 0),
      divisionCode: demoGrid.code,
      householdNo: pad(220106_000 + household, 9),
      tags: ['elderly', 'alone', 'veteran'],
      username: DEMO_RESIDENT_ACCOUNT.username,
    });
  }

  for (const area of areas) {
    const targets = area.grids.map((_, i) =>
      area.perGrid !== undefined
        ? area.perGrid
        : Math.floor((area.total ?? 0) / area.grids.length) +
          (i < (area.total ?? 0) % area.grids.length ? 1 : 0),
    );
    area.grids.forEach((grid, gridIndex) => {
      let count = out.filter((r) => r.divisionCode === grid.code).length;
      while (count < targets[gridIndex]!) {
        const size = Math.min(random.weighted(HOUSEHOLD_SIZES), targets[gridIndex]! - count);
        const address = flatIn(grid, gridIndex);
        household += 1;
        const householdNo = pad(220106_000 + household, 9);
        const familyName = random.weighted(SURNAMES);
        const headYear = random.int(...random.weighted(BIRTH_DECADES));
        for (let m = 0; m < size; m++) {
          // The head, a partner or sibling of about the same age, then children a generation
          // younger when the head is old enough to have them.
          const childYear = headYear + random.int(22, 32);
          const year =
            m === 0
              ? headYear
              : m >= 2 && childYear <= LATEST_BIRTH_YEAR
                ? childYear
                : headYear + random.int(-4, 4);
          const gender = random.next() < 0.48 ? 'male' : 'female';
          const surname = m === 1 ? random.weighted(SURNAMES) : familyName;
          const birthDate = birthDateOf(
            random,
            Math.min(LATEST_BIRTH_YEAR, Math.max(EARLIEST_BIRTH_YEAR, year)),
          );
          const born = Number(birthDate.slice(0, 4));
          const tags: ResidentTag[] = [];
          if (born <= ELDERLY_BORN_BY) tags.push('elderly');
          if (size === 1 && born <= SENIOR_BORN_BY) tags.push('alone');
          if (random.next() < 0.03) tags.push('disabled');
          if (random.next() < 0.04) tags.push('low_income');
          if (gender === 'male' && born <= 1975 && random.next() < 0.08) tags.push('veteran');
          out.push({
            id: uuidOf(random),
            name: surname + givenName(random, born, gender),
            gender,
            birthDate,
            idNumber: uniqueId(birthDate, gender),
            // Some of the oldest have no mobile phone of their own.
            phone: born <= ELDERLY_BORN_BY && random.next() < 0.4 ? null : uniquePhone(),
            address,
            divisionCode: grid.code,
            householdNo,
            tags,
          });
          count += 1;
        }
      }
    });
  }
  return out;
}

const BATCH = 200;

/** Loads the demo residents; the resident account is linked to its record. Runs after the demo accounts. */
export async function seedDemoResidents(db: Kysely<DB>, cipher: DataCipher, seed: number): Promise<number> {
  const communities = DEMO_RESIDENT_AREAS.map((a) => a.community);
  const gridRows = await db
    .selectFrom('division as g')
    .innerJoin('division as c', 'c.code', 'g.parentCode')
    .select(['g.code', 'g.parentCode', 'c.name as communityName'])
    .where('g.parentCode', 'in', communities)
    .where('g.level', '=', 'grid')
    .orderBy('g.code')
    .execute();
  const areas = DEMO_RESIDENT_AREAS.map((a) => ({
    ...a,
    grids: gridRows.filter((g) => g.parentCode === a.community),
  }));
  const account = DEMO_ACCOUNTS.find((a) => a.username === DEMO_RESIDENT_ACCOUNT.username);
  // The account's display name carries its role ("居民 孙大爷"); the registry holds the person's name.
  const accountName = (account?.displayName ?? '').replace(/^居民\s*/, '');
  const residents = buildDemoResidents(seed, areas, accountName);
  const accountIds = new Map(
    (await db.selectFrom('account').select(['id', 'username']).execute()).map((a) => [a.username, a.id]),
  );

  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < residents.length; i += BATCH) {
      await trx
        .insertInto('resident')
        .values(
          residents.slice(i, i + BATCH).map((r) => ({
            id: r.id,
            name: r.name,
            gender: r.gender,
            birthDate: r.birthDate,
            idNumberSealed: cipher.encrypt(r.idNumber),
            idNumberIndex: cipher.piiIndex('residentId', r.idNumber),
            phoneSealed: r.phone === null ? null : cipher.encrypt(r.phone),
            phoneIndex: r.phone === null ? null : cipher.piiIndex('phone', r.phone),
            address: r.address,
            divisionCode: r.divisionCode,
            householdNo: r.householdNo,
            tags: r.tags,
            accountId: r.username ? (accountIds.get(r.username) ?? null) : null,
            createdBy: 'system',
            createdByName: '演示数据',
          })),
        )
        .execute();
    }
    // The demo resident told the community worker, in person, what they agree to (recorded while acting for them).
    const own = residents.find((r) => r.username === DEMO_RESIDENT_ACCOUNT.username);
    const worker = DEMO_ACCOUNTS.find((a) => a.username === DEMO_CONSENT_RECORDER);
    const workerId = accountIds.get(DEMO_CONSENT_RECORDER);
    if (own && worker && workerId) {
      await trx
        .insertInto('residentConsent')
        .values(
          (['registry', 'notification'] as const).map((purpose) => ({
            residentId: own.id,
            divisionCode: own.divisionCode,
            purpose,
            given: true,
            recordedBy: workerId,
            recordedByName: worker.displayName,
            onBehalfOf: own.id,
            onBehalfOfName: own.name,
            note: '居民本人到社区服务站当面表示同意',
          })),
        )
        .execute();
    }
  });
  return residents.length;
}
