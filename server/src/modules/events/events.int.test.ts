import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { DEMO_RESIDENT_PHONE } from '../../demo/accounts.ts';
import { flagOverdueEvents } from './events.overdue.ts';

let t: TestApp;
let street: AuthHeaders;
let community: AuthHeaders;
let member: AuthHeaders;
let dept: AuthHeaders;
let resident: AuthHeaders;

const GRID = '220106001001001';
const POTHOLE = '0101';

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
  member = await signIn(t.app, 'gridmember.220106001001001');
  dept = await signIn(t.app, 'dept.chengguan');
  resident = await signIn(t.app, 'resident.demo');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
type Body = Record<string, any>;
async function ok(headers: AuthHeaders, method: Method, url: string, payload?: unknown): Promise<Body> {
  const res = await call(headers, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json() as Body;
}

/** A camera-sized photo, as a phone would send it. */
async function photo(width = 2400, height = 1800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 90, g: 90, b: 80 } } })
    .jpeg({ quality: 95 })
    .toBuffer();
}

async function upload(headers: AuthHeaders, bytes: Buffer, field = 'file') {
  const boundary = `----linli${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="IMG_0001.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/events/photos',
    headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

async function report(headers: AuthHeaders, extra: Body = {}) {
  return ok(headers, 'POST', '/events', {
    categoryCode: POTHOLE,
    divisionCode: GRID,
    description: '爱民社区3号楼东侧人行道有一处坑洼，直径约半米，雨后积水，老人经过容易绊倒',
    address: '爱民社区3号楼东侧',
    longitude: 125.2651,
    latitude: 43.8868,
    ...extra,
  });
}

async function act(headers: AuthHeaders, event: Body, action: string, extra: Body = {}) {
  return ok(headers, 'POST', `/events/${event.id}/transitions`, { action, version: event.version, ...extra });
}

describe('grid events: the closed loop', () => {
  it('runs report → file → dispatch → handle → verifyFail → handle → verifyPass → rate with every step in the history', async () => {
    const before = await upload(member, await photo());
    expect(before.statusCode, before.body).toBe(201);
    const reportPhoto = before.json() as Body;
    expect(reportPhoto.width).toBe(1600);
    expect(reportPhoto.height).toBe(1200);

    // The grid member reports for the resident, naming them as contact by phone.
    let e = await report(member, {
      photoIds: [reportPhoto.id],
      contactName: '孙大爷',
      contactPhone: DEMO_RESIDENT_PHONE,
    });
    expect(e.no).toMatch(/^SJ\d{13}$/);
    expect(e.state).toBe('reported');
    expect(e.source).toBe('patrol');
    expect(e.step).toBe('accept');
    expect(e.dueAt).not.toBeNull();
    expect(e.contactPhone).toBe('139****0001');
    expect(e.photos).toHaveLength(1);
    const jpeg = await call(member, 'GET', `/events/photos/${reportPhoto.id}`);
    expect(jpeg.statusCode).toBe(200);
    expect(jpeg.headers['content-type']).toBe('image/jpeg');

    e = await act(community, e, 'file', { comment: '属实，立案' });
    expect(e.state).toBe('filed');
    expect(e.step).toBe('dispatch');
    e = await act(street, e, 'dispatch', { data: { lead: '城管', assists: ['住建'] } });
    expect(e.state).toBe('dispatched');
    expect(e.leadDepartment).toBe('城管');
    expect(e.departments.map((d: Body) => `${d.department}:${d.role}`)).toEqual(['城管:lead', '住建:assist']);

    const deptView = await ok(dept, 'GET', `/events/${e.id}`);
    expect(deptView.abilities).toEqual(
      expect.arrayContaining(['handle', 'return', 'requestExtension', 'note']),
    );
    const after = (await upload(dept, await photo(800, 600))).json() as Body;
    e = await act(dept, e, 'handle', { data: { result: '已用沥青修补坑洼', photoIds: [after.id] } });
    expect(e.state).toBe('handled');
    expect(e.photos.map((p: Body) => p.stage)).toEqual(['report', 'handle']);

    e = await act(member, e, 'verifyFail', {
      comment: '修补处仍有积水',
      data: { longitude: 125.2651, latitude: 43.8868 },
    });
    expect(e.state).toBe('dispatched');
    e = await act(dept, e, 'handle', { data: { result: '重新铺设并找平，积水已排除' } });
    e = await act(member, e, 'verifyPass');
    expect(e.state).toBe('closed');
    // The contact phone is texted once the event is closed (console provider in tests).
    expect(t.sms.sent.at(-1)).toMatchObject({ phone: DEMO_RESIDENT_PHONE });
    expect(t.sms.sent.at(-1)?.text).toContain(`事件编号 ${e.no}`);

    const residentView = await ok(resident, 'GET', `/events/${e.id}`);
    expect(residentView.abilities).toEqual(['rate']);
    e = await act(resident, e, 'rate', { data: { rating: 'satisfied' }, comment: '修得很好' });
    expect(e.state).toBe('rated');
    expect(e.rating).toBe('satisfied');
    expect(e.history.map((h: Body) => h.action).reverse()).toEqual([
      'report',
      'file',
      'dispatch',
      'handle',
      'verifyFail',
      'handle',
      'verifyPass',
      'rate',
    ]);
    const failed = e.history.find((h: Body) => h.action === 'verifyFail');
    expect(failed.comment).toBe('修补处仍有积水');
    expect(failed.data).toEqual({ longitude: 125.2651, latitude: 43.8868 });
    expect(failed.actorName).toContain('赵磊');

    // The closing told the contact resident; dispatch told the lead department.
    const told = await t.database.db
      .selectFrom('notification')
      .select(['kind', 'accountId'])
      .where('entityId', '=', e.id)
      .execute();
    expect(told.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['event.dispatched', 'event.handled', 'event.closed']),
    );
  });

  it('reopens on the first "not satisfied" and ends rated on the second', async () => {
    let e = await report(resident, { longitude: null, latitude: null });
    expect(e.source).toBe('resident');
    e = await act(community, e, 'file');
    e = await act(street, e, 'dispatch', { data: { lead: '城管' } });
    e = await act(dept, e, 'handle', { data: { result: '已修补' } });
    e = await act(member, e, 'verifyPass');
    e = await act(resident, e, 'rate', { data: { rating: 'unsatisfied' }, comment: '没修好' });
    expect(e.state).toBe('dispatched');
    expect(e.reopened).toBe(1);
    expect(e.step).toBe('handle');
    e = await act(dept, e, 'handle', { data: { result: '已重新修补' } });
    e = await act(member, e, 'verifyPass');
    e = await act(resident, e, 'rate', { data: { rating: 'unsatisfied' } });
    expect(e.state).toBe('rated');
    expect(e.history[0].action).toBe('rate');
    expect(e.history[3].action).toBe('reopen');
  });

  it('returns to the street, takes extensions, urging, notes from assisting departments', async () => {
    let e = await report(member);
    e = await act(community, e, 'file');
    e = await act(street, e, 'dispatch', { data: { lead: '城管', assists: ['住建'] } });
    const refused = await call(dept, 'POST', `/events/${e.id}/transitions`, {
      action: 'return',
      version: e.version,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('workflow.commentRequired');
    e = await act(dept, e, 'return', { comment: '属于住建部门职责' });
    expect(e.state).toBe('filed');
    // The department keeps the record of what it returned, without actions.
    expect(e.abilities).toEqual([]);
    expect(e.leadDepartment).toBeNull();
    expect(e.departments.every((d: Body) => d.releasedAt !== null)).toBe(true);
    expect(e.departments.find((d: Body) => d.role === 'lead').returned).toBe(true);
    const current = await ok(dept, 'GET', `/events?department=${encodeURIComponent('城管')}&pageSize=100`);
    expect(current.items.map((i: Body) => i.id)).not.toContain(e.id);

    e = await act(street, e, 'dispatch', { data: { lead: '城管' } });
    const due = e.dueAt;
    e = await act(dept, e, 'requestExtension', { comment: '需等待材料', data: { days: 3 } });
    expect(e.extensions[0].state).toBe('pending');
    const twice = await call(dept, 'POST', `/events/${e.id}/transitions`, {
      action: 'requestExtension',
      version: e.version,
      comment: '再延',
      data: { days: 1 },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('workflow.guardFailed');
    e = await act(street, e, 'grantExtension');
    expect(e.extensions[0].state).toBe('granted');
    expect(Date.parse(e.dueAt)).toBeGreaterThan(Date.parse(due));
    e = await act(street, e, 'urge', { comment: '请尽快处置' });

    // As an assisting department, 城管 adds notes but neither handles nor returns.
    let assisted = await act(community, await report(member), 'file');
    assisted = await act(street, assisted, 'dispatch', { data: { lead: '住建', assists: ['城管'] } });
    const assistView = await ok(dept, 'GET', `/events/${assisted.id}`);
    expect(assistView.abilities).toEqual(['note']);
    const notLead = await call(dept, 'POST', `/events/${assisted.id}/transitions`, {
      action: 'handle',
      version: assisted.version,
      data: { result: '完成' },
    });
    expect(notLead.statusCode).toBe(409);
    expect(notLead.json().detail).toContain('只有主办部门（住建）可以办理');
    assisted = await act(dept, assisted, 'note', { comment: '已安排人员配合现场围挡' });
    expect(assisted.history[0].action).toBe('note');
    e = await act(street, e, 'supervise');
    expect(e.state).toBe('dispatched');
    expect(e.history.slice(0, 2).map((h: Body) => h.action)).toEqual(['supervise', 'urge']);
  });

  it('refuses every illegal transition from every state with a clear error', async () => {
    const actions = [
      'file',
      'reject',
      'merge',
      'dispatch',
      'handle',
      'return',
      'verifyPass',
      'verifyFail',
      'rate',
      'requestExtension',
      'grantExtension',
      'refuseExtension',
      'note',
    ];
    const legal: Record<string, string[]> = {
      reported: ['file', 'reject', 'merge'],
      filed: ['dispatch'],
      dispatched: ['handle', 'return', 'requestExtension', 'grantExtension', 'refuseExtension', 'note'],
      handled: ['verifyPass', 'verifyFail', 'note'],
      closed: ['rate'],
      rated: [],
      not_filed: [],
    };
    // Build one event in every state.
    const states: Record<string, Body> = {};
    let e = await report(resident);
    states.reported = e;
    const rejected = await act(community, await report(resident), 'reject', { comment: '不属于受理范围' });
    states.not_filed = rejected;
    e = await act(community, await report(resident), 'file');
    states.filed = e;
    e = await act(street, await act(community, await report(resident), 'file'), 'dispatch', {
      data: { lead: '城管' },
    });
    states.dispatched = e;
    e = await act(
      dept,
      await act(street, await act(community, await report(resident), 'file'), 'dispatch', {
        data: { lead: '城管' },
      }),
      'handle',
      {
        data: { result: '完成' },
      },
    );
    states.handled = e;
    states.closed = await act(
      member,
      await act(
        dept,
        await act(street, await act(community, await report(resident), 'file'), 'dispatch', {
          data: { lead: '城管' },
        }),
        'handle',
        { data: { result: '完成' } },
      ),
      'verifyPass',
    );
    states.rated = await act(
      resident,
      await act(
        member,
        await act(
          dept,
          await act(street, await act(community, await report(resident), 'file'), 'dispatch', {
            data: { lead: '城管' },
          }),
          'handle',
          { data: { result: '完成' } },
        ),
        'verifyPass',
      ),
      'rate',
      { data: { rating: 'basic' } },
    );

    const payload: Record<string, Body> = {
      dispatch: { data: { lead: '城管' } },
      handle: { data: { result: '完成' } },
      rate: { data: { rating: 'satisfied' } },
      requestExtension: { data: { days: 2 }, comment: '理由' },
      merge: { data: { into: states.dispatched!.id } },
    };
    for (const [state, event] of Object.entries(states)) {
      expect(event.state).toBe(state);
      for (const action of actions.filter((a) => !legal[state]!.includes(a))) {
        const res = await call(street, 'POST', `/events/${event.id}/transitions`, {
          action,
          version: event.version,
          comment: '说明',
          ...payload[action],
        });
        expect(res.statusCode, `${action} from ${state}: ${res.body}`).toBe(409);
        expect(res.json().code).toBe('workflow.illegalTransition');
        expect(res.json().detail).toContain('当前状态为');
      }
    }
    // Closing an unverified event: a handled event cannot be rated, a dispatched one cannot pass verification.
    const closing = await call(member, 'POST', `/events/${states.dispatched!.id}/transitions`, {
      action: 'verifyPass',
      version: states.dispatched!.version,
    });
    expect(closing.statusCode).toBe(409);
    // Right state, wrong role.
    const wrongRole = await call(street, 'POST', `/events/${states.handled!.id}/transitions`, {
      action: 'verifyPass',
      version: states.handled!.version,
    });
    expect(wrongRole.statusCode).toBe(403);
    expect(wrongRole.json().code).toBe('workflow.notAllowed');
  });

  it('merges a duplicate into the earlier report, which the duplicate check suggests', async () => {
    const first = await report(member, { description: '爱民社区北门路灯不亮，晚上很黑' });
    const suggestions = await ok(
      member,
      'GET',
      `/events/duplicates?categoryCode=${POTHOLE}&divisionCode=${GRID}&longitude=125.2652&latitude=43.8869`,
    );
    expect(suggestions.map((s: Body) => s.id)).toContain(first.id);
    const near = suggestions.find((s: Body) => s.id === first.id);
    expect(near.distanceMetres).toBeLessThan(200);
    const far = await ok(
      member,
      'GET',
      `/events/duplicates?categoryCode=${POTHOLE}&divisionCode=${GRID}&longitude=125.30&latitude=43.90`,
    );
    expect(far.map((s: Body) => s.id)).not.toContain(first.id);

    const second = await report(resident);
    const merged = await act(community, second, 'merge', { data: { into: first.id } });
    expect(merged.state).toBe('merged');
    expect(merged.mergedInto).toEqual({ id: first.id, no: first.no });
    expect(merged.step).toBeNull();
  });

  it('answers 409 to a stale version and lets exactly one of two concurrent transitions win', async () => {
    const e = await report(member);
    const filed = await act(community, e, 'file');
    const stale = await call(community, 'POST', `/events/${e.id}/transitions`, {
      action: 'urge',
      version: e.version,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');

    const [a, b] = await Promise.all([
      call(street, 'POST', `/events/${e.id}/transitions`, {
        action: 'dispatch',
        version: filed.version,
        data: { lead: '城管' },
      }),
      call(street, 'POST', `/events/${e.id}/transitions`, {
        action: 'dispatch',
        version: filed.version,
        data: { lead: '住建' },
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const detail = await ok(street, 'GET', `/events/${e.id}`);
    expect(detail.departments).toHaveLength(1);
    expect(detail.history.filter((h: Body) => h.action === 'dispatch')).toHaveLength(1);
  });

  it('refuses bad input with clear errors', async () => {
    const leaf = await call(member, 'POST', '/events', {
      categoryCode: '9999',
      divisionCode: GRID,
      description: '测试事件描述内容',
    });
    expect(leaf.statusCode).toBe(400);
    expect(leaf.json().code).toBe('event.invalidCategory');
    const outside = await call(member, 'POST', '/events', {
      categoryCode: POTHOLE,
      divisionCode: '220106001001002',
      description: '测试事件描述内容',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('event.invalidDivision');
    const phone = await call(community, 'POST', '/events', {
      categoryCode: POTHOLE,
      divisionCode: GRID,
      description: '居民来电反映路面坑洼',
      contactPhone: '12345',
    });
    expect(phone.json().code).toBe('event.invalidPhone');
    const notImage = await upload(member, Buffer.from('%PDF-1.4 not a photo'));
    expect(notImage.statusCode).toBe(415);
    const noFile = await upload(member, await photo(10, 10), 'other');
    expect(noFile.json().code).toBe('event.photoMissing');
    // Another user's loose photo cannot be attached.
    const someone = (await upload(dept, await photo(100, 100))).json() as Body;
    const stolen = await call(member, 'POST', '/events', {
      categoryCode: POTHOLE,
      divisionCode: GRID,
      description: '测试事件描述内容',
      photoIds: [someone.id],
    });
    expect(stolen.json().code).toBe('event.photoInvalid');
    expect((await call(member, 'GET', `/events/photos/${someone.id}`)).statusCode).toBe(404);
    const noLead = await call(
      street,
      'POST',
      `/events/${(await act(community, await report(member), 'file')).id}/transitions`,
      {
        action: 'dispatch',
        version: 2,
        data: {},
      },
    );
    expect(noLead.json().code).toBe('event.leadRequired');
  });
});

describe('grid events: deadlines', () => {
  it('flags a step past its deadline once, notifying the department and its superior once', async () => {
    let e = await report(member);
    e = await act(community, e, 'file');
    e = await act(street, e, 'dispatch', { data: { lead: '城管' } });
    await t.database.db
      .updateTable('gridEvent')
      .set({ dueAt: new Date(Date.now() - 60_000) })
      .where('id', '=', e.id)
      .execute();
    expect(await flagOverdueEvents(t.database.db)).toBeGreaterThanOrEqual(1);
    expect(await flagOverdueEvents(t.database.db)).toBe(0);
    const overdue = await t.database.db
      .selectFrom('notification')
      .innerJoin('account', 'account.id', 'notification.accountId')
      .select(['account.username'])
      .where('notification.entityId', '=', e.id)
      .where('notification.kind', '=', 'event.overdue')
      .execute();
    const usernames = overdue.map((n) => n.username).sort();
    expect(usernames).toContain('dept.chengguan');
    expect(usernames).toContain('admin');
    expect(new Set(usernames).size).toBe(usernames.length);
    const detail = await ok(dept, 'GET', `/events/${e.id}`);
    expect(detail.overdue).toBe(true);
    expect(detail.everOverdue).toBe(true);
    const list = await ok(street, 'GET', `/events?overdue=true&divisionCode=${GRID}`);
    expect(list.items.map((i: Body) => i.id)).toContain(e.id);
    // Handling moves to the verify step: no longer overdue, still counted as ever overdue.
    const handled = await act(dept, detail, 'handle', { data: { result: '完成' } });
    expect(handled.overdue).toBe(false);
    expect(handled.everOverdue).toBe(true);
  });
});

describe('grid events: lists, statistics, export', () => {
  it('filters by state, category, department, date and full text, and pages', async () => {
    const e = await report(member, { description: '小区门口井盖松动，车辆经过发出很大响声' });
    const byText = await ok(street, 'GET', `/events?q=${encodeURIComponent('井盖')}&pageSize=100`);
    expect(byText.items.map((i: Body) => i.id)).toContain(e.id);
    const byNo = await ok(street, 'GET', `/events?q=${e.no}`);
    expect(byNo.items.map((i: Body) => i.id)).toEqual([e.id]);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const page = await ok(
      street,
      'GET',
      `/events?state=reported,filed&categoryCode=01&from=${today}&to=${today}&page=1&pageSize=2`,
    );
    expect(page.items.length).toBeLessThanOrEqual(2);
    expect(page.pageSize).toBe(2);
    expect(page.items.every((i: Body) => ['reported', 'filed'].includes(i.state))).toBe(true);
    const bad = await call(street, 'GET', '/events?state=done');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('event.invalidState');
    const tasks = await ok(community, 'GET', '/events?mine=tasks&pageSize=100');
    expect(tasks.items.every((i: Body) => i.state === 'reported')).toBe(true);
    const mine = await ok(member, 'GET', '/events?mine=reported&pageSize=100');
    expect(mine.items.map((i: Body) => i.id)).toContain(e.id);
    const byDept = await ok(street, 'GET', `/events?department=${encodeURIComponent('城管')}&pageSize=100`);
    // The department's current events, as lead or assisting: returned ones are no longer on it.
    expect(byDept.items.every((i: Body) => i.leadDepartment !== null)).toBe(true);
    expect(byDept.items.some((i: Body) => i.leadDepartment === '城管')).toBe(true);
  });

  it('computes statistics from known rows', async () => {
    // A district of its own in the test: events in a grid of another street, counted by the admin view of that street.
    const stats = await ok(street, 'GET', `/events/stats?divisionCode=${GRID}`);
    const rows = await t.database.db
      .selectFrom('gridEvent')
      .select(['state', 'everOverdue', 'rating', 'returnedCount', 'dispatchedAt'])
      .where('divisionCode', '=', GRID)
      .execute();
    const grid = stats.byGrid.find((r: Body) => r.key === GRID);
    expect(grid.total).toBe(rows.length);
    const closed = rows.filter((r) => r.state === 'closed' || r.state === 'rated');
    expect(grid.closed).toBe(closed.length);
    expect(grid.onTimeRate).toBeCloseTo(closed.filter((r) => !r.everOverdue).length / closed.length, 3);
    const rated = rows.filter((r) => r.rating !== null);
    expect(grid.satisfactionRate).toBeCloseTo(
      rated.filter((r) => r.rating !== 'unsatisfied').length / rated.length,
      3,
    );
    const dispatched = rows.filter((r) => r.dispatchedAt !== null);
    expect(grid.returnRate).toBeCloseTo(
      dispatched.filter((r) => r.returnedCount > 0).length / dispatched.length,
      3,
    );
    expect(grid.overdue).toBe(rows.filter((r) => r.everOverdue).length);
    expect(stats.byMonth.reduce((s: number, r: Body) => s + r.total, 0)).toBe(rows.length);
    const chengguan = stats.byDepartment.find((r: Body) => r.key === '城管');
    expect(chengguan.returnRate).toBeGreaterThan(0);
    expect(stats.departmentRanking[0].rank).toBe(1);
  });

  it('exports the filtered list as a workbook with Chinese headers', async () => {
    const res = await call(street, 'GET', `/events/export?divisionCode=${GRID}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('网格事件')!;
    expect(ws.getRow(1).getCell(1).value).toBe('事件编号');
    expect(ws.rowCount).toBeGreaterThan(1);
  });

  it('exports the statistics with a sheet per dimension and the ranking, the same figures as the page', async () => {
    const stats = await ok(street, 'GET', '/events/stats');
    const res = await call(street, 'GET', '/events/stats/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按类别', '按部门', '按网格', '按月份', '部门排名']);
    const byCategory = wb.getWorksheet('按类别')!;
    expect(byCategory.rowCount).toBe(stats.byCategory.length + 1);
    expect(byCategory.getRow(2).getCell(1).value).toBe(stats.byCategory[0].name);
    expect(byCategory.getRow(2).getCell(2).value).toBe(stats.byCategory[0].total);
    const ranking = wb.getWorksheet('部门排名')!;
    expect(ranking.getRow(1).getCell(1).value).toBe('名次');
    expect(ranking.getRow(2).getCell(3).value).toBe(stats.departmentRanking[0].row.name);
  });

  it('maps open events per grid', async () => {
    const map = await ok(community, 'GET', '/events/map');
    const grid = map.grids.find((g: Body) => g.divisionCode === GRID);
    expect(grid.open).toBeGreaterThan(0);
    expect(map.points.every((p: Body) => typeof p.longitude === 'number')).toBe(true);
  });
});
