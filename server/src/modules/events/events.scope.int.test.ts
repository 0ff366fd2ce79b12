import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';

/**
 * Who sees which grid event: division staff by prefix, a grid member its grid, a department the
 * events dispatched to it, a resident its own. A row outside the caller's scope is 404 on read and
 * on write, and never in a list, the map, the statistics or the export.
 */

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let community: AuthHeaders;
let member: AuthHeaders;
let dept: AuthHeaders;
let resident: AuthHeaders;

const GRID = '220106001001001';
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
type Body = Record<string, any>;

/** Events by id: in this street's grid, a neighbouring grid, another street; dispatched to 城管 or 住建. */
const ev: Record<string, Body> = {};

const call = (headers: AuthHeaders, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });
async function ok(
  headers: AuthHeaders,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
): Promise<Body> {
  const res = await call(headers, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as Body;
}
const report = (headers: AuthHeaders, divisionCode: string, extra: Body = {}) =>
  ok(headers, 'POST', '/events', {
    categoryCode: '0101',
    divisionCode,
    description: '路面坑洼，影响通行，请尽快处理',
    longitude: 125.27,
    latitude: 43.88,
    ...extra,
  });
const act = (headers: AuthHeaders, e: Body, action: string, extra: Body = {}) =>
  ok(headers, 'POST', `/events/${e.id}/transitions`, { action, version: e.version, ...extra });

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
  member = await signIn(t.app, 'gridmember.220106001001001');
  dept = await signIn(t.app, 'dept.chengguan');
  resident = await signIn(t.app, 'resident.demo');
  const grids = await t.database.db
    .selectFrom('division')
    .select('code')
    .where('level', '=', 'grid')
    .where((eb) => eb.or([eb('code', '=', '220106001001002'), eb('code', 'like', '220106003%')]))
    .orderBy('code')
    .execute();
  const neighbour = grids[0]!.code;
  const otherStreet = grids.find((g) => g.code.startsWith('220106003'))!.code;
  expect(neighbour).toBe('220106001001002');

  ev.own = await report(member, GRID);
  ev.residents = await report(resident, GRID);
  ev.neighbour = await report(admin, neighbour);
  ev.otherStreet = await report(admin, otherStreet);
  // 城管 leads one, 住建 the other: the department sees only the first.
  ev.chengguan = await act(street, await act(community, await report(member, GRID), 'file'), 'dispatch', {
    data: { lead: '城管' },
  });
  ev.zhujian = await act(street, await act(community, await report(member, GRID), 'file'), 'dispatch', {
    data: { lead: '住建' },
  });
});
afterAll(() => t.close());

async function listed(headers: AuthHeaders): Promise<string[]> {
  const res = await ok(headers, 'GET', '/events?pageSize=100');
  return res.items.map((i: Body) => i.id);
}

describe('grid events: scope', () => {
  it('hides another street’s events from the street: 404 on read and on write', async () => {
    expect((await call(street, 'GET', `/events/${ev.otherStreet!.id}`)).statusCode).toBe(404);
    const write = await call(street, 'POST', `/events/${ev.otherStreet!.id}/transitions`, {
      action: 'urge',
      version: ev.otherStreet!.version,
    });
    expect(write.statusCode).toBe(404);
    const ids = await listed(street);
    expect(ids).not.toContain(ev.otherStreet!.id);
    expect(ids).toContain(ev.neighbour!.id);
    const stats = await ok(street, 'GET', '/events/stats');
    expect(stats.byGrid.every((r: Body) => r.key.startsWith('220106001'))).toBe(true);
    const map = await ok(street, 'GET', '/events/map');
    expect(map.grids.every((g: Body) => g.divisionCode.startsWith('220106001'))).toBe(true);
    // The admin sees both.
    expect((await call(admin, 'GET', `/events/${ev.otherStreet!.id}`)).statusCode).toBe(200);
  });

  it('shows a grid member only its grid', async () => {
    const ids = await listed(member);
    expect(ids).toContain(ev.own!.id);
    expect(ids).not.toContain(ev.neighbour!.id);
    expect(ids).not.toContain(ev.otherStreet!.id);
    expect((await call(member, 'GET', `/events/${ev.neighbour!.id}`)).statusCode).toBe(404);
    const write = await call(member, 'POST', `/events/${ev.neighbour!.id}/transitions`, {
      action: 'verifyPass',
      version: ev.neighbour!.version,
    });
    expect(write.statusCode).toBe(404);
    const duplicates = await ok(member, 'GET', `/events/duplicates?categoryCode=0101&divisionCode=${GRID}`);
    expect(duplicates.map((d: Body) => d.id)).not.toContain(ev.neighbour!.id);
  });

  it('shows a department only the events dispatched to it', async () => {
    const ids = await listed(dept);
    expect(ids).toContain(ev.chengguan!.id);
    expect(ids).not.toContain(ev.zhujian!.id);
    const theirs = await t.database.db
      .selectFrom('gridEventDepartment')
      .select('eventId')
      .distinct()
      .where('department', '=', '城管')
      .where('eventId', 'in', ids)
      .execute();
    expect(theirs).toHaveLength(ids.length);
    expect((await call(dept, 'GET', `/events/${ev.zhujian!.id}`)).statusCode).toBe(404);
    expect((await call(dept, 'GET', `/events/${ev.own!.id}`)).statusCode).toBe(404);
    const write = await call(dept, 'POST', `/events/${ev.zhujian!.id}/transitions`, {
      action: 'handle',
      version: ev.zhujian!.version,
      data: { result: '完成' },
    });
    expect(write.statusCode).toBe(404);
    const stats = await ok(dept, 'GET', '/events/stats');
    expect(stats.byDepartment.map((r: Body) => r.key)).toEqual(['城管']);
  });

  it('shows a resident only their own reports', async () => {
    const ids = await listed(resident);
    expect(ids).toContain(ev.residents!.id);
    expect(ids).not.toContain(ev.own!.id);
    const account = await t.database.db
      .selectFrom('account')
      .select('id')
      .where('username', '=', 'resident.demo')
      .executeTakeFirstOrThrow();
    const reporters = await t.database.db
      .selectFrom('gridEvent')
      .select('reporterId')
      .where('id', 'in', ids)
      .execute();
    expect(reporters.every((r) => r.reporterId === account.id)).toBe(true);
    expect((await call(resident, 'GET', `/events/${ev.own!.id}`)).statusCode).toBe(404);
    const write = await call(resident, 'POST', `/events/${ev.own!.id}/transitions`, {
      action: 'rate',
      version: ev.own!.version,
      data: { rating: 'satisfied' },
    });
    expect(write.statusCode).toBe(404);
    const residentView = await ok(resident, 'GET', `/events/${ev.residents!.id}`);
    expect(residentView.abilities).toEqual([]);
  });

  it('keeps a street out of another street’s grids when reporting', async () => {
    const res = await call(street, 'POST', '/events', {
      categoryCode: '0101',
      divisionCode: ev.otherStreet!.divisionCode,
      description: '跨街道上报测试',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('event.invalidDivision');
  });
});
