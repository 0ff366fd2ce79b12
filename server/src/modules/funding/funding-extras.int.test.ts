import { randomUUID } from 'node:crypto';
import { beijingToday } from '@linli/common';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, apiCalls, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { SYSTEM_CALLER } from '../../platform/scope.ts';
import { FundService } from './funds.service.ts';

let t: TestApp;
let admin: AuthHeaders;
let org: AuthHeaders;
let otherOrg: AuthHeaders;
let evaluator: AuthHeaders;
let otherEvaluator: AuthHeaders;
let resident: AuthHeaders;
let farResident: AuthHeaders;
let evaluatorId: string;

/** A signable account like an existing demo one (same password), with its own grant. */
async function cloneAccount(
  like: string,
  username: string,
  grant: { role: 'social_org' | 'evaluator' | 'resident'; scopeCode: string; organizationId?: string },
) {
  const db = t.database.db;
  const model = await db
    .selectFrom('account')
    .select(['passwordHash'])
    .where('username', '=', like)
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await db
    .insertInto('account')
    .values({
      id,
      username,
      displayName: username,
      passwordHash: model.passwordHash,
      divisionCode: grant.scopeCode,
    })
    .execute();
  await db
    .insertInto('roleGrant')
    .values({ accountId: id, organizationId: null, ...grant })
    .execute();
  return signIn(t.app, username);
}

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  org = await signIn(t.app, 'org.demo');
  evaluator = await signIn(t.app, 'evaluator.demo');
  resident = await signIn(t.app, 'resident.demo');
  evaluatorId = (
    await t.database.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'evaluator.demo')
      .executeTakeFirstOrThrow()
  ).id;
  const another = await t.database.db
    .selectFrom('organization')
    .select('id')
    .where('id', '<>', 'demo-org')
    .where('state', '=', 'active')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  otherOrg = await cloneAccount('org.demo', 'org.extras.other', {
    role: 'social_org',
    scopeCode: '220106',
    organizationId: another.id,
  });
  otherEvaluator = await cloneAccount('evaluator.demo', 'evaluator.extras.other', {
    role: 'evaluator',
    scopeCode: '220106',
  });
  // A resident of another street (正阳 is 220106001; this one lives under 220106002).
  farResident = await cloneAccount('resident.demo', 'resident.extras.far', {
    role: 'resident',
    scopeCode: '220106002001001',
  });
});
afterAll(() => t.close());

const { call, ok } = apiCalls(() => t.app);

