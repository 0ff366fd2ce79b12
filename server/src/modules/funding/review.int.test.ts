import { beijingToday, reviewScoreHundredths } from '@linli/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, apiCalls, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { endNotice, ensureCalendarAhead } from './review.test-support.ts';

let t: TestApp;
let admin: AuthHeaders;
let org: AuthHeaders;
let resident: AuthHeaders;
let street: AuthHeaders;
let evaluator: AuthHeaders;
const experts: AuthHeaders[] = [];
const ids = new Map<string, string>();

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  org = await signIn(t.app, 'org.demo');
  resident = await signIn(t.app, 'resident.demo');
  street = await signIn(t.app, 'street.zhengyang');
  evaluator = await signIn(t.app, 'evaluator.demo');
  for (let i = 1; i <= 5; i++) experts.push(await signIn(t.app, `expert.0${i}`));
  const accounts = await t.database.db.selectFrom('account').select(['id', 'username']).execute();
  for (const a of accounts) ids.set(a.username, a.id);
  await ensureCalendarAhead(t);
});
afterAll(() => t.close());

const { call, ok } = apiCalls(() => t.app);

const today = beijingToday();
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const TEMPLATE = [
  { name: '项目设计', maxPoints: 40 },
  { name: '组织能力', maxPoints: 30 },
  { name: '预算合理性', maxPoints: 30 },
];

let seq = 0;
/** A closed call with submitted applications from `n` active organizations (the district enters them). */
async function closedCall(n: number, withDemoOrg = false) {
  seq += 1;
  const fund = await ok(admin, 'POST', '/funds', {
    year: Number(today.slice(0, 4)),
    channel: 'purchase',
    name: `评审测试资金 ${seq}`,
    focusAreas: ['elderly_disabled'],
    budgetFen: 100_000_000,
  });
  const c = await ok(admin, 'POST', '/calls', {
    title: `评审测试征集 ${seq}`,
    fundId: fund.id,
    budgetCeilingFen: 10_000_000,
    focusAreas: ['elderly_disabled'],
    eligibleKinds: ['private_non_enterprise', 'social_group', 'community_org'],
    scoringTemplate: TEMPLATE,
    opensOn: today,
    closesOn: addDays(today, 30),
  });
  const opened = await ok(admin, 'POST', `/calls/${c.id}/transitions`, {
    action: 'open',
    version: c.version,
  });
  const page = await ok<{ items: Array<{ id: string }> }>(
    admin,
    'GET',
    `/organizations?kind=private_non_enterprise&state=active&limit=${n}&offset=${seq * 7}&sort=name&order=asc`,
  );
  const orgIds = page.items.map((o) => o.id).slice(0, withDemoOrg ? n - 1 : n);
  if (withDemoOrg) orgIds.unshift('demo-org');
  const apps: Array<{ id: string; version: number; requestedFen: number }> = [];
  for (const [i, organizationId] of orgIds.entries()) {
    const draft = await ok(admin, 'POST', '/applications', {
      callId: c.id,
      organizationId,
      title: `助老服务项目 ${seq}-${i}`,
      focusArea: 'elderly_disabled',
      plan: '上门探访',
      outcomes: '服务 100 人',
      budgetLines: [{ item: '人员劳务', amountFen: 1_000_000 + i * 100_000 }],
    });
    apps.push(
      await ok(admin, 'POST', `/applications/${draft.id}/transitions`, {
        action: 'submit',
        version: draft.version,
      }),
    );
  }
  await ok(admin, 'POST', `/calls/${c.id}/transitions`, { action: 'close', version: opened.version });
  return { callId: c.id, fundId: fund.id, apps };
}

const reviewerIds = (...usernames: string[]) => usernames.map((u) => ids.get(u)!);

/** The reviewer's sheet on this application. */
async function sheetOf(who: AuthHeaders, applicationId: string) {
  const page = await ok<{ items: Array<{ id: string; applicationId: string }> }>(
    who,
    'GET',
    '/my-reviews?limit=100',
  );
  const found = page.items.find((r) => r.applicationId === applicationId);
  expect(found).toBeDefined();
  return ok(who, 'GET', `/reviews/${found!.id}`);
}

