import type { Locale } from './locale.ts';
import { ORGANIZATION_GRADES, type OrganizationGrade, type OrganizationKind } from './organizations.ts';

/**
 * Grade evaluation of social organizations (社会组织评估, 民政部令第39号; reference/standards.md §4):
 * rounds by kind and batch, eligibility, self-assessment, evaluators' score sheets on an indicator
 * tree of 1,000 points, committee review, public notice with 复核, and the confirmed grade.
 */

/** Art. 28: a grade is valid for five years from its confirmation. */
export const GRADE_VALIDITY_YEARS = 5;
/** Art. 20–23: a 复核 request is answered in writing within 15 (calendar) days. */
export const APPEAL_ANSWER_DAYS = 15;
/** Art. 6 (1): registered for at least two full years. */
export const ELIGIBLE_AFTER_YEARS = 2;
/** Points of a full indicator tree. */
export const GRADE_TOTAL_POINTS = 1000;
export const DEFAULT_NOTICE_WORKING_DAYS = 7;

export const GRADE_ROUND_STATES = ['draft', 'open', 'scoring', 'notice', 'closed'] as const;
export type GradeRoundState = (typeof GRADE_ROUND_STATES)[number];
export const GRADE_ROUND_ACTIONS = ['open', 'startScoring', 'publishNotice', 'close'] as const;
export type GradeRoundAction = (typeof GRADE_ROUND_ACTIONS)[number];

/**
 * One organization's evaluation: 申报 (self-assessment) → 提交 → 资格审核 (accepted / rejected) →
 * evaluators score → 评估委员会审核 (reviewed, a proposed grade) → 公示 (notice) → 复核 (appealed →
 * answered) → 确认 (confirmed, the grade is written to the organization).
 */
export const GRADE_EVALUATION_STATES = [
  'applied',
  'submitted',
  'accepted',
  'rejected',
  'reviewed',
  'notice',
  'appealed',
  'answered',
  'confirmed',
] as const;
export type GradeEvaluationState = (typeof GRADE_EVALUATION_STATES)[number];
export const GRADE_EVALUATION_ACTIONS = [
  'submit',
  'accept',
  'reject',
  'review',
  'publish',
  'appeal',
  'answerAppeal',
  'confirm',
] as const;
export type GradeEvaluationAction = (typeof GRADE_EVALUATION_ACTIONS)[number];

type Names<K extends string> = Record<Locale, Record<K, string>>;

export const GRADE_ROUND_STATE_NAMES: Names<GradeRoundState> = {
  'zh-CN': { draft: '草稿', open: '接受申报', scoring: '评估中', notice: '公示中', closed: '已结束' },
  'en-US': {
    draft: 'Draft',
    open: 'Open for applications',
    scoring: 'Scoring',
    notice: 'On notice',
    closed: 'Closed',
  },
};
export const GRADE_ROUND_ACTION_NAMES: Names<GradeRoundAction> = {
  'zh-CN': {
    open: '发布评估通知',
    startScoring: '截止申报、开始评估',
    publishNotice: '公示评估结果',
    close: '结束本轮',
  },
  'en-US': {
    open: 'Publish the round',
    startScoring: 'Close applications and start scoring',
    publishNotice: 'Publish the results on notice',
    close: 'Close the round',
  },
};
export const GRADE_EVALUATION_STATE_NAMES: Names<GradeEvaluationState> = {
  'zh-CN': {
    applied: '自评中',
    submitted: '待资格审核',
    accepted: '评估中',
    rejected: '不予参评',
    reviewed: '委员会已审核',
    notice: '公示中',
    appealed: '复核中',
    answered: '已复核',
    confirmed: '已确认等级',
  },
  'en-US': {
    applied: 'Self-assessing',
    submitted: 'Awaiting eligibility check',
    accepted: 'Being scored',
    rejected: 'Not admitted',
    reviewed: 'Reviewed by the committee',
    notice: 'On notice',
    appealed: 'Under re-examination',
    answered: 'Re-examined',
    confirmed: 'Grade confirmed',
  },
};
export const GRADE_EVALUATION_ACTION_NAMES: Names<GradeEvaluationAction> = {
  'zh-CN': {
    submit: '提交申报',
    accept: '资格审核通过',
    reject: '不予参评',
    review: '评估委员会审核',
    publish: '公示',
    appeal: '申请复核',
    answerAppeal: '答复复核',
    confirm: '确认等级',
  },
  'en-US': {
    submit: 'Submit the application',
    accept: 'Admit',
    reject: 'Do not admit',
    review: 'Committee review',
    publish: 'Publish on notice',
    appeal: 'Request re-examination',
    answerAppeal: 'Answer the re-examination',
    confirm: 'Confirm the grade',
  },
};

