import { beijingToday } from '@linli/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, apiCalls, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { fundingTimeline } from './funding.timeline.ts';
import { throughNotice } from './review.test-support.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let community: AuthHeaders;
let dept: AuthHeaders;
let org: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
  dept = await signIn(t.app, 'dept.chengguan');
  org = await signIn(t.app, 'org.demo');
});
afterAll(() => t.close());

const { call, ok } = apiCalls(() => t.app);

const today = beijingToday();
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

let fundSeq = 0;
async function newFund(budgetFen: number) {
  fundSeq += 1;
  return ok(admin, 'POST', '/funds', {
    year,
    channel: 'venture',
    name: `测试公益创投资金 ${fundSeq}`,
    focusAreas: ['elderly_disabled', 'child_welfare'],
    budgetFen,
  });
}

async function newCall(fundId: string, extra: Record<string, unknown> = {}) {
  const created = await ok(admin, 'POST', '/calls', {
    title: `测试征集 ${fundId.slice(0, 6)} ${Math.random().toString(36).slice(2, 6)}`,
    fundId,
    budgetCeilingFen: 10_000_000,
    focusAreas: ['elderly_disabled'],
    eligibleKinds: ['private_non_enterprise', 'social_group', 'community_org'],
    scoringTemplate: [
      { name: '项目设计', maxPoints: 40 },
      { name: '组织能力', maxPoints: 30 },
      { name: '预算合理性', maxPoints: 30 },
    ],
    opensOn: today,
    closesOn: addDays(today, 30),
    ...extra,
  });
  return created;
}

async function openCall(id: string, version: number) {
  return ok(admin, 'POST', `/calls/${id}/transitions`, { action: 'open', version });
}

const application = (callId: string, amountFen: number, organizationId?: string) => ({
  callId,
  ...(organizationId ? { organizationId } : {}),
  title: '高龄独居老人探访关爱项目',
  focusArea: 'elderly_disabled',
  plan: '每周两次上门探访，建立健康档案',
  outcomes: '服务 120 名高龄独居老人',
  budgetLines: [
    { item: '人员劳务', amountFen: Math.floor(amountFen / 2) },
    { item: '活动物资', amountFen: amountFen - Math.floor(amountFen / 2) },
  ],
});

/** Active registered agencies of the demo registry (not the demo account's organization). */
async function otherOrganizations(n: number): Promise<string[]> {
  const page = await ok<{ items: Array<{ id: string }> }>(
    admin,
    'GET',
    `/organizations?kind=private_non_enterprise&state=active&limit=${n}&sort=name&order=asc`,
  );
  return page.items.map((o) => o.id);
}

async function submitted(callId: string, amountFen: number, organizationId?: string, as = admin) {
  const draft = await ok(as, 'POST', '/applications', application(callId, amountFen, organizationId));
  return ok(as, 'POST', `/applications/${draft.id}/transitions`, {
    action: 'submit',
    version: draft.version,
  });
}

async function closeCall(id: string) {
  const c = await ok(admin, 'GET', `/calls/${id}`);
  return ok(admin, 'POST', `/calls/${id}/transitions`, { action: 'close', version: c.version });
}

