import type { Locale } from './locale.ts';

/**
 * Event categories (issue #5 item 2): a two-level tree as in the digital urban-management case
 * flow (大类 → 小类, GB/T 30428 / CJ/T 214). A class's code is two digits, a subclass's the class
 * code plus two digits (`01` → `0103`), so a code says where it sits and never collides.
 * Every subclass names its responsible department and a time limit for each step.
 *
 * Time limits follow the standard's style — counted in working time, never calendar time:
 * `amount` with unit `work_minutes` (工作时, stored in minutes: 2 working hours = 120) or
 * `work_days` (工作日, whole working days). The deadline calculator is
 * `server/src/platform/working-days.ts`.
 */
export const EVENT_STEPS = ['accept', 'dispatch', 'handle', 'verify'] as const;
export type EventStep = (typeof EVENT_STEPS)[number];

export const TIME_LIMIT_UNITS = ['work_minutes', 'work_days'] as const;
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

export interface TimeLimit {
  amount: number;
  unit: TimeLimitUnit;
}

export type StepTimeLimits = Record<EventStep, TimeLimit>;

export const EVENT_CLASS_CODE_PATTERN = '^[0-9]{2}$';
export const EVENT_CATEGORY_CODE_PATTERN = '^[0-9]{2}([0-9]{2})?$';

export function eventCategoryParent(code: string): string | null {
  return code.length === 4 ? code.slice(0, 2) : null;
}

/** Longest limit a step may have: 工作时 up to 30 working days' worth, 工作日 up to a year's. */
export const TIME_LIMIT_MAX: Record<TimeLimitUnit, number> = { work_minutes: 30 * 8 * 60, work_days: 250 };

export const EVENT_STEP_NAMES: Record<Locale, Record<EventStep, string>> = {
  'zh-CN': { accept: '受理', dispatch: '派遣', handle: '处置', verify: '核查' },
  'en-US': { accept: 'Accept', dispatch: 'Dispatch', handle: 'Handle', verify: 'Verify' },
};

export const TIME_LIMIT_UNIT_NAMES: Record<Locale, Record<TimeLimitUnit, string>> = {
  'zh-CN': { work_minutes: '工作时', work_days: '工作日' },
  'en-US': { work_minutes: 'working hours', work_days: 'working days' },
};

/** A limit as people read it: "2 工作时", "30 分钟", "15 工作日". */
export function formatTimeLimit(limit: TimeLimit, locale: Locale): string {
  const zh = locale === 'zh-CN';
  if (limit.unit === 'work_days') return zh ? `${limit.amount} 个工作日` : `${limit.amount} working days`;
  if (limit.amount % 60 === 0) {
    const hours = limit.amount / 60;
    return zh ? `${hours} 个工作小时` : `${hours} working hours`;
  }
  return zh ? `${limit.amount} 分钟（工作时间）` : `${limit.amount} working minutes`;
}
