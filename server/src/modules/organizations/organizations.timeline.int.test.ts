import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { TEST_CIPHER } from '../../../test/database.ts';
import { fileMaterials } from '../../../test/filing.ts';
import { SYSTEM_CALLER } from '../../platform/scope.ts';
import { OrganizationService } from './organizations.service.ts';
import type { TimelineEntry } from './organizations.timeline.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let community: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  community = await signIn(t.app, 'community.aimin');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

async function timeline(headers: AuthHeaders, id: string): Promise<TimelineEntry[]> {
  const res = await call(headers, 'GET', `/organizations/${id}/timeline`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('organization timeline', () => {
  it('shows filing, review and edits newest first, with who did them', async () => {
    const created = await call(community, 'POST', '/organizations', {
      kind: 'community_org',
      name: '爱民社区大事记测试读书会',
      divisionCode: '220106001001',
      fields: ['culture_sports'],
      category: 'culture_sports',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id, version } = created.json();
    await fileMaterials(t.app, community, id);
    const approved = await call(street, 'POST', `/organizations/${id}/transitions`, {
      action: 'approveFiling',
      version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const edited = await call(community, 'PATCH', `/organizations/${id}`, {
      version: approved.json().version,
      address: '爱民社区活动室',
      staffCount: 3,
    });
    expect(edited.statusCode, edited.body).toBe(200);

    const entries = await timeline(community, id);
    expect(entries.map((e) => e.title)).toEqual(['修改信息', '同意备案', '录入名录']);
    expect(entries[0]).toMatchObject({ kind: 'record', detail: '修改了：地址、专职人员数' });
    expect(entries[1]).toMatchObject({ kind: 'lifecycle' });
    expect(entries[1]?.actorName).toBeTruthy();
    const times = entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('dates a record that came in already registered from its registration date', async () => {
    const page = await call(admin, 'GET', '/organizations?kind=social_group&limit=1');
    const org = page.json().items[0];
    const entries = await timeline(admin, org.id);
    const registered = entries.find((e) => e.title === '登记成立');
    expect(registered?.at).toBe(new Date(`${org.registeredOn}T00:00:00+08:00`).toISOString());
  });

  it('is not shown outside the caller’s scope', async () => {
    const page = await call(street, 'GET', '/organizations?limit=100');
    const outside = page
      .json()
      .items.find((o: { divisionCode: string }) => !o.divisionCode.startsWith('220106001001'));
    expect(outside).toBeDefined();
    expect((await call(street, 'GET', `/organizations/${outside.id}/timeline`)).statusCode).toBe(200);
    const res = await call(community, 'GET', `/organizations/${outside.id}/timeline`);
    expect(res.statusCode).toBe(404);
  });

  it('merges what other modules add, newest first', async () => {
    const page = await call(admin, 'GET', '/organizations?kind=social_group&limit=1');
    const org = page.json().items[0];
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const service = new OrganizationService(t.database.db, TEST_CIPHER, [
      async (_db, organizationId) => [
        { at: future, kind: 'inspection', title: `年检 ${organizationId}`, detail: null, actorName: null },
        {
          at: '2000-01-01T00:00:00.000Z',
          kind: 'federation',
          title: '加入联合会',
          detail: null,
          actorName: null,
        },
      ],
    ]);
    const entries = await service.timeline(SYSTEM_CALLER, org.id, 'zh-CN');
    expect(entries[0]?.title).toBe(`年检 ${org.id}`);
    expect(entries.at(-1)?.title).toBe('加入联合会');
  });
});
