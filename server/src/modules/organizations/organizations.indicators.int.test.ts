import { beijingToday, OWN_INCOME_SOURCES } from '@linli/common';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import type { OrganizationIndicators } from './organizations.indicators.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let community: AuthHeaders;

const STREET = '220106001';
const HOME = '220106001001';

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
});
afterAll(() => t.close());

const get = (headers: AuthHeaders, url: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

async function indicators(headers: AuthHeaders, query = ''): Promise<OrganizationIndicators> {
  const res = await get(headers, `/organizations/indicators${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as OrganizationIndicators;
}

/** The registry and divisions straight from the tables, to recount every figure independently. */
async function records(prefix: string) {
  const db = t.database.db;
  const orgs = (
    await db
      .selectFrom('organization')
      .select(['id', 'kind', 'state', 'divisionCode', 'fields', 'category', 'venue', 'staffCount'])
      .execute()
  ).filter((o) => o.state === 'active' && o.divisionCode.startsWith(prefix));
  const divisions = (
    await db.selectFrom('division').select(['code', 'level', 'population']).execute()
  ).filter((d) => d.code.startsWith(prefix));
  const funding = await db.selectFrom('organizationFunding').selectAll().execute();
  return { orgs, divisions, funding };
}

/** Organizations per 10,000 residents; none where no one is recorded living (development zones). */
const per10k = (n: number, population: number | null) =>
  population ? Math.round((n / population) * 10_000 * 100) / 100 : null;

async function expectMatchesRecords(data: OrganizationIndicators, prefix: string) {
  const { orgs, divisions, funding } = await records(prefix);
  expect(data.countedStates).toEqual(['active']);
  expect(data.totals.organizations).toBe(orgs.length);
  expect(data.totals.communityOrgs).toBe(orgs.filter((o) => o.kind === 'community_org').length);

  const streets = divisions.filter((d) => d.code.length === 9);
  expect(data.streets.map((s) => s.code)).toEqual(streets.map((s) => s.code).sort());
  for (const s of data.streets) {
    const n = orgs.filter((o) => o.divisionCode.startsWith(s.code)).length;
    expect(s.organizations, s.code).toBe(n);
    expect(s.per10k, s.code).toBe(per10k(n, s.population));
  }

  const communities = divisions.filter((d) => d.code.length === 12);
  expect(data.communities).toHaveLength(communities.length);
  for (const c of data.communities) {
    const here = orgs.filter((o) => o.divisionCode === c.code);
    const filed = here.filter((o) => o.kind === 'community_org').length;
    const target = communities.find((d) => d.code === c.code)!.level === 'village' ? 5 : 10;
    expect(c.organizations, c.code).toBe(here.length);
    expect(c.communityOrgs, c.code).toBe(filed);
    expect(c.per10k, c.code).toBe(per10k(here.length, c.population));
    expect(c.target, c.code).toBe(target);
    expect(c.gap, c.code).toBe(Math.max(0, target - filed));
  }
  const below = data.communities.filter((c) => c.gap > 0).map((c) => c.code);
  expect(data.belowTarget.map((c) => c.code).sort()).toEqual(below.sort());

  const total = orgs.length;
  for (const f of data.byField) {
    const n = orgs.filter((o) => o.fields.includes(f.key)).length;
    expect(f.organizations, f.key).toBe(n);
    expect(f.share).toBeCloseTo(n / total, 10);
  }
  for (const c of data.byCategory)
    expect(c.organizations, c.key).toBe(orgs.filter((o) => o.category === c.key).length);
  expect(data.byCategory.reduce((s, c) => s + c.organizations, 0)).toBe(total);
  const none = orgs.filter((o) => o.venue === 'none').length;
  expect(data.byVenue.find((v) => v.key === 'none')?.organizations).toBe(none);
  expect(data.withoutVenueShare).toBeCloseTo(none / total, 10);
  const band = (n: number) => (n === 0 ? '0' : n <= 2 ? '1-2' : n <= 9 ? '3-9' : '10+');
  for (const b of data.byStaffSize)
    expect(b.organizations, b.key).toBe(orgs.filter((o) => band(o.staffCount) === b.key).length);

  // Self-funding: the latest year before this one with records of these organizations.
  const ids = new Set(orgs.map((o) => o.id));
  const mine = funding.filter((f) => ids.has(f.organizationId));
  const thisYear = Number(beijingToday().slice(0, 4));
  const year = Math.max(...mine.filter((f) => f.year < thisYear).map((f) => f.year));
  const ofYear = mine.filter((f) => f.year === year);
  const own = ofYear
    .filter((f) => OWN_INCOME_SOURCES.includes(f.source as never))
    .reduce((s, f) => s + Number(f.amountFen), 0);
  const all = ofYear.reduce((s, f) => s + Number(f.amountFen), 0);
  expect(data.selfFunding.year).toBe(year);
  expect(data.selfFunding.ownFen).toBe(own);
  expect(data.selfFunding.totalFen).toBe(all);
  expect(data.selfFunding.share).toBeCloseTo(own / all, 10);
  expect(data.selfFunding.organizations).toBe(new Set(ofYear.map((f) => f.organizationId)).size);
  // Each organization's own share of the year, in its band.
  const bandOf = (id: string) => {
    const rows = ofYear.filter((f) => f.organizationId === id);
    const mineOwn = rows
      .filter((f) => OWN_INCOME_SOURCES.includes(f.source as never))
      .reduce((s, f) => s + Number(f.amountFen), 0);
    const mineAll = rows.reduce((s, f) => s + Number(f.amountFen), 0);
    return mineOwn === 0
      ? 'none'
      : mineOwn / mineAll < 0.25
        ? 'under25'
        : mineOwn / mineAll < 0.5
          ? '25to50'
          : '50plus';
  };
  const funded = [...new Set(ofYear.map((f) => f.organizationId))];
  for (const b of data.selfFunding.byBand)
    expect(b.organizations, b.key).toBe(funded.filter((id) => bandOf(id) === b.key).length);
}

describe('organization indicators', () => {
  it('computes every district figure from the records', async () => {
    const data = await indicators(admin);
    expect(data.divisionCode).toBeNull();
    expect(data.totals.organizations).toBeGreaterThan(250);
    expect(data.belowTarget.length).toBeGreaterThan(0);
    await expectMatchesRecords(data, '220106');
    // An organization with two fields counts in both: field shares add up to more than 1.
    expect(data.byField.reduce((s, f) => s + (f.share ?? 0), 0)).toBeGreaterThan(1);
    expect(data.byCategory.reduce((s, f) => s + (f.share ?? 0), 0)).toBeCloseTo(1, 10);
  });

  it('follows inserted records: filings reaching the target take a community off the list', async () => {
    const before = await indicators(admin, `?divisionCode=${STREET}`);
    const short = before.belowTarget.find((c) => c.level === 'community')!;
    expect(short).toBeDefined();
    const rows = Array.from({ length: short.gap }, (_, i) => ({
      id: `test-indicator-${i}`,
      name: `测试${short.name}第${i + 1}支志愿服务队`,
      kind: 'community_org',
      state: 'active',
      divisionCode: short.code,
      fields: ['public_welfare', 'elderly'],
      category: 'volunteering',
      venue: 'none',
      staffCount: 0,
    }));
    // One that does not count: still awaiting review.
    rows.push({
      ...rows[0]!,
      id: 'test-indicator-applied',
      name: `测试${short.name}待审核队`,
      state: 'applied',
    });
    await t.database.db.insertInto('organization').values(rows).execute();
    const after = await indicators(admin, `?divisionCode=${STREET}`);
    const row = after.communities.find((c) => c.code === short.code)!;
    expect(row.communityOrgs).toBe(short.communityOrgs + short.gap);
    expect(row.gap).toBe(0);
    expect(after.belowTarget.map((c) => c.code)).not.toContain(short.code);
    expect(after.totals.organizations).toBe(before.totals.organizations + short.gap);
    await expectMatchesRecords(after, STREET);
  });

  it('gives a street user its street only, matching the records', async () => {
    const data = await indicators(street);
    expect(data.streets.map((s) => s.code)).toEqual([STREET]);
    expect(data.communities.every((c) => c.code.startsWith(STREET))).toBe(true);
    await expectMatchesRecords(data, STREET);
    const same = await indicators(admin, `?divisionCode=${STREET}`);
    expect(same.totals).toEqual(data.totals);
  });

  it('gives a community worker its own community only', async () => {
    const data = await indicators(community);
    expect(data.streets).toEqual([]);
    expect(data.communities.map((c) => c.code)).toEqual([HOME]);
    await expectMatchesRecords(data, HOME);
    expect((await indicators(community, `?divisionCode=${HOME}`)).totals).toEqual(data.totals);
  });

  it('does not show another scope’s figures', async () => {
    // Another community of the same street, another street, the district above the caller.
    expect((await get(community, '/organizations/indicators?divisionCode=220106001002')).statusCode).toBe(
      404,
    );
    expect((await get(community, `/organizations/indicators?divisionCode=${STREET}`)).statusCode).toBe(404);
    expect((await get(street, '/organizations/indicators?divisionCode=220106003001')).statusCode).toBe(404);
    expect((await get(street, '/organizations/indicators?divisionCode=220106')).statusCode).toBe(404);
    expect((await get(street, '/organizations/indicators/export?divisionCode=220106003')).statusCode).toBe(
      404,
    );
    // A division that does not exist answers the same.
    expect((await get(admin, '/organizations/indicators?divisionCode=220106099')).statusCode).toBe(404);
    expect((await get(admin, '/organizations/indicators?divisionCode=12')).statusCode).toBe(400);
    // An organization's own account holds no district statistics.
    const org = await signIn(t.app, 'org.demo');
    expect((await get(org, '/organizations/indicators')).statusCode).toBe(403);
  });

  it('exports the communities below target with their gap', async () => {
    const data = await indicators(street);
    const res = await get(street, '/organizations/indicators/export');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('社会组织指标'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const below = wb.getWorksheet('未达标社区')!;
    expect(below.rowCount - 1).toBe(data.belowTarget.length);
    const header = (below.getRow(1).values as string[]).slice(1);
    const first = (below.getRow(2).values as unknown[]).slice(1);
    expect(first[header.indexOf('区划代码')]).toBe(data.belowTarget[0]!.code);
    expect(first[header.indexOf('缺口（个）')]).toBe(data.belowTarget[0]!.gap);
    expect(wb.getWorksheet('各社区')!.rowCount - 1).toBe(data.communities.length);
  });
});