describe('funds', () => {
  it('creates a fund and refuses a budget under what is committed', async () => {
    const fund = await newFund(50_000_000);
    expect(fund).toMatchObject({
      budgetFen: 50_000_000,
      committedFen: 0,
      paidFen: 0,
      remainingFen: 50_000_000,
    });
    const c = await newCall(fund.id);
    await openCall(c.id, c.version);
    const [orgId] = await otherOrganizations(1);
    const app = await submitted(c.id, 3_000_000, orgId);
    await closeCall(c.id);
    await throughNotice(t, admin, c.id, [app as { id: string; requestedFen: number }]);
    const awarded = await ok(admin, 'POST', `/applications/${app.id}/award`, {
      version: app.version,
      amountFen: 2_500_000,
    });
    expect(awarded).toMatchObject({ state: 'awarded', awardedFen: 2_500_000 });
    const after = await ok(admin, 'GET', `/funds/${fund.id}`);
    expect(after).toMatchObject({ committedFen: 2_500_000, remainingFen: 47_500_000 });
    const lower = await call(admin, 'PATCH', `/funds/${fund.id}`, {
      version: after.version,
      budgetFen: 2_000_000,
    });
    expect(lower.statusCode).toBe(409);
    expect(lower.json().code).toBe('fund.budgetBelowCommitted');
    await ok(admin, 'PATCH', `/funds/${fund.id}`, { version: after.version, budgetFen: 2_500_000 });
    const postings = await ok(admin, 'GET', `/funds/${fund.id}/postings`);
    expect(postings.items).toHaveLength(1);
    expect(postings.items[0]).toMatchObject({
      kind: 'commitment',
      amountFen: 2_500_000,
      focusArea: 'elderly_disabled',
      referenceType: 'application',
      referenceId: app.id,
      referenceTitle: '高龄独居老人探访关爱项目',
    });
  });

  it('refuses one of two awards sent at the same moment that together exceed the fund', async () => {
    const fund = await newFund(10_000_000);
    const c = await newCall(fund.id);
    await openCall(c.id, c.version);
    const [a, b] = await otherOrganizations(2);
    const first = await submitted(c.id, 6_000_000, a);
    const second = await submitted(c.id, 6_000_000, b);
    await closeCall(c.id);
    await throughNotice(t, admin, c.id, [first, second] as Array<{ id: string; requestedFen: number }>);
    const results = await Promise.all([
      call(admin, 'POST', `/applications/${first.id}/award`, {
        version: first.version,
        amountFen: 6_000_000,
      }),
      call(admin, 'POST', `/applications/${second.id}/award`, {
        version: second.version,
        amountFen: 6_000_000,
      }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409]);
    const refused = results.find((r) => r.statusCode === 409)!.json();
    expect(refused.code).toBe('fund.insufficient');
    expect(refused.params.remainingFen).toBe(4_000_000);
    expect(refused.detail).toContain('40,000.00');
    const after = await ok(admin, 'GET', `/funds/${fund.id}`);
    expect(after).toMatchObject({ committedFen: 6_000_000, remainingFen: 4_000_000 });
    const postings = await ok(admin, 'GET', `/funds/${fund.id}/postings`);
    expect(postings.total).toBe(1);
    // The refused award changed nothing: its application is still waiting.
    const states = await Promise.all([first, second].map((x) => ok(admin, 'GET', `/applications/${x.id}`)));
    expect(states.map((s) => s.state).sort()).toEqual(['awarded', 'submitted']);
  });

  it('keeps adjustments with their reason and never below zero', async () => {
    const fund = await newFund(1_000_000);
    const up = await ok(admin, 'POST', `/funds/${fund.id}/adjustments`, {
      amountFen: 300_000,
      reason: '上年结转项目',
    });
    expect(up).toMatchObject({ committedFen: 300_000, remainingFen: 700_000 });
    const over = await call(admin, 'POST', `/funds/${fund.id}/adjustments`, {
      amountFen: 800_000,
      reason: '超额',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().code).toBe('fund.insufficient');
    const below = await call(admin, 'POST', `/funds/${fund.id}/adjustments`, {
      amountFen: -400_000,
      reason: '冲减',
    });
    expect(below.statusCode).toBe(409);
    expect(below.json().code).toBe('fund.belowPaid');
    const summary = await ok(admin, 'GET', `/funds/summary?year=${year}`);
    expect(summary.committedFen).toBeGreaterThanOrEqual(300_000);
    expect(summary.budgetFen - summary.committedFen).toBe(summary.remainingFen);
  });

  it('is the district’s: an organization and a street cannot read funds', async () => {
    const fund = await newFund(100_000);
    expect((await call(org, 'GET', `/funds/${fund.id}`)).statusCode).toBe(403);
    expect((await call(street, 'GET', '/funds')).statusCode).toBe(403);
  });
});

describe('calls', () => {
  it('hides drafts from organizations, opens, refuses illegal and concurrent transitions', async () => {
    const fund = await newFund(5_000_000);
    const c = await newCall(fund.id, { budgetCeilingFen: 5_000_000 });
    expect(c.state).toBe('draft');
    expect((await call(org, 'GET', `/calls/${c.id}`)).statusCode).toBe(404);
    const opened = await openCall(c.id, c.version);
    expect(opened.state).toBe('open');
    const seen = await ok(org, 'GET', `/calls/${c.id}`);
    expect(seen.abilities).toMatchObject({ apply: true, open: false, close: false });
    expect(seen.scoringTemplate).toHaveLength(3);
    const again = await call(admin, 'POST', `/calls/${c.id}/transitions`, {
      action: 'open',
      version: opened.version,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('workflow.illegalTransition');
    const edit = await call(admin, 'PATCH', `/calls/${c.id}`, { version: opened.version, title: '改名' });
    expect(edit.json().code).toBe('call.notEditable');
    const both = await Promise.all([
      call(admin, 'POST', `/calls/${c.id}/transitions`, { action: 'close', version: opened.version }),
      call(admin, 'POST', `/calls/${c.id}/transitions`, { action: 'close', version: opened.version }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('conflict.version');
  });

  it('bundles needs and refuses a ceiling above the fund', async () => {
    const fund = await newFund(1_000_000);
    const over = await call(admin, 'POST', '/calls', {
      title: '超上限',
      fundId: fund.id,
      budgetCeilingFen: 2_000_000,
      focusAreas: ['child_welfare'],
      eligibleKinds: ['community_org'],
      scoringTemplate: [{ name: '项目设计', maxPoints: 100 }],
      opensOn: today,
      closesOn: today,
    });
    expect(over.json().code).toBe('call.ceilingOverBudget');
    const need = await ok(community, 'POST', '/needs', {
      title: '社区儿童课后托管',
      focusArea: 'child_welfare',
      divisionCode: '220106001001',
      estimatedFen: 500_000,
    });
    const c = await newCall(fund.id, { budgetCeilingFen: 1_000_000, needIds: [need.id] });
    expect(c.needs.map((n: { id: string }) => n.id)).toEqual([need.id]);
    const bundled = await ok(community, 'GET', `/needs/${need.id}`);
    expect(bundled).toMatchObject({ callId: c.id, abilities: { update: false } });
  });
});

describe('applications', () => {
  it('lets an organization draft, submit and withdraw only its own, before the deadline', async () => {
    const fund = await newFund(20_000_000);
    const c = await newCall(fund.id);
    const opened = await openCall(c.id, c.version);
    const draft = await ok(
      org,
      'POST',
      '/applications',
      application(c.id, 800_000, 'ignored-for-organizations'),
    );
    expect(draft).toMatchObject({ organizationId: 'demo-org', state: 'draft', requestedFen: 800_000 });
    const twice = await call(org, 'POST', '/applications', application(c.id, 800_000));
    expect(twice.json().code).toBe('application.exists');
    const edited = await ok(org, 'PATCH', `/applications/${draft.id}`, {
      version: draft.version,
      budgetLines: [{ item: '人员劳务', amountFen: 900_000 }],
    });
    expect(edited.requestedFen).toBe(900_000);
    const sent = await ok(org, 'POST', `/applications/${draft.id}/transitions`, {
      action: 'submit',
      version: edited.version,
    });
    expect(sent.state).toBe('submitted');
    expect(sent.submittedAt).not.toBeNull();
    const resubmit = await call(org, 'POST', `/applications/${draft.id}/transitions`, {
      action: 'submit',
      version: sent.version,
    });
    expect(resubmit.json().code).toBe('workflow.illegalTransition');
    const award = await call(org, 'POST', `/applications/${draft.id}/award`, {
      version: sent.version,
      amountFen: 1,
    });
    expect(award.statusCode).toBe(403);
    const early = await call(admin, 'POST', `/applications/${draft.id}/award`, {
      version: sent.version,
      amountFen: 100,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().params.reason).toBe('funding.callStillOpen');

    // Another organization's application, entered by the district, stays out of the demo account's sight.
    const [other] = await otherOrganizations(1);
    const theirs = await ok(admin, 'POST', '/applications', application(c.id, 500_000, other));
    expect(theirs.enteredByDistrict).toBe(true);
    expect((await call(org, 'GET', `/applications/${theirs.id}`)).statusCode).toBe(404);
    const hijack = await call(org, 'POST', `/applications/${theirs.id}/transitions`, {
      action: 'withdraw',
      version: theirs.version,
    });
    expect(hijack.statusCode).toBe(404);
    const mine = await ok(org, 'GET', `/applications?callId=${c.id}`);
    expect(mine.items.map((a: { id: string }) => a.id)).toEqual([draft.id]);

    // After the closing day (Beijing time) a draft can no longer be submitted.
    const late = await ok(admin, 'POST', '/applications', {
      ...application(c.id, 100_000, (await otherOrganizations(2))[1]),
    });
    await t.database.db
      .updateTable('fundingCall')
      .set({ opensOn: addDays(today, -10), closesOn: addDays(today, -1) })
      .where('id', '=', c.id)
      .execute();
    const refused = await call(admin, 'POST', `/applications/${late.id}/transitions`, {
      action: 'submit',
      version: late.version,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'workflow.guardFailed',
      params: { reason: 'funding.deadlinePassed' },
    });
    expect(refused.json().detail).toContain(addDays(today, -1));
    const created = await call(org, 'POST', '/applications', application(c.id, 100_000));
    expect(created.statusCode).toBe(409);
    expect(opened.state).toBe('open');

    const withdrawn = await ok(org, 'POST', `/applications/${draft.id}/transitions`, {
      action: 'withdraw',
      version: sent.version,
    });
    expect(withdrawn.state).toBe('withdrawn');
  });

  it('flags and sorts graded organizations first, and checks eligibility', async () => {
    const fund = await newFund(20_000_000);
    const c = await newCall(fund.id, { eligibleKinds: ['private_non_enterprise'], priorityGrade: '4A' });
    await openCall(c.id, c.version);
    const refused = await call(org, 'POST', '/applications', application(c.id, 100_000));
    expect(refused.json().code).toBe('application.ineligible');
    const graded = await t.database.db
      .selectFrom('organization')
      .select('id')
      .where('kind', '=', 'private_non_enterprise')
      .where('state', '=', 'active')
      .where('grade', 'in', ['4A', '5A'])
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const ungraded = await t.database.db
      .selectFrom('organization')
      .select('id')
      .where('kind', '=', 'private_non_enterprise')
      .where('state', '=', 'active')
      .where('grade', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await submitted(c.id, 100_000, ungraded.id);
    await submitted(c.id, 100_000, graded.id);
    const list = await ok(admin, 'GET', `/applications?callId=${c.id}&sort=priority`);
    expect(list.items.map((a: { organizationId: string }) => a.organizationId)).toEqual([
      graded.id,
      ungraded.id,
    ]);
    expect(list.items.map((a: { priority: boolean }) => a.priority)).toEqual([true, false]);
    const exported = await call(admin, 'GET', `/applications/export?callId=${c.id}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
  });
});

describe('needs', () => {
  it('keeps needs by division: a street reads its own, not another street’s', async () => {
    const mine = await ok(community, 'POST', '/needs', {
      title: '爱民社区助餐点',
      focusArea: 'elderly_disabled',
      divisionCode: '220106001001',
      estimatedFen: 2_000_000,
    });
    expect(mine).toMatchObject({ source: 'community', divisionName: expect.any(String) });
    const otherStreet = await t.database.db
      .selectFrom('division')
      .select('code')
      .where('level', '=', 'community')
      .where('code', 'not like', '220106001%')
      .where('code', 'like', '220106%')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const theirs = await ok(admin, 'POST', '/needs', {
      title: '其他街道的需求',
      focusArea: 'social_assistance',
      divisionCode: otherStreet.code,
    });
    expect((await call(street, 'GET', `/needs/${mine.id}`)).statusCode).toBe(200);
    expect((await call(street, 'GET', `/needs/${theirs.id}`)).statusCode).toBe(404);
    const patch = await call(street, 'PATCH', `/needs/${theirs.id}`, { version: 1, title: '改名' });
    expect(patch.statusCode).toBe(404);
    const outside = await call(community, 'POST', '/needs', {
      title: '越界',
      focusArea: 'social_assistance',
      divisionCode: otherStreet.code,
    });
    expect(outside.json().code).toBe('need.invalidDivision');
    const list = await ok(street, 'GET', '/needs?limit=100');
    expect(list.items.every((n: { divisionCode: string }) => n.divisionCode.startsWith('220106001'))).toBe(
      true,
    );
  });

  it('shows a department only its own needs', async () => {
    const need = await ok(dept, 'POST', '/needs', {
      title: '背街小巷环境整治宣传',
      focusArea: 'community_governance',
      divisionCode: '220106',
    });
    expect(need).toMatchObject({ source: 'department', department: '城管' });
    const list = await ok(dept, 'GET', '/needs?limit=100');
    expect(list.items.every((n: { department: string }) => n.department === '城管')).toBe(true);
    const communityNeed = await ok(community, 'POST', '/needs', {
      title: '楼道照明',
      focusArea: 'community_governance',
      divisionCode: '220106001001',
    });
    expect((await call(dept, 'GET', `/needs/${communityNeed.id}`)).statusCode).toBe(404);
  });
});

describe('demo', () => {
  it('has this year’s funds of 2 million+ yuan in the three focus areas, partly committed by awards', async () => {
    const summary = await ok(admin, 'GET', `/funds/summary?year=${year}`);
    const demo = await t.database.db
      .selectFrom('fund')
      .select((eb) => [
        eb.fn.sum<number>('budgetFen').as('budget'),
        eb.fn.sum<number>('committedFen').as('committed'),
      ])
      .where('name', 'not like', '测试%')
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    expect(Number(demo.budget)).toBeGreaterThanOrEqual(200_000_000);
    expect(Number(demo.committed)).toBeGreaterThan(0);
    expect(summary.byChannel.map((c: { channel: string }) => c.channel)).toEqual([
      'purchase',
      'grant',
      'venture',
      'government',
      'reward',
    ]);
    const areas = summary.byFocusArea.map((a: { focusArea: string }) => a.focusArea);
    expect(areas).toEqual(expect.arrayContaining(['elderly_disabled', 'child_welfare', 'social_assistance']));
    const open = await ok(org, 'GET', '/calls?acceptingOnly=true');
    expect(open.total).toBeGreaterThanOrEqual(1);
    const outside = await ok(admin, 'GET', '/applications?fromOutside=true');
    expect(outside.total).toBeGreaterThan(0);
  });
});

describe('timeline', () => {
  it('puts an organization’s submissions and awards on its timeline', async () => {
    const awarded = await t.database.db
      .selectFrom('fundingApplication')
      .select(['organizationId', 'title'])
      .where('state', '=', 'awarded')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const entries = await fundingTimeline(t.database.db, awarded.organizationId, 'zh-CN');
    expect(entries.map((e) => e.title)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('提交项目申报'),
        expect.stringContaining('获立项资助'),
      ]),
    );
    expect(entries.every((e) => e.kind === 'project' && e.at.endsWith('Z'))).toBe(true);
  });
});
