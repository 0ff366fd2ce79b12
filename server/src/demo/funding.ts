import {
  beijingToday,
  type FocusArea,
  type FundChannel,
  type OrganizationKind,
  PERMISSIONS,
} from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { fundingServices } from '../modules/funding/funding.routes.ts';
import type { Caller } from '../platform/scope.ts';
import { SYSTEM_SCOPE } from '../platform/scope.ts';
import { seedDemoReviews } from './funding-reviews.ts';
import { createRandom } from './random.ts';

/**
 * This year's money (issue #7 items 1–2, R3.1): funds across the five channels totalling 2 million+
 * yuan focused on 养老助残, 儿童福利 and 社会救助, needs from communities, a closed call whose
 * awards commit part of the funds, an open call taking applications and a draft. Written through
 * the module's services (as the district), so the ledger, the history and the audit agree.
 */
export const DEMO_FUNDS: ReadonlyArray<{
  channel: FundChannel;
  name: string;
  focusAreas: FocusArea[];
  yuan: number;
}> = [
  { channel: 'purchase', name: '养老助残服务项目购买资金', focusAreas: ['elderly_disabled'], yuan: 800_000 },
  {
    channel: 'venture',
    name: '社区公益创投资金',
    focusAreas: ['child_welfare', 'social_assistance'],
    yuan: 500_000,
  },
  { channel: 'grant', name: '社会救助项目资助资金', focusAreas: ['social_assistance'], yuan: 400_000 },
  { channel: 'government', name: '儿童关爱政府资助资金', focusAreas: ['child_welfare'], yuan: 200_000 },
  {
    channel: 'reward',
    name: '优秀社区社会组织以奖代补资金',
    focusAreas: ['elderly_disabled', 'child_welfare', 'social_assistance'],
    yuan: 150_000,
  },
];

const NEED_TITLES: Record<'elderly_disabled' | 'child_welfare' | 'social_assistance', string[]> = {
  elderly_disabled: [
    '高龄独居老人定期探访',
    '社区老年助餐点运营',
    '失能老人居家照护培训',
    '残疾人康复辅具借用',
  ],
  child_welfare: ['双职工家庭儿童课后托管', '留守儿童心理陪伴', '社区儿童安全教育', '困境儿童假期成长营'],
  social_assistance: ['低保家庭就业帮扶', '困难群众临时救助走访', '流浪乞讨人员救助引导', '特困人员精神关爱'],
};

const ALL_KINDS: OrganizationKind[] = ['private_non_enterprise', 'social_group', 'community_org'];

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const TEMPLATE = [
  { name: '需求契合度', maxPoints: 20 },
  { name: '项目设计', maxPoints: 30 },
  { name: '组织能力', maxPoints: 20 },
  { name: '预算合理性', maxPoints: 20 },
  { name: '可持续性', maxPoints: 10 },
];