const today = beijingToday();
const year = Number(today.slice(0, 4));
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const upload = (headers: AuthHeaders, url: string, bytes: Buffer, filename = '实施方案.pdf') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1${url}?filename=${encodeURIComponent(filename)}`,
    headers: { ...headers, 'content-type': 'application/octet-stream' },
    payload: bytes,
  });

let seq = 0;
async function openCall(extra: Record<string, unknown> = {}) {
  seq += 1;
  const fund = await ok(admin, 'POST', '/funds', {
    year,
    channel: 'venture',
    name: `附件测试资金 ${seq}`,
    focusAreas: ['elderly_disabled'],
    budgetFen: 5_000_000,
  });
  const created = await ok(admin, 'POST', '/calls', {
    title: `附件测试征集 ${seq}`,
    fundId: fund.id,
    budgetCeilingFen: 1_000_000,
    focusAreas: ['elderly_disabled'],
    eligibleKinds: ['private_non_enterprise', 'social_group', 'community_org'],
    scoringTemplate: [{ name: '项目设计', maxPoints: 100 }],
    opensOn: today,
    closesOn: addDays(today, 30),
    ...extra,
  });
  const opened = await ok(admin, 'POST', `/calls/${created.id}/transitions`, {
    action: 'open',
    version: created.version,
  });
  return { fundId: fund.id as string, callId: opened.id as string };
}

const draftBody = (callId: string) => ({
  callId,
  title: '高龄老人助餐服务项目',
  focusArea: 'elderly_disabled',
  plan: '每日中午送餐上门',
  outcomes: '服务 60 名高龄老人',
  budgetLines: [{ item: '餐费补贴', amountFen: 800_000 }],
});

describe('application attachments', () => {
  it('the organization uploads to its draft; others in scope read; another organization gets 404', async () => {
    const { callId } = await openCall();
    const draft = await ok(org, 'POST', '/applications', draftBody(callId));
    const res = await upload(org, `/applications/${draft.id}/attachments`, PDF);
    expect(res.statusCode, res.body).toBe(201);
    const attachment = res.json();
    expect(attachment).toMatchObject({ filename: '实施方案.pdf', mime: 'application/pdf', size: PDF.length });
    expect(attachment.abilities.delete).toBe(true);

    const listed = await ok<Array<{ id: string }>>(admin, 'GET', `/applications/${draft.id}/attachments`);
    expect(listed.map((a) => a.id)).toEqual([attachment.id]);
    const content = await call(
      admin,
      'GET',
      `/applications/${draft.id}/attachments/${attachment.id}/content`,
    );
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PDF)).toBe(true);
    expect(content.headers['content-disposition']).toContain("filename*=UTF-8''");

    // Another organization: neither the list, the file nor a new upload exist for it.
    expect((await call(otherOrg, 'GET', `/applications/${draft.id}/attachments`)).statusCode).toBe(404);
    expect(
      (await call(otherOrg, 'GET', `/applications/${draft.id}/attachments/${attachment.id}/content`))
        .statusCode,
    ).toBe(404);
    expect((await upload(otherOrg, `/applications/${draft.id}/attachments`, PDF)).statusCode).toBe(404);
    expect(
      (await call(otherOrg, 'DELETE', `/applications/${draft.id}/attachments/${attachment.id}`)).statusCode,
    ).toBe(404);

    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', draft.id)
      .where('action', 'like', 'application.attachment.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'application.attachment.download',
      'application.attachment.upload',
    ]);
  });

  it('refuses a file whose bytes are not an accepted type, and an empty one', async () => {
    const { callId } = await openCall();
    const draft = await ok(org, 'POST', '/applications', draftBody(callId));
    const exe = await upload(
      org,
      `/applications/${draft.id}/attachments`,
      Buffer.from('MZ\x90\x00 not a pdf'),
      'a.pdf',
    );
    expect(exe.statusCode).toBe(415);
    expect(exe.json().code).toBe('attachment.unsupportedType');
    const empty = await upload(org, `/applications/${draft.id}/attachments`, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
  });

  it('deletes while draft; after submission no upload or delete (409), reading still works', async () => {
    const { callId } = await openCall();
    const draft = await ok(org, 'POST', '/applications', draftBody(callId));
    const first = (await upload(org, `/applications/${draft.id}/attachments`, PDF, '预算.pdf')).json();
    const second = (await upload(org, `/applications/${draft.id}/attachments`, PDF, '资质.pdf')).json();
    expect((await call(org, 'DELETE', `/applications/${draft.id}/attachments/${first.id}`)).statusCode).toBe(
      204,
    );
    expect((await call(org, 'DELETE', `/applications/${draft.id}/attachments/${first.id}`)).statusCode).toBe(
      404,
    );
    await ok(org, 'POST', `/applications/${draft.id}/transitions`, {
      action: 'submit',
      version: draft.version,
    });
    const late = await upload(org, `/applications/${draft.id}/attachments`, PDF);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('application.notEditable');
    const del = await call(org, 'DELETE', `/applications/${draft.id}/attachments/${second.id}`);
    expect(del.statusCode).toBe(409);
    const listed = await ok<Array<{ filename: string; abilities: { delete: boolean } }>>(
      org,
      'GET',
      `/applications/${draft.id}/attachments`,
    );
    expect(listed).toMatchObject([{ filename: '资质.pdf', abilities: { delete: false } }]);
  });

  it('the assigned reviewer reads them through its sheet; an evaluator not assigned gets 404', async () => {
    const { callId } = await openCall();
    const draft = await ok(org, 'POST', '/applications', draftBody(callId));
    const file = (await upload(org, `/applications/${draft.id}/attachments`, PDF)).json();
    await ok(org, 'POST', `/applications/${draft.id}/transitions`, {
      action: 'submit',
      version: draft.version,
    });
    const c = await ok(admin, 'GET', `/calls/${callId}`);
    await ok(admin, 'POST', `/calls/${callId}/transitions`, { action: 'close', version: c.version });
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, {
      reviewerIds: [evaluatorId],
      applicationIds: [draft.id],
    });
    const mine = await ok<{ items: Array<{ id: string; applicationId: string }> }>(
      evaluator,
      'GET',
      '/my-reviews?limit=100',
    );
    const review = mine.items.find((r) => r.applicationId === draft.id)!;
    const listed = await ok<Array<{ id: string; abilities: { delete: boolean } }>>(
      evaluator,
      'GET',
      `/reviews/${review.id}/attachments`,
    );
    expect(listed).toMatchObject([{ id: file.id, abilities: { delete: false } }]);
    const content = await call(evaluator, 'GET', `/reviews/${review.id}/attachments/${file.id}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.equals(PDF)).toBe(true);
    // An evaluator has no way to the application itself, nor another one's sheet.
    expect((await call(evaluator, 'GET', `/applications/${draft.id}/attachments`)).statusCode).toBe(403);
    expect((await call(otherEvaluator, 'GET', `/reviews/${review.id}/attachments`)).statusCode).toBe(404);
    expect(
      (await call(otherEvaluator, 'GET', `/reviews/${review.id}/attachments/${file.id}/content`)).statusCode,
    ).toBe(404);
    // The attachment of another application cannot be fetched through this sheet.
    const { callId: other } = await openCall();
    const otherDraft = await ok(org, 'POST', '/applications', draftBody(other));
    const otherFile = (await upload(org, `/applications/${otherDraft.id}/attachments`, PDF)).json();
    expect(
      (await call(evaluator, 'GET', `/reviews/${review.id}/attachments/${otherFile.id}/content`)).statusCode,
    ).toBe(404);
  });
});

