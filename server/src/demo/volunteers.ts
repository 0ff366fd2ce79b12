import { randomUUID } from 'node:crypto';
import { type ACTIVITY_CATEGORIES, AVAILABILITY, pointsForMinutes, SKILLS } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { awardPoolAccountId, issuanceAccountId } from '../modules/points/ledger.service.ts';
import { maskName } from '../modules/volunteers/volunteers.service.ts';
import type { DataCipher } from '../platform/crypto.ts';
import { createRandom } from './random.ts';
import { buildDemoResidents } from './residents.ts';

/**
 * The 梦之邦公益同盟 alliance (issue #6 item 7): four programs, 117 teams and organizations,
 * about 10,000 volunteers (each with a registry record, ID numbers valid per GB 11643, sealed),
 * a year of activities with 10,000+ confirmed services, and the points ledger that follows from
 * them (one transfer per service from the district's issuance source). Rows go in by the batch
 * and balances are computed here, so `linli ledger verify` passes on the result. A few upcoming
 * activities in 爱民社区 wait for the demo resident, who is not yet a volunteer.
 */

export const DEMO_ALLIANCE = '梦之邦公益同盟';
export const DEMO_PROGRAMS = [
  { id: 'aixin', name: '爱心绿园', description: '助老扶残、邻里互助' },
  { id: 'yangguang', name: '阳光绿园', description: '关爱少年儿童、助学' },
  { id: 'xingfu', name: '幸福绿园', description: '环境美化、平安巡防、文明实践' },
  { id: 'wenhua', name: '文化绿园', description: '文化宣传、全民阅读、文体活动' },
] as const;
const TEAMS = 117;
const VOLUNTEERS = 10_000;
const ACTIVITIES = 1_100;
const DISTRICT = '220106';
const BATCH = 2000;
/** The demo year ends on this day (the demo does not depend on when it is loaded, except the upcoming ones). */
const YEAR_END = Date.UTC(2026, 10, 20);
const PROGRAM_CATEGORIES: Record<string, readonly (typeof ACTIVITY_CATEGORIES)[number][]> = {
  aixin: ['elderly_care', 'health'],
  yangguang: ['child_care', 'culture'],
  xingfu: ['environment', 'safety', 'civic'],
  wenhua: ['culture', 'civic'],
};

async function insertAll<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await insert(rows.slice(i, i + BATCH));
}

