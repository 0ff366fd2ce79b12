import type { Locale } from './locale.ts';

/**
 * The working-day calendar's data (DESIGN §5, issue #5 item 4): dated exceptions to the Monday–Friday
 * week. `holiday` is a day off that would be a workday (or a weekend inside a holiday run);
 * `workday` is a make-up workday (调休上班) on a Saturday or Sunday. A year counts as known only
 * once the district has entered it: the State Council publishes each year's arrangement in
 * November, and deadlines in a year nobody has entered are refused rather than guessed.
 */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export interface CalendarDay {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export const CALENDAR_DAY_KIND_NAMES: Record<Locale, Record<CalendarDayKind, string>> = {
  'zh-CN': { holiday: '放假', workday: '调休上班' },
  'en-US': { holiday: 'Day off', workday: 'Make-up workday' },
};

export const CALENDAR_YEAR_MIN = 2000;
export const CALENDAR_YEAR_MAX = 2100;
