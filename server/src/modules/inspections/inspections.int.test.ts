import { beijingToday, permissionsOf } from '@linli/common';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { type Caller, scopeOf } from '../../platform/scope.ts';
import { InspectionService, inspectionDeadline, simplifiedFor } from './inspections.service.ts';
import { inspectionTimeline } from './inspections.timeline.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let org: AuthHeaders;
/** The last complete year the demo holds inspections for. */
let lastYear: number;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  org = await signIn(t.app, 'org.demo');
  const row = await t.database.db
    .selectFrom('inspection')
    .select(sql<number>`max(year)`.as('y'))
    .executeTakeFirstOrThrow();
  lastYear = Number(row.y);
});
afterAll(() => t.close());

type Method = 'GET' | 'POST';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

interface Inspection {
  id: string;
  organizationId: string;
  divisionCode: string;
  year: number;
  state: string;
  result: string | null;
  findings: string | null;
  inspectorName: string | null;
  simplified: boolean;
  version: number;
  abilities: Record<string, boolean>;
  history: Array<{ action: string; comment: string | null }>;
}

const ZHENGYANG = '220106001';
const districtCaller: Caller = {
  scope: scopeOf(['220106']),
  permissions: permissionsOf(['district_admin']),
  roles: ['district_admin'],
  actor: { id: 'test-admin', name: '测试管理员', role: 'district_admin' },
};

/** An active registered organization with the given grade and no record for the year. */
async function registered(where: {
  grade?: string | null;
  street?: string;
  notStreet?: string;
  year: number;
}) {
  let q = t.database.db
    .selectFrom('organization as o')
    .select(['o.id', 'o.name', 'o.divisionCode', 'o.grade'])
    .where('o.kind', '!=', 'community_org')
    .where('o.state', '=', 'active')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('inspection as i')
            .select('i.id')
            .whereRef('i.organizationId', '=', 'o.id')
            .where('i.year', '=', where.year),
        ),
      ),
    );
  if (where.grade !== undefined)
    q = where.grade === null ? q.where('o.grade', 'is', null) : q.where('o.grade', '=', where.grade);
  if (where.street) q = q.where('o.divisionCode', 'like', `${where.street}%`);
  if (where.notStreet) q = q.where('o.divisionCode', 'not like', `${where.notStreet}%`);
  return q.orderBy('o.id').execute();
}

