import { randomUUID } from 'node:crypto';
import {
  addCalendarDays,
  beijingToday,
  DEFAULT_GRADE_BANDS,
  DEFAULT_INDICATOR_TEMPLATES,
  DEFAULT_NOTICE_WORKING_DAYS,
  ELIGIBILITY_REASON_NAMES,
  type GradeEvaluationState,
  gradeEligibility,
  gradeForScore,
  gradeValidUntil,
  interpolate,
  type OrganizationGrade,
  type OrganizationKind,
  REGISTERED_KINDS,
  type ScoreSheet,
  templateIndicators,
  templateKeyOf,
} from '@linli/common';
import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.gen.ts';
import { AuthService } from '../modules/accounts/auth.service.ts';
import { EVALUATION_WORKFLOW, ROUND_WORKFLOW } from '../modules/grading/grading.workflow.ts';
import { DEMO_PASSWORD } from './accounts.ts';
import { createRandom, type Random } from './random.ts';

/** The registered organization whose account applies in the demo (and in the browser test). */
export const DEMO_GRADING_ORG_USERNAME = 'org.grading';
/** A second evaluator, so "an evaluator sees only what it is assigned" shows in the demo. */
export const DEMO_SECOND_EVALUATOR = 'evaluator.pinggu';

const DISTRICT = '220106';
const KINDS = [...REGISTERED_KINDS];
const COMMITTEE = '绿园区社会组织评估委员会';

interface Org {
  id: string;
  kind: string;
  state: string;
  grade: string | null;
  divisionCode: string;
  registeredOn: string | null;
}

/** A sheet whose total is `target`: each indicator its share, the remainder where there is room. */
function sheetFor(kind: string, target: number, rnd: Random): ScoreSheet {
  const indicators = templateIndicators(DEFAULT_INDICATOR_TEMPLATES[templateKeyOf(kind as OrganizationKind)]);
  const sheet: ScoreSheet = {};
  let left = target;
  for (const i of indicators) {
    const share = Math.min(
      i.maxPoints,
      Math.max(0, Math.round((i.maxPoints * target) / 1000) - rnd.int(0, 2)),
    );
    sheet[i.code] = share;
    left -= share;
  }
  for (const i of indicators) {
    if (left === 0) break;
    const room = left > 0 ? Math.min(left, i.maxPoints - sheet[i.code]!) : Math.max(left, -sheet[i.code]!);
    sheet[i.code]! += room;
    left -= room;
  }
  return sheet;
}

/** A score within the grade's default band (or below every band for 不予评级). */
function scoreIn(grade: OrganizationGrade | null, rnd: Random): number {
  if (!grade) return rnd.int(420, 490);
  const band = DEFAULT_GRADE_BANDS.find((b) => b.grade === grade)!;
  const above = DEFAULT_GRADE_BANDS.filter((b) => b.min > band.min).map((b) => b.min);
  const top = above.length ? Math.min(...above) - 1 : 990;
  return rnd.int(band.min + 5, top - 5);
}

const total = (s: ScoreSheet) => Object.values(s).reduce((a, b) => a + b, 0);

/**
 * Grade evaluation demo: a closed round for each of the last four years whose confirmed results
 * are the grades the demo organizations carry (plus a few 1A/2A), each with its evaluation record,
 * sheets and history; this year a round whose notice has ended (results to confirm), one in scoring
 * with applications at every step and one on notice with a 复核 request. Runs after inspections
 * (eligibility reads them).
 */
