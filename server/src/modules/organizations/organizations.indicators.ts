import {
  beijingToday,
  FUNDING_SOURCES,
  type FundingSource,
  type Locale,
  ORGANIZATION_VENUES,
  type OrganizationState,
  type OrganizationVenue,
  OWN_INCOME_SOURCES,
} from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { AppError } from '../../platform/errors.ts';
import { literalUnion, ref } from '../../platform/http-schemas.ts';
import { type Caller, codeInScope, escapeLike, inScope } from '../../platform/scope.ts';
import { catalogNames } from './organizations.catalog.ts';
import { visibleTo } from './organizations.repository.ts';

/**
 * Indicators of the registry the district named as its problems (R6.1–R6.3, issue #4 item 9), all
 * computed from the records the caller sees: how many organizations per 10,000 residents by street
 * and by community, which communities fall short of the national target for community social
 * organizations, and how the registry is spread over fields, categories, venues, staff sizes and
 * funding sources.
 */

/** Only the active registry counts: applications, returned, suspended and deregistered ones do not. */
export const COUNTED_STATES: readonly OrganizationState[] = ['active'];

/**
 * 民政部《关于大力培育发展社区社会组织的意见》（民发〔2017〕191号）: by 2020 at least 10 community social
 * organizations per urban community (社区) and 5 per rural one (村) on average. Urban or rural is the
 * division's level: community → urban, village → rural.
 */
export const COMMUNITY_ORG_TARGET = { community: 10, village: 5 } as const;
export const COMMUNITY_ORG_TARGET_SOURCE = '民发〔2017〕191号《关于大力培育发展社区社会组织的意见》';

/** Staff-size bands (R6.3 weak staff): full-time staff as recorded on each organization. */
export const STAFF_BANDS = ['0', '1-2', '3-9', '10+'] as const;
export type StaffBand = (typeof STAFF_BANDS)[number];

/** Bands of an organization's own-income share in the funding year (R6.2). */
export const SELF_FUNDING_BANDS = ['none', 'under25', '25to50', '50plus'] as const;
export type SelfFundingBand = (typeof SELF_FUNDING_BANDS)[number];

// ---------------------------------------------------------------------------------------------
// Schemas

const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
  description: '占比（0–1）；分母为 0 时为 null',
});
const Per10k = Type.Union([Type.Number({ minimum: 0 }), Type.Null()], {
  description: '每万名常住人口拥有的社会组织数；无人口数据时为 null',
});

const AreaProperties = {
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  population: Type.Union([Type.Integer(), Type.Null()]),
  organizations: Type.Integer({ description: '在册（正常状态）社会组织数' }),
  communityOrgs: Type.Integer({ description: '其中备案的社区社会组织数' }),
  staff: Type.Integer({ description: '专职人员合计' }),
  per10k: Per10k,
};

export const StreetIndicatorSchema = Type.Object(AreaProperties, { $id: 'OrganizationStreetIndicator' });

export const CommunityIndicatorSchema = Type.Object(
  {
    ...AreaProperties,
    streetCode: Type.String(),
    streetName: Type.Union([Type.String(), Type.Null()]),
    target: Type.Integer({ description: '191号文目标：城市社区 10 个，农村社区（村）5 个' }),
    gap: Type.Integer({ description: '距目标还差的社区社会组织数（达标为 0）' }),
  },
  { $id: 'OrganizationCommunityIndicator' },
);

const Counted = <K extends readonly string[]>(keys: K) =>
  Type.Object({ key: literalUnion(keys), organizations: Type.Integer(), share: Share });
/** A field or category of the district's catalog, with its name in the caller's language. */
const CountedEntry = Type.Object({
  key: Type.String(),
  name: Type.String(),
  organizations: Type.Integer(),
  share: Share,
});