describe('annual inspection (R2.5, R4.4)', () => {
  it('holds five years of demo inspections with a mix of results and some overdue', async () => {
    const years = await t.database.db
      .selectFrom('inspection')
      .select(['year', 'result', sql<number>`count(*)::int`.as('n')])
      .groupBy(['year', 'result'])
      .execute();
    expect(new Set(years.map((r) => r.year)).size).toBe(5);
    expect(lastYear).toBe(Number(beijingToday().slice(0, 4)) - 1);
    const results = new Set(years.map((r) => r.result));
    expect(results).toEqual(new Set(['qualified', 'basically_qualified', 'unqualified', null]));
    const overdue = await call(
      admin,
      'GET',
      `/inspections/overdue?year=${lastYear}&asOf=${lastYear + 1}-07-01`,
    );
    expect(overdue.statusCode, overdue.body).toBe(200);
    expect(overdue.json().total).toBeGreaterThan(0);
    const page = await call(admin, 'GET', `/inspections?year=${lastYear}&result=unqualified`);
    const items = page.json().items as Inspection[];
    expect(items.every((i) => i.result === 'unqualified' && i.year === lastYear)).toBe(true);
  });

  it('computes the overdue list around the deadline', async () => {
    const year = lastYear;
    const deadline = inspectionDeadline(year);
    expect(deadline).toBe(`${year + 1}-05-31`);
    const service = new InspectionService(t.database.db, { simplifiedGrade: '3A', today: () => deadline });
    const onDeadline = await service.overdue(districtCaller, { year });
    expect(onDeadline).toMatchObject({ year, deadline, due: false, total: 0, items: [] });
    // Without a year, "today" decides: the day after the deadline, last year's laggards are overdue.
    const later = new InspectionService(t.database.db, {
      simplifiedGrade: '3A',
      today: () => `${year + 1}-06-01`,
    });
    const dayAfter = await later.overdue(districtCaller, { limit: 100 });
    expect(dayAfter.year).toBe(year);
    expect(dayAfter.due).toBe(true);
    const missing = await registered({ year });
    expect(dayAfter.total).toBeGreaterThan(0);
    expect(dayAfter.total).toBeLessThanOrEqual(missing.length);
    expect(dayAfter.items.every((o) => missing.some((m) => m.id === o.organizationId))).toBe(true);
    // Submitting removes the organization from the list.
    const first = dayAfter.items[0]!;
    await later.create(
      districtCaller,
      { organizationId: first.organizationId, year, submittedOn: `${year + 1}-06-01` },
      'zh-CN',
    );
    const after = await later.overdue(districtCaller, { limit: 100 });
    expect(after.total).toBe(dayAfter.total - 1);
    expect(after.items.some((o) => o.organizationId === first.organizationId)).toBe(false);
    // A street sees only its own laggards.
    const streetList = await call(
      street,
      'GET',
      `/inspections/overdue?year=${year}&asOf=${year + 1}-06-01&limit=100`,
    );
    expect(
      (streetList.json().items as Array<{ divisionCode: string }>).every((o) =>
        o.divisionCode.startsWith(ZHENGYANG),
      ),
    ).toBe(true);
  });

  it('flags the simplified procedure by grade against the configured threshold', async () => {
    expect(simplifiedFor('3A', '3A')).toBe(true);
    expect(simplifiedFor('3A', '4A')).toBe(false);
    expect(simplifiedFor('5A', '4A')).toBe(true);
    expect(simplifiedFor(null, '1A')).toBe(false);
    const year = lastYear - 7;
    const [threeA] = await registered({ grade: '3A', year });
    const [fourA] = await registered({ grade: '4A', year });
    const [none] = await registered({ grade: null, year });
    const national = new InspectionService(t.database.db, { simplifiedGrade: '4A' });
    const a = await national.create(
      districtCaller,
      { organizationId: threeA!.id, year, submittedOn: `${year + 1}-04-01` },
      'zh-CN',
    );
    const b = await national.create(
      districtCaller,
      { organizationId: fourA!.id, year, submittedOn: `${year + 1}-04-01` },
      'zh-CN',
    );
    expect([a.simplified, b.simplified]).toEqual([false, true]);
    // The app runs with the default, Lüyuan's 3A.
    const c = await call(admin, 'POST', '/inspections', {
      organizationId: threeA!.id,
      year: year - 1,
      submittedOn: `${year}-04-01`,
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json().simplified).toBe(true);
    const d = await call(admin, 'POST', '/inspections', {
      organizationId: none!.id,
      year,
      submittedOn: `${year + 1}-04-01`,
    });
    expect(d.json().simplified).toBe(false);
  });

  it('reviews, returns and resubmits on the workflow; illegal steps are refused', async () => {
    const year = lastYear - 8;
    const [o] = await registered({ year, street: ZHENGYANG });
    const created = await call(admin, 'POST', '/inspections', {
      organizationId: o!.id,
      year,
      reportSummary: '年度工作报告',
    });
    expect(created.statusCode, created.body).toBe(201);
    let i = created.json() as Inspection;
    expect(i).toMatchObject({
      state: 'submitted',
      abilities: { review: true, return: true, resubmit: false },
    });
    const twice = await call(admin, 'POST', '/inspections', { organizationId: o!.id, year });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('inspection.exists');

    const noResult = await call(admin, 'POST', `/inspections/${i.id}/transitions`, {
      action: 'review',
      version: i.version,
    });
    expect(noResult.statusCode).toBe(400);
    expect(noResult.json().code).toBe('inspection.resultRequired');
    const noComment = await call(admin, 'POST', `/inspections/${i.id}/transitions`, {
      action: 'return',
      version: i.version,
    });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().code).toBe('workflow.commentRequired');
    const resubmitNow = await call(admin, 'POST', `/inspections/${i.id}/transitions`, {
      action: 'resubmit',
      version: i.version,
    });
    expect(resubmitNow.statusCode).toBe(409);
    expect(resubmitNow.json().code).toBe('workflow.illegalTransition');

    const returned = await call(admin, 'POST', `/inspections/${i.id}/transitions`, {
      action: 'return',
      version: i.version,
      comment: '财务报告缺审计意见',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    i = returned.json();
    expect(i.state).toBe('returned');
    const resubmitted = await call(admin, 'POST', `/inspections/${i.id}/transitions`, {
      action: 'resubmit',
      version: i.version,
      reportSummary: '补充了审计意见',
    });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    i = resubmitted.json();
    const reviewed = await call(admin, 'POST', `/inspections/${i.id}/transitions`, {
      action: 'review',
      version: i.version,
      result: 'basically_qualified',
      findings: '限期规范财务管理',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    i = reviewed.json();
    expect(i).toMatchObject({
      state: 'reviewed',
      result: 'basically_qualified',
      findings: '限期规范财务管理',
    });
    expect(i.inspectorName).toBeTruthy();
    expect(i.history.map((h) => h.action)).toEqual(['review', 'resubmit', 'return']);
    const again = await call(admin, 'POST', `/inspections/${i.id}/transitions`, {
      action: 'review',
      version: i.version,
      result: 'qualified',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('workflow.illegalTransition');

    const timeline = await inspectionTimeline(t.database.db, o!.id, 'zh-CN');
    const titles = timeline.map((e) => e.title);
    expect(titles).toContain(`${year} 年度年检结论：基本合格`);
    expect(titles).toContain(`${year} 年度年检退回补正`);
    expect(timeline.every((e) => e.kind === 'inspection' && e.at.endsWith('Z'))).toBe(true);
  });

  it('lets one of two concurrent reviews with the same version win; the other is 409', async () => {
    const year = lastYear - 8;
    const [o] = await registered({ year, notStreet: ZHENGYANG });
    const i = (
      await call(admin, 'POST', '/inspections', { organizationId: o!.id, year })
    ).json() as Inspection;
    const [a, b] = await Promise.all([
      call(admin, 'POST', `/inspections/${i.id}/transitions`, {
        action: 'review',
        version: i.version,
        result: 'qualified',
      }),
      call(admin, 'POST', `/inspections/${i.id}/transitions`, {
        action: 'review',
        version: i.version,
        result: 'unqualified',
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect((a.statusCode === 409 ? a : b).json().code).toBe('conflict.version');
  });

  it('keeps a street to its own organizations’ inspections and read-only', async () => {
    const list = await call(street, 'GET', `/inspections?year=${lastYear}&limit=100`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Inspection[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.divisionCode.startsWith(ZHENGYANG))).toBe(true);
    expect(items.every((i) => !i.abilities.review)).toBe(true);
    const other = (await call(admin, 'GET', `/inspections?year=${lastYear}&state=submitted&limit=100`)).json()
      .items as Inspection[];
    const foreign = other.find((i) => !i.divisionCode.startsWith(ZHENGYANG))!;
    const read = await call(street, 'GET', `/inspections/${foreign.id}`);
    expect(read.statusCode).toBe(404);
    expect(read.json().code).toBe('inspection.notFound');
    const change = await call(street, 'POST', `/inspections/${foreign.id}/transitions`, {
      action: 'review',
      version: foreign.version,
      result: 'qualified',
    });
    expect(change.statusCode).toBe(403);
    // Scope is also checked below the permission: a district admin of another district sees nothing.
    const elsewhere = new InspectionService(t.database.db, { simplifiedGrade: '3A' });
    const outsider: Caller = { ...districtCaller, scope: scopeOf(['220102']) };
    await expect(elsewhere.detail(outsider, foreign.id, 'zh-CN')).rejects.toMatchObject({
      code: 'inspection.notFound',
    });
    await expect(
      elsewhere.transition(
        outsider,
        foreign.id,
        { action: 'review', version: foreign.version, result: 'qualified' },
        'zh-CN',
      ),
    ).rejects.toMatchObject({ code: 'resource.notFound' });
  });

  it('gives an organization account its own records only and no inspection for a community organization', async () => {
    const list = await call(org, 'GET', '/inspections');
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(0);
    const [someone] = await registered({ year: lastYear - 9 });
    const foreign = await call(org, 'POST', '/inspections', {
      organizationId: someone!.id,
      year: lastYear - 9,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('inspection.organizationNotFound');
    const own = await call(org, 'POST', '/inspections', { organizationId: 'demo-org', year: lastYear });
    expect(own.statusCode).toBe(400);
    expect(own.json().code).toBe('inspection.notRegistered');
  });

  it('accepts only completed years', async () => {
    const [o] = await registered({ year: lastYear + 1 });
    const res = await call(admin, 'POST', '/inspections', { organizationId: o!.id, year: lastYear + 1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('inspection.invalidYear');
  });

  it('exports the filtered records as xlsx', async () => {
    const res = await call(admin, 'GET', `/inspections/export?year=${lastYear}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const total = (await call(admin, 'GET', `/inspections?year=${lastYear}&limit=1`)).json().total;
    expect(ws.rowCount).toBe(1 + total);
    expect(String(ws.getRow(1).getCell(1).value)).toBe('年度');
  });
});