/** Declares no conflict, scores and submits; returns the submitted sheet. */
async function scoreSheet(who: AuthHeaders, applicationId: string, scores: number[]) {
  const sheet = await sheetOf(who, applicationId);
  const declared = await ok(who, 'POST', `/reviews/${sheet.id}/transitions`, {
    action: 'declareNone',
    version: sheet.version,
  });
  const saved = await ok(who, 'PATCH', `/reviews/${sheet.id}`, { version: declared.version, scores });
  return ok(who, 'POST', `/reviews/${sheet.id}/transitions`, { action: 'submit', version: saved.version });
}

describe('score', () => {
  it('is the mean of the totals, dropping one highest and one lowest from five sheets on', () => {
    expect(reviewScoreHundredths([])).toBeNull();
    // Tenths: 80.0, 70.5, 90.0, 60.0 → mean 75.125 → 75.13 (half up).
    expect(reviewScoreHundredths([800, 705, 900, 600])).toBe(7513);
    // Five: drop 95.0 and 50.0 → (80 + 70 + 60) / 3 = 70.00.
    expect(reviewScoreHundredths([800, 700, 950, 500, 600])).toBe(7000);
    // Six: drop one 90 and one 40 → (90 + 60 + 70 + 80) / 4 = 75.
    expect(reviewScoreHundredths([900, 900, 400, 600, 700, 800])).toBe(7500);
    // 1/3 of a tenth rounds to two decimals: (100 + 100 + 101) / 3 tenths = 10.0333 → 10.03.
    expect(reviewScoreHundredths([100, 100, 101])).toBe(1003);
  });

  it('uses the plain mean with four submitted sheets and the trimmed mean once five are in', async () => {
    const { callId, apps } = await closedCall(1);
    const app = apps[0]!;
    const panel = reviewerIds('expert.01', 'expert.02', 'expert.03', 'expert.04', 'expert.05');
    const assigned = await ok(admin, 'POST', `/calls/${callId}/reviewers`, { reviewerIds: panel });
    expect(assigned).toEqual({ assigned: 5, skipped: 0 });
    // Totals 80, 70.5, 90, 60 and then 95.
    const sheets = [
      [30, 25, 25],
      [30, 20.5, 20],
      [35, 25, 30],
      [20, 20, 20],
    ];
    for (const [i, scores] of sheets.entries()) await scoreSheet(experts[i]!, app.id, scores);
    let ranking = await ok(admin, 'GET', `/calls/${callId}/ranking`);
    expect(ranking.items[0]).toMatchObject({
      applicationId: app.id,
      score: 75.13,
      submitted: 4,
      reviewers: 5,
      rank: 1,
    });
    const fifth = await scoreSheet(experts[4]!, app.id, [40, 30, 25]);
    expect(fifth).toMatchObject({ state: 'submitted', totalPoints: 95 });
    ranking = await ok(admin, 'GET', `/calls/${callId}/ranking`);
    // Drop 95 and 60: (80 + 70.5 + 90) / 3 = 80.1666… → 80.17.
    expect(ranking.items[0]).toMatchObject({ score: 80.17, submitted: 5 });
    const stored = await t.database.db
      .selectFrom('fundingApplication')
      .select(['reviewScore', 'reviewCount'])
      .where('id', '=', app.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.reviewScore)).toBe(80.17);
    expect(stored.reviewCount).toBe(5);

    // Returning a sheet takes it out of the score until it is submitted again.
    const sheets5 = await ok<Array<{ id: string; reviewerName: string; version: number; state: string }>>(
      admin,
      'GET',
      `/applications/${app.id}/reviews`,
    );
    expect(sheets5).toHaveLength(5);
    const top = sheets5.find((s) => s.reviewerName.includes('周文博'))!;
    const noReason = await call(admin, 'POST', `/reviews/${top.id}/return`, { version: top.version });
    expect(noReason.statusCode).toBe(400);
    const returned = await ok(admin, 'POST', `/reviews/${top.id}/return`, {
      version: top.version,
      reason: '请核对预算合理性评分',
    });
    expect(returned.state).toBe('scoring');
    ranking = await ok(admin, 'GET', `/calls/${callId}/ranking`);
    expect(ranking.items[0]).toMatchObject({ score: 75.13, submitted: 4 });
  });
});