/** A grade and the lowest score that reaches it; below the lowest band there is no grade (不予评级). */
export interface GradeBand {
  grade: OrganizationGrade;
  min: number;
}

/** Example bands on 1,000 points (洛阳瀍河 2025); each round may set its own (they are configuration). */
export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: '5A', min: 900 },
  { grade: '4A', min: 800 },
  { grade: '3A', min: 700 },
  { grade: '2A', min: 600 },
  { grade: '1A', min: 500 },
];

/** Bands must name each grade once, and a higher grade needs a higher score. */
export function bandsProblem(bands: readonly GradeBand[]): string | null {
  const grades = bands.map((b) => b.grade);
  if (new Set(grades).size !== grades.length) return 'duplicate';
  const sorted = [...bands].sort((a, b) => gradeRank(b.grade) - gradeRank(a.grade));
  for (let i = 1; i < sorted.length; i++) if (sorted[i]!.min >= sorted[i - 1]!.min) return 'order';
  if (bands.some((b) => b.min < 0 || b.min > GRADE_TOTAL_POINTS)) return 'range';
  return null;
}

export function gradeRank(grade: string): number {
  return (ORGANIZATION_GRADES as readonly string[]).indexOf(grade);
}

/** The grade a score reaches under the bands, or null (不予评级). */
export function gradeForScore(score: number, bands: readonly GradeBand[]): OrganizationGrade | null {
  const reached = bands.filter((b) => score >= b.min).sort((a, b) => gradeRank(b.grade) - gradeRank(a.grade));
  return reached[0]?.grade ?? null;
}

/** 社会团体/基金会 share one indicator tree; 民办非企业单位 (社会服务机构) has its own. */
export const INDICATOR_TEMPLATE_KEYS = ['association', 'service'] as const;
export type IndicatorTemplateKey = (typeof INDICATOR_TEMPLATE_KEYS)[number];

export function templateKeyOf(kind: OrganizationKind): IndicatorTemplateKey {
  return kind === 'private_non_enterprise' ? 'service' : 'association';
}

export interface Indicator {
  code: string;
  name: string;
  nameEn: string;
  maxPoints: number;
}
export interface IndicatorArea {
  code: string;
  name: string;
  nameEn: string;
  indicators: Indicator[];
}
export type IndicatorTemplate = IndicatorArea[];
export type IndicatorTemplates = Record<IndicatorTemplateKey, IndicatorTemplate>;

const area = (code: string, name: string, nameEn: string, items: Array<[string, string, number]>) => ({
  code,
  name,
  nameEn,
  indicators: items.map(([n, en, maxPoints], i) => ({
    code: `${code}.${i + 1}`,
    name: n,
    nameEn: en,
    maxPoints,
  })),
});

