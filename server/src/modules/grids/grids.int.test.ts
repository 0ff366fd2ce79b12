import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { DEMO_ROSTER } from '../../demo/grids.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let community: AuthHeaders;
let leader: AuthHeaders;
let department: AuthHeaders;

const OWN_GRID = '220106001001001';
/** A grid of 爱民社区 other than the demo grid, and one in another street (春城街道 景阳社区). */
const NEIGHBOUR_GRID = '220106001001002';
const OTHER_STREET_GRID = '220106003001001';

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
  leader = await signIn(t.app, 'grid.220106001001001');
  department = await signIn(t.app, 'dept.chengguan');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

interface Assignment {
  id: string;
  gridCode: string;
  dutyCode: string;
  personName: string;
  phone: string | null;
  accountUsername: string | null;
  toDate: string | null;
  current: boolean;
  version: number;
  abilities: { end: boolean };
}

async function roster(headers: AuthHeaders, query: string) {
  const res = await call(headers, 'GET', `/grid-assignments?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Assignment[]; total: number };
}

async function currentLeader(grid: string): Promise<Assignment> {
  const page = await roster(admin, `gridCode=${grid}&duty=leader`);
  expect(page.total).toBe(1);
  return page.items[0]!;
}

describe('grid rosters (一长九员)', () => {
  it('counts the report’s 312 leaders and 211 grid members from the demo records', async () => {
    const res = await call(admin, 'GET', '/grid-assignments/summary');
    expect(res.statusCode, res.body).toBe(200);
    const summary = res.json() as {
      grids: number;
      gridsWithLeader: number;
      byDuty: Array<{ dutyCode: string; count: number }>;
    };
    const count = (duty: string) => summary.byDuty.find((d) => d.dutyCode === duty)?.count;
    expect(summary.grids).toBe(312);
    expect(summary.gridsWithLeader).toBe(312);
    expect(count('leader')).toBe(DEMO_ROSTER.leaders);
    expect(count('member')).toBe(DEMO_ROSTER.members);
    expect(count('security_coordinator')).toBeGreaterThan(50);
    expect(count('enforcement_coordinator')).toBeGreaterThan(30);
    // Leaders who handed over are history, not on duty.
    expect((await roster(admin, 'duty=leader&status=ended&limit=1')).total).toBe(DEMO_ROSTER.handovers);
  });

  it('narrows the summary to a street and scopes it to the caller', async () => {
    const byStreet = (await call(admin, 'GET', '/grid-assignments/summary?divisionCode=220106001')).json();
    const own = (await call(street, 'GET', '/grid-assignments/summary')).json();
    expect(own).toEqual(byStreet);
    expect(own.grids).toBeGreaterThan(0);
    expect(own.grids).toBeLessThan(312);
    const grid = (await call(leader, 'GET', '/grid-assignments/summary')).json();
    expect(grid.grids).toBe(1);
  });

  it('links the demo grid leader and grid member accounts to their roster entries', async () => {
    const page = await roster(community, `gridCode=${OWN_GRID}&limit=50`);
    const byDuty = (duty: string) => page.items.find((a) => a.dutyCode === duty);
    expect(byDuty('leader')).toMatchObject({ personName: '刘强', accountUsername: 'grid.220106001001001' });
    expect(byDuty('member')).toMatchObject({
      personName: '赵磊',
      accountUsername: 'gridmember.220106001001001',
    });
    expect(page.items.every((a) => a.phone === null || /^1\d\d\*{4}\d{4}$/.test(a.phone))).toBe(true);
  });

  it('shows a community its grids, a street its street and a grid leader only its grid', async () => {
    const own = await roster(community, 'limit=100');
    expect(own.total).toBeGreaterThan(0);
    expect(own.items.every((a) => a.gridCode.startsWith('220106001001'))).toBe(true);
    const streetPage = await roster(street, 'limit=100');
    expect(streetPage.total).toBeGreaterThan(own.total);
    expect(streetPage.items.every((a) => a.gridCode.startsWith('220106001'))).toBe(true);
    const grid = await roster(leader, 'limit=100');
    expect(grid.items.every((a) => a.gridCode === OWN_GRID)).toBe(true);
    expect(grid.items.every((a) => a.abilities.end === false)).toBe(true);
    // Another street's grid through a filter: nothing, not an error.
    expect((await roster(community, `gridCode=${OTHER_STREET_GRID}`)).total).toBe(0);
  });

  it('keeps rosters from roles without grid permissions', async () => {
    expect((await call(department, 'GET', '/grid-assignments')).statusCode).toBe(403);
    expect((await call(leader, 'POST', '/grid-assignments', { gridCode: OWN_GRID })).statusCode).toBe(403);
  });

  it('shows a grid’s page with its people from the division and residents records', async () => {
    const res = await call(leader, 'GET', `/grids/${OWN_GRID}`);
    expect(res.statusCode, res.body).toBe(200);
    const grid = res.json();
    expect(grid).toMatchObject({
      code: OWN_GRID,
      communityName: '爱民社区',
      streetName: '正阳街道',
      leaderName: '刘强',
      canAssign: false,
    });
    expect(grid.population).toBeGreaterThan(0);
    expect(grid.households).toBeGreaterThan(0);
    expect(grid.registeredResidents).toBeGreaterThan(0);
    expect(grid.byDuty.find((d: { dutyCode: string }) => d.dutyCode === 'leader').count).toBe(1);
    expect((await call(community, 'GET', `/grids/${OWN_GRID}`)).json().canAssign).toBe(true);
  });

  it('answers 404 for a grid outside the caller’s scope or a code that is not a grid', async () => {
    const other = await call(community, 'GET', `/grids/${OTHER_STREET_GRID}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('grid.notFound');
    expect((await call(street, 'GET', `/grids/${OTHER_STREET_GRID}`)).statusCode).toBe(404);
    expect((await call(leader, 'GET', `/grids/${NEIGHBOUR_GRID}`)).statusCode).toBe(404);
    expect((await call(admin, 'GET', '/grids/220106001001999')).statusCode).toBe(404);
    expect((await call(admin, 'GET', `/grids/${OTHER_STREET_GRID}`)).statusCode).toBe(200);
  });

  it('lets a community worker add a member to its grid, sealed and audited', async () => {
    const res = await call(community, 'POST', '/grid-assignments', {
      gridCode: OWN_GRID,
      dutyCode: 'member',
      personName: '  孙丽  ',
      phone: '13812345678',
      note: '公益性岗位',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as Assignment;
    expect(created).toMatchObject({ personName: '孙丽', phone: '138****5678', current: true });
    const stored = await t.database.db
      .selectFrom('gridAssignment')
      .select(['phoneSealed', 'phoneIndex'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(stored.phoneSealed).not.toContain('13812345678');
    expect(stored.phoneIndex).toBeTruthy();
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', created.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['grid.assign']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('13812345678');
    const page = await roster(leader, `gridCode=${OWN_GRID}&q=${encodeURIComponent('孙丽')}`);
    expect(page.items.map((a) => a.id)).toEqual([created.id]);
  });

  it('refuses another community’s grid and another community’s assignment as not found', async () => {
    const add = await call(community, 'POST', '/grid-assignments', {
      gridCode: OTHER_STREET_GRID,
      dutyCode: 'member',
      personName: '王军',
    });
    expect(add.statusCode).toBe(404);
    expect(add.json().code).toBe('grid.notFound');
    const theirs = await currentLeader(OTHER_STREET_GRID);
    const end = await call(community, 'POST', `/grid-assignments/${theirs.id}/end`, {
      version: theirs.version,
    });
    expect(end.statusCode).toBe(404);
    expect(end.json().code).toBe('grid.assignmentNotFound');
    expect((await currentLeader(OTHER_STREET_GRID)).toDate).toBeNull();
  });

  it('checks duty, phone, dates and the linked account', async () => {
    const base = { gridCode: OWN_GRID, personName: '周红' };
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ dutyCode: 'astronaut' }, 400, 'grid.invalidDuty'],
      [{ dutyCode: 'member', phone: '12345' }, 400, 'grid.invalidPhone'],
      [{ dutyCode: 'member', fromDate: '2026-03-01', toDate: '2026-02-01' }, 400, 'grid.invalidDates'],
      [{ dutyCode: 'member', accountUsername: 'nobody' }, 400, 'grid.invalidAccount'],
      // A department account works for the whole district, not in this grid's community.
      [{ dutyCode: 'member', accountUsername: 'dept.chengguan' }, 400, 'grid.invalidAccount'],
    ];
    for (const [extra, status, code] of cases) {
      const res = await call(community, 'POST', '/grid-assignments', { ...base, ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(status);
      expect(res.json().code).toBe(code);
    }
  });

  it('keeps one leader per grid: a second one is refused until the first one’s term ends', async () => {
    const second = await call(community, 'POST', '/grid-assignments', {
      gridCode: NEIGHBOUR_GRID,
      dutyCode: 'leader',
      personName: '高峰',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('grid.leaderExists');

    const old = await currentLeader(NEIGHBOUR_GRID);
    const ended = await call(community, 'POST', `/grid-assignments/${old.id}/end`, {
      version: old.version,
      reason: '工作调动',
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().toDate).not.toBeNull();
    const again = await call(community, 'POST', `/grid-assignments/${old.id}/end`, { version: old.version });
    expect(again.statusCode).toBe(409);

    const next = await call(community, 'POST', '/grid-assignments', {
      gridCode: NEIGHBOUR_GRID,
      dutyCode: 'leader',
      personName: '高峰',
    });
    expect(next.statusCode, next.body).toBe(201);
    expect((await call(community, 'GET', `/grids/${NEIGHBOUR_GRID}`)).json().leaderName).toBe('高峰');
  });

  it('lets one of two concurrent appointments of a leader win', async () => {
    const grid = '220106001001003';
    const old = await currentLeader(grid);
    expect(
      (await call(admin, 'POST', `/grid-assignments/${old.id}/end`, { version: old.version })).statusCode,
    ).toBe(200);
    const appoint = (name: string) =>
      call(community, 'POST', '/grid-assignments', { gridCode: grid, dutyCode: 'leader', personName: name });
    const results = await Promise.all([appoint('韩磊'), appoint('冯敏')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)!.json().code).toBe('grid.leaderExists');
    const open = (await roster(admin, `gridCode=${grid}&duty=leader&status=all`)).items.filter(
      (a) => !a.toDate,
    );
    expect(open).toHaveLength(1);
  });

  it('lets one of two concurrent ends of the same version win', async () => {
    const page = await roster(community, `gridCode=${OWN_GRID}&duty=security_coordinator`);
    const target = page.items[0]!;
    const end = () =>
      call(community, 'POST', `/grid-assignments/${target.id}/end`, { version: target.version });
    const results = await Promise.all([end(), end()]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('exports the filtered roster with masked phones', async () => {
    const res = await call(community, 'GET', `/grid-assignments/export?gridCode=${OWN_GRID}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const total = (await roster(community, `gridCode=${OWN_GRID}`)).total;
    expect(ws.rowCount - 1).toBe(total);
    expect(ws.getRow(1).getCell(4).value).toBe('岗位');
    const phones = ws.getColumn(6).values.slice(2).map(String);
    expect(phones.every((p) => p === '' || p.includes('****'))).toBe(true);
  });
});

describe('grid duties', () => {
  it('lists the duties the district starts with, the report’s ones marked', async () => {
    const res = await call(leader, 'GET', '/grid-duties');
    expect(res.statusCode).toBe(200);
    const duties = res.json() as Array<{ code: string; name: string; origin: string; leader: boolean }>;
    expect(duties.filter((d) => d.origin === 'report').map((d) => d.name)).toEqual([
      '网格长',
      '网格员',
      '综治协管员',
      '综合执法协管员',
    ]);
    expect(duties.filter((d) => d.leader).map((d) => d.code)).toEqual(['leader']);
  });

  it('lets only the district add, rename and switch off duties; the leader duty stays', async () => {
    const body = { code: 'volunteer_lead', name: '志愿者队长', nameEn: 'Volunteer lead' };
    expect((await call(community, 'POST', '/grid-duties', body)).statusCode).toBe(403);
    const created = await call(admin, 'POST', '/grid-duties', body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().origin).toBe('district');
    expect((await call(admin, 'POST', '/grid-duties', body)).json().code).toBe('grid.dutyExists');

    const off = await call(admin, 'PATCH', '/grid-duties/volunteer_lead', { version: 1, active: false });
    expect(off.statusCode).toBe(200);
    expect(
      (await call(admin, 'PATCH', '/grid-duties/volunteer_lead', { version: 1, name: '队长' })).statusCode,
    ).toBe(409);
    const use = await call(community, 'POST', '/grid-assignments', {
      gridCode: OWN_GRID,
      dutyCode: 'volunteer_lead',
      personName: '马超',
    });
    expect(use.json().code).toBe('grid.invalidDuty');

    const fixed = await call(admin, 'PATCH', '/grid-duties/leader', { version: 1, active: false });
    expect(fixed.statusCode).toBe(409);
    expect(fixed.json().code).toBe('grid.dutyFixed');
  });
});
