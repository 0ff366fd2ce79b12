import { ancestorCodesOf } from '@linli/common';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB, Division } from '../../db/schema.gen.ts';
import { escapeLike, inScope, type Scope } from '../../platform/scope.ts';

export type Db = Kysely<DB> | Transaction<DB>;
export type DivisionRow = Selectable<Division>;
export type SummaryRow = Omit<DivisionRow, 'boundary' | 'divisionCode' | 'nameBigrams'> & {
  childCount: number;
  hasBoundary: boolean;
};

const SUMMARY_COLUMNS = [
  'd.code',
  'd.name',
  'd.level',
  'd.parentCode',
  'd.population',
  'd.households',
  'd.communityType',
  'd.urbanRuralCode',
  'd.source',
  'd.boundaryGenerated',
  'd.version',
  'd.createdAt',
  'd.updatedAt',
] as const;

const CHILD_COUNT = sql<number>`(select count(*)::int from division c where c.parent_code = d.code)`;

function summaries(db: Db, scope: Scope) {
  return db
    .selectFrom('division as d')
    .select(SUMMARY_COLUMNS)
    .select([CHILD_COUNT.as('childCount'), sql<boolean>`d.boundary is not null`.as('hasBoundary')])
    .where((eb) => inScope(eb, 'd.division_code', scope));
}

export async function findSummary(db: Db, scope: Scope, code: string): Promise<SummaryRow | undefined> {
  return summaries(db, scope).where('d.code', '=', code).executeTakeFirst();
}

export async function findRow(db: Db, scope: Scope, code: string): Promise<DivisionRow | undefined> {
  return db
    .selectFrom('division as d')
    .selectAll()
    .where('d.code', '=', code)
    .where((eb) => inScope(eb, 'd.division_code', scope))
    .executeTakeFirst();
}

export async function listChildren(
  db: Db,
  scope: Scope,
  parentCode: string,
  filter: { level?: string | undefined; q?: string | undefined; limit: number; offset: number },
): Promise<{ items: SummaryRow[]; total: number }> {
  let base = summaries(db, scope).where('d.parentCode', '=', parentCode);
  if (filter.level) base = base.where('d.level', '=', filter.level);
  if (filter.q) base = base.where('d.name', 'like', `%${escapeLike(filter.q)}%`);
  const [items, total] = await Promise.all([
    base.orderBy('d.code').limit(filter.limit).offset(filter.offset).execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function searchByName(
  db: Db,
  scope: Scope,
  filter: {
    q: string;
    level?: string | undefined;
    within?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ items: SummaryRow[]; total: number }> {
  let base = summaries(db, scope).where('d.name', 'like', `%${escapeLike(filter.q)}%`);
  // Two or more characters: narrow by the character-pair index first (see migration 202611271000).
  if ([...filter.q].length >= 2)
    base = base.where(sql<boolean>`d.name_bigrams @> linli_bigrams(${filter.q})`);
  if (filter.level) base = base.where('d.level', '=', filter.level);
  if (filter.within) base = base.where('d.divisionCode', 'like', `${escapeLike(filter.within)}%`);
  const [items, total] = await Promise.all([
    base
      // Exact and prefix matches first, then shorter names, then code order.
      .orderBy(
        sql`case when d.name = ${filter.q} then 0 when d.name like ${`${escapeLike(filter.q)}%`} then 1 else 2 end`,
      )
      .orderBy(sql`length(d.code)`)
      .orderBy('d.code')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function namesOf(
  db: Db,
  codes: string[],
): Promise<Map<string, { name: string; level: string }>> {
  if (codes.length === 0) return new Map();
  const rows = await db
    .selectFrom('division')
    .select(['code', 'name', 'level'])
    .where('code', 'in', codes)
    .execute();
  return new Map(rows.map((r) => [r.code, { name: r.name, level: r.level }]));
}

export async function ancestorsOf(db: Db, code: string) {
  const codes = ancestorCodesOf(code);
  const names = await namesOf(db, codes);
  return codes.flatMap((c) => {
    const n = names.get(c);
    return n ? [{ code: c, name: n.name, level: n.level }] : [];
  });
}

/** Number of descendants per level and the population of the finest populated level below. */
export async function descendantStats(db: Db, code: string) {
  const rows = await db
    .selectFrom('division')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where('divisionCode', 'like', `${escapeLike(code)}%`)
    .where('code', '<>', code)
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)])) as Record<string, number>;
}

export async function childrenWithBoundary(db: Db, code: string): Promise<number> {
  const row = await db
    .selectFrom('division')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('parentCode', '=', code)
    .where('boundary', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function treeRows(db: Db, scope: Scope, root: string, depth: number) {
  const maxLength = root.length + depth * 3;
  return db
    .selectFrom('division as d')
    .select(['d.code', 'd.name', 'd.level', 'd.parentCode'])
    .select(CHILD_COUNT.as('childCount'))
    .where('d.divisionCode', 'like', `${escapeLike(root)}%`)
    .where(sql<boolean>`length(d.code) <= ${maxLength}`)
    .where((eb) => inScope(eb, 'd.division_code', scope))
    .orderBy('d.code')
    .execute();
}

export async function specialAreasUnder(db: Db, code: string) {
  return db
    .selectFrom('specialArea')
    .select(['id', 'name', 'kind', 'divisionCode', 'note'])
    .where((eb) =>
      eb.or([
        eb('divisionCode', 'like', `${escapeLike(code)}%`),
        eb('divisionCode', 'in', [code, ...ancestorCodesOf(code)]),
      ]),
    )
    .orderBy('id')
    .execute();
}

export async function childFeatures(db: Db, scope: Scope, code: string) {
  return db
    .selectFrom('division as d')
    .select([
      'd.code',
      'd.name',
      'd.level',
      'd.population',
      'd.households',
      'd.boundary',
      'd.boundaryGenerated',
    ])
    .where('d.parentCode', '=', code)
    .where((eb) => inScope(eb, 'd.division_code', scope))
    .orderBy('d.code')
    .execute();
}

export async function subtreeRows(db: Db, scope: Scope, root: string) {
  return db
    .selectFrom('division as d')
    .selectAll()
    .where('d.divisionCode', 'like', `${escapeLike(root)}%`)
    .where((eb) => inScope(eb, 'd.division_code', scope))
    .orderBy(sql`length(d.code)`)
    .orderBy('d.code')
    .execute();
}

export async function existingCodes(db: Db, codes: string[]): Promise<Map<string, DivisionRow>> {
  const out = new Map<string, DivisionRow>();
  for (let i = 0; i < codes.length; i += 1000) {
    const rows = await db
      .selectFrom('division')
      .selectAll()
      .where('code', 'in', codes.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.code, r);
  }
  return out;
}
