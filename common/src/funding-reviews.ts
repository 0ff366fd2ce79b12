import type { Locale } from './locale.ts';

/**
 * Pre-assessment of applications (事前论证, issue #7 item 3): reviewers (experts and third-party
 * evaluators, accounts with the evaluator role) declare conflicts of interest and score from the
 * call's template; the district ranks, publishes a public notice (公示) and answers objections.
 */
export const REVIEW_STATES = ['assigned', 'conflicted', 'scoring', 'submitted'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_ACTIONS = ['declareNone', 'declareConflict', 'submit', 'return'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const REVIEW_STATE_NAMES: Record<Locale, Record<ReviewState, string>> = {
  'zh-CN': { assigned: '待声明回避', conflicted: '已回避', scoring: '评分中', submitted: '已提交' },
  'en-US': {
    assigned: 'Awaiting declaration',
    conflicted: 'Recused',
    scoring: 'Scoring',
    submitted: 'Submitted',
  },
};
export const REVIEW_ACTION_NAMES: Record<Locale, Record<ReviewAction, string>> = {
  'zh-CN': {
    declareNone: '声明无利益冲突',
    declareConflict: '申请回避',
    submit: '提交评分表',
    return: '退回修改',
  },
  'en-US': {
    declareNone: 'Declare no conflict',
    declareConflict: 'Declare a conflict',
    submit: 'Submit the score sheet',
    return: 'Return for revision',
  },
};

export const OBJECTION_STATES = ['pending', 'upheld', 'dismissed'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];
export const OBJECTION_ACTIONS = ['uphold', 'dismiss'] as const;
export type ObjectionAction = (typeof OBJECTION_ACTIONS)[number];

export const OBJECTION_STATE_NAMES: Record<Locale, Record<ObjectionState, string>> = {
  'zh-CN': { pending: '待答复', upheld: '异议成立', dismissed: '异议不成立' },
  'en-US': { pending: 'Awaiting reply', upheld: 'Upheld', dismissed: 'Dismissed' },
};
export const OBJECTION_ACTION_NAMES: Record<Locale, Record<ObjectionAction, string>> = {
  'zh-CN': { uphold: '异议成立（取消立项资格）', dismiss: '异议不成立' },
  'en-US': { uphold: 'Uphold (exclude from the award)', dismiss: 'Dismiss' },
};

/** With this many submitted score sheets or more, the highest and the lowest total are dropped. */
export const REVIEW_TRIM_FROM = 5;

/** Default length of the public notice (公示期) in working days. */
export const NOTICE_DEFAULT_WORKING_DAYS = 5;

/**
 * An application's score from its submitted sheets' totals in tenths of a point: the mean, after
 * dropping one highest and one lowest total when there are five sheets or more, in hundredths of
 * a point (rounded half up). Integer arithmetic, so the server and any reader get the same number.
 */
export function reviewScoreHundredths(totalsInTenths: readonly number[]): number | null {
  if (totalsInTenths.length === 0) return null;
  const sorted = [...totalsInTenths].sort((a, b) => a - b);
  const counted = sorted.length >= REVIEW_TRIM_FROM ? sorted.slice(1, -1) : sorted;
  const sum = counted.reduce((s, v) => s + v, 0);
  // sum / n tenths = 10·sum / n hundredths; half up with integers only.
  return Math.floor((20 * sum + counted.length) / (2 * counted.length));
}

// Error codes and their messages, spread into the registries of errors.ts and messages.ts.
export const REVIEW_ERROR_STATUS = {
  'review.notFound': 404,
  'review.reviewerNotFound': 400,
  'review.noApplications': 400,
  'review.callNotClosed': 409,
  'review.alreadyAssigned': 409,
  'review.notScoring': 409,
  'review.badScores': 400,
  'notice.notFound': 404,
  'notice.exists': 409,
  'notice.itemInvalid': 400,
  'notice.reviewsOpen': 409,
  'notice.ended': 409,
  'notice.notOnNotice': 400,
  'objection.notFound': 404,
} as const;

export const REVIEW_ERROR_MESSAGES: Record<Locale, Record<keyof typeof REVIEW_ERROR_STATUS, string>> = {
  'zh-CN': {
    'review.notFound': '找不到该评审任务，或它没有分配给您',
    'review.reviewerNotFound': '评审专家不存在、已停用，或不是第三方评估机构/专家账号',
    'review.noApplications': '没有可分配评审的申报（只有已提交的申报参加评审）',
    'review.callNotClosed': '征集尚未结束；征集结束后才能分配评审专家',
    'review.alreadyAssigned': '“{name}”已被分配评审该申报，或已申请回避',
    'review.notScoring': '只有声明无利益冲突、尚未提交的评分表可以填写（当前为“{stateName}”）',
    'review.badScores': '评分有误：{reason}',
    'notice.notFound': '找不到该公示',
    'notice.exists': '本次征集已发布过公示',
    'notice.itemInvalid': '“{title}”不能列入公示：{reason}',
    'notice.reviewsOpen': '“{title}”还有 {count} 份评分表未提交，全部提交后才能公示',
    'notice.ended': '公示期已于 {endsAt} 结束，不再受理异议',
    'notice.notOnNotice': '该项目不在本次公示名单中',
    'objection.notFound': '找不到该异议',
  },
  'en-US': {
    'review.notFound': 'The review was not found or is not assigned to you',
    'review.reviewerNotFound': 'The reviewer does not exist, is disabled, or is not an evaluator account',
    'review.noApplications': 'No application to review (only submitted applications are reviewed)',
    'review.callNotClosed': 'The call is still open; reviewers are assigned once it is closed',
    'review.alreadyAssigned': '“{name}” is already assigned to this application or has recused',
    'review.notScoring':
      'Only a sheet declared free of conflict and not yet submitted can be filled in (this one is “{stateName}”)',
    'review.badScores': 'The scores are wrong: {reason}',
    'notice.notFound': 'The public notice was not found',
    'notice.exists': 'A public notice has already been published for this call',
    'notice.itemInvalid': '“{title}” cannot be on the notice: {reason}',
    'notice.reviewsOpen': '“{title}” still has {count} score sheet(s) not submitted; publish once all are in',
    'notice.ended': 'The notice period ended at {endsAt}; objections are no longer taken',
    'notice.notOnNotice': 'This project is not on the notice',
    'objection.notFound': 'The objection was not found',
  },
};

// Workflow guard reasons, spread into validation-messages.ts.
export const REVIEW_FIELD_PROBLEMS = [
  'review.notYourSheet',
  'review.sheetIncomplete',
  'review.noticePublished',
  'funding.notOnNotice',
  'funding.noticeRunning',
  'funding.objectionsPending',
] as const;

export const REVIEW_FIELD_PROBLEM_MESSAGES: Record<
  Locale,
  Record<(typeof REVIEW_FIELD_PROBLEMS)[number], string>
> = {
  'zh-CN': {
    'review.notYourSheet': '只有被分配的评审专家本人可以声明和评分',
    'review.sheetIncomplete': '请为每个评分项打分后再提交',
    'review.noticePublished': '本次征集的公示已发布，评分表不能再退回修改',
    'funding.notOnNotice': '该申报不在已发布的公示名单中（或异议成立已被取消），不能立项',
    'funding.noticeRunning': '公示期至 {endsAt} 结束，公示期满后才能立项',
    'funding.objectionsPending': '还有 {count} 件异议未答复，答复后才能立项',
  },
  'en-US': {
    'review.notYourSheet': 'Only the assigned reviewer can declare and score',
    'review.sheetIncomplete': 'Score every criterion before submitting',
    'review.noticePublished': 'The call’s notice is published; score sheets can no longer be returned',
    'funding.notOnNotice':
      'The application is not on a published notice (or was excluded by an upheld objection); it cannot be awarded',
    'funding.noticeRunning': 'The notice period runs until {endsAt}; award once it has ended',
    'funding.objectionsPending': '{count} objection(s) are not answered yet; answer them before awarding',
  },
};
