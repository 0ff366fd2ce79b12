import { randomUUID } from 'node:crypto';
import { beijingToday, type FocusArea, PERMISSIONS, permissionsOf, type Role } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { AuthService } from '../modules/accounts/auth.service.ts';
import { WorkCalendarService } from '../modules/event-categories/work-calendar.service.ts';
import { fundingServices } from '../modules/funding/funding.routes.ts';
import { ReviewService } from '../modules/funding/review.service.ts';
import { type Caller, SYSTEM_SCOPE, scopeOf } from '../platform/scope.ts';
import { DEMO_PASSWORD } from './accounts.ts';
import { createRandom } from './random.ts';

/** The review panel's expert accounts (evaluator role; the demo password, like every demo account). */
export const DEMO_EXPERTS = [
  { username: 'expert.01', displayName: '评审专家 刘建华（社会工作）' },
  { username: 'expert.02', displayName: '评审专家 陈晓梅（财务）' },
  { username: 'expert.03', displayName: '评审专家 赵立新（公益项目管理）' },
  { username: 'expert.04', displayName: '评审专家 孙丽（社区治理）' },
  { username: 'expert.05', displayName: '评审专家 周文博（养老服务）' },
] as const;

const DISTRICT: Caller = {
  scope: SYSTEM_SCOPE,
  permissions: PERMISSIONS,
  roles: ['district_admin'],
  actor: { id: 'demo-district', name: '区民政局（演示数据）', role: 'district_admin' },
};

