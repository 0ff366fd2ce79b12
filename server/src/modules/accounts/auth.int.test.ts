import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { AuthService } from './auth.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
});
afterAll(() => t.close());
afterEach(() => vi.useRealTimers());

const login = (username: string, password: string, ip = '10.1.1.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    remoteAddress: ip,
  });
const cookieOf = (res: { headers: Record<string, unknown> }) =>
  String(res.headers['set-cookie']).split(';')[0]!;

describe('sign-in', () => {
  it('answers a wrong password with one Chinese message that does not say whether the user exists', async () => {
    const wrong = await login('community.aimin', 'Wrong#2026');
    const nobody = await login('no.such.user', 'Wrong#2026');
    expect(wrong.statusCode).toBe(401);
    expect(nobody.statusCode).toBe(401);
    expect(wrong.json().detail).toBe('用户名或密码不正确');
    expect(nobody.json().detail).toBe(wrong.json().detail);
  });

  it('locks an account after five failures in a row, refuses the right password, and audits all six', async () => {
    for (let i = 0; i < 4; i++) expect((await login('station.aimin', `Wrong#${i}abc`)).statusCode).toBe(401);
    const fifth = await login('station.aimin', 'Wrong#5abc');
    expect(fifth.statusCode).toBe(423);
    const sixth = await login('station.aimin', 'Demo#2026');
    expect(sixth.statusCode).toBe(423);
    expect(sixth.json().code).toBe('auth.locked');
    expect(sixth.json().detail).toMatch(/账号已锁定，请于 \d\d:\d\d 后再试（约 1[45] 分钟）/);
    const entries = await t.database.db
      .selectFrom('auditLog')
      .innerJoin('account', 'account.id', 'auditLog.entityId')
      .select(['auditLog.success', 'auditLog.after'])
      .where('account.username', '=', 'station.aimin')
      .where('auditLog.action', '=', 'auth.login')
      .orderBy('auditLog.seq')
      .execute();
    expect(entries.map((e) => e.success)).toEqual([false, false, false, false, false, false]);
    expect(entries.at(-1)!.after).toEqual({ reason: 'locked' });
  });

  it('asks the district admin for a TOTP code before anything else', async () => {
    const res = await login('admin', 'Demo#2026');
    expect(res.json()).toMatchObject({ stage: 'totp', permissions: [] });
    const cookie = cookieOf(res);
    const blocked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/divisions/220106',
      headers: { cookie },
    });
    expect(blocked.statusCode).toBe(401);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp',
      headers: { cookie, 'x-csrf-token': res.json().csrfToken },
      payload: { code: '000000' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().code).toBe('auth.invalidTotp');
    const headers = await signIn(t.app, 'admin');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
    expect(me.json()).toMatchObject({ stage: 'active', account: { username: 'admin' } });
    expect(me.json().permissions).toContain('audit:read');
  });

  it('makes an account an admin created change its password first, under the policy', async () => {
    await t.database.db
      .updateTable('account')
      .set({ mustChangePassword: true })
      .where('username', '=', 'evaluator.demo')
      .execute();
    const res = await login('evaluator.demo', 'Demo#2026');
    expect(res.json().stage).toBe('changePassword');
    const headers = { cookie: cookieOf(res), 'x-csrf-token': res.json().csrfToken };
    const change = (newPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers,
        payload: { currentPassword: 'Demo#2026', newPassword },
      });
    const weak = await change('short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().detail).toContain('密码至少 8 位');
    expect((await change('evaluator.demo#A1')).json().params.reason).toBe('password.containsUsername');
    expect((await change('Demo#2026')).json().params.reason).toBe('password.sameAsCurrent');
    const ok = await change('Pinggu#2026');
    expect(ok.json().stage).toBe('active');
    expect((await login('evaluator.demo', 'Pinggu#2026')).json().stage).toBe('active');
  });

  it('hashes passwords with argon2id', async () => {
    const row = await t.database.db
      .selectFrom('account')
      .select('passwordHash')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await AuthService.hashPassword('x')).not.toBe(await AuthService.hashPassword('x'));
  });
});

describe('sessions', () => {
  it('sets an httpOnly SameSite=Strict cookie and refuses unsafe requests without the CSRF token', async () => {
    const res = await login('street.zhengyang', 'Demo#2026');
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/i);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
    const cookie = cookieOf(res);
    const noToken = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/divisions/220106001001',
      headers: { cookie },
      payload: { version: 1, name: '越权' },
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('auth.csrf');
  });

  it('asks for sign-in without a session, and after sign-out', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/divisions/220106' })).json().code).toBe(
      'auth.required',
    );
    const headers = await signIn(t.app, 'community.aimin');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(401);
  });

  it('ends a session idle for 30 minutes, and any session after 12 hours', async () => {
    const idle = await signIn(t.app, 'grid.220106001001001');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 29 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: idle })).statusCode).toBe(
      200,
    );
    vi.setSystemTime(Date.now() + 31 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: idle })).statusCode).toBe(
      401,
    );
    vi.useRealTimers();
    const busy = await signIn(t.app, 'gridmember.220106001001001');
    vi.useFakeTimers({ toFake: ['Date'] });
    // Active every 25 minutes, so never idle; 30 steps pass the 12-hour end.
    for (let step = 0; step < 30; step++) {
      vi.setSystemTime(Date.now() + 25 * 60_000);
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: busy });
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: busy })).statusCode).toBe(
      401,
    );
  });
});

describe('data scope through the API', () => {
  it('gives a street user 404 for another street, and its own street', async () => {
    const street = await signIn(t.app, 'street.zhengyang');
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: street });
    expect((await get('/api/v1/divisions/220106001001')).statusCode).toBe(200);
    expect((await get('/api/v1/divisions/220106003001')).statusCode).toBe(404);
    expect((await get('/api/v1/divisions/220106003')).json().code).toBe('division.notFound');
    const other = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/divisions/220106003001',
      headers: street,
      payload: { version: 1, name: '越权' },
    });
    expect(other.statusCode).toBe(404);
    const tree = (await get('/api/v1/divisions/tree')).json();
    expect(tree.items[0].code).toBe('220106001');
  });

  it('refuses a resident the division registry', async () => {
    const resident = await signIn(t.app, 'resident.demo');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/divisions/220106001001001',
      headers: resident,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
  });
});
