import {
  addCalendarDays,
  beijingToday,
  DEFAULT_INDICATOR_TEMPLATES,
  type IndicatorTemplate,
  templateIndicators,
} from '@linli/common';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, apiCalls, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { DEMO_GRADING_ORG_USERNAME, DEMO_SECOND_EVALUATOR } from '../../demo/grading.ts';
import { gradingTimeline } from './grading.timeline.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let org: AuthHeaders;
let evaluator: AuthHeaders;
let otherEvaluator: AuthHeaders;
let community: AuthHeaders;
let applicantId: string;
const { call, ok } = apiCalls(() => t.app);
const today = beijingToday();
const year = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  // The district admin signs in once per file (each sign-in needs a fresh TOTP step).
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  org = await signIn(t.app, DEMO_GRADING_ORG_USERNAME);
  evaluator = await signIn(t.app, 'evaluator.demo');
  otherEvaluator = await signIn(t.app, DEMO_SECOND_EVALUATOR);
  community = await signIn(t.app, 'org.demo');
  const grant = await t.database.db
    .selectFrom('roleGrant as g')
    .innerJoin('account as a', 'a.id', 'g.accountId')
    .select('g.organizationId')
    .where('a.username', '=', DEMO_GRADING_ORG_USERNAME)
    .executeTakeFirstOrThrow();
  applicantId = grant.organizationId!;
  // Loading the demo and six sign-ins take a while on a busy machine.
}, 300_000);
afterAll(() => t.close());

/** Full marks minus a little on each indicator, to reach about `target` of 1000. */
function sheet(template: IndicatorTemplate, target: number): Record<string, number> {
  return Object.fromEntries(
    templateIndicators(template).map((i) => [i.code, Math.round((i.maxPoints * target) / 1000)]),
  );
}

async function newRound(batchNo: number) {
  const round = await ok(admin, 'POST', '/grade-rounds', {
    year,
    batchNo,
    title: `测试评估第${batchNo}批`,
    kinds: ['social_group', 'private_non_enterprise', 'foundation'],
    applicationsOpenOn: `${year}-01-01`,
    applicationsCloseOn: `${year}-12-31`,
    noticeWorkingDays: 5,
  });
  return ok(admin, 'POST', `/grade-rounds/${round.id}/transitions`, {
    action: 'open',
    version: round.version,
  });
}

const evaluatorId = async (username: string) =>
  (
    await t.database.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;

/** Takes the demo applicant through a new round up to the committee's review at about `target` points. */
async function throughReview(batchNo: number, target: number) {
  const round = await newRound(batchNo);
  let ev = await ok(org, 'POST', `/grade-rounds/${round.id}/applications`, {});
  expect(ev).toMatchObject({ state: 'applied', eligible: true, organizationId: applicantId });
  ev = await ok(org, 'PUT', `/grade-evaluations/${ev.id}/self-assessment`, {
    version: ev.version,
    scores: sheet(ev.template, target + 30),
  });
  ev = await ok(org, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
    action: 'submit',
    version: ev.version,
  });
  // Applications close; the district checks eligibility and assigns an evaluator.
  await ok(admin, 'POST', `/grade-rounds/${round.id}/transitions`, {
    action: 'startScoring',
    version: round.version,
  });
  ev = await ok(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
    action: 'accept',
    version: ev.version,
  });
  ev = await ok(admin, 'POST', `/grade-evaluations/${ev.id}/evaluators`, {
    evaluatorIds: [await evaluatorId('evaluator.demo')],
  });
  const mine = await ok<Array<{ id: string; evaluationId: string; version: number }>>(
    evaluator,
    'GET',
    '/my-grade-sheets',
  );
  const task = mine.find((m) => m.evaluationId === ev.id)!;
  await ok(evaluator, 'POST', `/grade-sheets/${task.id}/submit`, {
    version: task.version,
    scores: sheet(ev.template, target),
  });
  ev = await ok(admin, 'GET', `/grade-evaluations/${ev.id}`);
  ev = await ok(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
    action: 'review',
    version: ev.version,
  });
  return { round: await ok(admin, 'GET', `/grade-rounds/${round.id}`), evaluation: ev };
}

