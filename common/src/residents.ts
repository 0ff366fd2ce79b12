import type { Locale } from './locale.ts';

/**
 * The residents registry's shared vocabulary (issue #3 items 6 and 8): the tags staff put on a
 * resident, the purposes a resident consents to (PIPL), ages. Server and web both use these, so a
 * tag or purpose shows the same name on every page and in every export.
 */

/** Groups the community looks after (高龄, 独居, 残疾, 低保, 退役军人). */
export const RESIDENT_TAGS = ['elderly', 'alone', 'disabled', 'low_income', 'veteran'] as const;
export type ResidentTag = (typeof RESIDENT_TAGS)[number];

export const RESIDENT_TAG_NAMES: Record<Locale, Record<ResidentTag, string>> = {
  'zh-CN': {
    elderly: '高龄',
    alone: '独居',
    disabled: '残疾',
    low_income: '低保',
    veteran: '退役军人',
  },
  'en-US': {
    elderly: 'Elderly',
    alone: 'Living alone',
    disabled: 'Disabled',
    low_income: 'Subsistence allowance',
    veteran: 'Veteran',
  },
};

/** What a resident consents to their personal information being used for (个人信息处理同意). */
export const CONSENT_PURPOSES = ['registry', 'notification', 'volunteer', 'services'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_PURPOSE_NAMES: Record<Locale, Record<ConsentPurpose, string>> = {
  'zh-CN': {
    registry: '居民信息登记',
    notification: '短信通知',
    volunteer: '志愿服务',
    services: '便民服务',
  },
  'en-US': {
    registry: 'Resident registry',
    notification: 'SMS notifications',
    volunteer: 'Volunteering',
    services: 'Community services',
  },
};

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const GENDER_NAMES: Record<Locale, Record<Gender, string>> = {
  'zh-CN': { male: '男', female: '女' },
  'en-US': { male: 'Male', female: 'Female' },
};

/** Personal fields that are sealed at rest and shown masked unless revealed (pii:reveal). */
export const REVEALABLE_FIELDS = ['idNumber', 'phone'] as const;
export type RevealableField = (typeof REVEALABLE_FIELDS)[number];

/** Full years between a YYYY-MM-DD birth date and a YYYY-MM-DD day (both calendar days, no zone). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** Today's calendar day in Beijing time (DESIGN §5), as YYYY-MM-DD. */
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
