import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp, unusedTotp } from '../../../test/app.ts';
import { TEST_CIPHER } from '../../../test/database.ts';
import { DEMO_PASSWORD } from '../../demo/accounts.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
});
afterAll(() => t.close());

const login = async (username: string, password = DEMO_PASSWORD) => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  const state = res.json();
  return {
    res,
    state,
    headers: {
      cookie: String(res.headers['set-cookie']).split(';')[0]!,
      'x-csrf-token': state.csrfToken as string,
    },
  };
};
type Headers = Awaited<ReturnType<typeof login>>['headers'];
const post = (url: string, headers: Headers, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });

describe('TOTP codes are good once', () => {
  it('refuses the same code a second time with a Chinese message', async () => {
    const code = await unusedTotp('admin');
    const first = await login('admin');
    expect((await post('/auth/totp', first.headers, { code })).json().stage).toBe('active');
    const second = await login('admin');
    const again = await post('/auth/totp', second.headers, { code });
    expect(again.statusCode).toBe(401);
    expect(again.json().code).toBe('auth.totpReused');
    expect(again.json().detail).toContain('已使用过');
  });
});

describe('enrolling a second factor', () => {
  let secret = '';
  let recoveryCodes: string[] = [];

  it('makes a district admin without one enrol before anything else', async () => {
    await t.database.db
      .updateTable('account')
      .set({ totpSecretSealed: null, totpEnabled: false, totpLastStep: null })
      .where('username', '=', 'admin')
      .execute();
    const { state, headers } = await login('admin');
    expect(state.stage).toBe('totpEnroll');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/divisions/220106', headers })).statusCode).toBe(
      401,
    );
    const setup = await post('/me/totp/setup', headers);
    expect(setup.statusCode).toBe(200);
    secret = setup.json().secret;
    expect(setup.json().otpauthUri).toMatch(/^otpauth:\/\/totp\/.*admin\?secret=/);
    const wrong = await post('/me/totp/confirm', headers, { code: '000000' });
    expect(wrong.json().code).toBe('auth.invalidTotp');
    const confirm = await post('/me/totp/confirm', headers, { code: authenticator.generate(secret) });
    expect(confirm.statusCode).toBe(200);
    recoveryCodes = confirm.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes[0]).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(confirm.json().state).toMatchObject({ stage: 'active', totpEnabled: true });
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'auth.totpEnrol')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('takes a recovery code once instead of the app code', async () => {
    const first = await login('admin');
    const ok = await post('/auth/totp', first.headers, { code: recoveryCodes[0]!.toLowerCase() });
    expect(ok.json().stage).toBe('active');
    const second = await login('admin');
    const reused = await post('/auth/totp', second.headers, { code: recoveryCodes[0]! });
    expect(reused.json().code).toBe('auth.invalidTotp');
  });

  it('will not let a district admin turn it off', async () => {
    const first = await login('admin');
    await post('/auth/totp', first.headers, { code: recoveryCodes[1]! });
    const off = await post('/me/totp/disable', first.headers, { password: DEMO_PASSWORD });
    expect(off.statusCode).toBe(400);
    expect(off.json().code).toBe('auth.totpRequired');
  });

  it('is optional for others: a street user turns it on, is asked for it, and turns it off', async () => {
    const first = await login('street.zhengyang');
    const setup = await post('/me/totp/setup', first.headers);
    const streetSecret = setup.json().secret as string;
    await post('/me/totp/confirm', first.headers, { code: authenticator.generate(streetSecret) });
    const next = await login('street.zhengyang');
    expect(next.state.stage).toBe('totp');
    const off = await post('/me/totp/disable', first.headers, { password: 'Wrong#2026' });
    expect(off.json().code).toBe('auth.invalidCredentials');
    const offOk = await post('/me/totp/disable', first.headers, { password: DEMO_PASSWORD });
    expect(offOk.json().totpEnabled).toBe(false);
    expect((await login('street.zhengyang')).state.stage).toBe('active');
  });
});

describe('my sessions', () => {
  it('lists the sessions of my own account only and ends one of them', async () => {
    const phone = await login('community.aimin');
    const desk = await signIn(t.app, 'community.aimin');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: desk });
    const sessions = list.json() as Array<{ id: string; current: boolean }>;
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${other.id}`,
      headers: desk,
    });
    expect(revoke.statusCode).toBe(204);
    const stillIn = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: phone.headers });
    expect(stillIn.statusCode).toBe(401);
    const after = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: desk })).json();
    expect(after.map((s: { id: string }) => s.id)).not.toContain(other.id);

    const stranger = await signIn(t.app, 'station.aimin');
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/me/sessions', headers: desk })).json();
    const theirs = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/me/sessions/${mine[0].id}`,
      headers: stranger,
    });
    expect(theirs.statusCode).toBe(404);
  });
});

describe('residents sign in by phone', () => {
  const phone = '139 0000 0001';

  it('sends a code through the console provider and signs the resident in with it once', async () => {
    const sent = await post('/auth/sms/code', {} as Headers, { phone });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ sentTo: '139****0001', expiresInSeconds: 300 });
    const text = t.sms.sent.at(-1)!.text;
    expect(t.sms.sent.at(-1)!.phone).toBe('13900000001');
    const code = /(\d{6})/.exec(text)![1]!;
    const wrong = await post('/auth/sms/login', {} as Headers, {
      phone,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.invalidSmsCode');
    const ok = await post('/auth/sms/login', {} as Headers, { phone, code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'active', account: { username: 'resident.demo' } });
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly/);
    const again = await post('/auth/sms/login', {} as Headers, { phone, code });
    expect(again.json().code).toBe('auth.invalidSmsCode');
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['after'])
      .where('action', '=', 'auth.login')
      .where('success', '=', true)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ method: 'sms' });
  });

  it('does not resend within a minute, checks the number, and tells nobody who is registered', async () => {
    const tooSoon = await post('/auth/sms/code', {} as Headers, { phone });
    expect(tooSoon.statusCode).toBe(429);
    expect(tooSoon.json().detail).toMatch(/请 \d+ 秒后再试/);
    const bad = await post('/auth/sms/code', {} as Headers, { phone: '1234' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toBe('请输入正确的 11 位手机号码');
    const before = t.sms.sent.length;
    const unknown = await post('/auth/sms/code', {} as Headers, { phone: '13711112222' });
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json().sentTo).toBe('137****2222');
    expect(t.sms.sent.length).toBe(before);
  });

  it('does not sign staff in by phone', async () => {
    await t.database.db
      .updateTable('account')
      .set({
        phoneSealed: TEST_CIPHER.encrypt('13611112222'),
        phoneIndex: TEST_CIPHER.piiIndex('phone', '13611112222'),
      })
      .where('username', '=', 'grid.220106001001001')
      .execute();
    const before = t.sms.sent.length;
    await post('/auth/sms/code', {} as Headers, { phone: '13611112222' });
    expect(t.sms.sent.length).toBe(before);
  });

  it('gives up on a code after five wrong tries', async () => {
    await t.database.db.deleteFrom('smsCode').execute();
    await post('/auth/sms/code', {} as Headers, { phone });
    const code = /(\d{6})/.exec(t.sms.sent.at(-1)!.text)![1]!;
    const wrongCode = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await post('/auth/sms/login', {} as Headers, { phone, code: wrongCode });
    const right = await post('/auth/sms/login', {} as Headers, { phone, code });
    expect(right.statusCode).not.toBe(200);
  });
});
