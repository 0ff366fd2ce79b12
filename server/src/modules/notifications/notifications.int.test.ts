import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { type LiveNotification, notify } from '../../platform/notifications.ts';

let t: TestApp;
let dept: AuthHeaders;
let street: AuthHeaders;
const idOf = new Map<string, string>();

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  const rows = await t.database.db.selectFrom('account').select(['id', 'username']).execute();
  for (const r of rows) idOf.set(r.username, r.id);
  dept = await signIn(t.app, 'dept.chengguan');
  street = await signIn(t.app, 'street.zhengyang');
});
afterAll(() => t.close());

const title = { 'zh-CN': '事件已超期', 'en-US': 'Event overdue' };
const api = (method: 'GET' | 'POST', url: string, headers: AuthHeaders) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers });

async function recipientsOf(audience: Parameters<typeof notify>[1]): Promise<string[]> {
  return t.database.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('notification')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    await notify(trx, audience, { kind: 'test.audience', title });
    const rows = await trx
      .selectFrom('notification as n')
      .innerJoin('account as a', 'a.id', 'n.accountId')
      .select('a.username')
      .where('n.id', '>', Number(before?.id ?? 0))
      .execute();
    return rows.map((r) => r.username).sort();
  });
}

describe('notify: who is told', () => {
  it('matches roles by the division their grant covers, and departments exactly', async () => {
    expect(await recipientsOf({ roles: ['department_staff'], department: '城管' })).toContain(
      'dept.chengguan',
    );
    expect(await recipientsOf({ roles: ['department_staff'], department: '民政' })).not.toContain(
      'dept.chengguan',
    );
    const aimin = await recipientsOf({
      roles: ['street_staff', 'community_worker'],
      divisionCode: '220106001001001',
    });
    expect(aimin).toContain('street.zhengyang');
    expect(aimin).toContain('community.aimin');
    // A street elsewhere in the district is not told of a grid in 正阳街道.
    const elsewhere = await recipientsOf({ roles: ['street_staff'], divisionCode: '220106002001001' });
    expect(elsewhere).not.toContain('street.zhengyang');
    expect(await recipientsOf({ accountIds: [idOf.get('resident.demo')!] })).toEqual(['resident.demo']);
    expect(await recipientsOf({})).toEqual([]);
  });
});

describe('notification centre', () => {
  it('lists a user their own messages, newest first, in their language, and marks them read', async () => {
    await notify(
      t.database.db,
      { accountIds: [idOf.get('dept.chengguan')!] },
      {
        kind: 'event.dispatched',
        title: { 'zh-CN': '新派遣事件', 'en-US': 'New event dispatched' },
        body: { 'zh-CN': '道路破损', 'en-US': 'Broken road' },
        link: '/events/x',
      },
    );
    const page = (await api('GET', '/notifications?limit=5', dept)).json();
    expect(page.items[0]).toMatchObject({
      kind: 'event.dispatched',
      title: '新派遣事件',
      body: '道路破损',
      read: false,
    });
    expect(page.unread).toBeGreaterThanOrEqual(1);
    const english = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?limit=1',
      headers: { ...dept, 'accept-language': 'en-US' },
    });
    expect(english.json().items[0].title).toBe('New event dispatched');

    const id = page.items[0].id as number;
    // Another user cannot mark it: it is not theirs.
    expect((await api('POST', `/notifications/${id}/read`, street)).statusCode).toBe(404);
    expect((await api('POST', `/notifications/${id}/read`, dept)).statusCode).toBe(204);
    const after = (await api('GET', '/notifications/unread-count', dept)).json();
    expect(after.unread).toBe(page.unread - 1);
    expect((await api('POST', '/notifications/read-all', dept)).json().marked).toBe(after.unread);
    expect((await api('GET', '/notifications?unread=true', dept)).json()).toMatchObject({
      total: 0,
      unread: 0,
    });
    // The street user never saw the department's message.
    const streetPage = (await api('GET', '/notifications?limit=100', street)).json();
    expect(streetPage.items.some((n: { id: number }) => n.id === id)).toBe(false);
  });

  it('refuses anyone not signed in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications/stream' })).statusCode).toBe(401);
  });
});

/** Reads server-sent events from a live response until `until` accepts one or the stream ends. */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  until: (event: string, data: unknown) => boolean,
): Promise<Array<{ event: string; data: unknown }>> {
  const seen: Array<{ event: string; data: unknown }> = [];
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return seen;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf('\n\n');
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf('\n\n');
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (!event || data === undefined) continue;
      seen.push({ event, data: JSON.parse(data) });
      if (until(event, JSON.parse(data))) {
        await reader.cancel();
        return seen;
      }
    }
  }
}

describe('live stream (SSE)', () => {
  it('pushes a notification written after the stream opened, to its recipient only', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const open = (headers: AuthHeaders, signal?: AbortSignal) =>
      fetch(`http://127.0.0.1:${port}/api/v1/notifications/stream`, {
        headers: { cookie: headers.cookie },
        ...(signal ? { signal } : {}),
      });
    const deptStream = await open(dept);
    expect(deptStream.headers.get('content-type')).toContain('text/event-stream');
    const streetAbort = new AbortController();
    const streetStream = await open(street, streetAbort.signal);
    const streetSeen: unknown[] = [];
    const streetReading = readEvents(streetStream.body!, (event, data) => {
      if (event === 'notification') streetSeen.push(data);
      return false;
    });

    const deptReading = readEvents(deptStream.body!, (event) => event === 'notification');
    // Written once both streams are open (the ready event has been sent on each).
    await new Promise((r) => setTimeout(r, 200));
    await t.database.db
      .transaction()
      .execute((trx) =>
        notify(
          trx,
          { roles: ['department_staff'], department: '城管' },
          { kind: 'event.overdue', title, link: '/events/y' },
        ),
      );
    const events = await deptReading;
    expect(events[0]).toMatchObject({ event: 'ready' });
    const live = events.at(-1)!.data as LiveNotification;
    expect(live).toMatchObject({ kind: 'event.overdue', title, link: '/events/y' });
    expect(live.unread).toBeGreaterThanOrEqual(1);

    // Give the street's stream the same poll that delivered the department's message, then close it.
    await new Promise((r) => setTimeout(r, 2000));
    streetAbort.abort();
    await streetReading.catch(() => {});
    expect(streetSeen).toEqual([]);
  }, 30_000);
});