/** An awarded application on a new fund, written as the award writes it (the award is tested elsewhere). */
async function awarded(organizationId: string) {
  seq += 1;
  const awardedFen = 1_000_000;
  const { fundId, callId } = await openCall();
  const draft = await ok(admin, 'POST', '/applications', {
    ...draftBody(callId),
    organizationId,
    title: `社区助老项目 ${seq}`,
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
      fundId,
      kind: 'commitment',
      amountFen: awardedFen,
      focusArea: 'elderly_disabled',
      referenceType: 'application',
      referenceId: draft.id,
    });
  });
  return { fundId, applicationId: draft.id as string };
}

/** A contract of an organization of 正阳街道 (the demo resident's street), signed and started. */
async function started() {
  const organization = await t.database.db
    .selectFrom('organization')
    .select('id')
    .where('divisionCode', 'like', '220106001%')
    .where('state', '=', 'active')
    .where('kind', 'in', ['private_non_enterprise', 'social_group', 'community_org'])
    .where((eb) => eb.or([eb('divisionCode', '=', '220106001'), eb('divisionCode', '=', '220106001001')]))
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const { fundId, applicationId } = await awarded(organization.id);
  const draft = await ok(admin, 'POST', '/contracts', {
    applicationId,
    startsOn: today,
    endsOn: addDays(today, 180),
    deliverables: '每日送餐；月度报告',
    milestones: [{ name: '中期报告', dueOn: addDays(today, 90) }],
    evaluatorAccountId: evaluatorId,
  });
  const signed = await ok(admin, 'POST', `/contracts/${draft.id}/transitions`, {
    action: 'sign',
    version: draft.version,
  });
  const begun = await ok(admin, 'POST', `/contracts/${draft.id}/progress`, {
    action: 'start',
    version: signed.version,
  });
  return { fundId, contract: begun as { id: string; version: number; title: string } };
}

const evaluation = (result: 'pass' | 'fail', version: number, asked: number, satisfied: number) => ({
  version,
  kind: 'mid',
  indicators: [{ name: '服务完成度', maxScore: 100, score: result === 'pass' ? 90 : 50 }],
  visitedOn: today,
  visitPlace: '爱民社区服务站',
  visitNotes: '查看台账',
  sampleAsked: asked,
  sampleSatisfied: satisfied,
  findings: result === 'pass' ? '按计划推进' : '送餐次数不足',
  result,
  ...(result === 'fail' ? { rectifications: [{ item: '补齐送餐台账', dueOn: addDays(today, 15) }] } : {}),
});

describe('fund ledger and focus areas', () => {
  it('names the project of every posting and links paid tranches to their contract', async () => {
    const { fundId, contract } = await started();
    const page = await ok<{
      items: Array<{
        kind: string;
        referenceTitle: string | null;
        contractId: string | null;
        trancheSeq: number | null;
      }>;
    }>(admin, 'GET', `/funds/${fundId}/postings`);
    const payment = page.items.find((p) => p.kind === 'payment')!;
    expect(payment).toMatchObject({ referenceTitle: contract.title, contractId: contract.id, trancheSeq: 1 });
    const commitment = page.items.find((p) => p.kind === 'commitment')!;
    expect(commitment).toMatchObject({ contractId: contract.id });
    expect(commitment.referenceTitle).toBeTruthy();
  });

  it('shows budget, committed, paid and remaining by focus area', async () => {
    const summary = await ok(admin, 'GET', `/funds/summary?year=${year}`);
    const elderly = summary.byFocusArea.find(
      (a: { focusArea: string }) => a.focusArea === 'elderly_disabled',
    );
    expect(elderly.budgetFen).toBeGreaterThan(0);
    expect(elderly.remainingFen).toBeLessThanOrEqual(elderly.budgetFen);
    const funds = await ok<{
      items: Array<{ focusAreas: string[]; budgetFen: number; remainingFen: number }>;
    }>(admin, 'GET', `/funds?year=${year}&focusArea=elderly_disabled&limit=100`);
    expect(elderly.budgetFen).toBe(funds.items.reduce((s, f) => s + f.budgetFen, 0));
    expect(elderly.remainingFen).toBe(funds.items.reduce((s, f) => s + f.remainingFen, 0));
  });
});