export async function seedDemoGrading(
  db: Kysely<DB>,
  seed: number,
  today = beijingToday(),
): Promise<{ rounds: number; evaluations: number }> {
  const rnd = createRandom(seed ^ 0x6ade);
  const year = Number(today.slice(0, 4));
  const orgs: Org[] = await db
    .selectFrom('organization')
    .select([
      'id',
      'kind',
      'state',
      'grade',
      'divisionCode',
      sql<string | null>`registered_on::text`.as('registeredOn'),
    ])
    .where('kind', 'in', KINDS)
    .where('state', 'in', ['active', 'suspended'])
    .orderBy('id')
    .execute();
  const inspections = await db
    .selectFrom('inspection')
    .select(['organizationId', 'year', 'result'])
    .where('year', '>=', year - 3)
    .execute();
  const inspectionsOf = new Map<string, Record<number, string | null>>();
  for (const i of inspections) {
    const m = inspectionsOf.get(i.organizationId) ?? {};
    m[i.year] = i.result;
    inspectionsOf.set(i.organizationId, m);
  }

  const passwordHash = await AuthService.hashPassword(DEMO_PASSWORD);
  const evaluators = await db
    .selectFrom('account')
    .select(['id', 'displayName'])
    .where('username', '=', 'evaluator.demo')
    .execute();
  const second = { id: randomUUID(), displayName: '长春市社会组织评估中心（演示）' };
  evaluators.push(second);

  const rounds: Insertable<DB['gradeRound']>[] = [];
  const evaluations: Insertable<DB['gradeEvaluation']>[] = [];
  const assignments: Insertable<DB['gradeAssignment']>[] = [];
  const history: Insertable<DB['workflowHistory']>[] = [];
  const orgUpdates: Array<{ id: string; grade: string; validUntil: string; roundId: string }> = [];

  const step = (
    entityId: string,
    divisionCode: string,
    action: string,
    from: string,
    to: string,
    at: string,
  ) =>
    history.push({
      workflow: EVALUATION_WORKFLOW,
      entityId,
      action,
      fromState: from,
      toState: to,
      comment: null,
      actorId: 'demo-admin',
      actorName: action === 'apply' || action === 'submit' || action === 'appeal' ? '社会组织' : COMMITTEE,
      actorRole:
        action === 'apply' || action === 'submit' || action === 'appeal' ? 'social_org' : 'district_admin',
      divisionCode,
      at: new Date(`${at}T10:00:00+08:00`),
    });

  const round = (
    y: number,
    batch: number,
    state: string,
    extra: Partial<Insertable<DB['gradeRound']>> = {},
  ) => {
    const id = `grade-round-${y}-${batch}`;
    rounds.push({
      id,
      year: y,
      batchNo: batch,
      title: `${y} 年度绿园区社会组织等级评估（第${batch}批）`,
      kinds: JSON.stringify(KINDS),
      divisionCode: DISTRICT,
      applicationsOpenOn: `${y}-03-01`,
      applicationsCloseOn: `${y}-04-30`,
      noticeWorkingDays: DEFAULT_NOTICE_WORKING_DAYS,
      bands: JSON.stringify(DEFAULT_GRADE_BANDS),
      templates: JSON.stringify(DEFAULT_INDICATOR_TEMPLATES),
      state,
      createdBy: 'demo-admin',
      ...extra,
    });
    history.push({
      workflow: ROUND_WORKFLOW,
      entityId: id,
      action: 'create',
      fromState: '',
      toState: 'draft',
      actorId: 'demo-admin',
      actorName: COMMITTEE,
      actorRole: 'district_admin',
      divisionCode: DISTRICT,
      at: new Date(`${y}-02-20T10:00:00+08:00`),
    });
    return id;
  };

  /** One evaluation reaching `state`, with history up to it; scores in the band of `grade`. */
  const evaluation = (
    roundId: string,
    y: number,
    org: Org,
    state: GradeEvaluationState,
    grade: OrganizationGrade | null,
    options: { sheets?: number; sheetsSubmitted?: boolean; confirmedOn?: string; appealedOn?: string } = {},
  ) => {
    const id = `grade-eval-${y}-${org.id}`;
    const kind = org.kind as OrganizationKind;
    const score = scoreIn(grade, rnd);
    const self = sheetFor(kind, Math.min(990, score + rnd.int(10, 40)), rnd);
    const order: GradeEvaluationState[] = ['applied', 'submitted', 'accepted', 'reviewed', 'notice'];
    const reached = (s: GradeEvaluationState) =>
      state === 'rejected'
        ? s === 'applied' || s === 'submitted'
        : ['appealed', 'answered', 'confirmed'].includes(state) || order.indexOf(state) >= order.indexOf(s);
    const reviewed = reached('reviewed');
    const sheets = options.sheets ?? (reached('accepted') ? 1 : 0);
    const totals: number[] = [];
    for (let n = 0; n < sheets; n++) {
      const evaluator = evaluators[n % evaluators.length]!;
      const submitted = reviewed || options.sheetsSubmitted === true;
      const sheet = sheetFor(kind, score + (n === 0 ? 0 : rnd.int(-8, 8)), rnd);
      if (submitted) totals.push(total(sheet));
      assignments.push({
        id: `${id}-sheet-${n + 1}`,
        evaluationId: id,
        evaluatorId: evaluator.id,
        evaluatorName: evaluator.displayName,
        scores: JSON.stringify(submitted || n === 0 ? sheet : {}),
        total: submitted || n === 0 ? total(sheet) : null,
        opinion: submitted ? '材料齐全，实地考察情况与自评基本一致' : null,
        submittedAt: submitted ? new Date(`${y}-06-${String(10 + n).padStart(2, '0')}T15:00:00+08:00`) : null,
        version: submitted ? 3 : 2,
      });
    }
    const mean = totals.length
      ? Math.round((totals.reduce((a, b) => a + b, 0) / totals.length) * 100) / 100
      : null;
    const problems = gradeEligibility(
      {
        kind,
        registeredOn: org.registeredOn,
        grade: null,
        gradeValidUntil: null,
        inspections: inspectionsOf.get(org.id) ?? {},
      },
      { year: y, kinds: KINDS, asOf: `${y}-04-30` },
    );
    // Past rounds admitted what the records of the time allowed; only this year's is checked now.
    const eligibility =
      y === year
        ? problems.map((p) => ({
            ...p,
            text: interpolate(ELIGIBILITY_REASON_NAMES['zh-CN'][p.reason], p.params),
          }))
        : [];
    const confirmedOn = options.confirmedOn ?? null;
    evaluations.push({
      id,
      roundId,
      organizationId: org.id,
      divisionCode: org.divisionCode,
      templateKey: templateKeyOf(kind),
      state,
      eligibility: JSON.stringify(eligibility),
      selfScores: JSON.stringify(self),
      selfTotal: total(self),
      evaluatorScore: reviewed ? mean : null,
      committeeScore: reviewed ? mean : null,
      proposedGrade: reviewed && mean !== null ? gradeForScore(mean, DEFAULT_GRADE_BANDS) : null,
      appealReason: options.appealedOn ? '本组织年度服务人次等指标未被充分采信，申请复核' : null,
      appealedOn: options.appealedOn ?? null,
      appealDueOn: options.appealedOn ? addCalendarDays(options.appealedOn, 15) : null,
      appealAnswer: state === 'answered' ? '经复核委员会审议，维持原评估结果' : null,
      appealAnsweredOn: state === 'answered' ? addCalendarDays(options.appealedOn!, 6) : null,
      resultGrade: state === 'confirmed' ? grade : null,
      confirmedOn,
      validUntil: state === 'confirmed' && grade && confirmedOn ? gradeValidUntil(confirmedOn) : null,
      version: 1,
    });
    const div = org.divisionCode;
    step(id, div, 'apply', '', 'applied', `${y}-03-15`);
    if (reached('submitted')) step(id, div, 'submit', 'applied', 'submitted', `${y}-04-10`);
    if (state === 'rejected') {
      step(id, div, 'reject', 'submitted', 'rejected', `${y}-05-08`);
      history.at(-1)!.comment = `不符合参评条件：${eligibility.map((p) => p.text).join('；')}`;
    }
    if (reached('accepted')) step(id, div, 'accept', 'submitted', 'accepted', `${y}-05-08`);
    if (reviewed) step(id, div, 'review', 'accepted', 'reviewed', `${y}-07-15`);
    if (reached('notice')) step(id, div, 'publish', 'reviewed', 'notice', `${y}-08-01`);
    if (options.appealedOn) {
      step(id, div, 'appeal', 'notice', 'appealed', options.appealedOn);
      history.at(-1)!.comment = '本组织年度服务人次等指标未被充分采信，申请复核';
    }
    if (state === 'answered') {
      step(id, div, 'answerAppeal', 'appealed', 'answered', addCalendarDays(options.appealedOn!, 6));
      history.at(-1)!.comment = '经复核委员会审议，维持原评估结果';
    }
    if (state === 'confirmed' && confirmedOn) step(id, div, 'confirm', 'notice', 'confirmed', confirmedOn);
    evaluations.at(-1)!.version = 1 + history.filter((h) => h.entityId === id).length;
    if (state === 'confirmed' && grade && confirmedOn)
      orgUpdates.push({ id: org.id, grade, validUntil: gradeValidUntil(confirmedOn), roundId });
    return id;
  };

  // Past rounds: every graded organization's grade comes from one of the last four years' rounds.
  const ungraded = orgs.filter((o) => !o.grade && o.state === 'active');
  const extraGrades: Array<[Org, OrganizationGrade]> = ungraded
    .filter((_, i) => i % 11 === 5)
    .slice(0, 6)
    .map((o, i) => [o, i < 4 ? '2A' : '1A']);
  const graded: Array<[Org, OrganizationGrade]> = [
    ...orgs.filter((o) => o.grade).map((o) => [o, o.grade as OrganizationGrade] as [Org, OrganizationGrade]),
    ...extraGrades,
  ];
  const pastRounds = [1, 2, 3, 4].map((back) => {
    const y = year - back;
    return {
      y,
      id: round(y, 1, 'closed', { noticePublishedOn: `${y}-08-01`, noticeEndsOn: `${y}-08-12` }),
    };
  });
  for (const [org, grade] of graded) {
    const past = pastRounds[rnd.int(0, pastRounds.length - 1)]!;
    evaluation(past.id, past.y, org, 'confirmed', grade, {
      sheets: 2,
      confirmedOn: `${past.y}-08-${String(20 + rnd.int(0, 8)).padStart(2, '0')}`,
    });
  }

  // This year: eligible organizations without a grade, and a few that are not.
  const used = new Set(graded.map(([o]) => o.id));
  const candidates = orgs.filter((o) => !used.has(o.id) && o.state === 'active');
  const eligibleNow = candidates.filter(
    (o) =>
      gradeEligibility(
        {
          kind: o.kind as OrganizationKind,
          registeredOn: o.registeredOn,
          grade: null,
          gradeValidUntil: null,
          inspections: inspectionsOf.get(o.id) ?? {},
        },
        { year, kinds: KINDS, asOf: `${year}-04-30` },
      ).length === 0,
  );
  const ineligible = candidates.filter((o) => !eligibleNow.includes(o));
  const take = (() => {
    let i = 0;
    return () => eligibleNow[i++];
  })();
  // The account that applies in the demo and the browser test keeps out of every round.
  const applicant = take();

  const ended = round(year, 1, 'notice', {
    noticePublishedOn: addCalendarDays(today, -12),
    noticeEndsOn: addCalendarDays(today, -1),
  });
  for (const [grade, state] of [
    ['4A', 'notice'],
    ['3A', 'notice'],
    ['2A', 'notice'],
    [null, 'notice'],
    ['3A', 'answered'],
  ] as Array<[OrganizationGrade | null, GradeEvaluationState]>) {
    const org = take();
    if (!org) break;
    evaluation(ended, year, org, state, grade, {
      sheets: 2,
      ...(state === 'answered' ? { appealedOn: addCalendarDays(today, -8) } : {}),
    });
  }

  const scoring = round(year, 2, 'scoring', {
    applicationsOpenOn: `${year}-06-01`,
    applicationsCloseOn: `${year}-07-31`,
  });
  const steps: Array<
    [GradeEvaluationState, OrganizationGrade | null, { sheets?: number; sheetsSubmitted?: boolean }]
  > = [
    ['accepted', '4A', { sheets: 1, sheetsSubmitted: false }],
    ['accepted', '3A', { sheets: 1, sheetsSubmitted: false }],
    ['accepted', '5A', { sheets: 1, sheetsSubmitted: true }],
    ['accepted', '3A', { sheets: 0 }],
    ['reviewed', '4A', { sheets: 2 }],
    ['submitted', null, {}],
    ['applied', null, {}],
  ];
  for (const [state, grade, options] of steps) {
    const org = take();
    if (org) evaluation(scoring, year, org, state, grade, options);
  }
  const [notAdmitted, waiting] = ineligible;
  if (notAdmitted) evaluation(scoring, year, notAdmitted, 'rejected', null);
  if (waiting) evaluation(scoring, year, waiting, 'submitted', null);

  const running = round(year, 3, 'notice', {
    applicationsOpenOn: `${year}-06-01`,
    applicationsCloseOn: `${year}-07-31`,
    noticePublishedOn: addCalendarDays(today, -2),
    noticeEndsOn: addCalendarDays(today, 10),
  });
  for (const [grade, appealed] of [
    ['5A', false],
    ['3A', true],
    ['2A', false],
  ] as Array<[OrganizationGrade, boolean]>) {
    const org = take();
    if (org)
      evaluation(running, year, org, appealed ? 'appealed' : 'notice', grade, {
        sheets: 2,
        ...(appealed ? { appealedOn: addCalendarDays(today, -1) } : {}),
      });
  }

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('account')
      .values([
        {
          id: second.id,
          username: DEMO_SECOND_EVALUATOR,
          displayName: second.displayName,
          passwordHash,
          divisionCode: DISTRICT,
        },
        ...(applicant
          ? [
              {
                id: `account-${DEMO_GRADING_ORG_USERNAME}`,
                username: DEMO_GRADING_ORG_USERNAME,
                displayName: '参评社会组织（演示）',
                passwordHash,
                divisionCode: DISTRICT,
              },
            ]
          : []),
      ])
      .execute();
    await trx
      .insertInto('roleGrant')
      .values([
        { accountId: second.id, role: 'evaluator', scopeCode: DISTRICT },
        ...(applicant
          ? [
              {
                accountId: `account-${DEMO_GRADING_ORG_USERNAME}`,
                role: 'social_org',
                scopeCode: DISTRICT,
                organizationId: applicant.id,
              },
            ]
          : []),
      ])
      .execute();
    await trx.insertInto('gradeRound').values(rounds).execute();
    for (let i = 0; i < evaluations.length; i += 200)
      await trx
        .insertInto('gradeEvaluation')
        .values(evaluations.slice(i, i + 200))
        .execute();
    for (let i = 0; i < assignments.length; i += 200)
      await trx
        .insertInto('gradeAssignment')
        .values(assignments.slice(i, i + 200))
        .execute();
    for (let i = 0; i < history.length; i += 200)
      await trx
        .insertInto('workflowHistory')
        .values(history.slice(i, i + 200))
        .execute();
    for (const u of orgUpdates)
      await trx
        .updateTable('organization')
        .set({ grade: u.grade, gradeValidUntil: u.validUntil, gradeRoundId: u.roundId })
        .where('id', '=', u.id)
        .execute();
  });
  return { rounds: rounds.length, evaluations: evaluations.length };
}
