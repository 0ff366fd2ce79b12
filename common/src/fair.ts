import type { Locale } from './locale.ts';

/** The report's four classes of organizations (慈善、公益、民生、经济); each service category belongs to one. */
export const FAIR_ORG_CLASSES = ['charity', 'public_welfare', 'livelihood', 'economic'] as const;
export type FairOrgClass = (typeof FAIR_ORG_CLASSES)[number];

export const FAIR_ORG_CLASS_NAMES: Record<Locale, Record<FairOrgClass, string>> = {
  'zh-CN': { charity: '慈善', public_welfare: '公益', livelihood: '民生', economic: '经济' },
  'en-US': {
    charity: 'Charity',
    public_welfare: 'Public welfare',
    livelihood: 'Livelihood',
    economic: 'Economic',
  },
};

/** A fair edition: planned (offers and exhibits registered), open (matching and signing), closed. */
export const FAIR_STATES = ['planned', 'open', 'closed'] as const;
export type FairState = (typeof FAIR_STATES)[number];
export const FAIR_ACTIONS = ['open', 'close'] as const;
export type FairAction = (typeof FAIR_ACTIONS)[number];

export const FAIR_STATE_NAMES: Record<Locale, Record<FairState, string>> = {
  'zh-CN': { planned: '筹备中', open: '进行中', closed: '已闭幕' },
  'en-US': { planned: 'Planned', open: 'Open', closed: 'Closed' },
};
export const FAIR_ACTION_NAMES: Record<Locale, Record<FairAction, string>> = {
  'zh-CN': { open: '开幕', close: '闭幕' },
  'en-US': { open: 'Open', close: 'Close' },
};

/**
 * A match between a government offer and an organization's exhibit: proposed (suggested by the
 * district or requested by one side), negotiating once the other side accepts, then signed (a
 * contract is drafted) or declined.
 */
export const FAIR_MATCH_STATES = ['proposed', 'negotiating', 'signed', 'declined'] as const;
export type FairMatchState = (typeof FAIR_MATCH_STATES)[number];
export const FAIR_MATCH_ACTIONS = ['accept', 'decline', 'sign'] as const;
export type FairMatchAction = (typeof FAIR_MATCH_ACTIONS)[number];
export const FAIR_MATCH_ORIGINS = ['suggested', 'offer', 'exhibit'] as const;
export type FairMatchOrigin = (typeof FAIR_MATCH_ORIGINS)[number];

export const FAIR_MATCH_STATE_NAMES: Record<Locale, Record<FairMatchState, string>> = {
  'zh-CN': { proposed: '待回应', negotiating: '洽谈中', signed: '已签约', declined: '未达成' },
  'en-US': { proposed: 'Proposed', negotiating: 'Negotiating', signed: 'Signed', declined: 'Declined' },
};
export const FAIR_MATCH_ACTION_NAMES: Record<Locale, Record<FairMatchAction, string>> = {
  'zh-CN': { accept: '接受洽谈', decline: '不予对接', sign: '签约' },
  'en-US': { accept: 'Accept', decline: 'Decline', sign: 'Sign' },
};
export const FAIR_MATCH_ORIGIN_NAMES: Record<Locale, Record<FairMatchOrigin, string>> = {
  'zh-CN': { suggested: '系统推荐', offer: '需求方发起', exhibit: '社会组织发起' },
  'en-US': {
    suggested: 'Suggested',
    offer: 'Requested by the buyer',
    exhibit: 'Requested by the organization',
  },
};

/**
 * How well an exhibit fits an offer (0–100): the same service category counts 60; the areas count
 * 40 when the exhibit serves exactly the offer's division, 30 when one contains the other at the
 * street or community level, 20 when they meet only at the district. No shared area is no match.
 */