/** The notice period is over (as if its working days had passed): the one step no user can take. */
async function endNotice(roundId: string) {
  await t.database.db
    .updateTable('gradeRound')
    .set({ noticeEndsOn: addCalendarDays(today, -1) })
    .where('id', '=', roundId)
    .execute();
}

describe('grade evaluation', () => {
  it('a round gives 4A that adds the call ranking bonus and the simplified inspection; an expired grade no longer counts', async () => {
    const before = await t.database.db
      .selectFrom('organization')
      .select(['grade'])
      .where('id', '=', applicantId)
      .executeTakeFirstOrThrow();
    expect(before.grade).toBeNull();

    // A submitted application of this organization in a call, scored 70 by its reviewers.
    const fundingCall = await t.database.db
      .selectFrom('fundingCall as c')
      .select(['c.id', 'c.priorityGrade'])
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('fundingApplication as a')
              .select('a.id')
              .whereRef('a.callId', '=', 'c.id')
              .where('a.organizationId', '=', applicantId),
          ),
        ),
      )
      .orderBy('c.id')
      .executeTakeFirstOrThrow();
    expect(fundingCall.priorityGrade <= '4A').toBe(true);
    const o = await t.database.db
      .selectFrom('organization')
      .select('divisionCode')
      .where('id', '=', applicantId)
      .executeTakeFirstOrThrow();
    await t.database.db
      .insertInto('fundingApplication')
      .values({
        id: 'grading-test-application',
        callId: fundingCall.id,
        organizationId: applicantId,
        divisionCode: o.divisionCode,
        title: '评估测试项目',
        focusArea: 'elderly',
        plan: '计划',
        outcomes: '成效',
        budgetLines: JSON.stringify([]),
        requestedFen: 100_000,
        state: 'submitted',
        submittedAt: new Date(),
        createdBy: 'test',
        reviewScore: 70,
      })
      .execute();
    const rankingRow = async () => {
      const ranking = await ok(admin, 'GET', `/calls/${fundingCall.id}/ranking?limit=100`);
      return ranking.items.find(
        (r: { applicationId: string }) => r.applicationId === 'grading-test-application',
      );
    };
    expect(await rankingRow()).toMatchObject({ priority: false, score: 70, rankingScore: 70 });

    const { round, evaluation } = await throughReview(11, 850);
    expect(evaluation).toMatchObject({ state: 'reviewed', proposedGrade: '4A' });
    expect(evaluation.committeeScore).toBeGreaterThanOrEqual(800);
    const noticed = await ok(admin, 'POST', `/grade-rounds/${round.id}/transitions`, {
      action: 'publishNotice',
      version: round.version,
    });
    expect(noticed.state).toBe('notice');
    expect(noticed.noticeEndsOn > today).toBe(true);
    let ev = await ok(org, 'GET', `/grade-evaluations/${evaluation.id}`);
    expect(ev).toMatchObject({ state: 'notice', proposedGrade: '4A' });
    // Everyone signed in reads the notice.
    const notice = await ok(community, 'GET', `/grade-rounds/${round.id}/notice`);
    expect(notice.entries).toHaveLength(1);
    // Not before the notice period has run.
    const early = await call(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'confirm',
      version: ev.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().params.reason).toBe('grading.noticeRunning');
    await endNotice(round.id);
    ev = await ok(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'confirm',
      version: ev.version,
    });
    expect(ev).toMatchObject({ state: 'confirmed', resultGrade: '4A', confirmedOn: today });
    const graded = await t.database.db
      .selectFrom('organization')
      .select(['grade', sql<string>`grade_valid_until::text`.as('validUntil'), 'gradeRoundId'])
      .where('id', '=', applicantId)
      .executeTakeFirstOrThrow();
    expect(graded).toEqual({ grade: '4A', validUntil: ev.validUntil, gradeRoundId: round.id });
    expect(ev.validUntil).toBe(addCalendarDays(`${year + 5}${today.slice(4)}`, -1));

    // Benefits: the call's ranking adds the priority bonus, the next inspection is simplified.
    const bonusRow = await rankingRow();
    expect(bonusRow.priority).toBe(true);
    expect(bonusRow.rankingScore).toBeGreaterThan(70);
    const inspection = await ok(admin, 'POST', '/inspections', {
      organizationId: applicantId,
      year: year - 8,
    });
    expect(inspection).toMatchObject({ simplified: true, gradeAtSubmission: '4A' });

    // The organization's timeline shows every step.
    const timeline = await gradingTimeline(t.database.db, applicantId, 'zh-CN');
    expect(timeline.map((e) => e.title)).toEqual(
      expect.arrayContaining([expect.stringContaining('申报'), expect.stringContaining('确认等级 4A')]),
    );
    const api = await ok(admin, 'GET', `/organizations/${applicantId}/timeline`);
    expect(api.some((e: { kind: string }) => e.kind === 'grading')).toBe(true);

    // Five years later the grade gives nothing.
    await t.database.db
      .updateTable('organization')
      .set({ gradeValidUntil: addCalendarDays(today, -1) })
      .where('id', '=', applicantId)
      .execute();
    expect(await rankingRow()).toMatchObject({ priority: false, rankingScore: 70 });
    const later = await ok(admin, 'POST', '/inspections', { organizationId: applicantId, year: year - 9 });
    expect(later).toMatchObject({ simplified: false, gradeAtSubmission: null });
  });

  it('each side sees only its own: evaluator its assignments, organization its own, street its scope', async () => {
    const mine = await ok(evaluator, 'GET', '/grade-evaluations?limit=100');
    const assigned = await t.database.db
      .selectFrom('gradeAssignment as ga')
      .innerJoin('account as a', 'a.id', 'ga.evaluatorId')
      .select(sql<number>`count(distinct ga.evaluation_id)::int`.as('n'))
      .where('a.username', '=', 'evaluator.demo')
      .executeTakeFirstOrThrow();
    expect(mine.total).toBe(Number(assigned.n));
    // An evaluation assigned only to the other evaluator is a 404 for this one.
    const foreign = await t.database.db
      .selectFrom('gradeAssignment as ga')
      .innerJoin('account as a', 'a.id', 'ga.evaluatorId')
      .select('ga.evaluationId')
      .where('a.username', '=', DEMO_SECOND_EVALUATOR)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('gradeAssignment as g2')
              .innerJoin('account as a2', 'a2.id', 'g2.evaluatorId')
              .select('g2.id')
              .whereRef('g2.evaluationId', '=', 'ga.evaluationId')
              .where('a2.username', '=', 'evaluator.demo'),
          ),
        ),
      )
      .executeTakeFirst();
    const sheets = await ok<Array<{ evaluationId: string }>>(otherEvaluator, 'GET', '/my-grade-sheets');
    expect(sheets.length).toBeGreaterThan(0);
    if (foreign) {
      expect((await call(evaluator, 'GET', `/grade-evaluations/${foreign.evaluationId}`)).statusCode).toBe(
        404,
      );
      expect(
        (
          await call(evaluator, 'POST', `/grade-evaluations/${foreign.evaluationId}/transitions`, {
            action: 'review',
            version: 1,
          })
        ).statusCode,
      ).toBe(404);
    }
    // Another evaluator's sheet cannot be written.
    const theirs = await ok<Array<{ id: string; version: number }>>(
      otherEvaluator,
      'GET',
      '/my-grade-sheets',
    );
    const write = await call(evaluator, 'PUT', `/grade-sheets/${theirs[0]!.id}`, {
      version: theirs[0]!.version,
      scores: {},
    });
    expect(write.statusCode).toBe(404);

    // The organization sees its own evaluations only; another organization's is a 404.
    const own = await ok(org, 'GET', '/grade-evaluations?limit=100');
    expect(own.items.every((e: { organizationId: string }) => e.organizationId === applicantId)).toBe(true);
    const other = await t.database.db
      .selectFrom('gradeEvaluation')
      .select(['id', 'divisionCode', 'version'])
      .where('organizationId', '!=', applicantId)
      .where('state', '=', 'notice')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect((await call(org, 'GET', `/grade-evaluations/${other.id}`)).statusCode).toBe(404);
    expect(
      (
        await call(org, 'POST', `/grade-evaluations/${other.id}/transitions`, {
          action: 'appeal',
          version: other.version,
          comment: '复核',
        })
      ).statusCode,
    ).toBe(404);

    // A street sees its organizations' evaluations only, and cannot act.
    const streetList = await ok(street, 'GET', '/grade-evaluations?limit=100');
    expect(streetList.total).toBeGreaterThan(0);
    expect(
      streetList.items.every((e: { divisionCode: string }) => e.divisionCode.startsWith('220106001')),
    ).toBe(true);
    const outside = await t.database.db
      .selectFrom('gradeEvaluation')
      .select('id')
      .where('divisionCode', 'not like', '220106001%')
      .executeTakeFirstOrThrow();
    expect((await call(street, 'GET', `/grade-evaluations/${outside.id}`)).statusCode).toBe(404);
    expect((await call(street, 'POST', '/grade-rounds', {})).statusCode).toBe(403);
    // Drafts are the district's own.
    const draft = await ok(admin, 'POST', '/grade-rounds', {
      year,
      batchNo: 40,
      title: '草稿批次',
      kinds: ['social_group'],
      applicationsOpenOn: `${year}-01-01`,
      applicationsCloseOn: `${year}-12-31`,
    });
    expect((await call(org, 'GET', `/grade-rounds/${draft.id}`)).statusCode).toBe(404);
  });

  it('eligibility comes from the records: two full years, current grade, last year’s inspection', async () => {
    const round = await newRound(21);
    const last = year - 1;
    // The applicant's last inspection becomes 不合格: it may apply but is not admitted.
    await t.database.db
      .updateTable('inspection')
      .set({ result: 'unqualified' })
      .where('organizationId', '=', applicantId)
      .where('year', '=', last)
      .execute();
    let ev = await ok(org, 'POST', `/grade-rounds/${round.id}/applications`, {});
    expect(ev.eligible).toBe(false);
    expect(ev.eligibility.map((p: { reason: string }) => p.reason)).toContain('inspectionUnqualified');
    expect(ev.eligibility[0].text).toContain(`${last}`);
    expect((await call(org, 'POST', `/grade-rounds/${round.id}/applications`, {})).statusCode).toBe(409);
    ev = await ok(org, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'submit',
      version: ev.version,
    });
    const refused = await call(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'accept',
      version: ev.version,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().params.reason).toBe('grading.notEligible');
    // Refusing needs a reason.
    const bare = await call(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'reject',
      version: ev.version,
    });
    expect(bare.statusCode).toBe(400);
    await ok(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'reject',
      version: ev.version,
      comment: '上年度年检不合格',
    });
    await t.database.db
      .updateTable('inspection')
      .set({ result: 'qualified' })
      .where('organizationId', '=', applicantId)
      .where('year', '=', last)
      .execute();
  });

  it('illegal steps are refused: an evaluator cannot review, an organization cannot accept, review waits for sheets', async () => {
    const round = await newRound(31);
    let ev = await ok(org, 'POST', `/grade-rounds/${round.id}/applications`, {});
    // Not yet submitted: accept is not a step from 自评中.
    const early = await call(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'accept',
      version: ev.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('workflow.illegalTransition');
    // Points above an indicator's maximum are refused.
    const code = ev.template[0].indicators[0].code;
    const tooMany = await call(org, 'PUT', `/grade-evaluations/${ev.id}/self-assessment`, {
      version: ev.version,
      scores: { [code]: 999 },
    });
    expect(tooMany.statusCode).toBe(400);
    ev = await ok(org, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'submit',
      version: ev.version,
    });
    const byOrg = await call(org, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'accept',
      version: ev.version,
    });
    expect(byOrg.statusCode).toBe(403);
    ev = await ok(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'accept',
      version: ev.version,
    });
    // No evaluator has scored yet.
    const noSheets = await call(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'review',
      version: ev.version,
    });
    expect(noSheets.statusCode).toBe(409);
    expect(noSheets.json().params.reason).toBe('grading.sheetsPending');
    ev = await ok(admin, 'POST', `/grade-evaluations/${ev.id}/evaluators`, {
      evaluatorIds: [await evaluatorId('evaluator.demo')],
    });
    const byEvaluator = await call(evaluator, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'review',
      version: ev.version,
    });
    expect(byEvaluator.statusCode).toBe(403);
    // An incomplete sheet cannot be submitted.
    const task = (
      await ok<Array<{ id: string; evaluationId: string; version: number }>>(
        evaluator,
        'GET',
        '/my-grade-sheets',
      )
    ).find((m) => m.evaluationId === ev.id)!;
    const incomplete = await call(evaluator, 'POST', `/grade-sheets/${task.id}/submit`, {
      version: task.version,
      scores: { [code]: 10 },
    });
    expect(incomplete.statusCode).toBe(400);
    // The committee adjusting the score needs a reason.
    const full = sheet(DEFAULT_INDICATOR_TEMPLATES[ev.templateKey as 'association' | 'service'], 720);
    await ok(evaluator, 'POST', `/grade-sheets/${task.id}/submit`, { version: task.version, scores: full });
    ev = await ok(admin, 'GET', `/grade-evaluations/${ev.id}`);
    const unexplained = await call(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'review',
      version: ev.version,
      committeeScore: 810,
    });
    expect(unexplained.statusCode).toBe(400);
    ev = await ok(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'review',
      version: ev.version,
      committeeScore: 810,
      comment: '实地考察补充材料后加分',
    });
    expect(ev).toMatchObject({
      committeeScore: 810,
      proposedGrade: '4A',
      reviewReason: '实地考察补充材料后加分',
    });
  });

  it('two committee confirmations on one version: exactly one wins', async () => {
    const ev = await t.database.db
      .selectFrom('gradeEvaluation')
      .select(['id', 'version'])
      .where('roundId', '=', `grade-round-${year}-1`)
      .where('state', '=', 'notice')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const both = await Promise.all(
      [0, 1].map(() =>
        call(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
          action: 'confirm',
          version: ev.version,
        }),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const history = await t.database.db
      .selectFrom('workflowHistory')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('entityId', '=', ev.id)
      .where('action', '=', 'confirm')
      .executeTakeFirstOrThrow();
    expect(Number(history.n)).toBe(1);
  });

  it('复核 is taken during the notice period only and is due within 15 days', async () => {
    const { round, evaluation } = await throughReview(51, 650);
    expect(evaluation.proposedGrade).toBe('2A');
    await ok(admin, 'POST', `/grade-rounds/${round.id}/transitions`, {
      action: 'publishNotice',
      version: round.version,
    });
    let ev = await ok(org, 'GET', `/grade-evaluations/${evaluation.id}`);
    expect(ev.abilities.appeal).toBe(true);
    ev = await ok(org, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'appeal',
      version: ev.version,
      comment: '服务人次统计有误，申请复核',
    });
    expect(ev).toMatchObject({
      state: 'appealed',
      appealedOn: today,
      appealDueOn: addCalendarDays(today, 15),
    });
    ev = await ok(admin, 'POST', `/grade-evaluations/${ev.id}/transitions`, {
      action: 'answerAppeal',
      version: ev.version,
      comment: '核实后调整得分',
      committeeScore: 705,
    });
    expect(ev).toMatchObject({ state: 'answered', proposedGrade: '3A', appealAnswer: '核实后调整得分' });

    // In another round whose notice has ended, the 复核 request comes too late.
    const round2 = await throughReview(52, 650);
    await ok(admin, 'POST', `/grade-rounds/${round2.round.id}/transitions`, {
      action: 'publishNotice',
      version: round2.round.version,
    });
    await endNotice(round2.round.id);
    const late = await ok(org, 'GET', `/grade-evaluations/${round2.evaluation.id}`);
    expect(late.abilities.appeal).toBe(false);
    const refused = await call(org, 'POST', `/grade-evaluations/${late.id}/transitions`, {
      action: 'appeal',
      version: late.version,
      comment: '申请复核',
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().params.reason).toBe('grading.noticeEnded');
  });

  it('exports a round’s results to Excel and the round closes once every result is confirmed', async () => {
    const roundId = `grade-round-${year - 1}-1`;
    const res = await call(admin, 'GET', `/grade-rounds/${roundId}/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('组织名称');
    expect(ws.rowCount).toBeGreaterThan(1);
    expect((await call(evaluator, 'GET', `/grade-rounds/${roundId}/export`)).statusCode).toBe(403);

    const r = await ok(admin, 'GET', `/grade-rounds/grade-round-${year}-3`);
    const early = await call(admin, 'POST', `/grade-rounds/${r.id}/transitions`, {
      action: 'close',
      version: r.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().params.reason).toBe('grading.evaluationsPending');
  });
});
