import { type Kysely, sql } from 'kysely';
import type pg from 'pg';
import type { DB } from '../../server/src/db/schema.gen.ts';
import { seedDemoEventCategories } from '../../server/src/demo/event-categories.ts';
import { searchText } from '../../server/src/platform/search-text.ts';
import type { CityRow } from './generate-city.ts';

/**
 * A year of grid events over the generated city for the event scenarios of the bench (issue #5
 * acceptance: event intake and the filtered list at 1,000,000 events on PostgreSQL). Rows are made
 * by PostgreSQL itself (`generate_series`) from arrays of grids, categories and descriptions, each
 * description with the search vector the app computes when it writes an event, so loading a
 * million rows takes a minute, not an hour of jieba.
 */
export const EVENT_SCALE = { count: 1_000_000, chunk: 100_000 };

/** Descriptions as residents write them; the words the search scenario asks for occur in a few. */
export const EVENT_DESCRIPTIONS = [
  '路面出现坑洼，雨后积水，行人容易摔倒',
  '人行道地砖松动翘起，老人推车不方便',
  '早市摊贩占道经营，早高峰造成拥堵',
  '一楼住户在公共绿地上私自搭建彩钢房',
  '垃圾桶满溢两天无人清运，异味很大',
  '路灯连续多晚不亮，晚上出行很黑',
  '雨水井盖缺失，只用树枝挡着，非常危险',
  '单元门禁损坏多日，陌生人随意进出',
  '楼上空调外机滴水，邻居多次争吵',
  '物业收费不公示，与物业公司协商无果',
  '楼下商铺夜间装修施工，噪音很大',
  '多户居民反映暖气不热，室温不足十六度',
  '消防通道被私家车长期占用',
  '楼道内闻到燃气味，居民担心泄漏',
  '居民从窗户拉线给电动车充电，存在火灾隐患',
  '老旧楼房外墙出现裂缝，墙皮脱落',
] as const;

/** Words the search scenario asks for in turn (each hits one or two descriptions). */
export const EVENT_SEARCH_WORDS = ['坑洼', '路灯', '井盖', '噪音', '暖气', '燃气', '充电', '垃圾'] as const;

/**
 * Loads the events in chunks, one transaction each: the demo's category tree first (the bench
 * database has none), then rows spread over every grid, category and state of the loop, over the
 * last 365 days, a third of the open ones overdue; the lead department rows of dispatched ones.
 */
export async function loadEvents(db: Kysely<DB>, city: readonly CityRow[], count: number): Promise<void> {
  await seedDemoEventCategories(db);
  const categories = await db
    .selectFrom('eventCategory')
    .select(['code', 'department'])
    .where('parentCode', 'is not', null)
    .orderBy('code')
    .execute();
  const grids = city.filter((r) => r.level === 'grid').map((r) => r.code);
  const descriptions = [...EVENT_DESCRIPTIONS];
  const vectors = descriptions.map((d) => searchText(d));
  const cats = categories.map((c) => c.code);
  const departments = categories.map((c) => c.department ?? '城管');
  const states = [
    ...Array(40).fill('rated'),
    ...Array(25).fill('closed'),
    ...Array(12).fill('dispatched'),
    ...Array(5).fill('handled'),
    ...Array(4).fill('filed'),
    ...Array(4).fill('reported'),
    ...Array(6).fill('not_filed'),
    ...Array(4).fill('merged'),
  ] as string[];
  for (let from = 1; from <= count; from += EVENT_SCALE.chunk) {
    const to = Math.min(count, from + EVENT_SCALE.chunk - 1);
    await db.transaction().execute(async (trx) => {
      await sql`
        insert into grid_event (id, no, division_code, category_code, description, address, longitude, latitude,
          source, reporter_name, state, version, step, step_started_at, due_at, overdue, overdue_count,
          ever_overdue, lead_department, reported_at, filed_at, dispatched_at, handled_at, closed_at, rating,
          rated_at, search_vector, created_at, updated_at)
        select 'bench-event-' || g, 'SJB' || lpad(g::text, 12, '0'), grid, cat, descriptions[d], '测试地址 ' || (g % 50 + 1) || ' 号楼',
          125.1 + (h % 20000) / 100000.0, 43.8 + (h % 15000) / 100000.0,
          (array['patrol', 'resident', 'phone'])[1 + (h % 3)::int], '网格员', state, 1,
          step, case when step is null then null else at + interval '1 hour' end,
          case when step is null then null else at + interval '3 days' end,
          step is not null and h % 3 = 0, (step is not null and h % 3 = 0)::int,
          (step is not null and h % 3 = 0) or h % 10 = 0,
          case when state in ('dispatched', 'handled', 'closed', 'rated') then dept end,
          at, case when state not in ('reported', 'not_filed', 'merged') then at + interval '30 minutes' end,
          case when state in ('dispatched', 'handled', 'closed', 'rated') then at + interval '1 hour' end,
          case when state in ('handled', 'closed', 'rated') then at + interval '2 days' end,
          case when state in ('closed', 'rated') then at + interval '3 days' end,
          case when state = 'rated' then (array['satisfied', 'satisfied', 'satisfied', 'basic', 'unsatisfied'])[1 + (h % 5)::int] end,
          case when state = 'rated' then at + interval '4 days' end,
          setweight(to_tsvector('simple', vectors[d]), 'A'), at, at
        from (
          select g, h, ${sql.val(descriptions)}::text[] as descriptions, ${sql.val(vectors)}::text[] as vectors,
            (${sql.val(grids)}::text[])[1 + (h % ${grids.length})::int] as grid,
            (${sql.val(cats)}::text[])[1 + ((h / 7) % ${cats.length})::int] as cat,
            (${sql.val(departments)}::text[])[1 + ((h / 7) % ${cats.length})::int] as dept,
            1 + ((h / 11) % ${descriptions.length})::int as d,
            (${sql.val(states)}::text[])[1 + ((h / 13) % ${states.length})::int] as state,
            case (${sql.val(states)}::text[])[1 + ((h / 13) % ${states.length})::int]
              when 'reported' then 'accept' when 'filed' then 'dispatch'
              when 'dispatched' then 'handle' when 'handled' then 'verify' end as step,
            now() - ((h % 31536000)::float8) * interval '1 second' as at
          from (select g, (g::bigint * 2654435761) % 4294967296 as h from generate_series(${from}::int, ${to}::int) g) s
        ) r`.execute(trx);
    });
  }
  await sql`
    insert into grid_event_department (event_id, department, role, assigned_at)
    select id, lead_department, 'lead', dispatched_at from grid_event where lead_department is not null`.execute(
    db,
  );
}

/** The dataset paragraph of the report. */
export async function eventsDatasetSection(pool: pg.Pool, loadSeconds: number): Promise<string> {
  const { rows } = await pool.query<{ n: number; open: number; overdue: number }>(
    `select count(*)::int as n,
            (count(*) filter (where state in ('reported', 'filed', 'dispatched', 'handled')))::int as open,
            (count(*) filter (where overdue))::int as overdue
       from grid_event`,
  );
  const { rows: size } = await pool.query<{ size: string }>(
    `select pg_size_pretty(pg_total_relation_size('grid_event')) as size`,
  );
  const r = rows[0]!;
  const fmt = (n: number) => n.toLocaleString('en-US');
  return `Generated grid events: ${fmt(r.n)} over the city's grids and the demo's category tree in the last 365 days (${fmt(r.open)} open, ${fmt(r.overdue)} overdue), loaded in ${loadSeconds.toFixed(1)} s; \`grid_event\` with indexes: ${size[0]?.size}.`;
}
