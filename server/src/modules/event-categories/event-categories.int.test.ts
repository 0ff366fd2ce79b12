import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let admin: AuthHeaders;
let community: AuthHeaders;
let resident: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  community = await signIn(t.app, 'community.aimin');
  resident = await signIn(t.app, 'resident.demo');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

interface Limit {
  amount: number;
  unit: string;
}
interface Category {
  code: string;
  name: string;
  department: string | null;
  limits: Record<'accept' | 'dispatch' | 'handle' | 'verify', Limit> | null;
  active: boolean;
  version: number;
  children: Category[];
}

async function tree(headers: AuthHeaders, query = ''): Promise<Category[]> {
  const res = await call(headers, 'GET', `/event-categories${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function category(code: string): Promise<Category> {
  const all = (await tree(admin, '?includeInactive=true')).flatMap((c) => [c, ...c.children]);
  return all.find((c) => c.code === code)!;
}

const limits = {
  accept: { amount: 30, unit: 'work_minutes' },
  dispatch: { amount: 60, unit: 'work_minutes' },
  handle: { amount: 3, unit: 'work_days' },
  verify: { amount: 1, unit: 'work_days' },
};

describe('event categories', () => {
  it('gives every signed-in user the tree with departments and step limits', async () => {
    const classes = await tree(resident);
    expect(classes.map((c) => c.name)).toEqual(['城市管理', '社会治安', '矛盾纠纷', '民生服务', '安全隐患']);
    const city = classes[0]!;
    expect(city.department).toBeNull();
    expect(city.limits).toBeNull();
    const pothole = city.children.find((c) => c.name === '道路破损/坑洼')!;
    expect(pothole).toMatchObject({ code: '0101', department: '城管' });
    expect(pothole.limits).toEqual({
      accept: { amount: 30, unit: 'work_minutes' },
      dispatch: { amount: 60, unit: 'work_minutes' },
      handle: { amount: 5, unit: 'work_days' },
      verify: { amount: 1, unit: 'work_days' },
    });
    const leaves = classes.flatMap((c) => c.children);
    expect(leaves.every((l) => l.department && l.limits)).toBe(true);
    for (const name of ['占道经营', '违章搭建', '噪音扰民', '邻里纠纷', '路灯损坏'])
      expect(
        leaves.some((l) => l.name === name),
        name,
      ).toBe(true);
  });

  it('lets the district admin change a subclass’s time limits, audited and version-checked', async () => {
    const before = await category('0102');
    const body = {
      version: before.version,
      limits: { ...before.limits!, handle: { amount: 90, unit: 'work_minutes' } },
    };
    expect((await call(community, 'PATCH', '/event-categories/0102', body)).statusCode).toBe(403);
    const res = await call(admin, 'PATCH', '/event-categories/0102', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().limits.handle).toEqual({ amount: 90, unit: 'work_minutes' });
    expect(res.json().version).toBe(before.version + 1);
    const stale = await call(admin, 'PATCH', '/event-categories/0102', { ...body, department: '市场监管' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'before', 'after'])
      .where('entityType', '=', 'event_category')
      .where('entityId', '=', '0102')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['eventCategory.update']);
    expect(JSON.stringify(audit[0]!.after)).toContain('"amount":90');
  });

  it('lets one of two concurrent updates with the same version win', async () => {
    const current = await category('0103');
    const update = (department: string) =>
      call(admin, 'PATCH', '/event-categories/0103', { version: current.version, department });
    const results = await Promise.all([update('城管'), update('住建')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('creates classes and subclasses, with departments and limits only on subclasses', async () => {
    const cls = await call(admin, 'POST', '/event-categories', {
      code: '06',
      name: '环境保护',
      nameEn: 'Environment',
    });
    expect(cls.statusCode, cls.body).toBe(201);
    const sub = { code: '0601', name: '油烟扰民', nameEn: 'Kitchen fumes', department: '生态环境', limits };
    const created = await call(admin, 'POST', '/event-categories', sub);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ parentCode: '06', department: '生态环境', limits });

    const cases: Array<[Record<string, unknown>, number, string]> = [
      [sub, 409, 'eventCategory.exists'],
      [{ ...sub, code: '0602', limits: undefined }, 400, 'eventCategory.leafFieldsRequired'],
      [{ ...sub, code: '0603', department: ' ' }, 400, 'eventCategory.leafFieldsRequired'],
      [
        { code: '07', name: '其他', nameEn: 'Other', department: '城管' },
        400,
        'eventCategory.classFieldsNotAllowed',
      ],
      [{ ...sub, code: '0901' }, 400, 'eventCategory.parentNotFound'],
      [
        { ...sub, code: '0604', limits: { ...limits, handle: { amount: 400, unit: 'work_days' } } },
        400,
        'validation.failed',
      ],
      [
        { ...sub, code: '0605', limits: { ...limits, handle: { amount: 3, unit: 'hours' } } },
        400,
        'validation.failed',
      ],
      [{ ...sub, code: '6' }, 400, 'validation.failed'],
    ];
    for (const [body, status, code] of cases) {
      const res = await call(admin, 'POST', '/event-categories', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().code).toBe(code);
    }
    expect((await call(community, 'POST', '/event-categories', { ...sub, code: '0606' })).statusCode).toBe(
      403,
    );
  });

  it('switches a class off with its subclasses; the default tree leaves them out', async () => {
    const cls = await category('05');
    const res = await call(admin, 'PATCH', '/event-categories/05', { version: cls.version, active: false });
    expect(res.statusCode, res.body).toBe(200);
    expect((await tree(resident)).some((c) => c.code === '05')).toBe(false);
    const off = (await tree(admin, '?includeInactive=true')).find((c) => c.code === '05')!;
    expect(off.active).toBe(false);
    expect(off.children.every((c) => !c.active)).toBe(true);
    const on = await call(admin, 'PATCH', '/event-categories/0501', {
      version: off.children[0]!.version,
      active: true,
    });
    expect(on.statusCode).toBe(200);
    expect(
      (
        await call(admin, 'PATCH', '/event-categories/0501', { version: on.json().version, limits: null })
      ).json().code,
    ).toBe('eventCategory.leafFieldsRequired');
    expect((await call(admin, 'PATCH', '/event-categories/0999', { version: 1 })).statusCode).toBe(404);
  });
});

describe('working-day calendar', () => {
  it('has 2026 from the State Council notice and says 2027 is not entered', async () => {
    const y2026 = (await call(resident, 'GET', '/work-calendar?year=2026')).json();
    expect(y2026).toMatchObject({ year: 2026, loaded: true, version: 1 });
    expect(y2026.source).toContain('国务院办公厅');
    expect(y2026.days).toHaveLength(39);
    expect(y2026.days[0]).toEqual({ date: '2026-01-01', kind: 'holiday', name: '元旦' });
    expect(
      y2026.days.filter((d: { kind: string }) => d.kind === 'workday').map((d: { date: string }) => d.date),
    ).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    const y2027 = (await call(resident, 'GET', '/work-calendar?year=2027')).json();
    expect(y2027).toMatchObject({ year: 2027, loaded: false, version: null, days: [] });
    expect(y2027.years.map((y: { year: number }) => y.year)).toEqual([2026]);
  });

  it('computes deadlines on the calendar and refuses a year nobody entered', async () => {
    const start = encodeURIComponent('2026-09-30T02:00:00.000Z');
    const due = await call(resident, 'GET', `/work-calendar/deadline?start=${start}&amount=1&unit=work_days`);
    expect(due.statusCode, due.body).toBe(200);
    expect(due.json().deadline).toBe('2026-10-08T09:30:00.000Z');
    const late = encodeURIComponent('2026-12-31T08:00:00.000Z');
    const missing = await call(
      resident,
      'GET',
      `/work-calendar/deadline?start=${late}&amount=2&unit=work_days`,
    );
    expect(missing.statusCode).toBe(409);
    expect(missing.json()).toMatchObject({ code: 'calendar.yearMissing', params: { year: 2027 } });
    expect(missing.json().detail).toContain('2027');
  });

  it('lets the district admin enter 2027, checked, audited and version-guarded', async () => {
    const days = [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-06', kind: 'workday', name: '春节调休上班' },
    ];
    expect((await call(community, 'PUT', '/work-calendar/2027', { days })).statusCode).toBe(403);
    const bad: Array<[unknown[], string]> = [
      [[{ date: '2026-12-31', kind: 'holiday', name: '元旦' }], 'not in the year'],
      [[days[0], days[0]], 'twice'],
      [[{ date: '2027-02-08', kind: 'workday', name: '调休' }], 'Saturday or Sunday'],
    ];
    for (const [list, reason] of bad) {
      const res = await call(admin, 'PUT', '/work-calendar/2027', { days: list });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('calendar.invalidDay');
      const en = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/work-calendar/2027',
        headers: { ...admin, 'accept-language': 'en-US' },
        payload: { days: list },
      });
      expect(en.json().detail).toContain(reason);
    }
    const saved = await call(admin, 'PUT', '/work-calendar/2027', { days, source: '区民政局录入' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ loaded: true, version: 1, days });
    // A second first entry of the same year (no version) is a conflict, not a silent overwrite.
    expect((await call(admin, 'PUT', '/work-calendar/2027', { days })).statusCode).toBe(409);

    const late = encodeURIComponent('2026-12-31T08:00:00.000Z');
    const due = await call(resident, 'GET', `/work-calendar/deadline?start=${late}&amount=1&unit=work_days`);
    expect(due.json().deadline).toBe('2027-01-04T09:30:00.000Z');

    const edits = [
      call(admin, 'PUT', '/work-calendar/2027', {
        version: 1,
        days: [...days, { date: '2027-01-02', kind: 'holiday', name: '元旦' }],
      }),
      call(admin, 'PUT', '/work-calendar/2027', { version: 1, days: [] }),
    ];
    expect((await Promise.all(edits)).map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'work_calendar')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['calendar.create', 'calendar.update']);
  });
});