const person = (id: string, name: string, role: Role, scope: string): Caller => ({
  scope: scopeOf([scope]),
  permissions: permissionsOf([role]),
  roles: [role],
  actor: { id, name, role },
});

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Pre-assessment in the demo (issue #7 item 3), run after the spring call has closed:
 * - the spring call: five experts score every application (one recuses itself from one and
 *   `evaluator.demo` takes its place), the notice of the top six ran in spring and has ended;
 *   the caller awards from the returned list;
 * - a children's call under review: three experts have scored; `evaluator.demo` still has a sheet
 *   to declare and score (我的评审), after which the district can publish;
 * - a reward call whose notice is running now, with one dismissed and one pending objection.
 * Returns the spring notice's applications in ranking order.
 */
export async function seedDemoReviews(
  db: Kysely<DB>,
  seed: number,
  ctx: { springCallId: string; fundIds: readonly string[]; organizationIds: readonly string[] },
): Promise<string[]> {
  const rnd = createRandom(seed + 11);
  const today = beijingToday();
  const year = Number(today.slice(0, 4));
  const reviews = new ReviewService(db, new WorkCalendarService(db), { priorityBonus: 3 });
  const { calls, applications } = fundingServices(db);

  const passwordHash = await AuthService.hashPassword(DEMO_PASSWORD);
  const experts: Caller[] = [];
  for (const e of DEMO_EXPERTS) {
    const id = randomUUID();
    await db
      .insertInto('account')
      .values({ id, username: e.username, displayName: e.displayName, passwordHash, divisionCode: '220106' })
      .execute();
    await db
      .insertInto('roleGrant')
      .values({ accountId: id, role: 'evaluator', scopeCode: '220106' })
      .execute();
    experts.push(person(id, e.displayName, 'evaluator', '220106'));
  }
  const account = async (username: string) =>
    db
      .selectFrom('account')
      .select(['id', 'displayName'])
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
  const demoEvaluator = await account('evaluator.demo');
  const evaluator = person(demoEvaluator.id, demoEvaluator.displayName, 'evaluator', '220106');

  /** Every open sheet of `who` on the call: declared free of conflict, scored, submitted. */
  const score = async (who: Caller, callId: string, recuse?: string) => {
    const mine = await reviews.mine(who, { state: 'assigned', limit: 100 });
    for (const r of mine.items.filter((x) => x.callId === callId)) {
      if (r.applicationId === recuse) {
        await reviews.transition(who, r.id, {
          action: 'declareConflict',
          version: r.version,
          comment: '本人曾担任该组织的督导顾问，申请回避',
        });
        continue;
      }
      const declared = await reviews.transition(who, r.id, { action: 'declareNone', version: r.version });
      const saved = await reviews.saveSheet(who, r.id, {
        version: declared.version,
        scores: declared.scoringTemplate.map((c) => rnd.int(Math.ceil(c.maxPoints * 0.55), c.maxPoints)),
        comment: rnd.pick([
          '方案完整，目标清晰',
          '预算编制较合理，建议细化考核指标',
          '服务对象明确，可持续性有待加强',
        ]),
      });
      await reviews.transition(who, r.id, { action: 'submit', version: saved.version });
    }
  };

  // 1. The spring call: a full panel, one recusal, the notice ran four months ago.
  const springApps = await applications.list(DISTRICT, {
    callId: ctx.springCallId,
    state: 'submitted',
    limit: 100,
  });
  const springIds = springApps.items.map((a) => a.id);
  await reviews.assign(DISTRICT, ctx.springCallId, { reviewerIds: experts.map((e) => e.actor.id) });
  for (const [i, expert] of experts.entries())
    await score(expert, ctx.springCallId, i === 0 ? springIds[0] : undefined);
  await reviews.assign(DISTRICT, ctx.springCallId, {
    reviewerIds: [evaluator.actor.id],
    applicationIds: [springIds[0]!],
  });
  await score(evaluator, ctx.springCallId);
  const listed = (await reviews.ranking(DISTRICT, ctx.springCallId, { limit: 6 })).items;
  await reviews.publish(
    DISTRICT,
    ctx.springCallId,
    {
      applications: listed.map((r) => ({ applicationId: r.applicationId, proposedFen: r.requestedFen })),
      note: '公示期内如有异议，请在本平台“公示”页面提出，区民政局将在 5 个工作日内答复。',
    },
    new Date(Date.parse(`${addDays(today, -118)}T09:00:00+08:00`)),
  );

  // A small call per phase, with applications from the registry.
  const newCall = async (
    fundIndex: number,
    title: string,
    area: FocusArea,
    applicants: readonly string[],
  ) => {
    const c = await calls.create(DISTRICT, {
      title,
      fundId: ctx.fundIds[fundIndex]!,
      budgetCeilingFen: 10_000_000,
      focusAreas: [area],
      eligibleKinds: ['private_non_enterprise', 'social_group', 'community_org'],
      scoringTemplate: [
        { name: '需求契合度', maxPoints: 25 },
        { name: '项目设计', maxPoints: 35 },
        { name: '组织能力', maxPoints: 20 },
        { name: '预算合理性', maxPoints: 20 },
      ],
      opensOn: today,
      closesOn: addDays(today, 1),
    });
    const opened = await calls.transition(DISTRICT, c.id, { action: 'open', version: c.version });
    const ids: string[] = [];
    for (const orgId of applicants) {
      const yuan = rnd.int(6, 16) * 5_000;
      const draft = await applications.create(DISTRICT, {
        callId: c.id,
        organizationId: orgId,
        title: rnd.pick([
          '困境儿童成长陪伴计划',
          '社区儿童四点半课堂',
          '儿童安全自护教育',
          '留守儿童亲情连线',
        ]),
        focusArea: area,
        plan: '组建社工与志愿者团队，按月开展服务，建立服务对象档案并定期回访。',
        outcomes: '服务对象满意度不低于 90%，形成可复制的社区服务模式',
        budgetLines: [
          { item: '人员劳务', amountFen: Math.round(yuan * 0.6) * 100 },
          { item: '活动物资', amountFen: (yuan - Math.round(yuan * 0.6)) * 100 },
        ],
      });
      await applications.transition(DISTRICT, draft.id, { action: 'submit', version: draft.version });
      ids.push(draft.id);
    }
    await calls.transition(DISTRICT, c.id, { action: 'close', version: opened.version });
    await db
      .updateTable('fundingCall')
      .set({ opensOn: addDays(today, -40), closesOn: addDays(today, -10) })
      .where('id', '=', c.id)
      .execute();
    return { id: c.id, applicationIds: ids };
  };

  // 2. Under review: evaluator.demo has one sheet left to declare and score.
  const children = await newCall(
    3,
    `${year}年儿童关爱服务项目（第一批）`,
    'child_welfare',
    ctx.organizationIds.slice(0, 4),
  );
  await reviews.assign(DISTRICT, children.id, { reviewerIds: experts.slice(0, 3).map((e) => e.actor.id) });
  for (const expert of experts.slice(0, 3)) await score(expert, children.id);
  await reviews.assign(DISTRICT, children.id, {
    reviewerIds: [evaluator.actor.id],
    applicationIds: [children.applicationIds[0]!],
  });

  // 3. Notice running now, with objections.
  const reward = await newCall(
    4,
    `${year}年优秀社区社会组织以奖代补项目`,
    'child_welfare',
    ctx.organizationIds.slice(4, 7),
  );
  await reviews.assign(DISTRICT, reward.id, { reviewerIds: experts.slice(1, 4).map((e) => e.actor.id) });
  for (const expert of experts.slice(1, 4)) await score(expert, reward.id);
  const rewardRanking = await reviews.ranking(DISTRICT, reward.id);
  const notice = await reviews.publish(DISTRICT, reward.id, {
    applications: rewardRanking.items.map((r) => ({
      applicationId: r.applicationId,
      proposedFen: r.requestedFen,
    })),
  });
  const resident = await account('resident.demo');
  const objector = person(resident.id, resident.displayName, 'resident', '220106001001001');
  const first = await reviews.object(objector, notice.id, {
    applicationId: rewardRanking.items[0]!.applicationId,
    reason: '该组织去年在本社区的服务次数与宣传不符，请核实。',
  });
  const objection = first.objections[0]!;
  await reviews.answer(DISTRICT, objection.id, {
    action: 'dismiss',
    version: objection.version,
    reply: '经核查该组织服务台账和社区签字记录，服务次数属实，异议不成立。',
  });
  await reviews.object(objector, notice.id, {
    applicationId: rewardRanking.items.at(-1)!.applicationId,
    reason: '项目预算中的活动物资费用偏高，建议核减。',
  });
  return listed.map((r) => r.applicationId);
}
