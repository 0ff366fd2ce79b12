import { INCUBATION_STATES, incubationClassOf } from '@linli/common';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { DEMO_INCUBATION_STAGES } from '../../demo/incubation.ts';
import { incubationTimeline } from './incubation.timeline.ts';

let t: TestApp;
let admin: AuthHeaders;
let operator: AuthHeaders;
let street: AuthHeaders;
let org: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  operator = await signIn(t.app, 'incubator.dezhong');
  street = await signIn(t.app, 'street.zhengyang');
  org = await signIn(t.app, 'org.demo');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

interface Incubation {
  id: string;
  organizationId: string;
  organizationName: string;
  divisionCode: string;
  branchCode: string | null;
  state: string;
  priorityClass: string;
  queuePosition: number | null;
  appliedOn: string;
  version: number;
  abilities: Record<string, boolean>;
  plan: {
    mentors: Array<{ name: string; expertise: string }>;
    milestones: Array<{ title: string; dueOn: string; doneOn: string | null }>;
    services: Array<{
      type: string;
      servedOn: string;
      hours: number | null;
      amountFen: number | null;
      note: string | null;
    }>;
  };
  history: Array<{ action: string; comment: string | null }>;
}

async function list(headers: AuthHeaders, query = '') {
  const res = await call(headers, 'GET', `/incubations?limit=100&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Incubation[]; total: number };
}

const RANK: Record<string, number> = { service: 1, public_welfare: 2, activity: 3 };

async function apply(headers: AuthHeaders, organizationId: string, extra: Record<string, unknown> = {}) {
  return call(headers, 'POST', '/incubations', {
    organizationId,
    branchCode: null,
    applicantName: '测试申请人',
    purpose: '为社区老人提供助餐和陪伴服务',
    needs: ['venue', 'training'],
    ...extra,
  });
}

/** An organization in scope that may apply now, found through the intake form's search. */
async function freeOrganization(headers: AuthHeaders, skip = 0) {
  const res = await call(headers, 'GET', '/incubations/candidates');
  expect(res.statusCode, res.body).toBe(200);
  const found = res.json() as Array<{ id: string; name: string; priorityClass: string }>;
  return found[skip]!;
}

async function step(headers: AuthHeaders, id: string, action: string, version: number, comment?: string) {
  return call(headers, 'POST', `/incubations/${id}/transitions`, { action, version, comment });
}

describe('incubation base', () => {
  it('counts the demo records by stage, class and branch', async () => {
    const res = await call(operator, 'GET', '/incubations/summary');
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json() as {
      total: number;
      byState: Record<string, number>;
      byClass: Record<string, number>;
      branches: Array<{ code: string | null; total: number; byState: Record<string, number> }>;
    };
    for (const state of INCUBATION_STATES) expect(summary.byState[state]).toBe(DEMO_INCUBATION_STAGES[state]);
    const total = Object.values(DEMO_INCUBATION_STAGES).reduce((s, n) => s + n, 0);
    expect(summary.total).toBe(total);
    expect(Object.values(summary.byClass).reduce((s, n) => s + n, 0)).toBe(total);
    expect(summary.branches[0]!.code).toBeNull();
    expect(summary.branches.length).toBeGreaterThan(5);
    expect(summary.branches.reduce((s, b) => s + b.total, 0)).toBe(total);
    expect(summary.branches.filter((b) => b.code !== null && b.total > 0).length).toBeGreaterThan(2);
  });

  it('ranks applicants by the R2.2 class, then by application date, and numbers the queue', async () => {
    const all = await list(operator);
    const keys = all.items.map((i) => [RANK[i.priorityClass]!, i.appliedOn] as const);
    for (let k = 1; k < keys.length; k++) {
      const [a, b] = [keys[k - 1]!, keys[k]!];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), JSON.stringify([a, b])).toBe(true);
    }
    const queue = await list(operator, 'state=applied');
    expect(queue.items.map((i) => i.queuePosition)).toEqual(queue.items.map((_, k) => k + 1));
    expect(all.items.filter((i) => i.state !== 'applied').every((i) => i.queuePosition === null)).toBe(true);
    const activity = await list(operator, 'priorityClass=activity');
    expect(activity.items.every((i) => i.priorityClass === 'activity')).toBe(true);
  });

  it('takes an application in, derives its class from the registry, and refuses a second one', async () => {
    const candidate = await freeOrganization(operator);
    const res = await apply(operator, candidate.id, { branchCode: '220106001' });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Incubation;
    expect(created).toMatchObject({
      state: 'applied',
      branchCode: '220106001',
      priorityClass: candidate.priorityClass,
    });
    const row = await t.database.db
      .selectFrom('organization')
      .select(['category', 'fields'])
      .where('id', '=', candidate.id)
      .executeTakeFirstOrThrow();
    expect(created.priorityClass).toBe(incubationClassOf(row.category, row.fields));
    expect(created.queuePosition).toBeGreaterThan(0);
    const twice = await apply(operator, candidate.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('incubation.alreadyOpen');
    const badBranch = await apply(operator, (await freeOrganization(operator)).id, {
      branchCode: '110101001',
    });
    expect(badBranch.statusCode).toBe(400);
  });

  it('runs the stages: admit, start, plan, graduate only with the plan done; illegal steps are refused', async () => {
    const candidate = await freeOrganization(operator);
    let rec = (await apply(operator, candidate.id)).json() as Incubation;
    expect(rec.abilities).toMatchObject({ admit: true, reject: true, graduate: false, editPlan: false });

    const illegal = await step(operator, rec.id, 'graduate', rec.version);
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().code).toBe('workflow.illegalTransition');
    const planTooEarly = await call(operator, 'PUT', `/incubations/${rec.id}/plan`, {
      version: rec.version,
      mentors: [],
      milestones: [],
      services: [],
    });
    expect(planTooEarly.statusCode).toBe(409);
    expect(planTooEarly.json().code).toBe('incubation.planClosed');

    rec = (await step(operator, rec.id, 'admit', rec.version)).json();
    expect(rec.state).toBe('admitted');
    rec = (await step(admin, rec.id, 'start', rec.version)).json();
    expect(rec.state).toBe('incubating');
    expect(rec.abilities.editPlan).toBe(true);

    const plan = {
      mentors: [{ name: '王立新', expertise: '社会工作督导' }],
      milestones: [{ title: '制定组织章程', dueOn: '2026-12-31', doneOn: null }],
      services: [
        { type: 'training', servedOn: '2026-11-10', hours: 2.5, amountFen: null, note: '项目设计培训' },
        { type: 'funding', servedOn: '2026-11-12', hours: null, amountFen: 500000, note: null },
      ],
    };
    const noMeasure = await call(operator, 'PUT', `/incubations/${rec.id}/plan`, {
      version: rec.version,
      ...plan,
      services: [{ type: 'venue', servedOn: '2026-11-10', hours: null, amountFen: null, note: null }],
    });
    expect(noMeasure.statusCode).toBe(400);
    const saved = await call(operator, 'PUT', `/incubations/${rec.id}/plan`, {
      version: rec.version,
      ...plan,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    rec = saved.json();
    expect(rec.plan).toEqual(plan);

    const blocked = await step(operator, rec.id, 'graduate', rec.version);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('workflow.guardFailed');
    expect(rec.abilities.graduate).toBe(false);

    rec = (
      await call(operator, 'PUT', `/incubations/${rec.id}/plan`, {
        version: rec.version,
        ...plan,
        milestones: [{ ...plan.milestones[0], doneOn: '2026-11-20' }],
      })
    ).json();
    expect(rec.abilities.graduate).toBe(true);
    rec = (await step(operator, rec.id, 'graduate', rec.version)).json();
    expect(rec.state).toBe('graduated');
    expect(rec.history.map((h) => h.action)).toEqual(['graduate', 'start', 'admit']);

    const timeline = await incubationTimeline(t.database.db, candidate.id, 'zh-CN');
    const titles = timeline.map((e) => e.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        '准予入孵',
        '入驻开始孵化',
        '出壳毕业',
        '完成孵化里程碑：制定组织章程',
        '孵化基地服务：培训',
      ]),
    );
    expect(titles.some((x) => x.includes('提交入孵申请'))).toBe(true);
    expect(timeline.every((e) => e.kind === 'incubation' && e.at.endsWith('Z'))).toBe(true);
  });

  it('requires a reason to reject or exit, and lets only the base and the district take stages', async () => {
    const candidate = await freeOrganization(operator);
    const rec = (await apply(operator, candidate.id)).json() as Incubation;
    const noReason = await step(operator, rec.id, 'reject', rec.version);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('workflow.commentRequired');
    // The street reads but does not run the base.
    expect((await step(street, rec.id, 'admit', rec.version)).statusCode).toBe(403);
    const rejected = await step(operator, rec.id, 'reject', rec.version, '成员不足');
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json().history[0]).toMatchObject({ action: 'reject', comment: '成员不足' });
  });

  it('lets one of two concurrent transitions win and answers the other 409', async () => {
    const candidate = await freeOrganization(operator);
    const rec = (await apply(operator, candidate.id)).json() as Incubation;
    const [a, b] = await Promise.all([
      step(operator, rec.id, 'admit', rec.version),
      step(admin, rec.id, 'reject', rec.version, '重复'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('conflict.version');
  });

  it('refuses a plan saved over someone else’s change', async () => {
    const { items } = await list(operator, 'state=incubating');
    const rec = items[0]!;
    const detail = (await call(operator, 'GET', `/incubations/${rec.id}`)).json() as Incubation;
    const body = { version: detail.version, ...detail.plan };
    const [a, b] = await Promise.all([
      call(operator, 'PUT', `/incubations/${rec.id}/plan`, {
        ...body,
        mentors: [{ name: '甲', expertise: '督导' }],
      }),
      call(admin, 'PUT', `/incubations/${rec.id}/plan`, {
        ...body,
        mentors: [{ name: '乙', expertise: '财务' }],
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('shows a street only its organizations’ records and hides the others (404)', async () => {
    const mine = await list(street);
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.divisionCode.startsWith('220106001'))).toBe(true);
    const all = await list(admin);
    const other = all.items.find((i) => !i.divisionCode.startsWith('220106001'))!;
    expect((await call(street, 'GET', `/incubations/${other.id}`)).statusCode).toBe(404);
    expect((await list(street, `organizationId=${other.organizationId}`)).total).toBe(0);
    const summary = (await call(street, 'GET', '/incubations/summary')).json();
    expect(summary.total).toBe(mine.total);
    // Streets read only: no writes through the API at all.
    expect((await apply(street, other.organizationId)).statusCode).toBe(403);
  });

  it('lets an organization account apply for itself only, and see only its own records', async () => {
    const others = await list(admin);
    const foreign = others.items[0]!;
    expect((await call(org, 'GET', `/incubations/${foreign.id}`)).statusCode).toBe(404);
    const candidates = (await call(org, 'GET', '/incubations/candidates')).json() as Array<{ id: string }>;
    expect(candidates.map((c) => c.id)).toEqual(['demo-org']);
    const notMine = await apply(org, (await freeOrganization(operator)).id);
    expect(notMine.statusCode).toBe(404);
    const own = await apply(org, 'demo-org');
    expect(own.statusCode, own.body).toBe(201);
    const rec = own.json() as Incubation;
    expect(rec.abilities).toMatchObject({ admit: false, reject: false, editPlan: false });
    expect((await step(org, rec.id, 'admit', rec.version)).statusCode).toBe(403);
    expect((await step(org, foreign.id, 'admit', foreign.version)).statusCode).toBe(404);
    const mine = await list(org);
    expect(mine.items.map((i) => i.organizationId)).toEqual(['demo-org']);
  });

  it('shows the operator the registry only for its incubatees', async () => {
    const incubatees = await t.database.db
      .selectFrom('incubation')
      .select('organizationId')
      .distinct()
      .execute();
    const ids = new Set(incubatees.map((r) => r.organizationId));
    const res = await call(operator, 'GET', '/organizations?limit=100');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Array<{ id: string }>; total: number };
    expect(page.total).toBe(ids.size);
    expect(page.items.every((o) => ids.has(o.id))).toBe(true);
    const outsider = await t.database.db
      .selectFrom('organization')
      .select('id')
      .where('id', 'not in', [...ids])
      .executeTakeFirstOrThrow();
    expect((await call(operator, 'GET', `/organizations/${outsider.id}`)).statusCode).toBe(404);
    expect((await call(operator, 'GET', `/organizations/${[...ids][0]}`)).statusCode).toBe(200);
    // The district still sees the whole registry.
    expect((await call(admin, 'GET', '/organizations?limit=1')).json().total).toBeGreaterThan(ids.size);
  });

  it('exports the filtered ledger as a spreadsheet', async () => {
    const res = await call(operator, 'GET', '/incubations/export?state=incubating');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('组织名称');
    const incubating = await list(operator, 'state=incubating');
    expect(ws.rowCount - 1).toBe(incubating.total);
  });
});
