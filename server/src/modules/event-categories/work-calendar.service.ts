import type { CalendarDayKind, TimeLimit } from '@linli/common';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { appendAudit } from '../../platform/audit.ts';
import { AppError, isUniqueViolation, type LocalizedText } from '../../platform/errors.ts';
import type { Caller } from '../../platform/scope.ts';
import {
  beijingDate,
  DEFAULT_WORK_HOURS,
  deadlineFor,
  type WorkCalendar,
  type WorkHours,
  workCalendar,
  workingMinutesBetween,
} from '../../platform/working-days.ts';
import * as repo from './event-categories.repository.ts';
import type { Deadline, SaveCalendarInput, WorkCalendarView } from './event-categories.schemas.ts';

const REASONS = {
  outsideYear: { 'zh-CN': '不在所录入的年份内', 'en-US': 'it is not in the year being entered' },
  duplicate: { 'zh-CN': '同一日期录入了两次', 'en-US': 'it is entered twice' },
  workdayOnWeekday: {
    'zh-CN': '调休上班日只能是周六或周日（周一至周五本来就上班）',
    'en-US': 'a make-up workday must be a Saturday or Sunday (weekdays are workdays anyway)',
  },
} satisfies Record<string, LocalizedText>;

function invalidDay(date: string, reason: keyof typeof REASONS): AppError {
  return new AppError('calendar.invalidDay', { date, reason: REASONS[reason] });
}

/**
 * The working-day calendar (issue #5 item 4): the district admin enters each year's holidays and
 * make-up workdays from the State Council's notice; deadline arithmetic reads them from here.
 * A year is saved whole (its list of exceptions replaces the previous one), guarded by its version.
 */
export class WorkCalendarService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly hours: WorkHours = DEFAULT_WORK_HOURS,
  ) {}

  /** Every entered year and its exceptions, for `platform/working-days.ts`. */
  async calendar(): Promise<WorkCalendar> {
    const [years, days] = await Promise.all([repo.calendarYears(this.db), repo.calendarDays(this.db)]);
    return workCalendar(
      years.map((y) => y.year),
      days.map((d) => ({ date: d.day, kind: d.kind as CalendarDayKind })),
    );
  }

  async view(year: number): Promise<WorkCalendarView> {
    const [years, days] = await Promise.all([repo.calendarYears(this.db), repo.calendarDays(this.db, year)]);
    const entry = years.find((y) => y.year === year);
    return {
      years: years.map((y) => ({
        year: y.year,
        source: y.source,
        holidays: y.holidays,
        workdays: y.workdays,
        version: y.version,
        updatedAt: y.updatedAt.toISOString(),
        updatedByName: y.updatedByName,
      })),
      year,
      loaded: entry !== undefined,
      version: entry?.version ?? null,
      source: entry?.source ?? null,
      days: days.map((d) => ({ date: d.day, kind: d.kind as CalendarDayKind, name: d.name })),
    };
  }

  async save(caller: Caller, year: number, input: SaveCalendarInput): Promise<WorkCalendarView> {
    const seen = new Set<string>();
    const days = [...input.days].sort((a, b) => a.date.localeCompare(b.date));
    for (const d of days) {
      if (Number(d.date.slice(0, 4)) !== year) throw invalidDay(d.date, 'outsideYear');
      if (seen.has(d.date)) throw invalidDay(d.date, 'duplicate');
      seen.add(d.date);
      const weekday = new Date(`${d.date}T00:00:00Z`).getUTCDay();
      if (d.kind === 'workday' && weekday !== 0 && weekday !== 6)
        throw invalidDay(d.date, 'workdayOnWeekday');
    }
    const source = input.source === undefined ? undefined : input.source?.trim() || null;
    try {
      await this.db.transaction().execute(async (trx) => {
        const existing = await repo.findCalendarYear(trx, year);
        const before = existing ? await repo.calendarDays(trx, year) : [];
        if (existing) {
          if (input.version !== existing.version)
            throw new AppError('conflict.version', { id: String(year) });
          const stamp = { source, updatedBy: caller.actor.id, updatedByName: caller.actor.name };
          if (!(await repo.updateCalendarYear(trx, year, existing.version, stamp)))
            throw new AppError('conflict.version', { id: String(year) });
        } else {
          // A year entered for the first time: two admins at once meet at the primary key.
          if (input.version !== undefined) throw new AppError('conflict.version', { id: String(year) });
          await repo.insertCalendarYear(trx, {
            year,
            source: source ?? null,
            updatedBy: caller.actor.id,
            updatedByName: caller.actor.name,
          });
        }
        await repo.replaceCalendarDays(
          trx,
          year,
          days.map((d) => ({ day: d.date, year, kind: d.kind, name: d.name.trim() })),
        );
        const summary = (list: Array<{ date: string; kind: string }>) =>
          list.map((d) => `${d.date} ${d.kind}`);
        await appendAudit(trx, caller.actor, {
          action: existing ? 'calendar.update' : 'calendar.create',
          entityType: 'work_calendar',
          entityId: String(year),
          before: existing
            ? { source: existing.source, days: summary(before.map((d) => ({ date: d.day, kind: d.kind }))) }
            : null,
          after: { source: source ?? existing?.source ?? null, days: summary(days) },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('conflict.version', { id: String(year) });
      throw error;
    }
    return this.view(year);
  }

  /**
   * The calendar for running deadlines (events, notices): a year not yet entered counts as
   * Monday–Friday, so reporting never stops at New Year; `calendar()` stays strict for the page.
   */
  async deadlineCalendar(): Promise<WorkCalendar> {
    return { ...(await this.calendar()), assumeWeekdays: true };
  }

  /** A step's deadline from a start instant, or `calendar.yearMissing` when it runs into an unentered year. */
  async deadline(start: Date, limit: TimeLimit): Promise<Deadline> {
    const calendar = await this.calendar();
    const due = deadlineFor(start, limit, calendar, this.hours);
    return {
      start: start.toISOString(),
      deadline: due.toISOString(),
      workingMinutes: workingMinutesBetween(start, due, calendar, this.hours),
    };
  }

  /** Today's year in Beijing: the page opens there. */
  currentYear(): number {
    return Number(beijingDate(new Date()).slice(0, 4));
  }
}
