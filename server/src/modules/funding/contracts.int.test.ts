import { randomUUID } from 'node:crypto';
import { beijingToday } from '@linli/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiMethod,
  type AuthHeaders,
  apiCalls,
  buildTestApp,
  signIn,
  type TestApp,
} from '../../../test/app.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM_CALLER } from '../../platform/scope.ts';
import { ContractService } from './contracts.service.ts';
import { fundingTimeline } from './funding.timeline.ts';
import { FundService } from './funds.service.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let org: AuthHeaders;
let evaluator: AuthHeaders;
let evaluatorId: string;
let otherEvaluatorId: string;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  org = await signIn(t.app, 'org.demo');
  evaluator = await signIn(t.app, 'evaluator.demo');
  const account = await t.database.db
    .selectFrom('account')
    .select('id')
    .where('username', '=', 'evaluator.demo')
    .executeTakeFirstOrThrow();
  evaluatorId = account.id;
  // A second evaluation agency, to show that an evaluator sees only what it is assigned.
  otherEvaluatorId = randomUUID();
  await t.database.db
    .insertInto('account')
    .values({
      id: otherEvaluatorId,
      username: 'evaluator.other',
      displayName: '另一家第三方评估机构',
      passwordHash: null,
      divisionCode: '220106',
    })
    .execute();
  await t.database.db
    .insertInto('roleGrant')
    .values({ accountId: otherEvaluatorId, role: 'evaluator', scopeCode: '220106' })
    .execute();
});
afterAll(() => t.close());

const { call, ok } = apiCalls(() => t.app);

async function refused(
  headers: AuthHeaders,
  method: ApiMethod,
  url: string,
  payload: unknown,
  status: number,
  code?: string,
) {
  const res = await call(headers, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  if (code) expect(res.json().code).toBe(code);
  return res.json();
}

const today = beijingToday();
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));

let seq = 0;
async function otherOrganization(): Promise<string> {
  const page = await ok<{ items: Array<{ id: string }> }>(
    admin,
    'GET',
    '/organizations?kind=private_non_enterprise&state=active&limit=5&sort=name&order=asc',
  );
  return page.items[seq % page.items.length]!.id;
}

/**
 * A fund and an awarded application on it. The award itself (with its pre-assessment and public
 * notice) is the applications' business and tested there; here it is written as the award writes
 * it — the application awarded, the amount committed on the fund in one transaction.
 */
async function awarded(opts: { budgetFen?: number; awardedFen?: number; organizationId?: string } = {}) {
  seq += 1;
  const budgetFen = opts.budgetFen ?? 5_000_000;
  const awardedFen = opts.awardedFen ?? 1_000_000;
  const fund = await ok(admin, 'POST', '/funds', {
    year,
    channel: 'purchase',
    name: `测试合同资金 ${seq}`,
    focusAreas: ['elderly_disabled'],
    budgetFen,
  });
  const created = await ok(admin, 'POST', '/calls', {
    title: `测试合同征集 ${seq}`,
    fundId: fund.id,
    budgetCeilingFen: awardedFen,
    focusAreas: ['elderly_disabled'],
    eligibleKinds: ['private_non_enterprise', 'social_group', 'community_org'],
    scoringTemplate: [{ name: '项目设计', maxPoints: 100 }],
    opensOn: today,
    closesOn: addDays(today, 30),
  });
  await ok(admin, 'POST', `/calls/${created.id}/transitions`, { action: 'open', version: created.version });
  const organizationId = opts.organizationId ?? (await otherOrganization());
  const draft = await ok(admin, 'POST', '/applications', {
    callId: created.id,
    organizationId,
    title: `社区居家养老服务项目 ${seq}`,
    focusArea: 'elderly_disabled',
    plan: '每周上门探访两次',
    outcomes: '服务 100 名老人',
    budgetLines: [{ item: '人员劳务', amountFen: awardedFen }],
  });
  await ok(admin, 'POST', `/applications/${draft.id}/transitions`, {
    action: 'submit',
    version: draft.version,
  });
  const db = t.database.db;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('fundingApplication')
      .set({ state: 'awarded', awardedFen, awardedAt: new Date(), version: sql`version + 1` })
      .where('id', '=', draft.id)
      .execute();
    await new FundService(db).post(trx, SYSTEM_CALLER, {
      fundId: fund.id,
      kind: 'commitment',
      amountFen: awardedFen,
      focusArea: 'elderly_disabled',
      referenceType: 'application',
      referenceId: draft.id,
    });
  });
  return { fundId: fund.id as string, applicationId: draft.id as string, organizationId };
}

