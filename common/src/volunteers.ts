import type { Locale } from './locale.ts';

/**
 * Volunteers, their activities and hours, and the points ledger (issue #6 items 1–3 and 5,
 * REQUIREMENTS R5.3). Hours are integer minutes; points are integer hundredths of a point, so
 * 2.5 hours at the default rule (1 point per hour) are 250.
 */

/** Star levels by accumulated confirmed hours (standards.md §8.3): one to five stars. */
export const STAR_THRESHOLD_HOURS = [100, 300, 600, 1000, 1500] as const;

/** The star level (0–5) of this many confirmed minutes. */
export function starLevel(minutes: number, thresholds: readonly number[] = STAR_THRESHOLD_HOURS): number {
  return thresholds.filter((h) => minutes >= h * 60).length;
}

/** Default rule: 1 hour of confirmed service = 1 point = 100 hundredths. */
export const DEFAULT_POINTS_PER_HOUR = 100;

/** Points (hundredths) earned by `minutes` at `perHour` hundredths per hour, rounded half up. */
export function pointsForMinutes(minutes: number, perHour: number = DEFAULT_POINTS_PER_HOUR): number {
  return Math.sign(minutes) * Math.round((Math.abs(minutes) * perHour) / 60);
}

/** 250 → "2.5", 300 → "3", -125 → "-1.25". */
export function formatPoints(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const abs = Math.abs(hundredths);
  const whole = Math.floor(abs / 100);
  const frac = abs % 100;
  return frac === 0
    ? `${sign}${whole}`
    : `${sign}${whole}.${String(frac).padStart(2, '0').replace(/0$/, '')}`;
}

/** 150 → "2.5", 90 → "1.5", 20 → "0.33". */
export function formatHours(minutes: number): string {
  const hours = Math.round((minutes / 60) * 100) / 100;
  return String(hours);
}

export const ACTIVITY_CATEGORIES = [
  'elderly_care',
  'child_care',
  'environment',
  'culture',
  'safety',
  'health',
  'civic',
  'other',
] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

export const ACTIVITY_CATEGORY_NAMES: Record<Locale, Record<ActivityCategory, string>> = {
  'zh-CN': {
    elderly_care: '助老扶残',
    child_care: '关爱少儿',
    environment: '环境保护',
    culture: '文化宣传',
    safety: '平安巡防',
    health: '医疗健康',
    civic: '文明实践',
    other: '其他',
  },
  'en-US': {
    elderly_care: 'Elderly and disability care',
    child_care: 'Children',
    environment: 'Environment',
    culture: 'Culture',
    safety: 'Safety patrol',
    health: 'Health',
    civic: 'Civic practice',
    other: 'Other',
  },
};

export const PUBLISHER_KINDS = ['team', 'organization', 'community', 'studio'] as const;
export type PublisherKind = (typeof PUBLISHER_KINDS)[number];

export const PUBLISHER_KIND_NAMES: Record<Locale, Record<PublisherKind, string>> = {
  'zh-CN': { team: '志愿服务队', organization: '社会组织', community: '社区', studio: '工作室' },
  'en-US': { team: 'Volunteer team', organization: 'Organization', community: 'Community', studio: 'Studio' },
};

