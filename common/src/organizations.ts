import type { Locale } from './locale.ts';

/**
 * Social organizations (issue #4, REQUIREMENTS R2): kinds, lifecycle, fields and categories of the
 * district report. The first three kinds are registered (登记) with civil affairs and carry a unified
 * social credit code; community social organizations are filed (备案) with their street.
 */
export const ORGANIZATION_KINDS = [
  'social_group',
  'private_non_enterprise',
  'foundation',
  'community_org',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const REGISTERED_KINDS: readonly OrganizationKind[] = [
  'social_group',
  'private_non_enterprise',
  'foundation',
];

export function isRegisteredKind(kind: string): boolean {
  return (REGISTERED_KINDS as readonly string[]).includes(kind);
}

/** Position 2 of a civil-affairs credit code (standards §1): 1 社会团体, 2 民办非企业单位, 3 基金会. */
export const USCC_KIND_CHAR: Record<Exclude<OrganizationKind, 'community_org'>, string> = {
  social_group: '1',
  private_non_enterprise: '2',
  foundation: '3',
};

export const ORGANIZATION_KIND_NAMES: Record<Locale, Record<OrganizationKind, string>> = {
  'zh-CN': {
    social_group: '社会团体',
    private_non_enterprise: '民办非企业单位（社会服务机构）',
    foundation: '基金会',
    community_org: '社区社会组织（备案）',
  },
  'en-US': {
    social_group: 'Social group',
    private_non_enterprise: 'Private non-enterprise unit (social service agency)',
    foundation: 'Foundation',
    community_org: 'Community social organization (filed)',
  },
};

export const ORGANIZATION_STATES = ['applied', 'returned', 'active', 'suspended', 'deregistered'] as const;
export type OrganizationState = (typeof ORGANIZATION_STATES)[number];

export const ORGANIZATION_ACTIONS = [
  'approveFiling',
  'register',
  'return',
  'resubmit',
  'suspend',
  'resume',
  'deregister',
] as const;
export type OrganizationAction = (typeof ORGANIZATION_ACTIONS)[number];

export const ORGANIZATION_STATE_NAMES: Record<Locale, Record<OrganizationState, string>> = {
  'zh-CN': {
    applied: '待审核',
    returned: '已退回',
    active: '正常',
    suspended: '已暂停活动',
    deregistered: '已注销',
  },
  'en-US': {
    applied: 'Awaiting review',
    returned: 'Returned',
    active: 'Active',
    suspended: 'Suspended',
    deregistered: 'Deregistered',
  },
};

export const ORGANIZATION_ACTION_NAMES: Record<Locale, Record<OrganizationAction, string>> = {
  'zh-CN': {
    approveFiling: '同意备案',
    register: '准予登记',
    return: '退回',
    resubmit: '重新提交',
    suspend: '暂停活动',
    resume: '恢复活动',
    deregister: '注销',
  },
  'en-US': {
    approveFiling: 'Approve filing',
    register: 'Register',
    return: 'Return',
    resubmit: 'Resubmit',
    suspend: 'Suspend',
    resume: 'Resume',
    deregister: 'Deregister',
  },
};

/** The report's eight fields of service (R2.1: 公益, 慈善, 教育, 心理, 儿童, 养老 …). */
export const ORGANIZATION_FIELDS = [
  'public_welfare',
  'charity',
  'education',
  'psychology',
  'children',
  'elderly',
  'disability',
  'culture_sports',
] as const;
export type OrganizationField = (typeof ORGANIZATION_FIELDS)[number];

export const ORGANIZATION_FIELD_NAMES: Record<Locale, Record<OrganizationField, string>> = {
  'zh-CN': {
    public_welfare: '公益',
    charity: '慈善',
    education: '教育',
    psychology: '心理',
    children: '儿童',
    elderly: '养老',
    disability: '助残',
    culture_sports: '文体',
  },
  'en-US': {
    public_welfare: 'Public welfare',
    charity: 'Charity',
    education: 'Education',
    psychology: 'Psychology',
    children: 'Children',
    elderly: 'Elderly care',
    disability: 'Disability support',
    culture_sports: 'Culture and sports',
  },
};

/** Categories the district's lists use (the report's "10+ categories"). */
export const ORGANIZATION_CATEGORIES = [
  'elderly_care',
  'child_welfare',
  'youth',
  'disability_aid',
  'social_assistance',
  'culture_sports',
  'science_education',
  'community_governance',
  'volunteering',
  'environment',
  'health',
  'mediation',
] as const;
export type OrganizationCategory = (typeof ORGANIZATION_CATEGORIES)[number];

export const ORGANIZATION_CATEGORY_NAMES: Record<Locale, Record<OrganizationCategory, string>> = {
  'zh-CN': {
    elderly_care: '养老服务',
    child_welfare: '儿童福利',
    youth: '青少年服务',
    disability_aid: '助残服务',
    social_assistance: '社会救助',
    culture_sports: '文化体育',
    science_education: '科技教育',
    community_governance: '社区治理',
    volunteering: '志愿服务',
    environment: '环境保护',
    health: '卫生健康',
    mediation: '纠纷调解',
  },
  'en-US': {
    elderly_care: 'Elderly care',
    child_welfare: 'Child welfare',
    youth: 'Youth services',
    disability_aid: 'Disability aid',
    social_assistance: 'Social assistance',
    culture_sports: 'Culture and sports',
    science_education: 'Science and education',
    community_governance: 'Community governance',
    volunteering: 'Volunteering',
    environment: 'Environment',
    health: 'Health',
    mediation: 'Dispute mediation',
  },
};

export const ORGANIZATION_VENUES = ['owns', 'shared', 'none'] as const;
export type OrganizationVenue = (typeof ORGANIZATION_VENUES)[number];

export const ORGANIZATION_VENUE_NAMES: Record<Locale, Record<OrganizationVenue, string>> = {
  'zh-CN': { owns: '自有场地', shared: '共享场地', none: '无场地' },
  'en-US': { owns: 'Own venue', shared: 'Shared venue', none: 'No venue' },
};

/** Funding sources by year (R6.2: the self-funding share is computed from them). */
export const FUNDING_SOURCES = ['government_purchase', 'grants', 'donations', 'fees', 'other'] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_SOURCE_NAMES: Record<Locale, Record<FundingSource, string>> = {
  'zh-CN': {
    government_purchase: '政府购买服务',
    grants: '项目资助',
    donations: '社会捐赠',
    fees: '服务收费',
    other: '其他',
  },
  'en-US': {
    government_purchase: 'Government purchase',
    grants: 'Grants',
    donations: 'Donations',
    fees: 'Service fees',
    other: 'Other',
  },
};

/** Evaluation grades (社会组织评估等级); set by the evaluation module later. */
export const ORGANIZATION_GRADES = ['1A', '2A', '3A', '4A', '5A'] as const;
export type OrganizationGrade = (typeof ORGANIZATION_GRADES)[number];

/**
 * R6.2 "no funding of their own": an organization's own income is what it earns or raises itself
 * (service fees, donations, other income); government purchase of services and project grants are
 * external money. The self-funding share of a year is own income ÷ all income.
 */
export const OWN_INCOME_SOURCES: readonly FundingSource[] = ['fees', 'donations', 'other'];
export const EXTERNAL_FUNDING_SOURCES: readonly FundingSource[] = ['government_purchase', 'grants'];

/** Own income as a share of all income (0–1), or null when nothing was received. */
export function selfFundingShare(amountsFen: Partial<Record<FundingSource, number>>): number | null {
  let own = 0;
  let total = 0;
  for (const source of FUNDING_SOURCES) {
    const amount = amountsFen[source] ?? 0;
    total += amount;
    if (OWN_INCOME_SOURCES.includes(source)) own += amount;
  }
  return total === 0 ? null : own / total;
}

/** What an uploaded document of an organization is for; the first three make a filing complete. */
export const ATTACHMENT_PURPOSES = ['charter', 'members', 'person_in_charge', 'other'] as const;
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES)[number];

/** The materials a community organization's filing (备案) needs before the street may approve it. */
export const FILING_REQUIRED_ATTACHMENTS: readonly AttachmentPurpose[] = [
  'charter',
  'members',
  'person_in_charge',
];

export const ATTACHMENT_PURPOSE_NAMES: Record<Locale, Record<AttachmentPurpose, string>> = {
  'zh-CN': { charter: '章程', members: '成员名单', person_in_charge: '负责人信息', other: '其他材料' },
  'en-US': {
    charter: 'Charter',
    members: 'Members list',
    person_in_charge: 'Person in charge',
    other: 'Other',
  },
};

/** File types an attachment may have, decided from the file's bytes (never its name). */
export const ATTACHMENT_TYPES = ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'doc', 'xls'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** The two district-maintained lists (R2.1 "8 fields, 10+ categories"), seeded from the constants above. */
export const CATALOG_LISTS = ['field', 'category'] as const;
export type CatalogList = (typeof CATALOG_LISTS)[number];