const contractBody = (applicationId: string, extra: Record<string, unknown> = {}) => ({
  applicationId,
  startsOn: today,
  endsOn: addDays(today, 180),
  deliverables: '建立 100 名老人服务档案；每月探访 8 次；季度服务报告',
  milestones: [
    { name: '建档完成', dueOn: addDays(today, 30) },
    { name: '中期报告', dueOn: addDays(today, 90) },
  ],
  evaluatorAccountId: evaluatorId,
  ...extra,
});

const evaluation = (kind: 'mid' | 'final', result: 'pass' | 'fail', version: number) => ({
  version,
  kind,
  indicators: [
    { name: '服务完成度', maxScore: 40, score: result === 'pass' ? 36 : 18 },
    { name: '服务质量', maxScore: 30, score: 24 },
    { name: '资金使用规范', maxScore: 30, score: 25 },
  ],
  visitedOn: today,
  visitPlace: '爱民社区服务站',
  visitNotes: '查看服务台账、活动照片，访谈服务对象 5 人',
  sampleAsked: 30,
  sampleSatisfied: result === 'pass' ? 28 : 15,
  findings: result === 'pass' ? '按计划推进，台账完整' : '探访次数不足，台账缺失',
  result,
  ...(result === 'fail'
    ? { rectifications: [{ item: '补齐 3 月探访台账', dueOn: addDays(today, 15) }] }
    : {}),
});

async function fund(id: string) {
  const f = await ok(admin, 'GET', `/funds/${id}`);
  return { committed: f.committedFen, paid: f.paidFen, remaining: f.remainingFen };
}

async function signedAndStarted(applicationId: string, extra: Record<string, unknown> = {}) {
  const draft = await ok(admin, 'POST', '/contracts', contractBody(applicationId, extra));
  const signed = await ok(admin, 'POST', `/contracts/${draft.id}/transitions`, {
    action: 'sign',
    version: draft.version,
  });
  return ok(admin, 'POST', `/contracts/${draft.id}/progress`, { action: 'start', version: signed.version });
}