export const OrganizationIndicatorsSchema = Type.Object(
  {
    divisionCode: Type.Union([Type.String(), Type.Null()], {
      description: '所查区划（未指定时为调用者的全部数据范围）',
    }),
    countedStates: Type.Array(Type.String(), { description: '计入指标的组织状态' }),
    totals: Type.Object({
      organizations: Type.Integer(),
      communityOrgs: Type.Integer(),
      population: Type.Union([Type.Integer(), Type.Null()]),
      per10k: Per10k,
    }),
    streets: Type.Array(ref(StreetIndicatorSchema)),
    communities: Type.Array(ref(CommunityIndicatorSchema)),
    target: Type.Object({
      community: Type.Integer(),
      village: Type.Integer(),
      source: Type.String(),
      basis: Type.String({ description: '城乡划分依据' }),
    }),
    belowTarget: Type.Array(ref(CommunityIndicatorSchema), {
      description: '社区社会组织数低于目标的社区/村，缺口大的在前',
    }),
    byField: Type.Array(CountedEntry, {
      description: '一个组织可有多个服务领域：占比 = 含该领域的组织数 ÷ 组织总数，各项之和可大于 1；多的在前',
    }),
    byCategory: Type.Array(CountedEntry, { description: '每个组织一个类别，各项之和为 1；多的在前' }),
    byVenue: Type.Array(Counted(ORGANIZATION_VENUES)),
    withoutVenueShare: Share,
    byStaffSize: Type.Array(Counted(STAFF_BANDS), {
      description: '专职人员数分档：0、1–2、3–9、10 人及以上',
    }),
    selfFunding: Type.Object({
      year: Type.Union([Type.Integer(), Type.Null()], {
        description: '最近一个有资金记录的完整年度（北京时间今年之前）',
      }),
      ownSources: Type.Array(Type.String(), { description: '计为自有收入的来源：服务收费、社会捐赠、其他' }),
      organizations: Type.Integer({ description: '该年度有资金记录的组织数' }),
      ownFen: Type.Integer(),
      totalFen: Type.Integer(),
      share: Share,
      bySource: Type.Array(Type.Object({ source: literalUnion(FUNDING_SOURCES), amountFen: Type.Integer() })),
      byBand: Type.Array(Counted(SELF_FUNDING_BANDS), {
        description: '按各组织自有收入占比分档的组织数：无、<25%、25–50%、≥50%',
      }),
    }),
  },
  { $id: 'OrganizationIndicators' },
);

export const IndicatorsQuery = Type.Object({
  divisionCode: Type.Optional(
    Type.String({
      pattern: '^([0-9]{6}|[0-9]{9}|[0-9]{12})$',
      description: '区、街道或社区代码（须在数据范围内）',
    }),
  ),
});

export const INDICATOR_SCHEMAS = [
  StreetIndicatorSchema,
  CommunityIndicatorSchema,
  OrganizationIndicatorsSchema,
];

export type OrganizationIndicators = Static<typeof OrganizationIndicatorsSchema>;
export type StreetIndicator = Static<typeof StreetIndicatorSchema>;
export type CommunityIndicator = Static<typeof CommunityIndicatorSchema>;
export type IndicatorsInput = Static<typeof IndicatorsQuery>;

// ---------------------------------------------------------------------------------------------
// Computation

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const per10k = (organizations: number, population: number | null) =>
  population ? Math.round((organizations / population) * 10_000 * 100) / 100 : null;

const staffBand = sql<StaffBand>`case
  when o.staff_count = 0 then '0'
  when o.staff_count <= 2 then '1-2'
  when o.staff_count <= 9 then '3-9'
  else '10+' end`;

export class OrganizationIndicatorService {
  constructor(private readonly db: Kysely<DB>) {}