export async function seedDemoVolunteers(db: Kysely<DB>, cipher: DataCipher, seed: number) {
  const random = createRandom(seed ^ 0x701f);
  const communities = await db
    .selectFrom('division')
    .select(['code', 'name'])
    .where('level', 'in', ['community', 'village'])
    .where('code', 'like', `${DISTRICT}%`)
    .orderBy('code')
    .execute();
  const grids = await db
    .selectFrom('division as g')
    .innerJoin('division as c', 'c.code', 'g.parentCode')
    .select(['g.code', 'c.name as communityName'])
    .where('g.level', '=', 'grid')
    .orderBy('g.code')
    .execute();
  const organizations = await db
    .selectFrom('organization')
    .select(['id', 'name', 'divisionCode'])
    .where('state', '=', 'active')
    .orderBy('id')
    .limit(45)
    .execute();
  const takenIds = new Set(
    (await db.selectFrom('resident').select('idNumberIndex').execute()).map((r) => r.idNumberIndex),
  );

  // Registry records for the volunteers, across every grid of the district.
  const people = buildDemoResidents(seed ^ 0x7e11, [{ grids, total: Math.round(VOLUNTEERS * 1.3) }], '')
    .filter(
      (p) => !p.username && p.phone !== null && p.birthDate <= '2006-01-01' && p.birthDate >= '1950-01-01',
    )
    .filter((p) => {
      const index = cipher.piiIndex('residentId', p.idNumber);
      if (takenIds.has(index)) return false;
      takenIds.add(index);
      return true;
    })
    .slice(0, VOLUNTEERS);

  const programs = DEMO_PROGRAMS.map((p) => ({ ...p, alliance: DEMO_ALLIANCE, divisionCode: DISTRICT }));
  const teams = Array.from({ length: TEAMS }, (_, i) => {
    const program = programs[i % programs.length]!;
    const org = i < organizations.length ? organizations[i]! : null;
    const community = communities[i % communities.length]!;
    return {
      id: randomUUID(),
      name: org
        ? `${org.name}志愿服务队`
        : `${community.name}${program.name}志愿服务队${i >= communities.length ? ` ${Math.floor(i / communities.length) + 1} 队` : ''}`,
      programId: program.id,
      organizationId: org?.id ?? null,
      divisionCode: community.code,
      leaderName: `${random.pick(['王', '李', '张', '刘', '陈', '赵'])}${random.pick(['红', '伟', '静', '军', '敏', '强'])}`,
    };
  });

  const yearStart = YEAR_END - 365 * 86_400_000;
  const volunteers = people.map((p, i) => {
    const team = teams[i % TEAMS]!;
    return {
      person: p,
      row: {
        id: randomUUID(),
        volunteerNo: `${DISTRICT}${String(i + 1).padStart(7, '0')}${String(random.int(10, 99))}`,
        accountId: null,
        residentId: p.id,
        name: p.name,
        gender: p.gender,
        birthDate: p.birthDate,
        idNumberSealed: cipher.encrypt(p.idNumber),
        idNumberIndex: cipher.piiIndex('residentId', p.idNumber),
        phoneSealed: cipher.encrypt(p.phone!),
        phoneIndex: cipher.piiIndex('phone', p.phone!),
        skills: [random.pick(SKILLS)],
        availability: [random.pick(AVAILABILITY)],
        divisionCode: p.divisionCode.slice(0, 12),
        registeredAt: new Date(yearStart - random.int(0, 700) * 86_400_000),
      },
      team,
    };
  });
  const members = new Map<string, string[]>();
  for (const v of volunteers) members.set(v.team.id, [...(members.get(v.team.id) ?? []), v.row.id]);

  // A year of activities, each with 8–12 confirmed services by members of the publishing team.
  const activities: Array<Record<string, unknown> & { id: string }> = [];
  const signups: Array<Record<string, unknown>> = [];
  const services: Array<Record<string, unknown>> = [];
  const transfers: Array<Record<string, unknown>> = [];
  const postings: Array<{ transferId: string; accountId: string; amount: number; at: Date }> = [];
  const accountOf = new Map<string, string>(volunteers.map((v) => [v.row.id, randomUUID()]));
  const balances = new Map<string, number>();
  for (let a = 0; a < ACTIVITIES; a++) {
    const team = teams[a % TEAMS]!;
    const day = yearStart + random.int(0, 364) * 86_400_000;
    const morning = random.next() < 0.6;
    const startsAt = new Date(day + (morning ? 1 : 6) * 3_600_000);
    const minutes = random.pick([60, 90, 120, 150, 180, 240]);
    const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
    const category = random.pick(PROGRAM_CATEGORIES[team.programId]!);
    const id = randomUUID();
    const title = `${team.name.replace(/志愿服务队.*$/, '')}${random.pick(['走访慰问', '环境整治', '便民服务', '文明宣传', '读书分享', '健康义诊', '平安巡逻', '课业辅导'])}`;
    activities.push({
      id,
      title: title.slice(0, 100),
      description: null,
      programId: team.programId,
      category,
      publisherKind: team.organizationId ? 'organization' : 'team',
      publisherName: team.name,
      teamId: team.id,
      organizationId: team.organizationId,
      divisionCode: team.divisionCode,
      address: `${communities.find((c) => c.code === team.divisionCode)?.name ?? ''}党群服务中心`,
      startsAt,
      endsAt,
      slots: 12,
      createdBy: 'system',
      createdByName: '演示数据',
      createdAt: new Date(startsAt.getTime() - 7 * 86_400_000),
    });
    // Drawn where the fixed check-in code used to be, so the rest of the demo stays as it was.
    random.int(0, 999_999);
    const pool = members.get(team.id) ?? [];
    const count = Math.min(pool.length, random.int(8, 12));
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(random.pick(pool));
    for (const volunteerId of chosen) {
      const signupId = randomUUID();
      const serviceId = randomUUID();
      const transferId = randomUUID();
      const served = minutes - random.pick([0, 0, 0, 30]);
      const points = pointsForMinutes(served);
      const confirmedAt = new Date(endsAt.getTime() + 3_600_000);
      signups.push({
        id: signupId,
        activityId: id,
        volunteerId,
        divisionCode: team.divisionCode,
        state: 'signed_up',
        signedUpAt: new Date(startsAt.getTime() - 3 * 86_400_000),
        checkedInAt: startsAt,
        checkedOutAt: new Date(startsAt.getTime() + served * 60_000),
      });
      services.push({
        id: serviceId,
        kind: 'service',
        volunteerId,
        activityId: id,
        signupId,
        divisionCode: team.divisionCode,
        programId: team.programId,
        category,
        minutes: served,
        points,
        servedOn: new Date(startsAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
        confirmedBy: 'system',
        confirmedByName: '演示数据',
        confirmedAt,
      });
      transfers.push({
        id: transferId,
        idempotencyKey: `hours:${serviceId}`,
        kind: 'hours',
        memo: `${title.slice(0, 60)}（${served} 分钟）`,
        referenceType: 'volunteer_service',
        referenceId: serviceId,
        actorId: 'system',
        actorName: '演示数据',
        at: confirmedAt,
      });
      const account = accountOf.get(volunteerId)!;
      postings.push({ transferId, accountId: account, amount: points, at: confirmedAt });
      postings.push({ transferId, accountId: issuanceAccountId(DISTRICT), amount: -points, at: confirmedAt });
      balances.set(account, (balances.get(account) ?? 0) + points);
    }
  }
  const issued = [...balances.values()].reduce((s, b) => s + b, 0);
  // The award pool starts with 5,000 points, put in from the issuance source.
  const poolFunding = 500_000;
  const poolTransfer = randomUUID();
  transfers.push({
    id: poolTransfer,
    idempotencyKey: `demo:award-pool:${DISTRICT}`,
    kind: 'pool_funding',
    memo: '年度志愿服务奖励积分',
    actorId: 'system',
    actorName: '演示数据',
    at: new Date(yearStart),
  });
  postings.push({
    transferId: poolTransfer,
    accountId: awardPoolAccountId(DISTRICT),
    amount: poolFunding,
    at: new Date(yearStart),
  });
  postings.push({
    transferId: poolTransfer,
    accountId: issuanceAccountId(DISTRICT),
    amount: -poolFunding,
    at: new Date(yearStart),
  });

  // Upcoming activities in 爱民社区, open for sign-up (relative to now, so they stay upcoming).
  const aimin = '220106001001';
  const today = new Date();
  const upcoming = ['助老送餐', '楼道清理', '反诈宣传', '儿童四点半课堂', '健康义诊', '垃圾分类指导'].map(
    (what, i) => {
      const day =
        Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) + (i + 1) * 2 * 86_400_000;
      const startsAt = new Date(day + 1 * 3_600_000);
      random.int(0, 999_999);
      return {
        id: randomUUID(),
        title: `爱民社区${what}`,
        description: `${what}，欢迎居民志愿者报名参加。`,
        programId: DEMO_PROGRAMS[i % 4]!.id,
        category: PROGRAM_CATEGORIES[DEMO_PROGRAMS[i % 4]!.id]![0]!,
        publisherKind: 'community',
        publisherName: '爱民社区',
        teamId: null,
        organizationId: null,
        divisionCode: aimin,
        address: '爱民社区党群服务中心',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 2.5 * 3_600_000),
        slots: 10,
        requirements: i === 4 ? '有医护背景者优先' : null,
        createdBy: 'system',
        createdByName: '演示数据',
      };
    },
  );

  // Last year's honours from the district: the ten volunteers and the five teams with the most hours,
  // and the volunteer with the most as the star of the year.
  const honourYear = new Date(yearStart).getUTCFullYear();
  const minutesOf = new Map<string, number>();
  for (const s of services)
    minutesOf.set(
      s.volunteerId as string,
      (minutesOf.get(s.volunteerId as string) ?? 0) + (s.minutes as number),
    );
  const topVolunteers = volunteers
    .filter((v) => minutesOf.has(v.row.id))
    .sort(
      (a, b) =>
        minutesOf.get(b.row.id)! - minutesOf.get(a.row.id)! ||
        a.row.volunteerNo.localeCompare(b.row.volunteerNo),
    )
    .slice(0, 10);
  const teamMinutes = new Map<string, number>();
  for (const v of volunteers)
    teamMinutes.set(v.team.id, (teamMinutes.get(v.team.id) ?? 0) + (minutesOf.get(v.row.id) ?? 0));
  const topTeams = [...teams]
    .sort((a, b) => teamMinutes.get(b.id)! - teamMinutes.get(a.id)! || a.name.localeCompare(b.name))
    .slice(0, 5);
  const honourBase = {
    year: honourYear,
    awardedByDivision: DISTRICT,
    awardedBy: 'system',
    awardedByName: '演示数据',
    awardedAt: new Date(YEAR_END),
  };
  const honours = [
    ...topVolunteers.map((v, i) => ({
      ...honourBase,
      id: randomUUID(),
      subjectKind: 'volunteer',
      volunteerId: v.row.id,
      teamId: null,
      title: 'outstanding_volunteer',
      reason: `全年志愿服务 ${Math.round(minutesOf.get(v.row.id)! / 60)} 小时，服务时长全区第 ${i + 1} 位`,
      divisionCode: v.row.divisionCode,
    })),
    ...topVolunteers.slice(0, 1).map((v) => ({
      ...honourBase,
      id: randomUUID(),
      subjectKind: 'volunteer',
      volunteerId: v.row.id,
      teamId: null,
      title: 'star_of_year',
      reason: '全年服务时长全区第一，常年坚持助老服务',
      divisionCode: v.row.divisionCode,
    })),
    ...topTeams.map((t) => ({
      ...honourBase,
      id: randomUUID(),
      subjectKind: 'team',
      volunteerId: null,
      teamId: t.id,
      title: 'outstanding_team',
      reason: `队员全年服务 ${Math.round(teamMinutes.get(t.id)! / 60)} 小时`,
      divisionCode: t.divisionCode,
    })),
  ];

  await db.transaction().execute(async (trx) => {
    await trx.insertInto('volunteerProgram').values(programs).execute();
    await trx.insertInto('volunteerTeam').values(teams).execute();
    await insertAll(volunteers, (b) =>
      trx
        .insertInto('resident')
        .values(
          b.map(({ person: p, row }) => ({
            id: p.id,
            name: p.name,
            gender: p.gender,
            birthDate: p.birthDate,
            // The registry record and the volunteer record hold the same sealed values.
            idNumberSealed: row.idNumberSealed,
            idNumberIndex: row.idNumberIndex,
            phoneSealed: row.phoneSealed,
            phoneIndex: row.phoneIndex,
            address: p.address,
            divisionCode: p.divisionCode,
            householdNo: `V${p.householdNo}`,
            tags: p.tags,
            createdBy: 'system',
            createdByName: '演示数据',
          })),
        )
        .execute(),
    );
    await insertAll(volunteers, (b) =>
      trx
        .insertInto('volunteer')
        .values(b.map((v) => v.row))
        .execute(),
    );
    await insertAll(volunteers, (b) =>
      trx
        .insertInto('volunteerTeamMember')
        .values(b.map((v) => ({ teamId: v.team.id, volunteerId: v.row.id, joinedAt: v.row.registeredAt })))
        .execute(),
    );
    await trx
      .insertInto('pointsAccount')
      .values([
        {
          id: issuanceAccountId(DISTRICT),
          kind: 'issuance',
          ownerId: DISTRICT,
          name: '服务时长积分发行',
          divisionCode: DISTRICT,
          balance: -(issued + poolFunding),
          allowNegative: true,
        },
        {
          id: awardPoolAccountId(DISTRICT),
          kind: 'award_pool',
          ownerId: DISTRICT,
          name: '区级奖励积分池',
          divisionCode: DISTRICT,
          balance: poolFunding,
        },
      ])
      .execute();
    await insertAll(volunteers, (b) =>
      trx
        .insertInto('pointsAccount')
        .values(
          b.map((v) => ({
            id: accountOf.get(v.row.id)!,
            kind: 'volunteer',
            ownerId: v.row.id,
            name: `志愿者 ${maskName(v.row.name)} 的积分`,
            divisionCode: v.row.divisionCode,
            balance: balances.get(accountOf.get(v.row.id)!) ?? 0,
          })),
        )
        .execute(),
    );
    await insertAll([...activities, ...upcoming], (b) =>
      trx
        .insertInto('volunteerActivity')
        .values(b as never)
        .execute(),
    );
    await insertAll(signups, (b) =>
      trx
        .insertInto('volunteerSignup')
        .values(b as never)
        .execute(),
    );
    await insertAll(services, (b) =>
      trx
        .insertInto('volunteerService')
        .values(b as never)
        .execute(),
    );
    await insertAll(transfers, (b) =>
      trx
        .insertInto('pointsTransfer')
        .values(b as never)
        .execute(),
    );
    await insertAll(postings, (b) => trx.insertInto('pointsPosting').values(b).execute());
    await trx.insertInto('volunteerHonour').values(honours).execute();
  });
  return {
    honours: honours.length,
    programs: programs.length,
    teams: teams.length,
    volunteers: volunteers.length,
    services: services.length,
  };
}