export function fairMatchScore(
  offer: { categoryCode: string; divisionCode: string },
  exhibit: { categoryCode: string; areas: readonly string[] },
): number {
  let area = 0;
  for (const a of exhibit.areas) {
    if (a === offer.divisionCode) area = Math.max(area, 40);
    else if (a.startsWith(offer.divisionCode) || offer.divisionCode.startsWith(a))
      area = Math.max(area, Math.min(a.length, offer.divisionCode.length) > 6 ? 30 : 20);
  }
  if (area === 0) return 0;
  return (offer.categoryCode === exhibit.categoryCode ? 60 : 0) + area;
}

export const FAIR_ERROR_STATUS = {
  'fair.notFound': 404,
  'fair.notOpen': 409,
  'fair.closed': 409,
  'fair.categoryNotFound': 400,
  'fair.categoryExists': 409,
  'fair.offerNotFound': 404,
  'fair.exhibitNotFound': 404,
  'fair.exhibitExists': 409,
  'fair.invalidArea': 400,
  'fair.matchNotFound': 404,
  'fair.matchExists': 409,
  'fair.differentFairs': 400,
  'fair.notYourSide': 403,
  'fair.ownRequest': 409,
  'fair.fundRequired': 400,
  'fair.overBudget': 400,
} as const;
type FairErrorCode = keyof typeof FAIR_ERROR_STATUS;

export const FAIR_ERROR_MESSAGES: Record<Locale, Record<FairErrorCode, string>> = {
  'zh-CN': {
    'fair.notFound': '找不到该届社洽会',
    'fair.notOpen': '社洽会当前为“{stateName}”，不能{what}',
    'fair.closed': '社洽会已闭幕，不能再发布需求或展示项目',
    'fair.categoryNotFound': '服务门类“{code}”不存在或已停用',
    'fair.categoryExists': '服务门类“{name}”已存在',
    'fair.offerNotFound': '找不到该购买服务需求，或不在您的管辖范围内',
    'fair.exhibitNotFound': '找不到该展示项目，或不属于您的组织',
    'fair.exhibitExists': '本届社洽会已展示过同名项目“{title}”',
    'fair.invalidArea': '服务区域“{code}”不是本区的街道、社区或区级代码',
    'fair.matchNotFound': '找不到该对接记录',
    'fair.matchExists': '该需求与该项目已有对接记录',
    'fair.differentFairs': '需求和展示项目须属于同一届社洽会',
    'fair.notYourSide': '只能以需求方（管辖范围内的需求）或展示方（本组织的项目）发起对接',
    'fair.ownRequest': '这是您方发起的对接，须由对方接受',
    'fair.fundRequired': '签约须指定支付资金（需求未指定资金）',
    'fair.overBudget': '签约金额不能超过需求预算 {budget} 元',
  },
  'en-US': {
    'fair.notFound': 'The fair was not found',
    'fair.notOpen': 'The fair is “{stateName}”; it is not possible to {what} now',
    'fair.closed': 'The fair is closed; no more offers or exhibits can be added',
    'fair.categoryNotFound': 'The service category “{code}” does not exist or is inactive',
    'fair.categoryExists': 'The service category “{name}” already exists',
    'fair.offerNotFound': 'The offer was not found or is outside your scope',
    'fair.exhibitNotFound': 'The exhibit was not found or is not your organization’s',
    'fair.exhibitExists': 'A project titled “{title}” is already shown at this fair',
    'fair.invalidArea': 'The area “{code}” is not the district or one of its streets or communities',
    'fair.matchNotFound': 'The match was not found',
    'fair.matchExists': 'This offer and this exhibit are already matched',
    'fair.differentFairs': 'The offer and the exhibit must belong to the same fair',
    'fair.notYourSide':
      'A match can only be requested for an offer in your scope or an exhibit of your organization',
    'fair.ownRequest': 'Your side requested this match; the other side must accept it',
    'fair.fundRequired': 'Signing needs the fund that pays (the offer names none)',
    'fair.overBudget': 'The signed amount cannot exceed the offer’s budget of {budget} yuan',
  },
};
