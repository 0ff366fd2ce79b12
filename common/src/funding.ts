import type { Locale } from './locale.ts';
import { ORGANIZATION_GRADES, type OrganizationGrade } from './organizations.ts';

/**
 * Money for community organizations (issue #7 items 1–2, REQUIREMENTS R3): funds per year and
 * channel, the ledger that posts against them, needs (需求清单), calls (项目征集) and applications.
 * Every amount is integer fen (分); the web shows yuan with two decimals.
 */
export const FUND_CHANNELS = ['purchase', 'grant', 'venture', 'government', 'reward'] as const;
export type FundChannel = (typeof FUND_CHANNELS)[number];

export const FUND_CHANNEL_NAMES: Record<Locale, Record<FundChannel, string>> = {
  'zh-CN': {
    purchase: '项目购买',
    grant: '项目资助',
    venture: '公益创投',
    government: '政府资助',
    reward: '以奖代补',
  },
  'en-US': {
    purchase: 'Purchase of services',
    grant: 'Project grant',
    venture: 'Venture philanthropy',
    government: 'Government subsidy',
    reward: 'Award in lieu of subsidy',
  },
};

/** The district's focus areas; the first three are Lüyuan's priorities (R3.1). */
export const FOCUS_AREAS = [
  'elderly_disabled',
  'child_welfare',
  'social_assistance',
  'community_governance',
  'culture_education',
  'volunteer_service',
] as const;
export type FocusArea = (typeof FOCUS_AREAS)[number];

export const FOCUS_AREA_NAMES: Record<Locale, Record<FocusArea, string>> = {
  'zh-CN': {
    elderly_disabled: '养老助残',
    child_welfare: '儿童福利',
    social_assistance: '社会救助',
    community_governance: '社区治理',
    culture_education: '文化教育',
    volunteer_service: '志愿服务',
  },
  'en-US': {
    elderly_disabled: 'Elderly and disability care',
    child_welfare: 'Child welfare',
    social_assistance: 'Social assistance',
    community_governance: 'Community governance',
    culture_education: 'Culture and education',
    volunteer_service: 'Volunteer service',
  },
};

/**
 * Ledger entries of a fund: a commitment (an award) and an adjustment (the district's correction,
 * signed) change what is committed; a release gives committed money back; a payment pays out of
 * what is committed.
 */
export const POSTING_KINDS = ['commitment', 'release', 'payment', 'adjustment'] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

export const POSTING_KIND_NAMES: Record<Locale, Record<PostingKind, string>> = {
  'zh-CN': { commitment: '资金占用', release: '资金释放', payment: '拨付', adjustment: '调整' },
  'en-US': { commitment: 'Commitment', release: 'Release', payment: 'Payment', adjustment: 'Adjustment' },
};

/** Who recorded a need, from the recorder's role. */
export const NEED_SOURCES = ['district', 'street', 'community', 'station', 'department'] as const;
export type NeedSource = (typeof NEED_SOURCES)[number];

export const NEED_SOURCE_NAMES: Record<Locale, Record<NeedSource, string>> = {
  'zh-CN': {
    district: '区民政局',
    street: '镇街',
    community: '社区居委会',
    station: '社区服务站',
    department: '职能部门',
  },
  'en-US': {
    district: 'District',
    street: 'Town/street',
    community: 'Community',
    station: 'Service station',
    department: 'Department',
  },
};

export const CALL_STATES = ['draft', 'open', 'closed'] as const;
export type CallState = (typeof CALL_STATES)[number];
export const CALL_ACTIONS = ['open', 'close'] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

export const CALL_STATE_NAMES: Record<Locale, Record<CallState, string>> = {
  'zh-CN': { draft: '草稿', open: '征集中', closed: '已截止' },
  'en-US': { draft: 'Draft', open: 'Open', closed: 'Closed' },
};
export const CALL_ACTION_NAMES: Record<Locale, Record<CallAction, string>> = {
  'zh-CN': { open: '发布征集', close: '结束征集' },
  'en-US': { open: 'Open the call', close: 'Close the call' },
};

export const APPLICATION_STATES = ['draft', 'submitted', 'withdrawn', 'awarded'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const APPLICATION_ACTIONS = ['submit', 'withdraw', 'award'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const APPLICATION_STATE_NAMES: Record<Locale, Record<ApplicationState, string>> = {
  'zh-CN': { draft: '草稿', submitted: '已提交', withdrawn: '已撤回', awarded: '已立项' },
  'en-US': { draft: 'Draft', submitted: 'Submitted', withdrawn: 'Withdrawn', awarded: 'Awarded' },
};
export const APPLICATION_ACTION_NAMES: Record<Locale, Record<ApplicationAction, string>> = {
  'zh-CN': { submit: '提交申报', withdraw: '撤回申报', award: '立项资助' },
  'en-US': { submit: 'Submit', withdraw: 'Withdraw', award: 'Award' },
};

/** R4.4: organizations graded at or above this get priority in calls unless a call says otherwise. */
export const DEFAULT_PRIORITY_GRADE: OrganizationGrade = '3A';

/** Whether a grade reaches a threshold (1A < … < 5A); no grade never does. */
export function gradeAtLeast(grade: string | null | undefined, threshold: string): boolean {
  const g = ORGANIZATION_GRADES.indexOf(grade as OrganizationGrade);
  const t = ORGANIZATION_GRADES.indexOf(threshold as OrganizationGrade);
  return g >= 0 && t >= 0 && g >= t;
}

/** Fen as yuan with two decimals and thousands separators: 123456 → "1,234.56". */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