/** Indicator areas per kind (standards §4); weights are this deployment's defaults, editable per round. */
export const DEFAULT_INDICATOR_TEMPLATES: IndicatorTemplates = {
  association: [
    area('basic', '基础条件', 'Basic conditions', [
      ['法人资格', 'Legal-person status', 40],
      ['章程', 'Charter', 30],
      ['登记和备案', 'Registration and filings', 30],
    ]),
    area('governance', '内部治理', 'Internal governance', [
      ['组织机构', 'Organs and meetings', 100],
      ['党建工作', 'Party building', 60],
      ['财务资产管理', 'Finance and assets', 120],
      ['档案和证书管理', 'Records and certificates', 70],
    ]),
    area('performance', '工作绩效', 'Performance', [
      ['业务活动', 'Activities', 180],
      ['公益服务', 'Public-interest services', 120],
      ['信息公开与宣传', 'Disclosure and publicity', 100],
    ]),
    area('reputation', '社会评价', 'Social evaluation', [
      ['内部评价', 'Members’ evaluation', 60],
      ['外部评价', 'Outside evaluation', 60],
      ['表彰奖励', 'Awards', 30],
    ]),
  ],
  service: [
    area('basic', '基础条件', 'Basic conditions', [
      ['法人资格', 'Legal-person status', 40],
      ['章程', 'Charter', 30],
      ['登记和备案', 'Registration and filings', 30],
    ]),
    area('governance', '内部治理', 'Internal governance', [
      ['组织机构', 'Organs and meetings', 110],
      ['党建工作', 'Party building', 60],
      ['人力资源', 'Staff', 80],
      ['财务资产管理', 'Finance and assets', 130],
    ]),
    area('activities', '业务活动和诚信建设', 'Activities and integrity', [
      ['业务活动', 'Services delivered', 200],
      ['诚信建设', 'Integrity', 100],
      ['信息公开', 'Disclosure', 100],
    ]),
    area('reputation', '社会评价', 'Social evaluation', [
      ['服务对象评价', 'Service users’ evaluation', 60],
      ['登记管理机关评价', 'Registration authority’s evaluation', 40],
      ['表彰奖励', 'Awards', 20],
    ]),
  ],
};

export function templateIndicators(template: IndicatorTemplate): Indicator[] {
  return template.flatMap((a) => a.indicators);
}

export function templateTotal(template: IndicatorTemplate): number {
  return templateIndicators(template).reduce((s, i) => s + i.maxPoints, 0);
}

/** Points per indicator code; a sheet is complete when every indicator has points. */
export type ScoreSheet = Record<string, number>;

/** Why a sheet is wrong, or null: unknown indicator, points above the maximum or not whole. */
export function sheetProblem(template: IndicatorTemplate, scores: ScoreSheet): string | null {
  const max = new Map(templateIndicators(template).map((i) => [i.code, i.maxPoints]));
  for (const [code, points] of Object.entries(scores)) {
    const limit = max.get(code);
    if (limit === undefined) return `unknown:${code}`;
    if (!Number.isInteger(points) || points < 0 || points > limit) return `range:${code}:${limit}`;
  }
  return null;
}

export function sheetComplete(template: IndicatorTemplate, scores: ScoreSheet): boolean {
  return templateIndicators(template).every((i) => typeof scores[i.code] === 'number');
}

export function sheetTotal(scores: ScoreSheet): number {
  return Object.values(scores).reduce((s, p) => s + p, 0);
}

