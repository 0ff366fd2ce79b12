import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { DEMO_FEDERATIONS } from '../../demo/federations.ts';
import { federationTimeline } from './federations.timeline.ts';

let t: TestApp;
let admin: AuthHeaders;
let street: AuthHeaders;
let org: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
  street = await signIn(t.app, 'street.zhengyang');
  org = await signIn(t.app, 'org.demo');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

interface Member {
  id: string;
  organizationId: string;
  role: string;
  joinedOn: string;
  leftOn: string | null;
}
interface Federation {
  id: string;
  name: string;
  divisionCode: string;
  memberCount: number;
  moveInCount: number;
  version: number;
  members: Member[];
  moveIns: Array<{ organizationId: string; movedInOn: string; origin: string }>;
  abilities: Record<string, boolean>;
}

const ZHENGYANG = '220106001';
const TONGXIN = DEMO_FEDERATIONS[0]!;

/** Registered organizations of a street that have not moved in from outside, as the registry holds them. */
async function localOrganizations(street: string) {
  return t.database.db
    .selectFrom('organization')
    .select(['id', 'name', 'version'])
    .where('divisionCode', 'like', `${street}%`)
    .where('kind', '!=', 'community_org')
    .where('fromOutside', '=', false)
    .where('state', '=', 'active')
    .orderBy('id')
    .execute();
}