describe('residents satisfaction sample', () => {
  it('one answer per resident per round; the evaluator sees the tally; a new round after a failed evaluation', async () => {
    const { contract } = await started();
    const open = await ok<Array<{ contractId: string; kind: string; round: number; myAnswer: unknown }>>(
      resident,
      'GET',
      '/feedback-projects',
    );
    expect(open.find((p) => p.contractId === contract.id)).toMatchObject({
      kind: 'mid',
      round: 1,
      myAnswer: null,
    });
    // Outside the contract's division the project does not exist.
    const far = await ok<Array<{ contractId: string }>>(farResident, 'GET', '/feedback-projects');
    expect(far.some((p) => p.contractId === contract.id)).toBe(false);
    const farAnswer = await call(farResident, 'POST', `/contracts/${contract.id}/feedback`, {
      answer: 'satisfied',
    });
    expect(farAnswer.statusCode).toBe(404);

    // Two answers at the same moment: exactly one is kept.
    const both = await Promise.all([
      call(resident, 'POST', `/contracts/${contract.id}/feedback`, {
        answer: 'satisfied',
        comment: '送餐很准时',
      }),
      call(resident, 'POST', `/contracts/${contract.id}/feedback`, { answer: 'dissatisfied' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('contract.feedbackExists');
    const again = await call(resident, 'POST', `/contracts/${contract.id}/feedback`, { answer: 'basically' });
    expect(again.statusCode).toBe(409);

    const tally = await ok(evaluator, 'GET', `/contracts/${contract.id}/feedback`);
    expect(tally.open).toMatchObject({ kind: 'mid', round: 1, total: 1, sampleAsked: 1 });
    expect(tally.comments.length).toBeLessThanOrEqual(1);
    // Another evaluator is not assigned: the contract does not exist for it.
    expect((await call(otherEvaluator, 'GET', `/contracts/${contract.id}/feedback`)).statusCode).toBe(404);
    expect((await call(otherOrg, 'GET', `/contracts/${contract.id}/feedback`)).statusCode).toBe(404);

    // A failed mid-term opens the re-evaluation's round: the resident may answer once more.
    const failed = await ok(
      evaluator,
      'POST',
      `/contracts/${contract.id}/evaluations`,
      evaluation('fail', contract.version, 1, 1),
    );
    expect(failed.state).toBe('suspended');
    const second = await ok(resident, 'POST', `/contracts/${contract.id}/feedback`, { answer: 'basically' });
    expect(second).toMatchObject({ kind: 'mid', round: 2, myAnswer: { answer: 'basically' } });
    const after = await ok(admin, 'GET', `/contracts/${contract.id}/feedback`);
    expect(after.rounds).toMatchObject([
      { kind: 'mid', round: 1, total: 1 },
      { kind: 'mid', round: 2, basically: 1, total: 1 },
    ]);
    expect(after.open).toMatchObject({ round: 2, sampleAsked: 1, sampleSatisfied: 1 });
  });

  it('no answers while the project is not under evaluation (signed, or the mid-term passed)', async () => {
    const { contract } = await started();
    const passed = await ok(
      evaluator,
      'POST',
      `/contracts/${contract.id}/evaluations`,
      evaluation('pass', contract.version, 20, 18),
    );
    expect(passed.state).toBe('in_progress');
    const res = await call(resident, 'POST', `/contracts/${contract.id}/feedback`, { answer: 'satisfied' });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('contract.feedbackClosed');
    const open = await ok<Array<{ contractId: string }>>(resident, 'GET', '/feedback-projects');
    expect(open.some((p) => p.contractId === contract.id)).toBe(false);
    const tally = await ok(evaluator, 'GET', `/contracts/${contract.id}/feedback`);
    expect(tally.open).toBeNull();
  });

  it('staff and organizations may not answer (403)', async () => {
    const { contract } = await started();
    expect(
      (await call(org, 'POST', `/contracts/${contract.id}/feedback`, { answer: 'satisfied' })).statusCode,
    ).toBe(403);
    expect((await call(evaluator, 'GET', '/feedback-projects')).statusCode).toBe(403);
  });
});
