import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import type { Caller } from '../../platform/scope.ts';
import { escapeLike } from '../../platform/scope.ts';
import { departmentOnly, eventsVisibleTo } from './events.repository.ts';
import type { EventStats, EventStatsRow, StatsInput } from './events.schemas.ts';

interface Aggregate {
  key: string;
  name: string;
  total: number | string;
  closed: number | string;
  onTime: number | string;
  dispatched: number | string;
  returned: number | string;
  handlingSeconds: number | string | null;
  rated: number | string;
  satisfied: number | string;
  overdue: number | string;
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

function toRow(a: Aggregate): EventStatsRow {
  const closed = Number(a.closed);
  return {
    key: a.key,
    name: a.name,
    total: Number(a.total),
    closed,
    onTimeRate: ratio(Number(a.onTime), closed),
    returnRate: ratio(Number(a.returned), Number(a.dispatched)),
    avgHandlingHours:
      a.handlingSeconds === null ? null : Math.round((Number(a.handlingSeconds) / 3600) * 10) / 10,
    satisfactionRate: ratio(Number(a.satisfied), Number(a.rated)),
    overdue: Number(a.overdue),
  };
}

const CLOSED = sql`e.state in ('closed', 'rated')`;

/** The measures of one group of events (each event counted once). */
const eventMeasures = [
  sql<number>`count(*)::int`.as('total'),
  sql<number>`(count(*) filter (where ${CLOSED}))::int`.as('closed'),
  sql<number>`(count(*) filter (where ${CLOSED} and not e.ever_overdue))::int`.as('onTime'),
  sql<number>`(count(*) filter (where e.dispatched_at is not null))::int`.as('dispatched'),
  sql<number>`(count(*) filter (where e.returned_count > 0))::int`.as('returned'),
  sql<
    number | null
  >`avg(extract(epoch from e.handled_at - e.dispatched_at)) filter (where e.handled_at is not null and e.dispatched_at is not null)`.as(
    'handlingSeconds',
  ),
  sql<number>`(count(*) filter (where e.rating is not null))::int`.as('rated'),
  sql<number>`(count(*) filter (where e.rating in ('satisfied', 'basic')))::int`.as('satisfied'),
  sql<number>`(count(*) filter (where e.ever_overdue))::int`.as('overdue'),
] as const;

/**
 * Statistics of grid events (issue #5 item 7) over the events the caller may see, reported in a
 * date range (Beijing days) and a division: by category, department, grid and month — counts,
 * 按期办结率 (closed without ever being overdue), 退单率 (returned at least once of those
 * dispatched; for a department, its returns of the events it led; a department's own staff see
 * only their department's row), average handling time
 * (dispatch to handled), 满意率 (satisfied or basically satisfied of those rated) — and a ranking
 * of departments.
 */
export class EventStatsService {
  constructor(private readonly db: Kysely<DB>) {}

  #base(caller: Caller, input: StatsInput) {
    let q = eventsVisibleTo(this.db, caller);
    if (input.from) q = q.where('e.reportedAt', '>=', new Date(`${input.from}T00:00:00+08:00`));
    if (input.to)
      q = q.where('e.reportedAt', '<', new Date(Date.parse(`${input.to}T00:00:00+08:00`) + 86_400_000));
    if (input.divisionCode)
      q = q.where(sql<boolean>`e.division_code like ${`${escapeLike(input.divisionCode)}%`}`);
    return q;
  }

  async stats(caller: Caller, input: StatsInput): Promise<EventStats> {
    const base = () => this.#base(caller, input);
    const byCategory = await base()
      .innerJoin('eventCategory as k', 'k.code', 'e.categoryCode')
      .select(['e.categoryCode as key', 'k.name as name', ...eventMeasures])
      .groupBy(['e.categoryCode', 'k.name'])
      .orderBy('e.categoryCode')
      .execute();
    const byGrid = await base()
      .innerJoin('division as g', 'g.code', 'e.divisionCode')
      .select(['e.divisionCode as key', 'g.name as name', ...eventMeasures])
      .groupBy(['e.divisionCode', 'g.name'])
      .orderBy('e.divisionCode')
      .execute();
    const month = sql<string>`to_char(e.reported_at at time zone 'Asia/Shanghai', 'YYYY-MM')`;
    const byMonth = await base()
      .select([month.as('key'), month.as('name'), ...eventMeasures])
      .groupBy(month)
      .orderBy(month)
      .execute();
    // A department's figures count the events it led: its returns, and the outcome of those it kept.
    const kept = sql`d.released_at is null`;
    const own = departmentOnly(caller);
    const byDepartment = await base()
      .innerJoin('gridEventDepartment as d', 'd.eventId', 'e.id')
      .where('d.role', '=', 'lead')
      .$if(own !== null, (q) => q.where('d.department', 'in', own!.length > 0 ? [...own!] : ['']))
      .select([
        'd.department as key',
        'd.department as name',
        sql<number>`count(distinct e.id)::int`.as('total'),
        sql<number>`(count(*) filter (where ${kept} and ${CLOSED}))::int`.as('closed'),
        sql<number>`(count(*) filter (where ${kept} and ${CLOSED} and not e.ever_overdue))::int`.as('onTime'),
        sql<number>`count(*)::int`.as('dispatched'),
        sql<number>`(count(*) filter (where d.returned))::int`.as('returned'),
        sql<
          number | null
        >`avg(extract(epoch from e.handled_at - d.assigned_at)) filter (where ${kept} and e.handled_at is not null)`.as(
          'handlingSeconds',
        ),
        sql<number>`(count(*) filter (where ${kept} and e.rating is not null))::int`.as('rated'),
        sql<number>`(count(*) filter (where ${kept} and e.rating in ('satisfied', 'basic')))::int`.as(
          'satisfied',
        ),
        sql<number>`(count(*) filter (where ${kept} and e.ever_overdue))::int`.as('overdue'),
      ])
      .groupBy('d.department')
      .orderBy('d.department')
      .execute();
    const departments = byDepartment.map(toRow);
    return {
      from: input.from ?? null,
      to: input.to ?? null,
      byCategory: byCategory.map(toRow),
      byDepartment: departments,
      byGrid: byGrid.map(toRow),
      byMonth: byMonth.map(toRow),
      departmentRanking: ranking(departments),
    };
  }
}

/**
 * Departments ranked by a score of 0–100: 按期办结率 40 %, 满意率 40 %, (1 − 退单率) 20 %; a measure
 * without data (nothing closed, rated or dispatched yet) is left out and the others reweighted.
 */
export function ranking(rows: EventStatsRow[]): EventStats['departmentRanking'] {
  const scored = rows.map((row) => {
    const parts: Array<[number | null, number]> = [
      [row.onTimeRate, 0.4],
      [row.satisfactionRate, 0.4],
      [row.returnRate === null ? null : 1 - row.returnRate, 0.2],
    ];
    const known = parts.filter((p): p is [number, number] => p[0] !== null);
    const weight = known.reduce((s, [, w]) => s + w, 0);
    const score = weight === 0 ? 0 : known.reduce((s, [v, w]) => s + v * w, 0) / weight;
    return { row, score: Math.round(score * 1000) / 10 };
  });
  scored.sort(
    (a, b) => b.score - a.score || b.row.closed - a.row.closed || a.row.key.localeCompare(b.row.key),
  );
  return scored.map((s, i) => ({ rank: i + 1, score: s.score, row: s.row }));
}