  /** The active registry in the caller's scope, narrowed to one division when asked. */
  #registry(caller: Caller, divisionCode: string | undefined) {
    let q = visibleTo(this.db, caller).where('o.state', 'in', [...COUNTED_STATES]);
    if (divisionCode) q = q.where('o.divisionCode', 'like', `${escapeLike(divisionCode)}%`);
    return q;
  }

  /** A division the caller may see, or 404: another scope's figures are not even confirmed to exist. */
  async #checkDivision(caller: Caller, code: string): Promise<void> {
    const found =
      codeInScope(code, caller.scope) &&
      (await this.db.selectFrom('division').select('code').where('code', '=', code).executeTakeFirst());
    if (!found) throw new AppError('division.notFound', { code });
  }

  /** Streets (9 digits) and communities/villages (12 digits) of the scope, with their population. */
  async #areas(caller: Caller, divisionCode: string | undefined) {
    let q = this.db
      .selectFrom('division as d')
      .select(['d.code', 'd.name', 'd.level', 'd.population'])
      .where(sql<boolean>`length(d.code) in (9, 12)`)
      .where((eb) => inScope(eb, 'd.division_code', caller.scope));
    if (divisionCode) q = q.where('d.divisionCode', 'like', `${escapeLike(divisionCode)}%`);
    return q.orderBy('d.code').execute();
  }

  /** Active organizations by street and by community (street-level ones count for their street only). */
  async #countsByArea(caller: Caller, divisionCode: string | undefined) {
    return this.#registry(caller, divisionCode)
      .select([
        'o.divisionCode',
        sql<number>`count(*)::int`.as('organizations'),
        sql<number>`(count(*) filter (where o.kind = 'community_org'))::int`.as('communityOrgs'),
        sql<number>`coalesce(sum(o.staff_count), 0)::int`.as('staff'),
      ])
      .groupBy('o.divisionCode')
      .execute();
  }

  /** Category, venue and staff band in one pass over the registry (grouping sets), plus the total. */
  async #distributions(caller: Caller, divisionCode: string | undefined) {
    const inner = this.#registry(caller, divisionCode)
      .select(['o.category', 'o.venue', staffBand.as('band')])
      .as('r');
    return this.db
      .selectFrom(inner)
      .select([
        'r.category',
        'r.venue',
        'r.band',
        sql<number>`grouping(r.category, r.venue, r.band)`.as('g'),
        sql<number>`count(*)::int`.as('n'),
      ])
      .groupBy(sql`grouping sets ((r.category), (r.venue), (r.band), ())`)
      .execute();
  }

  /** Organizations having each field (an organization with two fields counts in both). */
  async #fields(caller: Caller, divisionCode: string | undefined) {
    const inner = this.#registry(caller, divisionCode)
      .select(sql<string>`unnest(o.fields)`.as('field'))
      .as('u');
    return this.db
      .selectFrom(inner)
      .select(['u.field', sql<number>`count(*)::int`.as('n')])
      .groupBy('u.field')
      .execute();
  }

  /**
   * The latest year before this one (Beijing time) with funding records of the registry in scope:
   * read backwards along the year index, stopping at the first record of a visible organization.
   */
  async #fundingYear(caller: Caller, divisionCode: string | undefined): Promise<number | null> {
    const thisYear = Number(beijingToday().slice(0, 4));
    const visible = this.#registry(caller, divisionCode).select('o.id');
    const row = await this.db
      .selectFrom('organizationFunding as f')
      .select('f.year')
      .where('f.year', '<', thisYear)
      .where('f.organizationId', 'in', visible)
      .orderBy('f.year', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.year ?? null;
  }

  /**
   * One pass over the year's funding of the registry in scope: each organization's sums by source,
   * then per self-funding band the organizations and their sums (the totals add the bands up).
   */
  async #funding(caller: Caller, divisionCode: string | undefined, year: number) {
    const own = sql.join(OWN_INCOME_SOURCES.map((s) => sql.lit(s)));
    // Aliased s0…s4 in FUNDING_SOURCES order: plain names the camel-case plugin leaves alone.
    const bySource = FUNDING_SOURCES.map((source, i) =>
      sql<number>`sum(f.amount_fen) filter (where f.source = ${sql.lit(source)})`.as(`s${i}`),
    );
    const perOrganization = this.#registry(caller, divisionCode)
      .innerJoin('organizationFunding as f', 'f.organizationId', 'o.id')
      .where('f.year', '=', year)
      .select([
        'o.id',
        sql<number>`coalesce(sum(f.amount_fen) filter (where f.source in (${own})), 0)`.as('own'),
        sql<number>`sum(f.amount_fen)`.as('total'),
        ...bySource,
      ])
      .groupBy('o.id')
      .as('p');
    const rows = await this.db
      .selectFrom(perOrganization)
      .select([
        sql<SelfFundingBand>`case
          when p.own = 0 then 'none'
          when p.own * 4 < p.total then 'under25'
          when p.own * 2 < p.total then '25to50'
          else '50plus' end`.as('band'),
        sql<number>`count(*)::int`.as('n'),
        ...FUNDING_SOURCES.map((_, i) =>
          sql<number>`coalesce(sum(${sql.ref(`p.s${i}`)}), 0)::bigint`.as(`s${i}`),
        ),
      ])
      .groupBy('band')
      .execute();
    return rows.map((r) => {
      const sums = r as unknown as Record<string, number | string | bigint>;
      return {
        band: r.band,
        n: Number(r.n),
        amounts: FUNDING_SOURCES.map((source, i) => [source, Number(sums[`s${i}`])] as const),
      };
    });
  }

  async indicators(caller: Caller, input: IndicatorsInput, locale: Locale): Promise<OrganizationIndicators> {
    const divisionCode = input.divisionCode;
    if (divisionCode) await this.#checkDivision(caller, divisionCode);
    const [names, areas, counts, distributions, fields, year] = await Promise.all([
      catalogNames(this.db, locale),
      this.#areas(caller, divisionCode),
      this.#countsByArea(caller, divisionCode),
      this.#distributions(caller, divisionCode),
      this.#fields(caller, divisionCode),
      this.#fundingYear(caller, divisionCode),
    ]);
    const funding = year === null ? null : await this.#funding(caller, divisionCode, year);

    const zero = () => ({ organizations: 0, communityOrgs: 0, staff: 0 });
    const tally = new Map<string, ReturnType<typeof zero>>();
    const add = (code: string, c: (typeof counts)[number]) => {
      const t = tally.get(code) ?? zero();
      t.organizations += Number(c.organizations);
      t.communityOrgs += Number(c.communityOrgs);
      t.staff += Number(c.staff);
      tally.set(code, t);
    };
    for (const c of counts) {
      add(c.divisionCode.slice(0, 9), c);
      if (c.divisionCode.length === 12) add(c.divisionCode, c);
    }
    const areaNames = new Map(areas.map((a) => [a.code, a.name]));
    const area = (a: (typeof areas)[number]) => {
      const t = tally.get(a.code) ?? zero();
      return {
        code: a.code,
        name: a.name,
        level: a.level,
        population: a.population,
        ...t,
        per10k: per10k(t.organizations, a.population),
      };
    };
    const streets: StreetIndicator[] = areas.filter((a) => a.code.length === 9).map(area);
    const communities: CommunityIndicator[] = areas
      .filter((a) => a.code.length === 12)
      .map((a) => {
        const row = area(a);
        const target = a.level === 'village' ? COMMUNITY_ORG_TARGET.village : COMMUNITY_ORG_TARGET.community;
        const streetCode = a.code.slice(0, 9);
        return {
          ...row,
          streetCode,
          streetName: areaNames.get(streetCode) ?? null,
          target,
          gap: Math.max(0, target - row.communityOrgs),
        };
      });
    const belowTarget = communities
      .filter((c) => c.gap > 0)
      .sort((a, b) => b.gap - a.gap || a.code.localeCompare(b.code));

    const total = Number(distributions.find((d) => d.g === 7)?.n ?? 0);
    const counted = <K extends string>(keys: readonly K[], pick: (key: K) => number) =>
      keys.map((key) => {
        const organizations = pick(key);
        return { key, organizations, share: share(organizations, total) };
      });
    // grouping() has a bit set for each column not grouped: 3 = only category, 5 = only venue, 6 = only band.
    const countOf = (g: number, column: 'category' | 'venue' | 'band', key: string) =>
      Number(distributions.find((d) => d.g === g && d[column] === key)?.n ?? 0);
    const byVenue = counted(ORGANIZATION_VENUES, (k: OrganizationVenue) => countOf(5, 'venue', k));
    // Every catalog entry (inactive ones too, older records carry them) and any code found only on
    // records, the most common first.
    const entries = (catalog: Record<string, string>, found: Array<{ key: string; n: number }>) =>
      [...new Set([...Object.keys(catalog), ...found.map((f) => f.key)])]
        .map((key) => {
          const organizations = Number(found.find((f) => f.key === key)?.n ?? 0);
          return { key, name: catalog[key] ?? key, organizations, share: share(organizations, total) };
        })
        .sort((a, b) => b.organizations - a.organizations);

    // Population of the scope: its streets when it has any, otherwise its communities.
    const top = streets.length > 0 ? streets : communities;
    const population = top.some((a) => a.population !== null)
      ? top.reduce((s, a) => s + (a.population ?? 0), 0)
      : null;
    const communityOrgs = counts.reduce((s, c) => s + Number(c.communityOrgs), 0);

    const amounts = new Map<FundingSource, number>();
    for (const band of funding ?? [])
      for (const [source, fen] of band.amounts) amounts.set(source, (amounts.get(source) ?? 0) + fen);
    const ownFen = OWN_INCOME_SOURCES.reduce((s, k) => s + (amounts.get(k) ?? 0), 0);
    const totalFen = [...amounts.values()].reduce((s, v) => s + v, 0);
    const fundedOrganizations = (funding ?? []).reduce((s, b) => s + b.n, 0);

    return {
      divisionCode: divisionCode ?? null,
      countedStates: [...COUNTED_STATES],
      totals: { organizations: total, communityOrgs, population, per10k: per10k(total, population) },
      streets,
      communities,
      target: {
        ...COMMUNITY_ORG_TARGET,
        source: COMMUNITY_ORG_TARGET_SOURCE,
        basis: '区划层级：社区为城市社区，村为农村社区',
      },
      belowTarget,
      byField: entries(
        names.field,
        fields.map((f) => ({ key: f.field, n: f.n })),
      ),
      byCategory: entries(
        names.category,
        distributions.filter((d) => d.g === 3).map((d) => ({ key: d.category, n: d.n })),
      ),
      byVenue,
      withoutVenueShare: share(byVenue.find((v) => v.key === 'none')?.organizations ?? 0, total),
      byStaffSize: counted(STAFF_BANDS, (k) => countOf(6, 'band', k)),
      selfFunding: {
        year,
        ownSources: [...OWN_INCOME_SOURCES],
        organizations: fundedOrganizations,
        ownFen,
        totalFen,
        share: share(ownFen, totalFen),
        bySource: FUNDING_SOURCES.map((source: FundingSource) => ({
          source,
          amountFen: amounts.get(source) ?? 0,
        })),
        byBand: SELF_FUNDING_BANDS.map((key) => {
          const organizations = funding?.find((b) => b.band === key)?.n ?? 0;
          return { key, organizations, share: share(organizations, fundedOrganizations) };
        }),
      },
    };
  }
}
