import type { CalendarDayKind, TimeLimit } from '@linli/common';
import { AppError } from './errors.ts';

/**
 * Working-time arithmetic for deadlines (DESIGN §5, issue #5 item 4). Pure functions over a
 * calendar of dated exceptions (holidays, make-up workdays) and the office hours of a working
 * day. Everything is counted in Beijing time (UTC+8, no daylight saving since 1991) whatever the
 * server's time zone. A year the calendar does not know is refused with `calendar.yearMissing`:
 * guessing that an unpublished year has no holidays would put deadlines inside the Spring Festival.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const BEIJING_OFFSET = 8 * 3_600_000;

export interface WorkCalendar {
  /** The years whose holidays and make-up workdays have been entered. */
  years: ReadonlySet<number>;
  /** Exceptions to Monday–Friday by date (YYYY-MM-DD). */
  days: ReadonlyMap<string, CalendarDayKind>;
  /**
   * Count a year not yet entered as plain Monday–Friday instead of refusing. For work that must go
   * on regardless (an event reported on 2 January before anyone entered the new year's holidays);
   * the calendar page warns about the missing year.
   */
  assumeWeekdays?: boolean;
}

export function workCalendar(
  years: Iterable<number>,
  days: Iterable<{ date: string; kind: CalendarDayKind }>,
): WorkCalendar {
  return { years: new Set(years), days: new Map([...days].map((d) => [d.date, d.kind])) };
}

/** Office hours as minutes after Beijing midnight: ordered, non-overlapping [start, end) periods. */
export type WorkHours = ReadonlyArray<readonly [number, number]>;

/** `['08:30-12:00', '13:00-17:30']` → periods in minutes; a malformed or overlapping list throws. */
export function parseWorkHours(periods: readonly string[]): WorkHours {
  const toMinutes = (hhmm: string) => {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm.trim());
    if (!m) throw new Error(`bad time "${hhmm}"`);
    return Number(m[1]) * 60 + Number(m[2]);
  };
  const parsed = periods.map((p) => {
    const [from, to] = p.split('-');
    if (from === undefined || to === undefined) throw new Error(`bad period "${p}"`);
    return [toMinutes(from), toMinutes(to)] as const;
  });
  if (parsed.length === 0) throw new Error('no working periods');
  parsed.forEach(([s, e], i) => {
    if (e <= s) throw new Error(`period ${periods[i]} ends before it starts`);
    if (i > 0 && s < parsed[i - 1]![1]) throw new Error(`period ${periods[i]} overlaps the one before`);
  });
  return parsed;
}

/** The usual office hours of Chinese government offices in the north-east: 8:30–12:00, 13:00–17:30. */
export const DEFAULT_WORK_HOURS: WorkHours = parseWorkHours(['08:30-12:00', '13:00-17:30']);

/** Days since 1970-01-01 in Beijing, and the minute of that day (fractional below a minute). */
function beijingDay(at: Date): { day: number; minute: number } {
  const local = at.getTime() + BEIJING_OFFSET;
  const day = Math.floor(local / DAY);
  return { day, minute: (local - day * DAY) / MINUTE };
}

function instant(day: number, minute: number): Date {
  return new Date(day * DAY + minute * MINUTE - BEIJING_OFFSET);
}

function dateText(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export function beijingDate(at: Date): string {
  return dateText(beijingDay(at).day);
}

function isWorking(day: number, calendar: WorkCalendar): boolean {
  const date = dateText(day);
  const year = Number(date.slice(0, 4));
  if (!calendar.years.has(year) && !calendar.assumeWeekdays)
    throw new AppError('calendar.yearMissing', { year });
  const exception = calendar.days.get(date);
  if (exception) return exception === 'workday';
  const weekday = new Date(day * DAY).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Whether a date (YYYY-MM-DD) is a working day; throws `calendar.yearMissing` for an unknown year. */
export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  return isWorking(Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY), calendar);
}

function requireCount(n: number, what: string): void {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${what} must be a non-negative number, got ${n}`);
}

/**
 * The deadline of "within n working days" (n 个工作日内): counting starts on the working day after
 * the start's date, and the deadline is the close of business of the n-th such day. Reported on a
 * Friday with 1 working day: Monday at closing time (or the next workday if Monday is a holiday).
 * n = 0 is the start itself.
 */
export function addWorkingDays(
  start: Date,
  n: number,
  calendar: WorkCalendar,
  hours: WorkHours = DEFAULT_WORK_HOURS,
): Date {
  requireCount(n, 'working days');
  if (!Number.isInteger(n)) throw new RangeError(`working days must be whole, got ${n}`);
  if (n === 0) return start;
  let { day } = beijingDay(start);
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWorking(day, calendar)) left -= 1;
  }
  return instant(day, hours.at(-1)![1]);
}

/**
 * The instant when `minutes` of working time have passed after `start` (工作时 limits): time
 * counts only inside office hours on working days. A start outside office hours begins counting
 * when the next period opens; a limit that ends exactly at a period's end is due then (12:00,
 * not 13:00).
 */
export function addWorkingMinutes(
  start: Date,
  minutes: number,
  calendar: WorkCalendar,
  hours: WorkHours = DEFAULT_WORK_HOURS,
): Date {
  requireCount(minutes, 'working minutes');
  if (minutes === 0) return start;
  let { day, minute } = beijingDay(start);
  let left = minutes;
  for (;;) {
    if (isWorking(day, calendar)) {
      for (const [open, close] of hours) {
        const from = Math.max(open, minute);
        if (from >= close) continue;
        if (left <= close - from) return instant(day, from + left);
        left -= close - from;
      }
    }
    day += 1;
    minute = 0;
  }
}

/**
 * Working minutes from `a` to `b` (negative when b is before a): how long a step took, or how
 * far past its deadline it is, in office time. Every date in between must be in the calendar.
 */
export function workingMinutesBetween(
  a: Date,
  b: Date,
  calendar: WorkCalendar,
  hours: WorkHours = DEFAULT_WORK_HOURS,
): number {
  if (b.getTime() < a.getTime()) return -workingMinutesBetween(b, a, calendar, hours);
  const from = beijingDay(a);
  const to = beijingDay(b);
  let total = 0;
  for (let day = from.day; day <= to.day; day++) {
    if (!isWorking(day, calendar)) continue;
    const lower = day === from.day ? from.minute : 0;
    const upper = day === to.day ? to.minute : 24 * 60;
    for (const [open, close] of hours) total += Math.max(0, Math.min(close, upper) - Math.max(open, lower));
  }
  return total;
}

/** The deadline of a category's step limit (see `common/src/event-categories.ts` for the units). */
export function deadlineFor(
  start: Date,
  limit: TimeLimit,
  calendar: WorkCalendar,
  hours: WorkHours = DEFAULT_WORK_HOURS,
): Date {
  return limit.unit === 'work_days'
    ? addWorkingDays(start, limit.amount, calendar, hours)
    : addWorkingMinutes(start, limit.amount, calendar, hours);
}