describe('contracts: the acceptance path', () => {
  it('signs, passes the mid-term, fails the final, rectifies, passes — each tranche paid after its gate', async () => {
    const { fundId, applicationId, organizationId } = await awarded();
    expect(await fund(fundId)).toEqual({ committed: 1_000_000, paid: 0, remaining: 4_000_000 });

    // A contract for less than the award: 40/40/20 with the rounding remainder on the last.
    const draft = await ok(admin, 'POST', '/contracts', contractBody(applicationId, { amountFen: 999_999 }));
    expect(draft).toMatchObject({ state: 'draft', amountFen: 999_999, awardedFen: 1_000_000, paidFen: 0 });
    expect(draft.tranches.map((x: { amountFen: number }) => x.amountFen)).toEqual([
      399_999, 399_999, 200_001,
    ]);
    expect(await fund(fundId)).toEqual({ committed: 1_000_000, paid: 0, remaining: 4_000_000 });

    // Signing pays the signing tranche and releases what the contract does not use of the award.
    const signed = await ok(admin, 'POST', `/contracts/${draft.id}/transitions`, {
      action: 'sign',
      version: draft.version,
    });
    expect(signed).toMatchObject({ state: 'signed', paidFen: 399_999 });
    expect(await fund(fundId)).toEqual({ committed: 999_999, paid: 399_999, remaining: 4_000_001 });

    // Final acceptance before the mid-term evaluation: refused, nothing paid.
    await refused(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('final', 'pass', signed.version),
      409,
    );
    const started = await ok(admin, 'POST', `/contracts/${draft.id}/progress`, {
      action: 'start',
      version: signed.version,
    });
    await refused(
      admin,
      'POST',
      `/contracts/${draft.id}/progress`,
      { action: 'request_final', version: started.version },
      409,
      'workflow.guardFailed',
    );
    expect(await fund(fundId)).toEqual({ committed: 999_999, paid: 399_999, remaining: 4_000_001 });

    const mid = await ok(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('mid', 'pass', started.version),
    );
    expect(mid).toMatchObject({ state: 'in_progress', paidFen: 799_998 });
    expect(mid.evaluations[0]).toMatchObject({ kind: 'mid', round: 1, score: 85, satisfactionRate: 93.3 });
    expect(await fund(fundId)).toEqual({ committed: 999_999, paid: 799_998, remaining: 4_000_001 });
    // A second mid-term evaluation is not due any more.
    await refused(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('mid', 'pass', mid.version),
      409,
    );

    const review = await ok(admin, 'POST', `/contracts/${draft.id}/progress`, {
      action: 'request_final',
      version: mid.version,
    });
    expect(review.state).toBe('final_review');

    const failed = await ok(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('final', 'fail', review.version),
    );
    expect(failed).toMatchObject({ state: 'final_review', paidFen: 799_998 });
    expect(failed.rectifications).toHaveLength(1);
    expect(await fund(fundId)).toEqual({ committed: 999_999, paid: 799_998, remaining: 4_000_001 });
    // No re-evaluation before the organization has reported the rectification done.
    await refused(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('final', 'pass', failed.version),
      409,
      'workflow.guardFailed',
    );

    const rectified = await ok(
      admin,
      'POST',
      `/contracts/${draft.id}/rectifications/${failed.rectifications[0].id}/report`,
      { version: failed.version, report: '已补齐台账并经社区确认' },
    );
    expect(rectified.rectifications[0].reportedAt).not.toBeNull();
    const closed = await ok(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('final', 'pass', rectified.version),
    );
    expect(closed).toMatchObject({ state: 'closed', paidFen: 999_999 });
    expect(closed.closedAt).not.toBeNull();
    expect(closed.evaluations.map((e: { kind: string; round: number }) => `${e.kind}${e.round}`)).toEqual([
      'mid1',
      'final1',
      'final2',
    ]);
    expect(closed.tranches.every((x: { paidAt: string | null }) => x.paidAt !== null)).toBe(true);
    expect(await fund(fundId)).toEqual({ committed: 999_999, paid: 999_999, remaining: 4_000_001 });
    expect(closed.history.map((h: { action: string }) => h.action)).toEqual([
      'pass_final',
      'fail_final',
      'request_final',
      'pass_mid',
      'start',
      'sign',
    ]);

    // The ledger holds one payment per tranche.
    const payments = await t.database.db
      .selectFrom('fundPosting')
      .select(['amountFen'])
      .where('fundId', '=', fundId)
      .where('kind', '=', 'payment')
      .orderBy('id')
      .execute();
    expect(payments.map((p) => Number(p.amountFen))).toEqual([399_999, 399_999, 200_001]);

    // The organization's timeline shows the contract's steps.
    const timeline = await fundingTimeline(t.database.db, organizationId, 'zh-CN');
    expect(timeline.map((e) => e.title)).toEqual(
      expect.arrayContaining([expect.stringContaining('签订合同'), expect.stringContaining('验收结项')]),
    );
  });
});

