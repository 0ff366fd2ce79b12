import { GRID_LEADER_DUTY, GRID_MEMBER_DUTY } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import type { DataCipher } from '../platform/crypto.ts';
import { DEMO_ACCOUNTS } from './accounts.ts';
import { createRandom, type Random } from './random.ts';

/**
 * Demo grid rosters (R1.4): every one of the 312 grids has a leader (网格长); the 211 public-welfare
 * post workers serve as grid members (网格员) spread one to a grid; co-opted coordinators
 * (综治协管员, 综合执法协管员) sit on some grids, and some grids show a leader who handed over.
 * The demo grid leader and grid member accounts are the people on their grid's roster.
 */
export const DEMO_ROSTER = {
  leaders: 312,
  members: 211,
  /** Share of grids with a co-opted coordinator of each kind. */
  securityShare: 0.35,
  enforcementShare: 0.2,
  /** Grids whose leader took over from a predecessor (an ended term in the history). */
  handovers: 24,
} as const;

const DEMO_GRID = '220106001001001';
const BATCH = 200;

const SURNAMES = '王李张刘陈杨赵孙于高马郭徐周吴朱胡姜崔董曲宋韩冯曹田邢付谷迟佟关金白吕苏丁侯';
const GIVEN_MALE = '伟勇军斌刚辉波东明涛强峰磊超宏亮新海平国建志文春';
const GIVEN_FEMALE = '红燕丽敏静玲慧艳霞娟颖萍杰丹梅晶华秀英玉兰凤桂芳';
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
  '155',
  '158',
  '186',
  '187',
  '189',
];

function personName(random: Random): string {
  const given = random.next() < 0.5 ? GIVEN_MALE : GIVEN_FEMALE;
  const length = random.next() < 0.65 ? 2 : 1;
  let name = random.pick([...SURNAMES]);
  for (let i = 0; i < length; i++) name += random.pick([...given]);
  return name;
}

function mobile(random: Random): string {
  return `${random.pick(MOBILE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
}

function dateBetween(random: Random, fromYear: number, toYear: number): string {
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear, 11, 31);
  return new Date(start + Math.floor(random.next() * ((end - start) / 86_400_000)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

export interface DemoAssignment {
  id: string;
  gridCode: string;
  duty: string;
  personName: string;
  phone: string;
  username: string | null;
  fromDate: string;
  toDate: string | null;
  endReason: string | null;
}

/** The name in a demo account's display name ("爱民社区第1网格 网格长 刘强" → 刘强). */
function accountPerson(username: string): string | undefined {
  return DEMO_ACCOUNTS.find((a) => a.username === username)
    ?.displayName.split(/\s+/)
    .at(-1);
}

export function buildDemoRoster(seed: number, gridCodes: readonly string[]): DemoAssignment[] {
  const random = createRandom(seed ^ 0x6e1d);
  const out: DemoAssignment[] = [];
  const add = (gridCode: string, duty: string, fields: Partial<DemoAssignment> = {}) => {
    out.push({
      id: `demo-grid-${gridCode}-${duty}-${out.length}`,
      gridCode,
      duty,
      personName: personName(random),
      phone: mobile(random),
      username: null,
      fromDate: dateBetween(random, 2022, 2025),
      toDate: null,
      endReason: null,
      ...fields,
    });
  };
  const leaderAccount = DEMO_ACCOUNTS.find((a) => a.role === 'grid_leader' && a.scopeCode === DEMO_GRID);
  const memberAccount = DEMO_ACCOUNTS.find((a) => a.role === 'grid_member' && a.scopeCode === DEMO_GRID);

  // Which grids get one of the 211 members: a seeded shuffle, with the demo member's grid first.
  const order = gridCodes
    .map((code) => [code, code === DEMO_GRID ? -1 : random.next()] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([code]) => code);
  const withMember = new Set(order.slice(0, DEMO_ROSTER.members));
  const handedOver = new Set(order.slice(-DEMO_ROSTER.handovers));

  for (const code of gridCodes) {
    const own = code === DEMO_GRID;
    const leaderFrom = dateBetween(random, 2023, 2025);
    if (handedOver.has(code))
      add(code, GRID_LEADER_DUTY, {
        fromDate: dateBetween(random, 2019, 2021),
        toDate: leaderFrom,
        endReason: random.pick(['工作调动', '退休', '换届调整']),
      });
    add(code, GRID_LEADER_DUTY, {
      fromDate: leaderFrom,
      ...(own && leaderAccount
        ? { username: leaderAccount.username, personName: accountPerson(leaderAccount.username)! }
        : {}),
    });
    if (withMember.has(code))
      add(
        code,
        GRID_MEMBER_DUTY,
        own && memberAccount
          ? { username: memberAccount.username, personName: accountPerson(memberAccount.username)! }
          : {},
      );
    if (own || random.next() < DEMO_ROSTER.securityShare) add(code, 'security_coordinator');
    if (own || random.next() < DEMO_ROSTER.enforcementShare) add(code, 'enforcement_coordinator');
  }
  return out;
}

export async function seedDemoGrids(db: Kysely<DB>, cipher: DataCipher, seed: number): Promise<number> {
  const grids = await db
    .selectFrom('division')
    .select('code')
    .where('level', '=', 'grid')
    .orderBy('code')
    .execute();
  const roster = buildDemoRoster(
    seed,
    grids.map((g) => g.code),
  );
  const accountIds = new Map(
    (await db.selectFrom('account').select(['id', 'username']).execute()).map((a) => [a.username, a.id]),
  );
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < roster.length; i += BATCH) {
      await trx
        .insertInto('gridAssignment')
        .values(
          roster.slice(i, i + BATCH).map((a) => ({
            id: a.id,
            divisionCode: a.gridCode,
            dutyCode: a.duty,
            personName: a.personName,
            phoneSealed: cipher.encrypt(a.phone),
            phoneIndex: cipher.piiIndex('phone', a.phone),
            accountId: a.username ? (accountIds.get(a.username) ?? null) : null,
            fromDate: a.fromDate,
            toDate: a.toDate,
            endReason: a.endReason,
            createdBy: 'system',
            createdByName: '演示数据',
          })),
        )
        .execute();
    }
  });
  return roster.length;
}