/** The last day of a grade confirmed on `confirmedOn` (valid five years: 2026-03-10 → 2031-03-09). */
export function gradeValidUntil(confirmedOn: string): string {
  const d = new Date(`${confirmedOn}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + GRADE_VALIDITY_YEARS);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function addCalendarDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The grade that gives benefits on a day (simplified inspection, call priority): none once its
 * validity has passed. A grade without a recorded end (entered before grading existed) still counts.
 */
export function effectiveGrade(
  org: { grade: string | null; gradeValidUntil?: string | null },
  onDate: string,
): OrganizationGrade | null {
  if (!org.grade || !(ORGANIZATION_GRADES as readonly string[]).includes(org.grade)) return null;
  if (org.gradeValidUntil && org.gradeValidUntil < onDate) return null;
  return org.grade as OrganizationGrade;
}

/** Why an organization may not take part (Art. 6, Art. 7), each with its params. */
export const ELIGIBILITY_REASONS = [
  'registeredTooRecently',
  'gradeStillValid',
  'inspectionMissing',
  'inspectionUnqualified',
  'basicallyQualifiedTwice',
  'kindNotInRound',
] as const;
export type EligibilityReason = (typeof ELIGIBILITY_REASONS)[number];
export interface EligibilityProblem {
  reason: EligibilityReason;
  params?: Record<string, string | number>;
}

export interface EligibilityInput {
  kind: OrganizationKind;
  registeredOn: string | null;
  grade: string | null;
  gradeValidUntil: string | null;
  /** Annual inspection conclusions by year (`qualified`, `basically_qualified`, `unqualified`, null not yet). */
  inspections: Record<number, string | null>;
}

/**
 * Art. 6: registered two full years and never graded, or the grade has reached its five-year end
 * (before the round's year is out). Art. 7: last year's inspection missing or 不合格, or 基本合格 two
 * years in a row. `asOf` is the round's reference day (its application deadline).
 */
export function gradeEligibility(
  org: EligibilityInput,
  round: { year: number; kinds: readonly string[]; asOf: string },
): EligibilityProblem[] {
  const problems: EligibilityProblem[] = [];
  if (!round.kinds.includes(org.kind)) problems.push({ reason: 'kindNotInRound' });
  const twoYearsBefore = `${Number(round.asOf.slice(0, 4)) - ELIGIBLE_AFTER_YEARS}${round.asOf.slice(4)}`;
  if (org.grade) {
    if (!org.gradeValidUntil || org.gradeValidUntil > `${round.year}-12-31`)
      problems.push({
        reason: 'gradeStillValid',
        params: { grade: org.grade, until: org.gradeValidUntil ?? '' },
      });
  } else if (!org.registeredOn || org.registeredOn > twoYearsBefore) {
    problems.push({ reason: 'registeredTooRecently', params: { registeredOn: org.registeredOn ?? '' } });
  }
  const last = round.year - 1;
  const lastResult = org.inspections[last];
  if (!lastResult) problems.push({ reason: 'inspectionMissing', params: { year: last } });
  else if (lastResult === 'unqualified')
    problems.push({ reason: 'inspectionUnqualified', params: { year: last } });
  else if (lastResult === 'basically_qualified' && org.inspections[last - 1] === 'basically_qualified')
    problems.push({ reason: 'basicallyQualifiedTwice', params: { from: last - 1, to: last } });
  return problems;
}

export const ELIGIBILITY_REASON_NAMES: Names<EligibilityReason> = {
  'zh-CN': {
    registeredTooRecently: '登记未满两个完整年度（登记日期 {registeredOn}）',
    gradeStillValid: '现有评估等级 {grade} 仍在有效期内（至 {until}）',
    inspectionMissing: '未参加 {year} 年度年检（或年检尚无结论）',
    inspectionUnqualified: '{year} 年度年检不合格',
    basicallyQualifiedTwice: '连续两年（{from}、{to} 年度）年检基本合格',
    kindNotInRound: '本轮评估不含该类型组织',
  },
  'en-US': {
    registeredTooRecently: 'Registered less than two full years ago (registered {registeredOn})',
    gradeStillValid: 'The current grade {grade} is still valid (until {until})',
    inspectionMissing: 'Did not take the {year} annual inspection (or it has no conclusion yet)',
    inspectionUnqualified: 'The {year} annual inspection was unqualified',
    basicallyQualifiedTwice: 'Basically qualified two years in a row ({from} and {to})',
    kindNotInRound: 'This round does not evaluate this kind of organization',
  },
};

export const GRADING_ERROR_STATUS = {
  'grading.roundNotFound': 404,
  'grading.evaluationNotFound': 404,
  'grading.badBands': 400,
  'grading.badTemplate': 400,
  'grading.badScores': 400,
  'grading.roundNotOpen': 409,
  'grading.alreadyApplied': 409,
  'grading.organizationNotFound': 404,
  'grading.notEditable': 409,
  'grading.evaluatorNotFound': 400,
  'grading.assignmentNotFound': 404,
  'grading.sheetSubmitted': 409,
  'grading.sheetIncomplete': 400,
  'grading.reasonRequired': 400,
  'grading.badDates': 400,
  'grading.roundExists': 409,
} as const;
type GradingErrorCode = keyof typeof GRADING_ERROR_STATUS;

export const GRADING_MESSAGES: Record<Locale, Record<GradingErrorCode, string>> = {
  'zh-CN': {
    'grading.roundNotFound': '找不到该评估批次',
    'grading.evaluationNotFound': '找不到该评估记录，或它不在您的权限范围内',
    'grading.badBands': '等级分数线有误：每个等级只能出现一次，等级越高分数线越高，且在 0–1000 分之间',
    'grading.badTemplate': '指标体系有误：{reason}',
    'grading.badScores': '评分有误：{reason}',
    'grading.roundNotOpen': '该评估批次当前不接受申报',
    'grading.alreadyApplied': '本组织已申报该批次评估',
    'grading.organizationNotFound': '找不到该社会组织，或它不在您的管辖范围内',
    'grading.notEditable': '当前状态（{stateName}）不能修改',
    'grading.evaluatorNotFound': '评估人员账号不存在、已停用或不是第三方评估机构账号',
    'grading.assignmentNotFound': '找不到该评分任务，或它没有分配给您',
    'grading.sheetSubmitted': '评分表已提交，不能再修改',
    'grading.sheetIncomplete': '请为每个指标打分后再提交',
    'grading.reasonRequired': '调整评估委员会的得分或等级时须说明理由',
    'grading.badDates': '申报截止日期不能早于开始日期',
    'grading.roundExists': '{year} 年第 {batchNo} 批评估已存在',
  },
  'en-US': {
    'grading.roundNotFound': 'The evaluation round was not found',
    'grading.evaluationNotFound': 'The evaluation was not found or is outside what you may see',
    'grading.badBands':
      'The grade bands are wrong: each grade once, a higher grade needs a higher score, all within 0–1000',
    'grading.badTemplate': 'The indicator tree is wrong: {reason}',
    'grading.badScores': 'The scores are wrong: {reason}',
    'grading.roundNotOpen': 'This round does not take applications now',
    'grading.alreadyApplied': 'Your organization has already applied to this round',
    'grading.organizationNotFound': 'The organization was not found or is outside your scope',
    'grading.notEditable': 'It cannot be changed in its current state ({stateName})',
    'grading.evaluatorNotFound': 'The evaluator account does not exist, is disabled, or is not an evaluator',
    'grading.assignmentNotFound': 'The score sheet was not found or is not assigned to you',
    'grading.sheetSubmitted': 'The score sheet is submitted and can no longer be changed',
    'grading.sheetIncomplete': 'Score every indicator before submitting',
    'grading.reasonRequired': 'Adjusting the committee’s score or grade needs a reason',
    'grading.badDates': 'The application deadline cannot be before the opening day',
    'grading.roundExists': 'Batch {batchNo} of {year} already exists',
  },
};

// Workflow guard reasons, spread into validation-messages.ts.
export const GRADING_FIELD_PROBLEMS = [
  'grading.notEligible',
  'grading.sheetsPending',
  'grading.noticeEnded',
  'grading.noticeRunning',
  'grading.ownOrganization',
  'grading.evaluationsPending',
] as const;

export const GRADING_FIELD_PROBLEM_MESSAGES: Record<
  Locale,
  Record<(typeof GRADING_FIELD_PROBLEMS)[number], string>
> = {
  'zh-CN': {
    'grading.notEligible': '该组织不符合参评条件：{reasons}',
    'grading.sheetsPending': '还有评估人员的评分表未提交（或尚未分配评估人员）',
    'grading.noticeEnded': '公示期已于 {endsOn} 结束，不再受理复核申请',
    'grading.noticeRunning': '公示期至 {endsOn} 结束，公示期满后才能确认等级',
    'grading.ownOrganization': '只有参评组织本身可以申报和申请复核',
    'grading.evaluationsPending': '还有 {count} 个组织的评估未完成本阶段',
  },
  'en-US': {
    'grading.notEligible': 'The organization is not eligible: {reasons}',
    'grading.sheetsPending': 'Some evaluators have not submitted their sheets (or none is assigned)',
    'grading.noticeEnded': 'The notice period ended on {endsOn}; re-examination requests are no longer taken',
    'grading.noticeRunning': 'The notice period runs until {endsOn}; confirm the grade once it has ended',
    'grading.ownOrganization': 'Only the organization itself may apply and request re-examination',
    'grading.evaluationsPending': '{count} evaluation(s) have not finished this step',
  },
};