describe('contracts: suspension, termination, gates', () => {
  it('suspends payments on a failed mid-term until a passing re-evaluation', async () => {
    const { fundId, applicationId } = await awarded();
    const started = await signedAndStarted(applicationId);
    expect(await fund(fundId)).toEqual({ committed: 1_000_000, paid: 400_000, remaining: 4_000_000 });
    const failed = await ok(
      evaluator,
      'POST',
      `/contracts/${started.id}/evaluations`,
      evaluation('mid', 'fail', started.version),
    );
    expect(failed).toMatchObject({ state: 'suspended', paidFen: 400_000 });
    // The organization reports rectification (the district may for it), not the evaluator.
    expect(failed.abilities.reportRectification).toBe(false);
    expect((await ok(admin, 'GET', `/contracts/${started.id}`)).abilities.reportRectification).toBe(true);
    await refused(
      admin,
      'POST',
      `/contracts/${started.id}/progress`,
      { action: 'request_final', version: failed.version },
      409,
      'workflow.illegalTransition',
    );
    const rectified = await ok(
      admin,
      'POST',
      `/contracts/${started.id}/rectifications/${failed.rectifications[0].id}/report`,
      { version: failed.version, report: '已整改' },
    );
    await refused(
      admin,
      'POST',
      `/contracts/${started.id}/rectifications/${failed.rectifications[0].id}/report`,
      { version: rectified.version, report: '再次报告' },
      409,
      'contract.rectificationReported',
    );
    const resumed = await ok(
      evaluator,
      'POST',
      `/contracts/${started.id}/evaluations`,
      evaluation('mid', 'pass', rectified.version),
    );
    expect(resumed).toMatchObject({ state: 'in_progress', paidFen: 800_000 });
    expect(await fund(fundId)).toEqual({ committed: 1_000_000, paid: 800_000, remaining: 4_000_000 });
  });

  it('terminates a suspended contract and releases the unpaid commitment to the fund', async () => {
    const { fundId, applicationId } = await awarded();
    const started = await signedAndStarted(applicationId);
    const failed = await ok(
      evaluator,
      'POST',
      `/contracts/${started.id}/evaluations`,
      evaluation('mid', 'fail', started.version),
    );
    await refused(
      admin,
      'POST',
      `/contracts/${started.id}/transitions`,
      { action: 'terminate', version: failed.version },
      400,
      'workflow.commentRequired',
    );
    const terminated = await ok(admin, 'POST', `/contracts/${started.id}/transitions`, {
      action: 'terminate',
      version: failed.version,
      comment: '整改期满仍未达到要求',
    });
    expect(terminated).toMatchObject({ state: 'terminated', paidFen: 400_000 });
    expect(await fund(fundId)).toEqual({ committed: 400_000, paid: 400_000, remaining: 4_600_000 });
    // Nothing moves after termination.
    await refused(
      admin,
      'POST',
      `/contracts/${started.id}/rectifications/${failed.rectifications[0].id}/report`,
      { version: terminated.version, report: '已整改' },
      409,
      'contract.notRectifying',
    );
    await refused(
      evaluator,
      'POST',
      `/contracts/${started.id}/evaluations`,
      evaluation('mid', 'pass', terminated.version),
      409,
    );
    await refused(
      admin,
      'POST',
      `/contracts/${started.id}/transitions`,
      { action: 'terminate', version: terminated.version, comment: '再次' },
      409,
      'workflow.illegalTransition',
    );
  });

  it('never pays a tranche before its gate, nor twice', async () => {
    const { fundId, applicationId } = await awarded();
    const draft = await ok(admin, 'POST', '/contracts', contractBody(applicationId));
    const contracts = new ContractService(t.database.db, new FundService(t.database.db));
    const attempt = (gate: 'signing' | 'mid' | 'final') =>
      t.database.db.transaction().execute((trx) => contracts.releaseGate(trx, SYSTEM_CALLER, draft.id, gate));
    await expect(attempt('signing')).rejects.toMatchObject({ code: 'contract.gateNotPassed' });
    await ok(admin, 'POST', `/contracts/${draft.id}/transitions`, { action: 'sign', version: draft.version });
    await expect(attempt('mid')).rejects.toBeInstanceOf(AppError);
    await expect(attempt('final')).rejects.toMatchObject({ code: 'contract.gateNotPassed' });
    // The signing gate has passed and its tranche is paid: releasing it again pays nothing.
    expect(await attempt('signing')).toBe(0);
    expect(await fund(fundId)).toEqual({ committed: 1_000_000, paid: 400_000, remaining: 4_000_000 });
    // And the ledger itself refuses a second payment posting of a tranche.
    const tranche = await t.database.db
      .selectFrom('contractTranche')
      .select('id')
      .where('contractId', '=', draft.id)
      .where('gate', '=', 'signing')
      .executeTakeFirstOrThrow();
    await expect(
      t.database.db.transaction().execute((trx) =>
        new FundService(t.database.db).post(trx, SYSTEM_CALLER, {
          fundId,
          kind: 'payment',
          amountFen: 1,
          referenceType: 'contract_tranche',
          referenceId: tranche.id,
        }),
      ),
    ).rejects.toThrow();
  });

  it('pays the mid-term tranche once when two passing evaluations arrive together', async () => {
    const { fundId, applicationId } = await awarded();
    const started = await signedAndStarted(applicationId);
    const results = await Promise.all(
      [0, 1].map(() =>
        call(
          evaluator,
          'POST',
          `/contracts/${started.id}/evaluations`,
          evaluation('mid', 'pass', started.version),
        ),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await fund(fundId)).toEqual({ committed: 1_000_000, paid: 800_000, remaining: 4_000_000 });
    const evaluations = await t.database.db
      .selectFrom('contractEvaluation')
      .select('id')
      .where('contractId', '=', started.id)
      .execute();
    expect(evaluations).toHaveLength(1);
  });
});

describe('contracts: terms, versions, transitions', () => {
  it('checks the terms: amount within the award, tranches summing to 100 in gate order, the term', async () => {
    const { applicationId } = await awarded();
    await refused(
      admin,
      'POST',
      '/contracts',
      contractBody(applicationId, { amountFen: 1_000_001 }),
      400,
      'contract.overAwarded',
    );
    await refused(
      admin,
      'POST',
      '/contracts',
      contractBody(applicationId, {
        tranches: [
          { gate: 'signing', percent: 50 },
          { gate: 'final', percent: 40 },
        ],
      }),
      400,
      'contract.invalidTranches',
    );
    await refused(
      admin,
      'POST',
      '/contracts',
      contractBody(applicationId, {
        tranches: [
          { gate: 'final', percent: 50 },
          { gate: 'signing', percent: 50 },
        ],
      }),
      400,
      'contract.invalidTranches',
    );
    await refused(
      admin,
      'POST',
      '/contracts',
      contractBody(applicationId, { endsOn: addDays(today, -1) }),
      400,
      'contract.invalidTerm',
    );
    const custom = await ok(
      admin,
      'POST',
      '/contracts',
      contractBody(applicationId, {
        tranches: [
          { gate: 'signing', percent: 30 },
          { gate: 'mid', percent: 30 },
          { gate: 'final', percent: 40 },
        ],
      }),
    );
    expect(custom.tranches.map((x: { amountFen: number }) => x.amountFen)).toEqual([
      300_000, 300_000, 400_000,
    ]);
    await refused(admin, 'POST', '/contracts', contractBody(applicationId), 409, 'contract.exists');
    const updated = await ok(admin, 'PATCH', `/contracts/${custom.id}`, {
      version: custom.version,
      amountFen: 900_000,
    });
    expect(updated.tranches.map((x: { amountFen: number }) => x.amountFen)).toEqual([
      270_000, 270_000, 360_000,
    ]);
    await refused(
      admin,
      'PATCH',
      `/contracts/${custom.id}`,
      { version: custom.version, amountFen: 800_000 },
      409,
      'conflict.version',
    );
    const signed = await ok(admin, 'POST', `/contracts/${custom.id}/transitions`, {
      action: 'sign',
      version: updated.version,
    });
    await refused(
      admin,
      'PATCH',
      `/contracts/${custom.id}`,
      { version: signed.version, amountFen: 800_000 },
      409,
      'contract.notEditable',
    );
  });

  it('refuses stale versions and illegal transitions', async () => {
    const { applicationId } = await awarded();
    const draft = await ok(admin, 'POST', '/contracts', contractBody(applicationId));
    await refused(
      admin,
      'POST',
      `/contracts/${draft.id}/progress`,
      { action: 'start', version: draft.version },
      409,
      'workflow.illegalTransition',
    );
    const signed = await ok(admin, 'POST', `/contracts/${draft.id}/transitions`, {
      action: 'sign',
      version: draft.version,
    });
    await refused(
      admin,
      'POST',
      `/contracts/${draft.id}/transitions`,
      { action: 'sign', version: draft.version },
      409,
      'conflict.version',
    );
    await refused(
      admin,
      'POST',
      `/contracts/${draft.id}/transitions`,
      { action: 'sign', version: signed.version },
      409,
      'workflow.illegalTransition',
    );
    await refused(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('mid', 'pass', signed.version),
      409,
      'workflow.illegalTransition',
    );
    const started = await ok(admin, 'POST', `/contracts/${draft.id}/progress`, {
      action: 'start',
      version: signed.version,
    });
    await refused(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('mid', 'pass', signed.version),
      409,
      'conflict.version',
    );
    const badSample = { ...evaluation('mid', 'pass', started.version), sampleSatisfied: 31 };
    await refused(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      badSample,
      400,
      'contract.invalidSample',
    );
    const noRectification = { ...evaluation('mid', 'fail', started.version), rectifications: [] };
    await refused(
      evaluator,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      noRectification,
      400,
      'contract.rectificationsRequired',
    );
    // Only the district signs; only the evaluator evaluates.
    await refused(
      org,
      'POST',
      `/contracts/${draft.id}/transitions`,
      { action: 'terminate', version: started.version, comment: 'x' },
      403,
    );
    await refused(
      admin,
      'POST',
      `/contracts/${draft.id}/evaluations`,
      evaluation('mid', 'pass', started.version),
      403,
      'contract.notEvaluator',
    );
  });
});

describe('contracts: demo', () => {
  it('has the demo’s awarded projects under contract in their phases, each paid exactly its released tranches', async () => {
    const demo = await t.database.db
      .selectFrom('contract')
      .select(['id', 'state'])
      .where('title', 'not like', '社区居家养老服务项目 %')
      // The fair's signings are contracts too; this checks the awarded applications' ones.
      .where('applicationId', 'is not', null)
      .execute();
    expect(demo.map((c) => c.state)).toEqual(
      expect.arrayContaining(['closed', 'in_progress', 'suspended', 'draft', 'terminated']),
    );
    for (const c of demo) {
      const detail = await ok(admin, 'GET', `/contracts/${c.id}`);
      const released = detail.tranches
        .filter((x: { paidAt: string | null }) => x.paidAt)
        .reduce((s: number, x: { amountFen: number }) => s + x.amountFen, 0);
      const posted = await t.database.db
        .selectFrom('fundPosting')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amountFen'), eb.lit(0)).as('paid'))
        .where('kind', '=', 'payment')
        .where('referenceType', '=', 'contract_tranche')
        .where(
          'referenceId',
          'in',
          detail.tranches.map((x: { id: string }) => x.id),
        )
        .executeTakeFirstOrThrow();
      expect(Number(posted.paid)).toBe(released);
      expect(detail.paidFen).toBe(released);
    }
  });
});

describe('contracts: who sees what', () => {
  it('shows an organization only its own, an evaluator only its assigned, a street its division', async () => {
    const own = await awarded({ organizationId: 'demo-org' });
    const ownContract = await ok(admin, 'POST', '/contracts', contractBody(own.applicationId));
    const other = await awarded();
    const otherContract = await ok(
      admin,
      'POST',
      '/contracts',
      contractBody(other.applicationId, { evaluatorAccountId: otherEvaluatorId }),
    );

    const orgList = await ok(org, 'GET', '/contracts?limit=100');
    expect(orgList.items.map((c: { id: string }) => c.id)).toContain(ownContract.id);
    expect(orgList.items.every((c: { organizationId: string }) => c.organizationId === 'demo-org')).toBe(
      true,
    );
    await refused(org, 'GET', `/contracts/${otherContract.id}`, undefined, 404);
    await refused(
      org,
      'POST',
      `/contracts/${otherContract.id}/progress`,
      { action: 'start', version: 1 },
      404,
    );

    const evaluatorList = await ok(evaluator, 'GET', '/contracts?limit=100');
    expect(evaluatorList.items.map((c: { id: string }) => c.id)).toContain(ownContract.id);
    expect(evaluatorList.items.map((c: { id: string }) => c.id)).not.toContain(otherContract.id);
    await refused(evaluator, 'GET', `/contracts/${otherContract.id}`, undefined, 404);
    await refused(
      evaluator,
      'POST',
      `/contracts/${otherContract.id}/evaluations`,
      evaluation('mid', 'pass', 1),
      404,
    );

    // The organization starts its own signed project and reports progress itself.
    const signed = await ok(admin, 'POST', `/contracts/${ownContract.id}/transitions`, {
      action: 'sign',
      version: ownContract.version,
    });
    const started = await ok(org, 'POST', `/contracts/${ownContract.id}/progress`, {
      action: 'start',
      version: signed.version,
    });
    expect(started.state).toBe('in_progress');
    // The organization was told of the signing, the evaluator that the project started.
    const told = await t.database.db
      .selectFrom('notification as n')
      .innerJoin('account as a', 'a.id', 'n.accountId')
      .select(['a.username', 'n.kind'])
      .where('n.entityId', '=', ownContract.id)
      .orderBy('n.id')
      .execute();
    expect(told).toEqual([
      { username: 'org.demo', kind: 'contract.sign' },
      { username: 'evaluator.demo', kind: 'contract.start' },
    ]);
    const asEvaluator = await ok(evaluator, 'GET', `/contracts/${ownContract.id}`);
    expect(asEvaluator.abilities).toMatchObject({ evaluate: 'mid', sign: false });

    const organization = await t.database.db
      .selectFrom('organization')
      .select('divisionCode')
      .where('id', '=', 'demo-org')
      .executeTakeFirstOrThrow();
    const streetList = await ok(street, 'GET', '/contracts?limit=100');
    for (const c of streetList.items) expect(c.divisionCode.startsWith('220106001')).toBe(true);
    if (organization.divisionCode.startsWith('220106001'))
      expect(streetList.items.map((c: { id: string }) => c.id)).toContain(ownContract.id);
    await refused(street, 'POST', '/contracts', contractBody(other.applicationId), 403);
  });

  it('keeps site-visit photos with the evaluation, for those who see the contract', async () => {
    const { applicationId } = await awarded({ organizationId: 'demo-org' });
    const started = await signedAndStarted(applicationId);
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = (headers: AuthHeaders) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/contracts/${started.id}/photos?filename=${encodeURIComponent('现场.png')}`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: png,
      });
    expect((await upload(org)).statusCode).toBe(403);
    const res = await upload(evaluator);
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    const body = { ...evaluation('mid', 'pass', started.version), photoIds: [photo.id] };
    const evaluated = await ok(evaluator, 'POST', `/contracts/${started.id}/evaluations`, body);
    expect(evaluated.photos).toEqual([
      expect.objectContaining({ id: photo.id, evaluationId: evaluated.evaluations[0].id }),
    ]);
    const download = await call(org, 'GET', `/contracts/${started.id}/photos/${photo.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
  });

  it('exports contracts and payments to Excel, and a contract’s text as PDF to those who see it', async () => {
    const res = await call(admin, 'GET', '/contracts/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { applicationId } = await awarded();
    const contract = await ok(admin, 'POST', '/contracts', contractBody(applicationId));
    const pdf = await call(admin, 'GET', `/contracts/${contract.id}/contract.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call(org, 'GET', `/contracts/${contract.id}/contract.pdf`)).statusCode).toBe(404);
  });

  it('keeps a street to the contracts of its own division', async () => {
    const outside = await t.database.db
      .selectFrom('organization')
      .select('id')
      .where('state', '=', 'active')
      .where('kind', '=', 'private_non_enterprise')
      .where('divisionCode', 'not like', '220106001%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const { applicationId } = await awarded({ organizationId: outside.id });
    const contract = await ok(admin, 'POST', '/contracts', contractBody(applicationId));
    await refused(street, 'GET', `/contracts/${contract.id}`, undefined, 404);
    const list = await ok(street, 'GET', '/contracts?limit=100');
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(contract.id);
    const community = await signIn(t.app, 'community.aimin');
    await refused(community, 'GET', `/contracts/${contract.id}`, undefined, 404);
  });
});