describe('federations (R2.3)', () => {
  it('has the three named federations with members and 30+ move-ins that match the registry', async () => {
    const res = await call(admin, 'GET', '/federations');
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as { items: Federation[]; total: number };
    expect(page.items.map((f) => f.name).sort()).toEqual(DEMO_FEDERATIONS.map((f) => f.name).sort());
    expect(page.items.every((f) => f.memberCount > 5)).toBe(true);
    const moveIns = await call(admin, 'GET', '/federations/move-ins?limit=100');
    const all = moveIns.json() as { total: number; items: Array<{ organizationId: string }> };
    expect(all.total).toBeGreaterThanOrEqual(30);
    expect(page.items.reduce((s, f) => s + f.moveInCount, 0)).toBe(all.total);
    const flagged = await t.database.db
      .selectFrom('organization')
      .select('id')
      .where('fromOutside', '=', true)
      .orderBy('id')
      .execute();
    expect(flagged.map((r) => r.id)).toEqual(all.items.map((m) => m.organizationId).sort());
    // The registry's report figures are untouched.
    const summary = (await call(admin, 'GET', '/organizations/summary')).json();
    expect(summary).toMatchObject({ total: 287, registered: 157, filed: 130 });
    expect(summary.byKind).toMatchObject({
      private_non_enterprise: 118,
      social_group: 39,
      community_org: 130,
    });
  });

  it('shows a federation with its members and move-ins', async () => {
    const res = await call(admin, 'GET', `/federations/${TONGXIN.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json() as Federation;
    expect(f.divisionCode).toBe(TONGXIN.street);
    expect(f.members.filter((m) => m.role === 'president')).toHaveLength(1);
    expect(f.members.some((m) => m.leftOn !== null)).toBe(true);
    expect(f.moveIns).toHaveLength(TONGXIN.moveIns);
    expect(f.abilities).toEqual({ update: true, manageMembers: true, recordMoveIn: true });
  });

  it('keeps a street to its own federations: another street’s are 404 to read and to change', async () => {
    const list = (await call(street, 'GET', '/federations')).json() as { total: number };
    expect(list.total).toBe(0);
    const moveIns = (await call(street, 'GET', '/federations/move-ins')).json() as { total: number };
    expect(moveIns.total).toBe(0);
    const id = TONGXIN.id;
    const detail = (await call(admin, 'GET', `/federations/${id}`)).json() as Federation;
    const [local] = await localOrganizations(TONGXIN.street);
    const attempts = [
      await call(street, 'GET', `/federations/${id}`),
      await call(street, 'PATCH', `/federations/${id}`, { version: detail.version, name: '改名测试联合会' }),
      await call(street, 'POST', `/federations/${id}/members`, {
        organizationId: local!.id,
        role: 'member',
        joinedOn: '2024-01-01',
      }),
      await call(street, 'POST', `/federations/${id}/members/${detail.members[0]!.id}/leave`, {
        leftOn: '2024-01-01',
      }),
      await call(street, 'POST', `/federations/${id}/move-ins`, {
        organizationId: local!.id,
        movedInOn: '2024-01-01',
        origin: '长春市朝阳区',
      }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('federation.notFound');
    }
    const created = await call(street, 'POST', '/federations', {
      name: '测试街道联合会甲',
      divisionCode: TONGXIN.street,
      kind: 'other',
      foundedOn: '2024-01-01',
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().code).toBe('federation.invalidDivision');
  });

  it('refuses roles without the permission', async () => {
    expect((await call(org, 'GET', '/federations')).statusCode).toBe(403);
    expect(
      (
        await call(org, 'POST', '/federations', {
          name: '某联合会',
          divisionCode: ZHENGYANG,
          kind: 'other',
          foundedOn: '2024-01-01',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lets a street found a federation, manage members and record a move-in that marks the registry', async () => {
    const [lead, joiner, newcomer] = await localOrganizations(ZHENGYANG);
    const created = await call(street, 'POST', '/federations', {
      name: '正阳街道养老服务联合会',
      divisionCode: ZHENGYANG,
      kind: 'elderly_care',
      leadOrganizationId: lead!.id,
      foundedOn: '2023-04-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    let f = created.json() as Federation;
    expect(f.members).toMatchObject([
      { organizationId: lead!.id, role: 'president', joinedOn: '2023-04-01' },
    ]);

    const duplicate = await call(street, 'POST', '/federations', {
      name: '正阳街道养老服务联合会',
      divisionCode: ZHENGYANG,
      kind: 'elderly_care',
      foundedOn: '2023-04-01',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('federation.duplicateName');

    const added = await call(street, 'POST', `/federations/${f.id}/members`, {
      organizationId: joiner!.id,
      role: 'vice_president',
      joinedOn: '2023-05-01',
    });
    expect(added.statusCode, added.body).toBe(200);
    f = added.json();
    expect(f.memberCount).toBe(2);
    const again = await call(street, 'POST', `/federations/${f.id}/members`, {
      organizationId: joiner!.id,
      role: 'member',
      joinedOn: '2023-06-01',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('federation.alreadyMember');

    // An organization of another street cannot join (the admin sees it, the street rule refuses).
    const [outsider] = await localOrganizations(TONGXIN.street);
    const outside = await call(admin, 'POST', `/federations/${f.id}/members`, {
      organizationId: outsider!.id,
      role: 'member',
      joinedOn: '2023-06-01',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('federation.organizationOutsideStreet');
    // …and the street cannot even name it.
    const hidden = await call(street, 'POST', `/federations/${f.id}/members`, {
      organizationId: outsider!.id,
      role: 'member',
      joinedOn: '2023-06-01',
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('federation.organizationNotFound');

    const member = f.members.find((m) => m.organizationId === joiner!.id)!;
    const early = await call(street, 'POST', `/federations/${f.id}/members/${member.id}/leave`, {
      leftOn: '2023-04-15',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().code).toBe('federation.invalidDates');
    const left = await call(street, 'POST', `/federations/${f.id}/members/${member.id}/leave`, {
      leftOn: '2024-02-01',
    });
    expect(left.statusCode, left.body).toBe(200);
    expect((left.json() as Federation).memberCount).toBe(1);
    const twice = await call(street, 'POST', `/federations/${f.id}/members/${member.id}/leave`, {
      leftOn: '2024-03-01',
    });
    expect(twice.statusCode).toBe(409);

    const before = await t.database.db
      .selectFrom('organization')
      .select(['version', 'fromOutside'])
      .where('id', '=', newcomer!.id)
      .executeTakeFirstOrThrow();
    expect(before.fromOutside).toBe(false);
    const moved = await call(street, 'POST', `/federations/${f.id}/move-ins`, {
      organizationId: newcomer!.id,
      movedInOn: '2024-06-18',
      origin: '长春市南关区',
      note: '随总部迁入',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    f = moved.json();
    expect(f.moveIns).toMatchObject([
      { organizationId: newcomer!.id, movedInOn: '2024-06-18', origin: '长春市南关区' },
    ]);
    expect(f.members.some((m) => m.organizationId === newcomer!.id && m.joinedOn === '2024-06-18')).toBe(
      true,
    );
    const after = (await call(admin, 'GET', `/organizations/${newcomer!.id}`)).json();
    expect(after.fromOutside).toBe(true);
    expect(after.version).toBe(before.version + 1);
    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', newcomer!.id)
      .where('action', '=', 'organization.update')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ fromOutside: true });
    const repeat = await call(street, 'POST', `/federations/${f.id}/move-ins`, {
      organizationId: newcomer!.id,
      movedInOn: '2024-07-01',
      origin: '长春市南关区',
    });
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json().code).toBe('federation.alreadyMovedIn');

    const timeline = await federationTimeline(t.database.db, newcomer!.id, 'zh-CN');
    expect(timeline.map((e) => e.title).sort()).toEqual([`加入${f.name}（成员）`, `经${f.name}入驻`].sort());
    expect(timeline.every((e) => e.kind === 'federation' && e.at === '2024-06-17T16:00:00.000Z')).toBe(true);
    const former = await federationTimeline(t.database.db, joiner!.id, 'en-US');
    expect(former.map((e) => e.title)).toContain(`Left ${f.name}`);
  });

  it('edits with the version seen: a stale one and the loser of a race are 409', async () => {
    const f = (await call(admin, 'GET', `/federations/${TONGXIN.id}`)).json() as Federation;
    const [a, b] = await Promise.all([
      call(admin, 'PATCH', `/federations/${f.id}`, { version: f.version, description: '版本甲' }),
      call(admin, 'PATCH', `/federations/${f.id}`, { version: f.version, description: '版本乙' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().code).toBe('conflict.version');
    const stale = await call(admin, 'PATCH', `/federations/${f.id}`, {
      version: f.version,
      name: '过期版本联合会',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('rejects dates in the future', async () => {
    const res = await call(admin, 'POST', '/federations', {
      name: '未来联合会',
      divisionCode: ZHENGYANG,
      kind: 'other',
      foundedOn: '2999-01-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('federation.invalidDates');
  });

  it('exports federations, members and move-ins as three sheets', async () => {
    const res = await call(admin, 'GET', '/federations/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['联合会', '成员', '入驻组织']);
    expect(wb.getWorksheet('入驻组织')!.rowCount).toBeGreaterThan(30);
    const mine = await call(street, 'GET', '/federations/export');
    const own = new ExcelJS.Workbook();
    await own.xlsx.load(mine.rawPayload as unknown as ArrayBuffer);
    // The street's export holds only its own federation (created above), none of the demo ones.
    const names = own.getWorksheet('联合会')!.getColumn(1).values.slice(2).map(String);
    expect(names).toEqual(['正阳街道养老服务联合会']);
  });
});
