import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let community: AuthHeaders;
let resident: { id: string; name: string; divisionCode: string };

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  community = await signIn(t.app, 'community.aimin');
  const list = await t.app.inject({
    method: 'GET',
    url: '/api/v1/residents?divisionCode=220106001001001&limit=1',
    headers: community,
  });
  resident = list.json().items[0];
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: AuthHeaders, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

describe('acting for a resident (代办)', () => {
  it('records "staff X for resident Y" on the record made and in the audit log, until it stops', async () => {
    const start = await call('POST', '/auth/acting', community, {
      residentId: resident.id,
      reason: '老人不会使用手机',
    });
    expect(start.statusCode).toBe(200);
    expect(start.json().actingFor).toMatchObject({
      residentId: resident.id,
      residentName: resident.name,
      reason: '老人不会使用手机',
    });
    expect((await call('GET', '/auth/me', community)).json().actingFor.residentId).toBe(resident.id);

    const consent = await call('POST', `/residents/${resident.id}/consents`, community, {
      purpose: 'notification',
      given: true,
    });
    expect(consent.statusCode).toBe(201);
    expect(consent.json()).toMatchObject({ recordedByName: '爱民社区 李静', onBehalfOfName: resident.name });

    const entry = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', resident.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actorName: '爱民社区 李静',
      onBehalfOf: resident.id,
      onBehalfName: resident.name,
      onBehalfReason: '老人不会使用手机',
    });
    const sessions = (await call('GET', '/me/sessions', community)).json();
    expect(sessions.find((s: { current: boolean }) => s.current).actingForName).toBe(resident.name);

    const stop = await call('DELETE', '/auth/acting', community);
    expect(stop.json().actingFor).toBeNull();
    const afterStop = await call('POST', `/residents/${resident.id}/consents`, community, {
      purpose: 'notification',
      given: false,
    });
    expect(afterStop.statusCode).toBe(409);
    const actions = await t.database.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', 'in', ['auth.actingStart', 'auth.actingEnd'])
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['auth.actingStart', 'auth.actingEnd']);
  });

  it('needs a reason', async () => {
    const res = await call('POST', '/auth/acting', community, { residentId: resident.id, reason: '  ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toBe('请填写代办原因');
  });

  it('is for community and grid staff only, and only for residents they can see', async () => {
    const street = await signIn(t.app, 'street.zhengyang');
    const byStreet = await call('POST', '/auth/acting', street, {
      residentId: resident.id,
      reason: '上门服务',
    });
    expect(byStreet.statusCode).toBe(403);
    expect(byStreet.json().code).toBe('auth.actingNotAllowed');

    const gridMember = await signIn(t.app, 'gridmember.220106001001001');
    const elsewhere = await t.app.inject({
      method: 'GET',
      url: '/api/v1/residents?divisionCode=220106001001002&limit=1',
      headers: community,
    });
    const otherGrid = elsewhere.json().items[0].id as string;
    const outside = await call('POST', '/auth/acting', gridMember, {
      residentId: otherGrid,
      reason: '上门服务',
    });
    expect(outside.statusCode).toBe(404);
    const unknown = await call('POST', '/auth/acting', community, {
      residentId: 'no-such-resident',
      reason: '上门服务',
    });
    expect(unknown.statusCode).toBe(404);
  });
});