describe('concurrency', () => {
  it('counts two sheets submitted at the same moment', async () => {
    const { callId, apps } = await closedCall(1);
    const app = apps[0]!;
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, {
      reviewerIds: reviewerIds('expert.01', 'expert.02'),
    });
    const ready = [];
    for (const who of [experts[0]!, experts[1]!]) {
      const sheet = await sheetOf(who, app.id);
      const declared = await ok(who, 'POST', `/reviews/${sheet.id}/transitions`, {
        action: 'declareNone',
        version: sheet.version,
      });
      ready.push({
        who,
        saved: await ok(who, 'PATCH', `/reviews/${sheet.id}`, {
          version: declared.version,
          scores: [30, 20, 20],
        }),
      });
    }
    ready[1]!.saved = await ok(ready[1]!.who, 'PATCH', `/reviews/${ready[1]!.saved.id}`, {
      version: ready[1]!.saved.version,
      scores: [35, 25, 25],
    });
    const results = await Promise.all(
      ready.map(({ who, saved }) =>
        call(who, 'POST', `/reviews/${saved.id}/transitions`, { action: 'submit', version: saved.version }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    const ranking = await ok(admin, 'GET', `/calls/${callId}/ranking`);
    expect(ranking.items[0]).toMatchObject({ submitted: 2, score: 77.5 });
  });
});

describe('conflict of interest', () => {
  it('recuses a reviewer who declares a conflict: no scoring, not reassigned, another may be', async () => {
    const { callId, apps } = await closedCall(1);
    const app = apps[0]!;
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, { reviewerIds: reviewerIds('expert.01') });
    const sheet = await sheetOf(experts[0]!, app.id);
    expect(sheet.abilities).toMatchObject({ declare: true, score: false, submit: false });
    // Scoring before the declaration is refused.
    const early = await call(experts[0]!, 'PATCH', `/reviews/${sheet.id}`, {
      version: sheet.version,
      scores: [1, 1, 1],
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('review.notScoring');
    const submitEarly = await call(experts[0]!, 'POST', `/reviews/${sheet.id}/transitions`, {
      action: 'submit',
      version: sheet.version,
    });
    expect(submitEarly.json().code).toBe('workflow.illegalTransition');
    const noReason = await call(experts[0]!, 'POST', `/reviews/${sheet.id}/transitions`, {
      action: 'declareConflict',
      version: sheet.version,
    });
    expect(noReason.json().code).toBe('workflow.commentRequired');
    const recused = await ok(experts[0]!, 'POST', `/reviews/${sheet.id}/transitions`, {
      action: 'declareConflict',
      version: sheet.version,
      comment: '曾为该组织理事',
    });
    expect(recused).toMatchObject({ state: 'conflicted', conflictReason: '曾为该组织理事' });
    const after = await call(experts[0]!, 'PATCH', `/reviews/${sheet.id}`, {
      version: recused.version,
      scores: [1, 1, 1],
    });
    expect(after.json().code).toBe('review.notScoring');
    // Assigning the same reviewer again is skipped; the district assigns another.
    const again = await ok(admin, 'POST', `/calls/${callId}/reviewers`, {
      reviewerIds: reviewerIds('expert.01', 'expert.02'),
      applicationIds: [app.id],
    });
    expect(again).toEqual({ assigned: 1, skipped: 1 });
    const ranking = await ok(admin, 'GET', `/calls/${callId}/ranking`);
    expect(ranking.items[0]).toMatchObject({
      reviewers: 1,
      conflicted: 1,
      submitted: 0,
      score: null,
      rank: null,
    });
  });
});

describe('scope', () => {
  it('shows an evaluator only its own sheets, an organization its result without names', async () => {
    const { callId, apps } = await closedCall(2, true);
    const [mine, theirs] = apps as [(typeof apps)[0], (typeof apps)[0]];
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, {
      reviewerIds: reviewerIds('expert.01'),
      applicationIds: [mine.id],
    });
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, {
      reviewerIds: reviewerIds('evaluator.demo'),
      applicationIds: [theirs.id],
    });
    const expertSheet = await sheetOf(experts[0]!, mine.id);
    expect(expertSheet.application.plan).toBe('上门探访');
    // Another evaluator: not in its list, 404 on read and write.
    const list = await ok(evaluator, 'GET', '/my-reviews?limit=100');
    expect(list.items.some((r: { id: string }) => r.id === expertSheet.id)).toBe(false);
    expect((await call(evaluator, 'GET', `/reviews/${expertSheet.id}`)).statusCode).toBe(404);
    const hijack = await call(evaluator, 'POST', `/reviews/${expertSheet.id}/transitions`, {
      action: 'declareNone',
      version: expertSheet.version,
    });
    expect(hijack.statusCode).toBe(404);
    const write = await call(evaluator, 'PATCH', `/reviews/${expertSheet.id}`, {
      version: expertSheet.version,
      scores: [1, 1, 1],
    });
    expect(write.statusCode).toBe(404);
    // Evaluators do not browse applications or rankings.
    expect((await call(evaluator, 'GET', `/applications/${mine.id}`)).statusCode).toBe(403);
    expect((await call(evaluator, 'GET', `/calls/${callId}/ranking`)).statusCode).toBe(403);
    // The district's sheet listing is not for organizations or streets.
    expect((await call(org, 'GET', `/applications/${mine.id}/reviews`)).statusCode).toBe(403);
    expect((await call(street, 'GET', `/calls/${callId}/ranking`)).statusCode).toBe(403);
    expect((await call(street, 'GET', '/reviewers')).statusCode).toBe(403);
    const selfReturn = await call(evaluator, 'POST', `/reviews/${expertSheet.id}/return`, {
      version: expertSheet.version,
      reason: '退回',
    });
    expect(selfReturn.statusCode).toBe(403);

    await scoreSheet(experts[0]!, mine.id, [30, 20, 20]);
    await scoreSheet(evaluator, theirs.id, [35, 25, 25]);
    // Before the notice the organization sees no score; after it, score and rank, never names.
    const before = await ok(org, 'GET', `/applications/${mine.id}/review-result`);
    expect(before).toMatchObject({ score: null, rank: null, notice: null });
    expect((await call(org, 'GET', `/applications/${theirs.id}/review-result`)).statusCode).toBe(404);
    await ok(admin, 'POST', `/calls/${callId}/notice`, {
      applications: apps.map((a) => ({ applicationId: a.id, proposedFen: a.requestedFen })),
    });
    const result = await call(org, 'GET', `/applications/${mine.id}/review-result`);
    expect(result.json()).toMatchObject({ score: 70, rank: 2, rankedOf: 2, sheets: 1 });
    expect(result.json().notice).toMatchObject({ listed: true, excluded: false });
    expect(result.body).not.toContain('刘建华');
  });
});

describe('reviewers', () => {
  it('lists evaluator accounts granted in the district or district-wide, not other roles', async () => {
    await t.database.db
      .insertInto('account')
      .values({
        id: 'test-wide-expert',
        username: 'expert.wide',
        displayName: '全区评审专家',
        divisionCode: '220106',
      })
      .execute();
    await t.database.db
      .insertInto('roleGrant')
      .values({ accountId: 'test-wide-expert', role: 'evaluator', scopeCode: null })
      .execute();
    const list = await ok<Array<{ username: string }>>(admin, 'GET', '/reviewers');
    const names = list.map((r) => r.username);
    expect(names).toEqual(expect.arrayContaining(['evaluator.demo', 'expert.01', 'expert.wide']));
    expect(names).not.toContain('org.demo');
  });
});

describe('workflow', () => {
  it('refuses stale versions, illegal transitions and incomplete sheets', async () => {
    const { callId, apps } = await closedCall(1);
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, { reviewerIds: reviewerIds('expert.02') });
    const sheet = await sheetOf(experts[1]!, apps[0]!.id);
    const declared = await ok(experts[1]!, 'POST', `/reviews/${sheet.id}/transitions`, {
      action: 'declareNone',
      version: sheet.version,
    });
    const stale = await call(experts[1]!, 'PATCH', `/reviews/${sheet.id}`, {
      version: sheet.version,
      scores: [1, 1, 1],
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
    const staleTransition = await call(experts[1]!, 'POST', `/reviews/${sheet.id}/transitions`, {
      action: 'submit',
      version: sheet.version,
    });
    expect(staleTransition.json().code).toBe('conflict.version');
    const incomplete = await call(experts[1]!, 'POST', `/reviews/${sheet.id}/transitions`, {
      action: 'submit',
      version: declared.version,
    });
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json().params.reason).toBe('review.sheetIncomplete');
    const tooHigh = await call(experts[1]!, 'PATCH', `/reviews/${sheet.id}`, {
      version: declared.version,
      scores: [41, 1, 1],
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().code).toBe('review.badScores');
    const wrongCount = await call(experts[1]!, 'PATCH', `/reviews/${sheet.id}`, {
      version: declared.version,
      scores: [1, 1],
    });
    expect(wrongCount.json().code).toBe('review.badScores');
    const twoDecimals = await call(experts[1]!, 'PATCH', `/reviews/${sheet.id}`, {
      version: declared.version,
      scores: [1.25, 1, 1],
    });
    expect(twoDecimals.json().code).toBe('review.badScores');
    const redeclare = await call(experts[1]!, 'POST', `/reviews/${sheet.id}/transitions`, {
      action: 'declareNone',
      version: declared.version,
    });
    expect(redeclare.json().code).toBe('workflow.illegalTransition');
    // The district may not score, nor return a sheet that is not submitted.
    const districtScores = await call(admin, 'POST', `/reviews/${sheet.id}/transitions`, {
      action: 'submit',
      version: declared.version,
    });
    expect(districtScores.statusCode).toBe(403);
    const notSubmitted = await call(admin, 'POST', `/reviews/${sheet.id}/return`, {
      version: declared.version,
      reason: '请修改',
    });
    expect(notSubmitted.json().code).toBe('workflow.illegalTransition');
    // Assigning is for closed calls of the district's scope only; an unknown reviewer is refused.
    const unknown = await call(admin, 'POST', `/calls/${callId}/reviewers`, {
      reviewerIds: [ids.get('org.demo')],
    });
    expect(unknown.json().code).toBe('review.reviewerNotFound');
    const byExpert = await call(experts[1]!, 'POST', `/calls/${callId}/reviewers`, {
      reviewerIds: reviewerIds('expert.02'),
    });
    expect(byExpert.statusCode).toBe(403);
  });
});

describe('notice and award', () => {
  it('awards only listed applications after the notice period with every objection answered', async () => {
    const { callId, fundId, apps } = await closedCall(3);
    const [a, b, c] = apps as [(typeof apps)[0], (typeof apps)[0], (typeof apps)[0]];
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, {
      reviewerIds: reviewerIds('expert.03', 'expert.04'),
    });
    await scoreSheet(experts[2]!, a.id, [35, 25, 25]);
    await scoreSheet(experts[3]!, a.id, [30, 25, 25]);
    await scoreSheet(experts[2]!, b.id, [30, 20, 20]);
    const proposal = {
      applications: [
        { applicationId: a.id, proposedFen: a.requestedFen },
        { applicationId: b.id, proposedFen: b.requestedFen },
      ],
    };
    // One of b's sheets is still open.
    const open = await call(admin, 'POST', `/calls/${callId}/notice`, proposal);
    expect(open.statusCode).toBe(409);
    expect(open.json().code).toBe('notice.reviewsOpen');
    await scoreSheet(experts[3]!, b.id, [25, 20, 20]);
    const tooMuch = await call(admin, 'POST', `/calls/${callId}/notice`, {
      applications: [{ applicationId: a.id, proposedFen: a.requestedFen + 1 }],
    });
    expect(tooMuch.json().code).toBe('notice.itemInvalid');
    expect((await call(street, 'POST', `/calls/${callId}/notice`, proposal)).statusCode).toBe(403);
    const publish = await call(admin, 'POST', `/calls/${callId}/notice`, { ...proposal, workingDays: 5 });
    expect(publish.statusCode).toBe(201);
    const notice = publish.json();
    expect(notice.entries.map((e: { applicationId: string }) => e.applicationId)).toEqual([a.id, b.id]);
    expect(notice).toMatchObject({ running: true, workingDays: 5 });
    expect(Date.parse(notice.endsAt)).toBeGreaterThan(Date.now() + 3 * 86_400_000);
    expect((await call(admin, 'POST', `/calls/${callId}/notice`, proposal)).json().code).toBe(
      'notice.exists',
    );
    expect(
      (
        await call(admin, 'POST', `/calls/${callId}/reviewers`, { reviewerIds: reviewerIds('expert.05') })
      ).json().code,
    ).toBe('notice.exists');
    // Scores are final once published.
    const sheetsOfA = await ok<Array<{ id: string; version: number }>>(
      admin,
      'GET',
      `/applications/${a.id}/reviews`,
    );
    const late = await call(admin, 'POST', `/reviews/${sheetsOfA[0]!.id}/return`, {
      version: sheetsOfA[0]!.version,
      reason: '请修改',
    });
    expect(late.json().params.reason).toBe('review.noticePublished');

    // Award during the notice period: refused.
    const early = await call(admin, 'POST', `/applications/${a.id}/award`, {
      version: a.version,
      amountFen: a.requestedFen,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().params.reason).toBe('funding.noticeRunning');

    // Residents see the notice and object; they see their own objections only.
    const listed = await ok(resident, 'GET', '/notices?running=true');
    expect(listed.items.some((n: { id: string }) => n.id === notice.id)).toBe(true);
    const notListed = await call(resident, 'POST', `/notices/${notice.id}/objections`, {
      applicationId: c.id,
      reason: '该项目不在名单中',
    });
    expect(notListed.json().code).toBe('notice.notOnNotice');
    const filed = await call(resident, 'POST', `/notices/${notice.id}/objections`, {
      applicationId: a.id,
      reason: '该组织去年项目未按期完成，请核实',
    });
    expect(filed.statusCode).toBe(201);
    const orgObjection = await ok(org, 'POST', `/notices/${notice.id}/objections`, {
      applicationId: b.id,
      reason: '预算明细与实际服务人数不符',
    });
    expect(orgObjection.objections).toHaveLength(1);
    expect(orgObjection.objections[0]).toMatchObject({ mine: true, abilities: { answer: false } });
    const districtView = await ok(admin, 'GET', `/notices/${notice.id}`);
    expect(districtView.objections).toHaveLength(2);
    expect(districtView.pendingObjections).toBe(2);
    const objectionToA = districtView.objections.find(
      (o: { applicationId: string }) => o.applicationId === a.id,
    );
    const objectionToB = districtView.objections.find(
      (o: { applicationId: string }) => o.applicationId === b.id,
    );
    expect(
      (
        await call(resident, 'POST', `/objections/${objectionToA.id}/answer`, {
          action: 'dismiss',
          version: objectionToA.version,
          reply: '不成立',
        })
      ).statusCode,
    ).toBe(403);

    // The period ends; unanswered objections still hold the award back.
    await endNotice(t, callId);
    const pending = await call(admin, 'POST', `/applications/${a.id}/award`, {
      version: a.version,
      amountFen: a.requestedFen,
    });
    expect(pending.json().params).toMatchObject({
      reason: 'funding.objectionsPending',
      reasonParams: { count: 2 },
    });
    const tooLate = await call(resident, 'POST', `/notices/${notice.id}/objections`, {
      applicationId: a.id,
      reason: '再次提出异议内容',
    });
    expect(tooLate.json().code).toBe('notice.ended');
    await ok(admin, 'POST', `/objections/${objectionToA.id}/answer`, {
      action: 'dismiss',
      version: objectionToA.version,
      reply: '经核实，该组织项目已按期结项，异议不成立',
    });
    const staleAnswer = await call(admin, 'POST', `/objections/${objectionToA.id}/answer`, {
      action: 'uphold',
      version: objectionToA.version,
      reply: '重复答复',
    });
    expect(staleAnswer.statusCode).toBe(409);
    const upheld = await ok(admin, 'POST', `/objections/${objectionToB.id}/answer`, {
      action: 'uphold',
      version: objectionToB.version,
      reply: '经核实，预算与服务人数不符，取消立项资格',
    });
    expect(upheld.entries.find((e: { applicationId: string }) => e.applicationId === b.id).excluded).toBe(
      true,
    );
    // The filer and the assigned reviewers were told.
    const told = await t.database.db
      .selectFrom('notification')
      .select(['kind', 'accountId'])
      .where('kind', 'in', ['notice.objectionAnswered', 'review.assigned', 'notice.objection'])
      .where('entityId', 'in', [objectionToA.id, callId])
      .execute();
    expect(told).toEqual(
      expect.arrayContaining([
        { kind: 'notice.objectionAnswered', accountId: ids.get('resident.demo') },
        { kind: 'review.assigned', accountId: ids.get('expert.03') },
        { kind: 'notice.objection', accountId: ids.get('admin') },
      ]),
    );
    const mineAnswered = await ok(resident, 'GET', `/notices/${notice.id}`);
    expect(mineAnswered.objections).toHaveLength(1);
    expect(mineAnswered.objections[0]).toMatchObject({
      state: 'dismissed',
      answeredByName: '区民政局管理员',
    });

    // Now: a is awarded within the fund; b (upheld objection) and c (not listed) are refused.
    const awarded = await ok(admin, 'POST', `/applications/${a.id}/award`, {
      version: a.version,
      amountFen: a.requestedFen,
    });
    expect(awarded.state).toBe('awarded');
    const fund = await ok(admin, 'GET', `/funds/${fundId}`);
    expect(fund.committedFen).toBe(a.requestedFen);
    for (const x of [b, c]) {
      const refused = await call(admin, 'POST', `/applications/${x.id}/award`, {
        version: x.version,
        amountFen: 100,
      });
      expect(refused.json().params.reason).toBe('funding.notOnNotice');
    }
    const result = await ok(admin, 'GET', `/applications/${b.id}/review-result`);
    expect(result.notice).toMatchObject({ listed: true, excluded: true });
    const ranking = await ok(admin, 'GET', `/calls/${callId}/ranking`);
    expect(ranking.items.map((r: { applicationId: string }) => r.applicationId)).toEqual([a.id, b.id, c.id]);
    // b's entry was cancelled by the upheld objection.
    expect(ranking).toMatchObject({ total: 3, onNotice: 1 });
    expect(ranking.abilities).toEqual({ assign: false, publish: false });
  });

  it('exports the ranking and every sheet as Excel', async () => {
    const calls = await ok(admin, 'GET', '/calls?state=closed&limit=100');
    const spring = calls.items.find((x: { title: string }) => x.title.includes('养老助残服务项目购买'));
    const res = await call(admin, 'GET', `/calls/${spring.id}/ranking/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect((await call(evaluator, 'GET', `/calls/${spring.id}/ranking/export`)).statusCode).toBe(403);
  });
});

describe('ranking priority (R4.4)', () => {
  it('adds the configured bonus for organizations at or above the call’s priority grade', async () => {
    const { callId, apps } = await closedCall(2);
    const [a, b] = apps as [(typeof apps)[0], (typeof apps)[0]];
    const graded = await t.database.db
      .selectFrom('fundingApplication')
      .select('organizationId')
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('organization')
      .set({ grade: '4A' })
      .where('id', '=', graded.organizationId)
      .execute();
    const other = await t.database.db
      .selectFrom('fundingApplication')
      .select('organizationId')
      .where('id', '=', a.id)
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('organization')
      .set({ grade: '2A' })
      .where('id', '=', other.organizationId)
      .execute();
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, { reviewerIds: reviewerIds('expert.05') });
    await scoreSheet(experts[4]!, a.id, [30, 25, 25]);
    await scoreSheet(experts[4]!, b.id, [30, 24, 24]);
    const ranking = await ok(admin, 'GET', `/calls/${callId}/ranking`);
    expect(ranking.priorityBonus).toBe(3);
    expect(ranking.items.map((r: { applicationId: string }) => r.applicationId)).toEqual([b.id, a.id]);
    expect(ranking.items[0]).toMatchObject({ score: 78, rankingScore: 81, priority: true, rank: 1 });
    expect(ranking.items[1]).toMatchObject({ score: 80, rankingScore: 80, priority: false, rank: 2 });
  });
});

describe('ranking pages', () => {
  it('cuts the page after ranking the whole call, with the whole call’s counts', async () => {
    const { callId, apps } = await closedCall(5);
    await ok(admin, 'POST', `/calls/${callId}/reviewers`, { reviewerIds: reviewerIds('expert.05') });
    // Four scored (80, 70, 60, 30); the fifth sheet stays open, so that application has no rank.
    const totals = [
      [30, 25, 25],
      [30, 20, 20],
      [20, 20, 20],
      [10, 10, 10],
    ];
    for (const [i, scores] of totals.entries()) await scoreSheet(experts[4]!, apps[i]!.id, scores);

    type Row = { applicationId: string; rank: number | null; rankingScore: number | null };
    const all = await ok<{ items: Row[] }>(admin, 'GET', `/calls/${callId}/ranking?limit=100`);
    expect(all.items.map((r) => r.rank)).toEqual([1, 2, 3, 4, null]);
    expect(all.items[4]!.applicationId).toBe(apps[4]!.id);
    const scores = all.items.slice(0, 4).map((r) => r.rankingScore!);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));

    const second = await ok(admin, 'GET', `/calls/${callId}/ranking?limit=2&offset=2`);
    expect(second).toMatchObject({ total: 5, ranked: 4, reviewed: 4, onNotice: 0, limit: 2, offset: 2 });
    expect(second.items.map((r: Row) => r.rank)).toEqual([3, 4]);
    expect(second.items).toEqual(all.items.slice(2, 4));
    const last = await ok(admin, 'GET', `/calls/${callId}/ranking?limit=2&offset=4`);
    expect(last.items).toEqual([all.items[4]]);
    const first = await ok(admin, 'GET', `/calls/${callId}/ranking`);
    expect(first).toMatchObject({ limit: 20, offset: 0, total: 5 });

    for (const query of ['limit=101', 'limit=0', 'offset=-1'])
      expect((await call(admin, 'GET', `/calls/${callId}/ranking?${query}`)).statusCode).toBe(400);
  });
});

describe('demo', () => {
  it('has reviewed calls, a running notice with an objection and sheets waiting for evaluator.demo', async () => {
    const notices = await ok(resident, 'GET', '/notices');
    expect(notices.total).toBeGreaterThanOrEqual(1);
    const mine = await ok(evaluator, 'GET', '/my-reviews?state=assigned');
    expect(mine.total).toBeGreaterThanOrEqual(1);
    // The running demo notice is left out only when the calendar lacks this period's year.
    const reward = notices.items.find((n: { title: string }) => n.title.includes('以奖代补'));
    if (reward) expect(reward).toMatchObject({ running: true, pendingObjections: 1 });
    const awarded = await t.database.db
      .selectFrom('fundingApplication')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'awarded')
      .executeTakeFirstOrThrow();
    expect(Number(awarded.n)).toBeGreaterThanOrEqual(5);
  });
});
