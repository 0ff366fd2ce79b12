import { afterEach, describe, expect, it } from 'vitest';
import { CALENDAR_2026 } from '../db/migrations/202611271920_holiday_calendar.ts';
import { AppError } from './errors.ts';
import {
  addWorkingDays,
  addWorkingMinutes,
  beijingDate,
  deadlineFor,
  isWorkingDay,
  parseWorkHours,
  workCalendar,
  workingMinutesBetween,
} from './working-days.ts';

const calendar = workCalendar(
  [2026],
  CALENDAR_2026.map(([date, kind]) => ({ date, kind })),
);
/** An instant given as Beijing wall-clock time. */
const bj = (local: string) => new Date(`${local}:00+08:00`);
/** An instant shown as Beijing wall-clock time, to compare with `bj` inputs. */
const show = (at: Date) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

function yearMissing(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError && error.code === 'calendar.yearMissing')
      return error.params.year as number;
    throw error;
  }
  return undefined;
}

describe('isWorkingDay', () => {
  it.each([
    ['2026-01-01', false, '元旦'],
    ['2026-01-02', false, 'holiday on a Friday'],
    ['2026-01-04', true, 'make-up workday on a Sunday'],
    ['2026-01-05', true, 'ordinary Monday'],
    ['2026-01-10', false, 'ordinary Saturday'],
    ['2026-01-11', false, 'ordinary Sunday'],
    ['2026-02-14', true, 'Spring Festival make-up Saturday'],
    ['2026-02-15', false, 'Spring Festival (Sunday)'],
    ['2026-02-23', false, 'last day of Spring Festival (Monday)'],
    ['2026-02-24', true, 'back to work'],
    ['2026-02-28', true, 'second Spring Festival make-up Saturday'],
    ['2026-04-06', false, '清明 Monday'],
    ['2026-05-05', false, 'Labour Day Tuesday'],
    ['2026-05-09', true, 'Labour Day make-up Saturday'],
    ['2026-06-19', false, '端午 Friday'],
    ['2026-09-20', true, 'National Day make-up Sunday'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-07', false, 'National Day Wednesday'],
    ['2026-10-08', true, 'after National Day'],
    ['2026-10-10', true, 'National Day make-up Saturday'],
    ['2026-12-31', true, 'ordinary Thursday'],
  ])('%s is %s (%s)', (date, working) => {
    expect(isWorkingDay(date, calendar)).toBe(working);
  });

  it('refuses a year nobody has entered instead of assuming it has no holidays', () => {
    expect(yearMissing(() => isWorkingDay('2027-01-04', calendar))).toBe(2027);
    expect(yearMissing(() => isWorkingDay('2025-12-31', calendar))).toBe(2025);
  });

  it('counts an unentered year as Monday–Friday where work must go on', () => {
    const lenient = { ...calendar, assumeWeekdays: true };
    expect(isWorkingDay('2027-01-04', lenient)).toBe(true);
    expect(isWorkingDay('2027-01-02', lenient)).toBe(false);
    // Entered years keep their exceptions.
    expect(isWorkingDay('2026-10-01', lenient)).toBe(false);
  });

  it('has the 2026 notice’s 33 days off and 6 make-up workdays', () => {
    const kinds = CALENDAR_2026.map(([, kind]) => kind);
    expect(kinds.filter((k) => k === 'holiday')).toHaveLength(33);
    expect(kinds.filter((k) => k === 'workday')).toHaveLength(6);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-01-09 16:00', 1, '2026-01-12 17:30', 'Friday → Monday'],
    ['2026-01-05 08:00', 1, '2026-01-06 17:30', 'counting starts the next day'],
    ['2026-01-05 20:00', 5, '2026-01-12 17:30', 'a week later'],
    ['2026-01-10 10:00', 1, '2026-01-12 17:30', 'reported on a Saturday'],
    ['2025-12-31 10:00', 1, '2026-01-04 17:30', '元旦 off, Sunday 1/4 is a workday'],
    ['2026-02-13 10:00', 1, '2026-02-14 17:30', 'the make-up Saturday before Spring Festival'],
    ['2026-02-13 10:00', 2, '2026-02-24 17:30', 'across Spring Festival'],
    ['2026-02-24 10:00', 4, '2026-02-28 17:30', 'the make-up Saturday after Spring Festival'],
    ['2026-04-03 10:00', 1, '2026-04-07 17:30', 'across 清明'],
    ['2026-04-30 10:00', 1, '2026-05-06 17:30', 'across Labour Day'],
    ['2026-05-08 10:00', 1, '2026-05-09 17:30', 'Labour Day make-up Saturday'],
    ['2026-09-19 10:00', 1, '2026-09-20 17:30', 'National Day make-up Sunday'],
    ['2026-09-30 10:00', 1, '2026-10-08 17:30', 'across National Day'],
    ['2026-09-30 10:00', 3, '2026-10-10 17:30', 'National Day make-up Saturday'],
    ['2026-01-05 10:00', 15, '2026-01-26 17:30', '15 working days (违法搭建)'],
  ])('%s + %i working days = %s (%s)', (start, n, due) => {
    expect(show(addWorkingDays(bj(start), n, calendar))).toBe(due);
  });

  it('returns the start for 0 days and refuses negative or fractional counts', () => {
    const start = bj('2026-01-05 10:00');
    expect(addWorkingDays(start, 0, calendar)).toBe(start);
    expect(() => addWorkingDays(start, -1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays(start, 1.5, calendar)).toThrow(RangeError);
  });

  it('closes at the end of the configured office hours', () => {
    const hours = parseWorkHours(['09:00-17:00']);
    expect(show(addWorkingDays(bj('2026-01-05 10:00'), 1, calendar, hours))).toBe('2026-01-06 17:00');
  });

  it('says which year is missing when the count runs past the calendar', () => {
    expect(yearMissing(() => addWorkingDays(bj('2026-12-30 10:00'), 3, calendar))).toBe(2027);
    expect(show(addWorkingDays(bj('2026-12-30 10:00'), 1, calendar))).toBe('2026-12-31 17:30');
  });
});

describe('addWorkingMinutes', () => {
  it.each([
    ['2026-01-05 09:00', 120, '2026-01-05 11:00', 'inside the morning'],
    ['2026-01-05 11:00', 60, '2026-01-05 12:00', 'ends exactly at the lunch break'],
    ['2026-01-05 11:00', 120, '2026-01-05 14:00', 'skips the lunch break'],
    ['2026-01-05 12:30', 30, '2026-01-05 13:30', 'starts in the lunch break'],
    ['2026-01-05 07:00', 10, '2026-01-05 08:40', 'starts before opening'],
    ['2026-01-05 08:30', 480, '2026-01-05 17:30', 'a whole working day'],
    ['2026-01-05 17:00', 30, '2026-01-05 17:30', 'ends exactly at closing'],
    ['2026-01-05 17:00', 60, '2026-01-06 09:00', 'overnight'],
    ['2026-01-05 20:00', 60, '2026-01-06 09:30', 'starts after closing'],
    ['2026-01-09 17:00', 60, '2026-01-12 09:00', 'over a weekend'],
    ['2026-01-09 20:00', 60, '2026-01-12 09:30', 'Friday evening'],
    ['2026-01-01 09:00', 5, '2026-01-04 08:35', 'over 元旦 into the make-up Sunday'],
    ['2026-02-13 17:00', 60, '2026-02-14 09:00', 'into the make-up Saturday'],
    ['2026-02-14 17:00', 60, '2026-02-24 09:00', 'over Spring Festival'],
    ['2026-09-30 16:30', 120, '2026-10-08 09:30', 'over National Day'],
    ['2026-10-09 17:00', 60, '2026-10-10 09:00', 'half an hour into the make-up Saturday'],
    ['2026-01-05 10:00', 5 * 60, '2026-01-05 16:00', '5 working hours (道路不洁)'],
  ])('%s + %i working minutes = %s (%s)', (start, minutes, due) => {
    expect(show(addWorkingMinutes(bj(start), minutes, calendar))).toBe(due);
  });

  it('keeps seconds and returns the start for 0 minutes', () => {
    const start = new Date('2026-01-05T09:00:30+08:00');
    expect(addWorkingMinutes(start, 0, calendar)).toBe(start);
    expect(addWorkingMinutes(start, 1, calendar).toISOString()).toBe('2026-01-05T01:01:30.000Z');
    expect(() => addWorkingMinutes(start, -5, calendar)).toThrow(RangeError);
  });

  it('follows configured office hours with one period', () => {
    const hours = parseWorkHours(['09:00-17:00']);
    expect(show(addWorkingMinutes(bj('2026-01-05 16:00'), 120, calendar, hours))).toBe('2026-01-06 10:00');
    expect(show(addWorkingMinutes(bj('2026-01-05 12:00'), 60, calendar, hours))).toBe('2026-01-05 13:00');
  });

  it('refuses a deadline that runs into an unknown year', () => {
    expect(yearMissing(() => addWorkingMinutes(bj('2026-12-31 17:00'), 60, calendar))).toBe(2027);
  });
});

describe('workingMinutesBetween', () => {
  it.each([
    ['2026-01-05 09:00', '2026-01-05 11:00', 120],
    ['2026-01-05 11:00', '2026-01-05 14:00', 120],
    ['2026-01-05 12:10', '2026-01-05 12:50', 0],
    ['2026-01-05 07:00', '2026-01-05 20:00', 480],
    ['2026-01-09 17:00', '2026-01-12 09:00', 60],
    ['2026-01-10 09:00', '2026-01-11 17:00', 0],
    ['2026-02-13 08:30', '2026-02-24 17:30', 3 * 480],
    ['2026-09-30 08:30', '2026-10-10 17:30', 4 * 480],
  ])('%s → %s is %i working minutes', (a, b, minutes) => {
    expect(workingMinutesBetween(bj(a), bj(b), calendar)).toBe(minutes);
  });

  it('is negative when the second instant comes first (time past a deadline)', () => {
    expect(workingMinutesBetween(bj('2026-01-05 11:00'), bj('2026-01-05 09:00'), calendar)).toBe(-120);
  });

  it('undoes addWorkingMinutes from any start, in or out of office hours', () => {
    const failures: string[] = [];
    for (
      let start = bj('2026-02-10 00:00').getTime();
      start < bj('2026-03-03 00:00').getTime();
      start += 97 * 60_000
    ) {
      for (const minutes of [1, 45, 210, 480, 1000, 2400]) {
        const from = new Date(start);
        const due = addWorkingMinutes(from, minutes, calendar);
        const back = workingMinutesBetween(from, due, calendar);
        if (Math.abs(back - minutes) > 1e-9)
          failures.push(`${show(from)} + ${minutes} → ${show(due)}: ${back}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('needs every year in between', () => {
    expect(
      yearMissing(() => workingMinutesBetween(bj('2026-12-31 09:00'), bj('2027-01-05 09:00'), calendar)),
    ).toBe(2027);
  });
});

describe('Beijing time regardless of the server', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it('gives the same answers with the process in another time zone', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(show(addWorkingMinutes(bj('2026-01-09 17:00'), 60, calendar))).toBe('2026-01-12 09:00');
    expect(show(addWorkingDays(bj('2026-09-30 10:00'), 1, calendar))).toBe('2026-10-08 17:30');
    expect(beijingDate(new Date('2026-01-04T16:30:00Z'))).toBe('2026-01-05');
  });
});

describe('deadlineFor and parseWorkHours', () => {
  it('counts 工作时 limits in minutes and 工作日 limits in days', () => {
    const start = bj('2026-01-09 16:00');
    expect(show(deadlineFor(start, { amount: 120, unit: 'work_minutes' }, calendar))).toBe(
      '2026-01-12 09:00',
    );
    expect(show(deadlineFor(start, { amount: 2, unit: 'work_days' }, calendar))).toBe('2026-01-13 17:30');
  });

  it('refuses malformed, reversed and overlapping office hours', () => {
    expect(() => parseWorkHours([])).toThrow();
    expect(() => parseWorkHours(['8:30-12:00'])).toThrow();
    expect(() => parseWorkHours(['12:00-08:30'])).toThrow();
    expect(() => parseWorkHours(['08:30-12:00', '11:00-17:30'])).toThrow();
    expect(parseWorkHours(['08:30-12:00', '13:00-17:30'])).toEqual([
      [510, 720],
      [780, 1050],
    ]);
  });
});