export async function seedDemoFunding(
  db: Kysely<DB>,
  seed: number,
): Promise<{ funds: number; applications: number }> {
  const rnd = createRandom(seed + 7);
  const today = beijingToday();
  const year = Number(today.slice(0, 4));
  const district: Caller = {
    scope: SYSTEM_SCOPE,
    permissions: PERMISSIONS,
    roles: ['district_admin'],
    actor: { id: 'demo-district', name: '区民政局（演示数据）', role: 'district_admin' },
  };
  const { funds, needs, calls, applications } = fundingServices(db);

  const fundIds: string[] = [];
  for (const f of DEMO_FUNDS) {
    const fund = await funds.create(district, {
      year,
      channel: f.channel,
      name: `${year}年${f.name}`,
      focusAreas: f.focusAreas,
      budgetFen: f.yuan * 100,
    });
    fundIds.push(fund.id);
  }

  // Needs from communities of every street, a few from service stations.
  const communities = await db
    .selectFrom('division')
    .select('code')
    .where('level', '=', 'community')
    .where('code', 'like', '220106%')
    .orderBy('code')
    .execute();
  const needIds: Record<string, string[]> = {
    elderly_disabled: [],
    child_welfare: [],
    social_assistance: [],
  };
  const step = Math.max(1, Math.floor(communities.length / 24));
  for (let i = 0; i < 24 && i * step < communities.length; i++) {
    const area = (['elderly_disabled', 'child_welfare', 'social_assistance'] as const)[i % 3]!;
    const titles = NEED_TITLES[area];
    const need = await needs.create(
      { ...district, roles: [i % 4 === 0 ? 'station_staff' : 'community_worker'] },
      {
        title: titles[Math.floor(i / 3) % titles.length]!,
        description: '居民议事会提出、社区“两委”研究确定的服务需求',
        focusArea: area,
        divisionCode: communities[i * step]!.code,
        estimatedFen: rnd.int(3, 12) * 1_000_000,
      },
    );
    needIds[area]!.push(need.id);
  }

  const organizations = await db
    .selectFrom('organization')
    .select(['id', 'fromOutside', 'kind'])
    .where('state', '=', 'active')
    .where('kind', 'in', ALL_KINDS)
    .where('id', '<>', 'demo-org')
    .orderBy('id')
    .execute();
  const outside = organizations.filter((o) => o.fromOutside);
  const local = organizations.filter((o) => !o.fromOutside && o.kind !== 'community_org');
  const pick = (list: typeof organizations, n: number) => {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(n, list.length)) chosen.add(rnd.pick(list).id);
    return [...chosen];
  };

  const apply = async (callId: string, organizationId: string, area: FocusArea, title: string) => {
    const yuan = rnd.int(6, 18) * 5_000;
    const staff = Math.round(yuan * 0.6);
    return applications.create(district, {
      callId,
      organizationId,
      title,
      focusArea: area,
      plan: '组建专业社工与志愿者团队，按月制定服务计划，建立服务对象台账，定期回访评估。',
      outcomes: `服务对象满意度不低于 90%，形成可复制的社区服务模式`,
      budgetLines: [
        { item: '人员劳务', amountFen: staff * 100 },
        { item: '活动物资', amountFen: (yuan - staff) * 100 },
      ],
    });
  };
  let count = 0;

  // 1. Closed: elderly and disability services bought this spring, with awards committing money.
  const spring = await calls.create(district, {
    title: `${year}年养老助残服务项目购买（第一批）`,
    description: '面向全区购买高龄独居老人探访、助餐、居家照护等服务。',
    fundId: fundIds[0]!,
    budgetCeilingFen: 60_000_000,
    focusAreas: ['elderly_disabled'],
    eligibleKinds: ALL_KINDS,
    scoringTemplate: TEMPLATE,
    opensOn: today,
    closesOn: addDays(today, 1),
    needIds: needIds.elderly_disabled!.slice(0, 4),
  });
  const opened = await calls.transition(district, spring.id, { action: 'open', version: spring.version });
  const springApplicants = [...pick(local, 6), ...pick(outside, 2)];
  const springApps = [];
  for (const [i, orgId] of springApplicants.entries()) {
    const draft = await apply(spring.id, orgId, 'elderly_disabled', NEED_TITLES.elderly_disabled[i % 4]!);
    springApps.push(
      await applications.transition(district, draft.id, { action: 'submit', version: draft.version }),
    );
    count += 1;
  }
  await calls.transition(district, spring.id, { action: 'close', version: opened.version });
  const last = springApps.at(-1)!;
  await applications.transition(district, last.id, { action: 'withdraw', version: last.version });
  // Reviewed and publicly noticed (事前论证); the first five on the notice are awarded, the sixth waits.
  const listed = await seedDemoReviews(db, seed, {
    springCallId: spring.id,
    fundIds,
    organizationIds: local.filter((o) => !springApplicants.includes(o.id)).map((o) => o.id),
  });
  for (const id of listed.slice(0, 5)) {
    const a = springApps.find((x) => x.id === id)!;
    await applications.award(district, a.id, { version: a.version, amountFen: a.requestedFen });
  }
  await db
    .updateTable('fundingCall')
    .set({ opensOn: addDays(today, -150), closesOn: addDays(today, -120) })
    .where('id', '=', spring.id)
    .execute();

  // 2. Open now: venture philanthropy for children and social assistance.
  const venture = await calls.create(district, {
    title: `${year}年社区公益创投大赛`,
    description: '聚焦儿童福利与社会救助，鼓励域外优秀社会组织同等条件参与。',
    fundId: fundIds[1]!,
    budgetCeilingFen: 30_000_000,
    focusAreas: ['child_welfare', 'social_assistance'],
    eligibleKinds: ALL_KINDS,
    scoringTemplate: TEMPLATE,
    opensOn: addDays(today, -10),
    closesOn: addDays(today, 20),
    needIds: [...needIds.child_welfare!.slice(0, 3), ...needIds.social_assistance!.slice(0, 3)],
  });
  await calls.transition(district, venture.id, { action: 'open', version: venture.version });
  for (const [i, orgId] of [...pick(local, 4), ...pick(outside, 2)].entries()) {
    const area = i % 2 === 0 ? 'child_welfare' : 'social_assistance';
    const draft = await apply(venture.id, orgId, area, NEED_TITLES[area][i % 4]!);
    if (i < 4)
      await applications.transition(district, draft.id, { action: 'submit', version: draft.version });
    count += 1;
  }

  // 3. Draft: the district is preparing the social-assistance grants.
  await calls.create(district, {
    title: `${year}年社会救助类项目资助（拟发布）`,
    fundId: fundIds[2]!,
    budgetCeilingFen: 20_000_000,
    focusAreas: ['social_assistance'],
    eligibleKinds: ['private_non_enterprise', 'social_group'],
    minGrade: '2A',
    scoringTemplate: TEMPLATE,
    opensOn: addDays(today, 15),
    closesOn: addDays(today, 45),
  });
  return { funds: fundIds.length, applications: count };
}
