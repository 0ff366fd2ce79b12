import type { Locale } from './locale.ts';
import type { OrganizationCategory, OrganizationField } from './organizations.ts';

/**
 * The incubation base (孵化基地, issue #4 item 4, REQUIREMENTS R2.2): an operator takes organizations
 * in, mentors them and graduates them; street social-organization service centers are its branches.
 */
export const INCUBATION_STATES = [
  'applied',
  'admitted',
  'rejected',
  'incubating',
  'graduated',
  'exited',
] as const;
export type IncubationState = (typeof INCUBATION_STATES)[number];

/** States of an application still under way: an organization holds at most one such record. */
export const OPEN_INCUBATION_STATES: readonly IncubationState[] = ['applied', 'admitted', 'incubating'];

export const INCUBATION_ACTIONS = ['admit', 'reject', 'start', 'graduate', 'exit'] as const;
export type IncubationAction = (typeof INCUBATION_ACTIONS)[number];

/** Actions whose reason the workflow requires. */
export const INCUBATION_REASON_ACTIONS: readonly IncubationAction[] = ['reject', 'exit'];

export const INCUBATION_STATE_NAMES: Record<Locale, Record<IncubationState, string>> = {
  'zh-CN': {
    applied: '待审核',
    admitted: '已准予入孵',
    rejected: '未准予入孵',
    incubating: '孵化中',
    graduated: '已出壳',
    exited: '已退出',
  },
  'en-US': {
    applied: 'Applied',
    admitted: 'Admitted',
    rejected: 'Rejected',
    incubating: 'Incubating',
    graduated: 'Graduated',
    exited: 'Exited',
  },
};

export const INCUBATION_ACTION_NAMES: Record<Locale, Record<IncubationAction, string>> = {
  'zh-CN': {
    admit: '准予入孵',
    reject: '不予入孵',
    start: '入驻开始孵化',
    graduate: '出壳毕业',
    exit: '退出孵化',
  },
  'en-US': {
    admit: 'Admit',
    reject: 'Reject',
    start: 'Start incubation',
    graduate: 'Graduate',
    exit: 'Exit',
  },
};

/**
 * The priority classes of R2.2: develop service organizations first (服务类优先发展), support
 * public-welfare ones (公益类扶持), guide activity ones (活动类引导). Listed in priority order.
 */
export const INCUBATION_CLASSES = ['service', 'public_welfare', 'activity'] as const;
export type IncubationClass = (typeof INCUBATION_CLASSES)[number];

export const INCUBATION_CLASS_NAMES: Record<Locale, Record<IncubationClass, string>> = {
  'zh-CN': { service: '服务类（优先发展）', public_welfare: '公益类（扶持）', activity: '活动类（引导）' },
  'en-US': {
    service: 'Service (developed first)',
    public_welfare: 'Public welfare (supported)',
    activity: 'Activity (guided)',
  },
};

/**
 * The one mapping from an organization's category to its R2.2 class. Service organizations deliver
 * care and services to residents; public-welfare ones give aid, volunteer or protect the commons;
 * activity ones gather residents around culture, sports or learning.
 */
const CLASS_OF_CATEGORY: Record<OrganizationCategory, IncubationClass> = {
  elderly_care: 'service',
  child_welfare: 'service',
  youth: 'service',
  disability_aid: 'service',
  health: 'service',
  mediation: 'service',
  community_governance: 'service',
  social_assistance: 'public_welfare',
  volunteering: 'public_welfare',
  environment: 'public_welfare',
  culture_sports: 'activity',
  science_education: 'activity',
};

/** Fields that make an activity group a public-welfare one (a culture troupe that also does charity). */
const PUBLIC_WELFARE_FIELDS: readonly OrganizationField[] = ['public_welfare', 'charity'];
/** Fields of care for people, which make an organization a service one. */
const SERVICE_FIELDS: readonly OrganizationField[] = ['elderly', 'children', 'disability', 'psychology'];

const hasAny = (fields: readonly string[], among: readonly string[]) => fields.some((f) => among.includes(f));

/**
 * An organization's R2.2 class, from its category and fields. The district may add categories to
 * its catalogue; one this table does not know is classed by its fields.
 */
export function incubationClassOf(category: string, fields: readonly string[]): IncubationClass {
  const known = (CLASS_OF_CATEGORY as Record<string, IncubationClass | undefined>)[category];
  const byCategory =
    known ??
    (hasAny(fields, SERVICE_FIELDS)
      ? 'service'
      : hasAny(fields, PUBLIC_WELFARE_FIELDS)
        ? 'public_welfare'
        : 'activity');
  return byCategory === 'activity' && hasAny(fields, PUBLIC_WELFARE_FIELDS) ? 'public_welfare' : byCategory;
}

/** What an applicant asks the base for. */
export const INCUBATION_NEEDS = [
  'venue',
  'training',
  'funding',
  'mentoring',
  'registration',
  'other',
] as const;
export type IncubationNeed = (typeof INCUBATION_NEEDS)[number];

export const INCUBATION_NEED_NAMES: Record<Locale, Record<IncubationNeed, string>> = {
  'zh-CN': {
    venue: '场地',
    training: '能力培训',
    funding: '资金对接',
    mentoring: '专业督导',
    registration: '登记备案指导',
    other: '其他',
  },
  'en-US': {
    venue: 'Venue',
    training: 'Training',
    funding: 'Funding introduction',
    mentoring: 'Mentoring',
    registration: 'Registration guidance',
    other: 'Other',
  },
};

/** Services an incubatee receives (the plan's service record). */
export const INCUBATION_SERVICE_TYPES = ['training', 'venue', 'funding', 'mentoring', 'other'] as const;
export type IncubationServiceType = (typeof INCUBATION_SERVICE_TYPES)[number];

export const INCUBATION_SERVICE_TYPE_NAMES: Record<Locale, Record<IncubationServiceType, string>> = {
  'zh-CN': { training: '培训', venue: '场地', funding: '资金对接', mentoring: '督导', other: '其他' },
  'en-US': {
    training: 'Training',
    venue: 'Venue',
    funding: 'Funding introduction',
    mentoring: 'Mentoring',
    other: 'Other',
  },
};

/** Where intake happens when no street branch is named: the district base itself. */
export const INCUBATION_BASE_NAMES: Record<Locale, string> = {
  'zh-CN': '区孵化基地（本部）',
  'en-US': 'District base',
};
