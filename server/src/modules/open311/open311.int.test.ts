import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { DEMO_OPEN311_KEY } from '../../demo/open311.ts';
import { toXml } from './georeport-format.ts';
import { contains } from './grid-locator.ts';

/**
 * Open311 GeoReport v2 as an outside client uses it: plain HTTP against a listening server, form
 * posts, XML and JSON answers (issue #5 acceptance).
 */

let t: TestApp;
let admin: AuthHeaders;
let base: string;
/** A point inside 爱民社区第1网格 (the middle of its boundary box). */
let inside: { lat: number; long: number };
const GRID = '220106001001001';

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/open311/v2`;
  const grid = await t.database.db
    .selectFrom('division')
    .select('boundary')
    .where('code', '=', GRID)
    .executeTakeFirstOrThrow();
  const ring = (grid.boundary as { coordinates: number[][][] }).coordinates[0]!;
  const longs = ring.map((p) => p[0]!);
  const lats = ring.map((p) => p[1]!);
  inside = {
    long: (Math.min(...longs) + Math.max(...longs)) / 2,
    lat: (Math.min(...lats) + Math.max(...lats)) / 2,
  };
});
afterAll(() => t.close());

const get = (path: string) => fetch(`${base}/${path}`);
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();
const post = (path: string, form: Record<string, string>) =>
  fetch(`${base}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });

describe('Open311 GeoReport v2', () => {
  it('describes itself and lists categories as services, in XML and JSON', async () => {
    const discovery = await get('discovery.xml');
    expect(discovery.headers.get('content-type')).toContain('text/xml');
    const xml = await discovery.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<discovery>/);
    expect(xml).toContain('<format>application/json</format>');

    const services = (await json(get('services.json'))) as Array<Record<string, unknown>>;
    const pothole = services.find((s) => s.service_code === '0101');
    expect(pothole).toMatchObject({ metadata: true, type: 'realtime', group: '城市管理' });
    const servicesXml = await (await get('services.xml')).text();
    expect(servicesXml).toContain('<service><service_code>0101</service_code>');

    const definition = await json(get('services/0101.json'));
    expect(definition.service_code).toBe('0101');
    expect(definition.attributes.map((a: { code: string }) => a.code)).toEqual([
      'division_code',
      'time_limit',
    ]);
    expect((await get('services/9999.json')).status).toBe(404);
    expect((await get('nothing.json')).status).toBe(404);
  });

  it('takes a request from a client with a key, and reports its status as the loop moves', async () => {
    const created = await post('requests.json', {
      api_key: DEMO_OPEN311_KEY,
      service_code: '0101',
      lat: String(inside.lat),
      long: String(inside.long),
      address_string: '爱民社区 3 栋门前',
      description: '人行道地砖松动，老人容易绊倒',
      first_name: '明',
      last_name: '李',
      phone: '13900001234',
    });
    expect(created.status).toBe(201);
    const [receipt] = (await json(created)) as Array<{ service_request_id: string; service_notice: string }>;
    expect(receipt!.service_notice).toMatch(/^事件编号 SJ\d{13}$/);
    const id = receipt!.service_request_id;

    const one = (await json(get(`requests/${id}.json?api_key=${DEMO_OPEN311_KEY}`)))[0];
    expect(one).toMatchObject({
      service_request_id: id,
      status: 'open',
      service_code: '0101',
      description: '人行道地砖松动，老人容易绊倒',
      address: '爱民社区 3 栋门前',
      extended_attributes: { external_status_code: 'FOR_TRIAGE', grid_code: GRID },
    });
    expect(one.lat).toBeCloseTo(inside.lat, 5);
    expect(one.requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);

    // The community files it inside the platform: the client sees the new status.
    const detail = (
      await t.app.inject({ method: 'GET', url: `/api/v1/events/${id}`, headers: admin })
    ).json();
    expect(detail.source).toBe('open311');
    const community = await signIn(t.app, 'community.aimin');
    const filed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/events/${id}/transitions`,
      headers: community,
      payload: { action: 'file', version: detail.version },
    });
    expect(filed.statusCode).toBe(200);
    const after = (await json(get(`requests.json?api_key=${DEMO_OPEN311_KEY}&service_request_id=${id}`)))[0];
    expect(after.extended_attributes.external_status_code).toBe('ACTION_SCHEDULED');

    const listXml = await (
      await get(`requests.xml?api_key=${DEMO_OPEN311_KEY}&status=open&service_code=0101`)
    ).text();
    expect(listXml).toContain(`<service_request_id>${id}</service_request_id>`);
    const closed = await json(get(`requests.json?api_key=${DEMO_OPEN311_KEY}&status=closed&page_size=100`));
    expect(closed.some((r: { service_request_id: string }) => r.service_request_id === id)).toBe(false);

    const token = (await json(get(`tokens/${id}.json?api_key=${DEMO_OPEN311_KEY}`)))[0];
    expect(token).toEqual({ service_request_id: id, token: id });

    const updates = await json(
      get(
        `servicerequestupdates.json?api_key=${DEMO_OPEN311_KEY}&start_date=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`,
      ),
    );
    const mine = updates.filter((u: { service_request_id: string }) => u.service_request_id === id);
    expect(mine.map((u: { external_status_code: string }) => u.external_status_code)).toEqual([
      'FOR_TRIAGE',
      'ACTION_SCHEDULED',
    ]);
  });

  it('lists several service codes as one list, paged across them', async () => {
    const list = (page: number) =>
      json(
        get(
          `requests.json?api_key=${DEMO_OPEN311_KEY}&service_code=0101,02&page_size=5&page=${page}&start_date=${encodeURIComponent(new Date(Date.now() - 80 * 86_400_000).toISOString())}`,
        ),
      );
    const [first, second] = [await list(1), await list(2)];
    const both = [...first, ...second] as { service_request_id: string; service_code: string }[];
    expect(first).toHaveLength(5);
    expect(second).toHaveLength(5);
    expect(new Set(both.map((r) => r.service_request_id)).size).toBe(10);
    expect(both.every((r) => r.service_code === '0101' || r.service_code.startsWith('02'))).toBe(true);
    expect((await get(`requests.json?api_key=${DEMO_OPEN311_KEY}&service_code=01;drop`)).status).toBe(400);
  });

  it('refuses posts without a valid key, without a location, or for an unknown service, in the spec error shape', async () => {
    const noKey = await post('requests.xml', {
      service_code: '0101',
      lat: String(inside.lat),
      long: String(inside.long),
    });
    expect(noKey.status).toBe(403);
    expect(await noKey.text()).toContain('<errors><error><code>403</code><description>api_key is required');
    const badKey = await post('requests.json', {
      api_key: 'l311_forged',
      service_code: '0101',
      address_string: 'x',
    });
    expect(badKey.status).toBe(403);
    expect((await json(badKey))[0].code).toBe(403);
    expect((await get('requests.json')).status).toBe(403);

    const noPlace = await post('requests.json', { api_key: DEMO_OPEN311_KEY, service_code: '0101' });
    expect(noPlace.status).toBe(400);
    const unknown = await post('requests.json', {
      api_key: DEMO_OPEN311_KEY,
      service_code: '9999',
      lat: String(inside.lat),
      long: String(inside.long),
    });
    expect(unknown.status).toBe(404);
    const outside = await post('requests.json', {
      api_key: DEMO_OPEN311_KEY,
      service_code: '0101',
      lat: '39.9',
      long: '116.4',
    });
    expect(outside.status).toBe(400);
    expect((await json(outside))[0].description).toContain('网格');
  });

  it('issues keys shown once, limits a client to its division, and stops a revoked key', async () => {
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/v1/open311-clients',
      headers: admin,
      payload: { name: '西新镇便民 App', divisionCode: '220106101' },
    });
    expect(issued.statusCode).toBe(201);
    const { client, key } = issued.json();
    expect(key).toMatch(/^l311_[A-Za-z0-9_-]{43}$/);
    expect(client.keyPrefix).toBe(key.slice(0, 9));
    const listed = (
      await t.app.inject({ method: 'GET', url: '/api/v1/open311-clients', headers: admin })
    ).json();
    expect(JSON.stringify(listed)).not.toContain(key);

    // Its requests live in its own division: a point in 正阳街道 is outside its grids.
    const elsewhere = await post('requests.json', {
      api_key: key,
      service_code: '0101',
      lat: String(inside.lat),
      long: String(inside.long),
    });
    expect(elsewhere.status).toBe(400);
    const seen = await json(get(`requests.json?api_key=${key}`));
    expect(
      seen.every((r: { extended_attributes: { grid_code: string } }) =>
        r.extended_attributes.grid_code.startsWith('220106101'),
      ),
    ).toBe(true);

    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/open311-clients/${client.id}/revoke`,
      headers: admin,
      payload: { version: client.version },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await get(`requests.json?api_key=${key}`)).status).toBe(403);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/open311-clients/${client.id}/revoke`,
      headers: admin,
      payload: { version: client.version },
    });
    expect(again.statusCode).toBe(409);

    // Street staff hold no key page (district only); the permission matrix covers every role.
    const street = await signIn(t.app, 'street.zhengyang');
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/open311-clients', headers: street })).statusCode,
    ).toBe(403);
  });
});

describe('GeoReport helpers', () => {
  it('escapes XML text and names list items', () => {
    expect(toXml('services', 'service', [{ service_name: 'A&B <c>', keywords: null }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<services><service><service_name>A&amp;B &lt;c&gt;</service_name><keywords/></service></services>',
    );
  });

  it('finds a point inside a polygon and not in its hole', () => {
    const square = [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [0, 0],
    ];
    const hole = [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ];
    expect(contains({ type: 'Polygon', coordinates: [square] }, 5, 5)).toBe(true);
    expect(contains({ type: 'Polygon', coordinates: [square, hole] }, 5, 5)).toBe(false);
    expect(contains({ type: 'MultiPolygon', coordinates: [[square]] }, 11, 5)).toBe(false);
  });
});