export const ACTIVITY_STATES = ['published', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

export const SIGNUP_STATES = ['signed_up', 'waiting', 'cancelled'] as const;
export type SignupState = (typeof SIGNUP_STATES)[number];

export const SIGNUP_STATE_NAMES: Record<Locale, Record<SignupState, string>> = {
  'zh-CN': { signed_up: '已报名', waiting: '候补中', cancelled: '已取消' },
  'en-US': { signed_up: 'Signed up', waiting: 'Waiting list', cancelled: 'Cancelled' },
};

export const SKILLS = [
  'care',
  'medical',
  'teaching',
  'arts',
  'legal',
  'repair',
  'it',
  'driving',
  'other',
] as const;
export type Skill = (typeof SKILLS)[number];

export const SKILL_NAMES: Record<Locale, Record<Skill, string>> = {
  'zh-CN': {
    care: '陪护照料',
    medical: '医疗护理',
    teaching: '教育辅导',
    arts: '文体艺术',
    legal: '法律咨询',
    repair: '维修便民',
    it: '信息技术',
    driving: '驾驶',
    other: '其他',
  },
  'en-US': {
    care: 'Care',
    medical: 'Medical',
    teaching: 'Teaching',
    arts: 'Arts and sports',
    legal: 'Legal advice',
    repair: 'Repairs',
    it: 'IT',
    driving: 'Driving',
    other: 'Other',
  },
};

export const AVAILABILITY = ['weekday_day', 'weekday_evening', 'weekend', 'any'] as const;
export type Availability = (typeof AVAILABILITY)[number];

export const AVAILABILITY_NAMES: Record<Locale, Record<Availability, string>> = {
  'zh-CN': { weekday_day: '工作日白天', weekday_evening: '工作日晚上', weekend: '周末', any: '随时' },
  'en-US': {
    weekday_day: 'Weekday daytime',
    weekday_evening: 'Weekday evenings',
    weekend: 'Weekends',
    any: 'Any time',
  },
};

export const SERVICE_KINDS = ['service', 'reversal'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/** Ledger accounts: a volunteer's, the district award pool, the "hours issuance" source, a love supermarket's. */
export const POINTS_ACCOUNT_KINDS = ['volunteer', 'award_pool', 'issuance', 'supermarket'] as const;
export type PointsAccountKind = (typeof POINTS_ACCOUNT_KINDS)[number];

export const POINTS_ACCOUNT_KIND_NAMES: Record<Locale, Record<PointsAccountKind, string>> = {
  'zh-CN': {
    volunteer: '志愿者积分账户',
    award_pool: '区级奖励积分池',
    issuance: '服务时长积分发行',
    supermarket: '爱心超市',
  },
  'en-US': {
    volunteer: 'Volunteer account',
    award_pool: 'District award pool',
    issuance: 'Hours issuance',
    supermarket: 'Love supermarket',
  },
};

export const TRANSFER_KINDS = ['hours', 'reversal', 'award', 'pool_funding', 'redemption', 'refund'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const TRANSFER_KIND_NAMES: Record<Locale, Record<TransferKind, string>> = {
  'zh-CN': {
    hours: '服务时长积分',
    reversal: '时长更正冲销',
    award: '区级奖励',
    pool_funding: '奖励池拨入',
    redemption: '爱心超市兑换',
    refund: '兑换退回',
  },
  'en-US': {
    hours: 'Points for service hours',
    reversal: 'Hours correction (reversal)',
    award: 'District award',
    pool_funding: 'Award pool funding',
    redemption: 'Love supermarket redemption',
    refund: 'Redemption refund',
  },
};

/**
 * The check-in code changes every step (HMAC of the activity's secret and the step number); the
 * current and the previous step's codes are accepted, so a code read just before a change still works.
 */
export const CHECK_IN_CODE_STEP_SECONDS = 60;

/** Honours (表彰) the district, a street or a community gives volunteers and teams. */
export const HONOUR_TITLES = ['outstanding_volunteer', 'outstanding_team', 'star_of_year'] as const;
export type HonourTitle = (typeof HONOUR_TITLES)[number];
export const HONOUR_SUBJECTS = ['volunteer', 'team'] as const;
export type HonourSubject = (typeof HONOUR_SUBJECTS)[number];

/** Which subject each title is given to. */
export const HONOUR_TITLE_SUBJECTS: Record<HonourTitle, readonly HonourSubject[]> = {
  outstanding_volunteer: ['volunteer'],
  outstanding_team: ['team'],
  star_of_year: ['volunteer', 'team'],
};

export const HONOUR_TITLE_NAMES: Record<Locale, Record<HonourTitle, string>> = {
  'zh-CN': {
    outstanding_volunteer: '优秀志愿者',
    outstanding_team: '优秀志愿服务队',
    star_of_year: '年度之星',
  },
  'en-US': {
    outstanding_volunteer: 'Outstanding volunteer',
    outstanding_team: 'Outstanding volunteer team',
    star_of_year: 'Star of the year',
  },
};

/** Statistics of confirmed service, grouped by month, program or street. */
export const VOLUNTEER_STAT_GROUPS = ['month', 'program', 'street'] as const;
export type VolunteerStatGroup = (typeof VOLUNTEER_STAT_GROUPS)[number];

/** Error codes of this module with their HTTP status (spread into ERROR_STATUS). */
export const VOLUNTEER_ERROR_STATUS = {
  'volunteer.notFound': 404,
  'volunteer.notRegistered': 404,
  'volunteer.alreadyRegistered': 409,
  'volunteer.duplicateIdNumber': 409,
  'volunteer.invalidIdNumber': 400,
  'volunteer.invalidPhone': 400,
  'volunteer.invalidDivision': 400,
  'volunteer.inactive': 409,
  'volunteer.teamNotFound': 404,
  'volunteer.programNotFound': 400,
  'volunteer.invalidPublisher': 400,
  'activity.notFound': 404,
  'activity.invalidTimes': 400,
  'activity.cancelled': 409,
  'activity.ended': 409,
  'activity.alreadySignedUp': 409,
  'activity.notSignedUp': 409,
  'activity.cancelTooLate': 409,
  'activity.wrongCode': 400,
  'activity.codeExpired': 400,
  'activity.started': 409,
  'activity.slotsBelowSignups': 409,
  'activity.checkInWindow': 409,
  'activity.notCheckedIn': 409,
  'activity.alreadyCheckedOut': 409,
  'activity.alreadyConfirmed': 409,
  'activity.invalidMinutes': 400,
  'service.notFound': 404,
  'service.alreadyReversed': 409,
  'service.reasonRequired': 400,
  'points.accountNotFound': 404,
  'points.insufficient': 409,
  'points.invalidAmount': 400,
  'points.idempotencyConflict': 409,
  'points.invalidMonth': 400,
  'points.noMembers': 409,
  'certificate.noHours': 409,
  'honour.invalidSubject': 400,
  'honour.duplicate': 409,
} as const;

type VolunteerErrorCode = keyof typeof VOLUNTEER_ERROR_STATUS;

export const VOLUNTEER_MESSAGES: Record<Locale, Record<VolunteerErrorCode, string>> = {
  'zh-CN': {
    'volunteer.notFound': '找不到该志愿者',
    'volunteer.notRegistered': '您还没有注册志愿者，请先注册',
    'volunteer.alreadyRegistered': '您已经注册过志愿者，无需重复注册',
    'volunteer.duplicateIdNumber': '该公民身份号码已注册过志愿者，请勿重复注册',
    'volunteer.invalidIdNumber': '公民身份号码有误：{reason}',
    'volunteer.invalidPhone': '手机号码应为 11 位中国大陆手机号，以 13–19 开头',
    'volunteer.invalidDivision': '服务区域 {code} 不存在；请选择街道、社区或网格',
    'volunteer.inactive': '该志愿者账号已停用，不能报名或签到',
    'volunteer.teamNotFound': '找不到该志愿服务队，或它不在您的管辖范围内',
    'volunteer.programNotFound': '所选公益项目不存在',
    'volunteer.invalidPublisher': '发布方有误：{reason}',
    'activity.notFound': '找不到该志愿活动',
    'activity.invalidTimes': '结束时间须晚于开始时间',
    'activity.cancelled': '该活动已取消',
    'activity.ended': '该活动已结束，不能再报名',
    'activity.alreadySignedUp': '您已报名该活动',
    'activity.notSignedUp': '您没有报名该活动（或仍在候补中）',
    'activity.cancelTooLate': '活动开始前 {minutes} 分钟内不能取消报名，请联系组织者',
    'activity.wrongCode': '签到码不正确，请核对组织者出示的签到码',
    'activity.codeExpired': '签到码已过期（每分钟更换一次），请扫描或输入组织者手机上当前显示的签到码',
    'activity.started': '活动已经开始，不能再修改',
    'activity.slotsBelowSignups':
      '已有 {signedUp} 人报名，名额不能少于已报名人数；请先与志愿者沟通，由其取消报名',
    'activity.checkInWindow': '签到时间为活动开始前 1 小时至活动结束',
    'activity.notCheckedIn': '尚未签到，不能签退',
    'activity.alreadyCheckedOut': '已签退，无需重复操作',
    'activity.alreadyConfirmed': '该志愿者本次活动的时长已确认；如需更正，请使用“更正”并填写原因',
    'activity.invalidMinutes': '服务时长应在 1 分钟到 24 小时之间',
    'service.notFound': '找不到该服务时长记录',
    'service.alreadyReversed': '该记录已被冲销，不能再次更正',
    'service.reasonRequired': '更正服务时长须填写原因',
    'points.accountNotFound': '找不到该积分账户',
    'points.insufficient': '积分余额不足：“{accountName}”余额 {balance} 积分，本次需 {requested} 积分',
    'points.invalidAmount': '积分数应为大于 0 的数，最多两位小数',
    'points.idempotencyConflict': '该请求编号已用于另一笔不同的积分转账',
    'points.invalidMonth': '月份格式应为 YYYY-MM',
    'points.noMembers': '该服务队没有可以奖励的在册志愿者',
    'certificate.noHours': '该志愿者还没有已确认的服务时长，不能出具证明',
    'honour.invalidSubject': '“优秀志愿者”只授予志愿者，“优秀志愿服务队”只授予服务队',
    'honour.duplicate': '该对象 {year} 年已获得这项荣誉，请勿重复授予',
  },
  'en-US': {
    'volunteer.notFound': 'The volunteer was not found',
    'volunteer.notRegistered': 'You have not registered as a volunteer yet',
    'volunteer.alreadyRegistered': 'You are already registered as a volunteer',
    'volunteer.duplicateIdNumber': 'A volunteer with this ID number is already registered',
    'volunteer.invalidIdNumber': 'The ID number is not valid: {reason}',
    'volunteer.invalidPhone': 'The mobile number must have 11 digits and start with 13–19',
    'volunteer.invalidDivision': 'Service area {code} does not exist; choose a street, community or grid',
    'volunteer.inactive': 'This volunteer is suspended and cannot sign up or check in',
    'volunteer.teamNotFound': 'The volunteer team was not found or is outside your scope',
    'volunteer.programNotFound': 'The chosen program does not exist',
    'volunteer.invalidPublisher': 'The publisher is not valid: {reason}',
    'activity.notFound': 'The activity was not found',
    'activity.invalidTimes': 'The end must be after the start',
    'activity.cancelled': 'The activity has been cancelled',
    'activity.ended': 'The activity has ended; sign-up is closed',
    'activity.alreadySignedUp': 'You have already signed up for this activity',
    'activity.notSignedUp': 'You are not signed up for this activity (or still on the waiting list)',
    'activity.cancelTooLate':
      'Sign-ups cannot be cancelled within {minutes} minutes of the start; please contact the organizer',
    'activity.wrongCode': 'The check-in code is wrong; check the code the organizer shows',
    'activity.codeExpired':
      'The check-in code has expired (it changes every minute); scan or type the code the organizer shows now',
    'activity.started': 'The activity has started and can no longer be changed',
    'activity.slotsBelowSignups':
      '{signedUp} volunteers have signed up; places cannot be fewer. Ask volunteers to cancel first',
    'activity.checkInWindow': 'Check-in is open from 1 hour before the start until the end',
    'activity.notCheckedIn': 'Not checked in yet, so you cannot check out',
    'activity.alreadyCheckedOut': 'Already checked out',
    'activity.alreadyConfirmed':
      'Hours for this volunteer and activity are already confirmed; use a correction with a reason',
    'activity.invalidMinutes': 'Service time must be between 1 minute and 24 hours',
    'service.notFound': 'The service record was not found',
    'service.alreadyReversed': 'This record has already been reversed',
    'service.reasonRequired': 'A correction needs a reason',
    'points.accountNotFound': 'The points account was not found',
    'points.insufficient': 'Not enough points: “{accountName}” has {balance} points, this needs {requested}',
    'points.invalidAmount': 'Points must be greater than 0 with at most two decimals',
    'points.idempotencyConflict': 'This request key was already used for a different transfer',
    'points.invalidMonth': 'The month must be written YYYY-MM',
    'points.noMembers': 'The team has no active volunteers to award',
    'certificate.noHours': 'This volunteer has no confirmed hours yet, so no certificate can be issued',
    'honour.invalidSubject':
      '“Outstanding volunteer” goes to volunteers only, “Outstanding volunteer team” to teams only',
    'honour.duplicate': 'This honour was already given to them for {year}',
  },
};
