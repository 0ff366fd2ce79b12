import { residentIdCheckChar } from '@linli/common';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';

/** A valid ID number (check digit computed) from its first 17 characters. */
const idOf = (first17: string) => first17 + residentIdCheckChar(first17);

// 1980-01-01, order 003 (odd: male); 1992-07-15, order 128 (even: female).
const ID_MALE = idOf('22010619800101003');
const ID_FEMALE = idOf('22010419920715128');
const PHONE = '13812345678';
const NEW_PHONE = '15904310088';

let t: TestApp;
let community: AuthHeaders;
let gridLeader: AuthHeaders;
let street: AuthHeaders;

beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  community = await signIn(t.app, 'community.aimin');
  gridLeader = await signIn(t.app, 'grid.220106001001001');
  street = await signIn(t.app, 'street.zhengyang');
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
const call = (headers: AuthHeaders, method: Method, url: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as string | undefined });

const body = {
  name: '测试居民',
  idNumber: ID_MALE,
  phone: PHONE,
  address: '爱民社区 3 栋 2 单元 501',
  divisionCode: '220106001001002',
  householdNo: '220106999',
  tags: ['elderly', 'alone'],
};

async function rawRow(id: string) {
  // The raw row as psql would show it (column names come back camel-cased through the Kysely plugin).
  const { rows } = await sql<Record<string, unknown>>`
    select *, birth_date::text as birth from resident where id = ${id}`.execute(t.database.db);
  return rows[0]!;
}

async function auditEntries(action: string, entityId: string) {
  return t.database.db
    .selectFrom('auditLog')
    .selectAll()
    .where('action', '=', action)
    .where('entityId', '=', entityId)
    .orderBy('seq')
    .execute();
}

/** Any resident of the demo in a division (a raw read: the test looks behind the API on purpose). */
async function demoResidentUnder(prefix: string) {
  return t.database.db
    .selectFrom('resident')
    .select(['id', 'version', 'accountId'])
    .where('divisionCode', 'like', `${prefix}%`)
    .orderBy('id')
    .executeTakeFirstOrThrow();
}

describe('personal data protected at rest and in responses', () => {
  let id: string;

  it('stores a resident sealed, answers masked and derives gender and birth date', async () => {
    const res = await call(community, 'POST', '/residents', body);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    id = created.id;
    expect(created).toMatchObject({
      name: '测试居民',
      gender: 'male',
      idNumber: `2201**********${ID_MALE.slice(-4)}`,
      phone: '138****5678',
      divisionCode: '220106001001002',
      divisionName: '爱民社区第2网格',
      householdNo: '220106999',
      tags: ['elderly', 'alone'],
      hasAccount: false,
      createdByName: '爱民社区 李静',
      abilities: { update: true, delete: true, reveal: true, recordConsent: false },
    });
    expect(created.age).toBeGreaterThanOrEqual(46);
    expect(res.body).not.toContain(ID_MALE);
    expect(res.body).not.toContain(PHONE);

    const row = await rawRow(id);
    for (const column of ['idNumberSealed', 'phoneSealed', 'idNumberIndex', 'phoneIndex']) {
      expect(row[column]).toEqual(expect.any(String));
      const value = String(row[column]);
      expect(value).not.toContain(ID_MALE);
      expect(value).not.toContain(ID_MALE.slice(6, 14));
      expect(value).not.toContain(PHONE);
    }
    expect(String(row.idNumberSealed)).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(ID_MALE);

    const [entry] = await auditEntries('resident.create', id);
    const logged = JSON.stringify(entry);
    expect(logged).not.toContain(ID_MALE);
    expect(logged).not.toContain(PHONE);
    expect(logged).not.toContain('3 栋 2 单元 501');
    expect(entry!.after).toMatchObject({
      idNumber: `2201**********${ID_MALE.slice(-4)}`,
      phone: '138****5678',
    });
  });

  it('finds the resident by exact ID number (any case, spaces) and by phone, masked', async () => {
    const byId = await call(community, 'GET', `/residents?idNumber=${encodeURIComponent(` ${ID_MALE} `)}`);
    expect(byId.json()).toMatchObject({ total: 1, items: [{ id, phone: '138****5678' }] });
    expect(byId.body).not.toContain(ID_MALE);
    const byPhone = await call(
      community,
      'GET',
      `/residents?phone=${encodeURIComponent('+86 138-1234-5678')}`,
    );
    expect(byPhone.json()).toMatchObject({ total: 1, items: [{ id }] });
    const byName = await call(community, 'GET', `/residents?q=${encodeURIComponent('测试')}&tag=alone`);
    expect(byName.json().items.map((r: { id: string }) => r.id)).toContain(id);
    const partial = await call(community, 'GET', `/residents?idNumber=${ID_MALE.slice(0, 10)}`);
    expect(partial.json().total).toBe(0);
    const badPhone = await call(community, 'GET', '/residents?phone=123');
    expect(badPhone.json().total).toBe(0);
  });

  it('reveals the full values to a pii:reveal holder with a reason, and logs the reveal without them', async () => {
    const tooShort = await call(community, 'POST', `/residents/${id}/reveal`, {
      fields: ['idNumber'],
      reason: '看',
    });
    expect(tooShort.statusCode).toBe(400);
    const res = await call(community, 'POST', `/residents/${id}/reveal`, {
      fields: ['idNumber', 'phone'],
      reason: '办理高龄津贴需核对身份证号',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id, idNumber: ID_MALE, phone: PHONE });
    const entries = await auditEntries('resident.reveal', id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorName: '爱民社区 李静',
      entityType: 'resident',
      divisionCode: '220106001001002',
      after: { fields: ['idNumber', 'phone'], reason: '办理高龄津贴需核对身份证号' },
    });
    expect(JSON.stringify(entries[0])).not.toContain(ID_MALE);
    expect(JSON.stringify(entries[0])).not.toContain(PHONE);
  });

  it('refuses the reveal to a grid leader (no pii:reveal): 403, and nothing is logged', async () => {
    const res = await call(gridLeader, 'POST', `/residents/${id}/reveal`, {
      fields: ['idNumber'],
      reason: '核对身份',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    expect(await auditEntries('resident.reveal', id)).toHaveLength(1);
  });

  it('keeps the grid leader of grid 1 away from a resident of grid 2 (404) but shows grid 1', async () => {
    expect((await call(gridLeader, 'GET', `/residents/${id}`)).statusCode).toBe(404);
    const list = (await call(gridLeader, 'GET', '/residents?limit=100')).json();
    expect(list.total).toBeGreaterThan(50);
    expect(
      list.items.every((r: { divisionCode: string }) => r.divisionCode.startsWith('220106001001001')),
    ).toBe(true);
    expect(list.items[0].abilities).toMatchObject({ update: true, reveal: false, act: true });
  });

  it('updates by version, re-derives gender and birth date from a new ID number, logs masks only', async () => {
    const before = (await call(community, 'GET', `/residents/${id}`)).json();
    const res = await call(community, 'PATCH', `/residents/${id}`, {
      version: before.version,
      idNumber: ID_FEMALE,
      phone: NEW_PHONE,
      address: '爱民社区 5 栋 1 单元 302',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      gender: 'female',
      idNumber: `2201**********${ID_FEMALE.slice(-4)}`,
      phone: '159****0088',
      version: before.version + 1,
    });
    const row = await rawRow(id);
    expect(row.birth).toBe('1992-07-15');
    const [entry] = await auditEntries('resident.update', id);
    const logged = JSON.stringify(entry);
    for (const secret of [ID_MALE, ID_FEMALE, PHONE, NEW_PHONE, '5 栋 1 单元 302']) {
      expect(logged).not.toContain(secret);
    }
    expect(entry!.before).toMatchObject({ phone: '138****5678' });
    expect(entry!.after).toMatchObject({ phone: '159****0088' });

    const stale = await call(community, 'PATCH', `/residents/${id}`, {
      version: before.version,
      name: '旧版本',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
  });

  it('refuses a bad check digit, a bad date, a bad phone and a division outside the scope (400, Chinese)', async () => {
    const wrongCheck = ID_MALE.slice(0, 17) + (ID_MALE.endsWith('1') ? '2' : '1');
    const bad = await call(community, 'POST', '/residents', { ...body, idNumber: wrongCheck });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'resident.invalidIdNumber',
      params: { reason: 'residentId.checksum' },
    });
    expect(bad.json().detail).toContain('校验位不正确');

    const month13 = await call(community, 'POST', '/residents', {
      ...body,
      idNumber: idOf('22010619801301003'),
    });
    expect(month13.json().detail).toContain('出生日期不存在');

    const phone = await call(community, 'POST', '/residents', {
      ...body,
      idNumber: idOf('22010619800101005'),
      phone: '12345678901',
    });
    expect(phone.statusCode).toBe(400);
    expect(phone.json()).toMatchObject({ code: 'resident.invalidPhone' });
    expect(phone.json().detail).toContain('手机号码');

    const outside = await call(community, 'POST', '/residents', {
      ...body,
      idNumber: idOf('22010619800101007'),
      divisionCode: '220106003001001',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().code).toBe('resident.invalidDivision');

    const english = await t.app.inject({
      method: 'POST',
      url: '/api/v1/residents',
      headers: { ...community, 'accept-language': 'en-US' },
      payload: { ...body, idNumber: wrongCheck },
    });
    expect(english.json().detail).toContain('check digit');
  });

  it('refuses a second registration of the same ID number (409) without naming the first', async () => {
    const res = await call(community, 'POST', '/residents', {
      ...body,
      name: '另一人',
      idNumber: ID_FEMALE.toLowerCase(),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('resident.duplicateIdNumber');
    expect(res.json().detail).toContain('已登记');
    expect(res.body).not.toContain('测试居民');
    expect(res.body).not.toContain(id);
  });

  it('exports the filtered list as xlsx with Chinese headers and masked numbers', async () => {
    const res = await call(community, 'GET', `/residents/export?divisionCode=220106001001002`);
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('居民信息');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining(['姓名', '公民身份号码（脱敏）', '手机号码（脱敏）']),
    );
    expect(ws.rowCount).toBeGreaterThan(50);
    const cells = JSON.stringify(ws.getSheetValues());
    expect(cells).not.toContain(ID_FEMALE);
    expect(cells).not.toContain(NEW_PHONE);
    expect(cells).toContain(`2201**********${ID_FEMALE.slice(-4)}`);
    const [entry] = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'resident.export')
      .execute();
    expect(entry).toMatchObject({ actorName: '爱民社区 李静' });
  });

  it('refuses a consent recorded without acting for the resident', async () => {
    const res = await call(community, 'POST', `/residents/${id}/consents`, {
      purpose: 'registry',
      given: true,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('resident.consentNeedsActing');
    expect(res.json().detail).toContain('请先进入代办模式');
    expect((await call(community, 'GET', `/residents/${id}/consents`)).json().total).toBe(0);
  });

  it('deletes by version, and then the resident is gone', async () => {
    const current = (await call(community, 'GET', `/residents/${id}`)).json();
    const stale = await call(community, 'DELETE', `/residents/${id}?version=${current.version - 1}`);
    expect(stale.statusCode).toBe(409);
    const ok = await call(community, 'DELETE', `/residents/${id}?version=${current.version}`);
    expect(ok.statusCode).toBe(204);
    expect((await call(community, 'GET', `/residents/${id}`)).statusCode).toBe(404);
    const [entry] = await auditEntries('resident.delete', id);
    expect(JSON.stringify(entry)).not.toContain(ID_FEMALE);
  });
});

describe('demo data and scope', () => {
  it('links the demo resident account to its record, which cannot be deleted', async () => {
    const list = (await call(community, 'GET', `/residents?phone=13900000001`)).json();
    expect(list.total).toBe(1);
    const resident = list.items[0];
    expect(resident).toMatchObject({ name: '孙大爷', hasAccount: true, abilities: { delete: false } });
    const res = await call(community, 'DELETE', `/residents/${resident.id}?version=${resident.version}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('resident.hasAccount');
    const consents = (await call(community, 'GET', `/residents/${resident.id}/consents`)).json();
    expect(consents.items[0]).toMatchObject({ recordedByName: '爱民社区 李静', onBehalfOfName: '孙大爷' });
  });

  it('has about sixty residents in each grid of 爱民社区', async () => {
    for (const grid of ['001', '002', '003', '004']) {
      const page = (
        await call(community, 'GET', `/residents?divisionCode=220106001001${grid}&limit=1`)
      ).json();
      expect(page.total).toBeGreaterThanOrEqual(60);
    }
    const elderly = (await call(community, 'GET', '/residents?tag=elderly&limit=1')).json();
    expect(elderly.total).toBeGreaterThan(0);
  });

  it('records a consent over HTTP once the session acts for the resident (staff X for resident Y)', async () => {
    const station = await signIn(t.app, 'station.aimin');
    const resident = (await call(station, 'GET', '/residents?divisionCode=220106001001004&limit=1')).json()
      .items[0];
    const start = await call(station, 'POST', '/auth/acting', {
      residentId: resident.id,
      reason: '老人不会用手机',
    });
    expect(start.statusCode, start.body).toBe(200);
    const detail = (await call(station, 'GET', `/residents/${resident.id}`)).json();
    expect(detail.abilities).toMatchObject({ recordConsent: true, act: false });
    const res = await call(station, 'POST', `/residents/${resident.id}/consents`, {
      purpose: 'volunteer',
      given: true,
      note: '本人当面同意',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      recordedByName: '爱民社区服务站 张敏',
      onBehalfOf: resident.id,
      onBehalfOfName: resident.name,
    });
    const [entry] = await auditEntries('resident.consent', resident.id);
    expect(entry).toMatchObject({ onBehalfOf: resident.id, actorName: '爱民社区服务站 张敏' });
    await call(station, 'DELETE', '/auth/acting');
  });

  it('gives another street’s staff 404 on a resident of 景阳社区 (春城街道): get, update, delete', async () => {
    const other = await demoResidentUnder('220106003');
    expect((await call(street, 'GET', `/residents/${other.id}`)).statusCode).toBe(404);
    const update = await call(street, 'PATCH', `/residents/${other.id}`, {
      version: other.version,
      name: '改名',
    });
    expect(update.statusCode).toBe(404);
    expect(update.json().code).toBe('resident.notFound');
    expect((await call(street, 'DELETE', `/residents/${other.id}?version=${other.version}`)).statusCode).toBe(
      404,
    );
    expect((await call(street, 'GET', `/residents/${other.id}/consents`)).statusCode).toBe(404);
    const list = (await call(street, 'GET', '/residents?divisionCode=220106003&limit=1')).json();
    expect(list.total).toBe(0);
    // A community worker holds pii:reveal, but not for another street's resident.
    const reveal = await call(community, 'POST', `/residents/${other.id}/reveal`, {
      fields: ['idNumber'],
      reason: '越权查看测试',
    });
    expect(reveal.statusCode).toBe(404);
    expect(
      (await call(community, 'POST', `/residents/${other.id}/consents`, { purpose: 'registry', given: true }))
        .statusCode,
    ).toBe(404);
  });

  it('lets the street see its own residents, masked, without the reveal ability', async () => {
    const page = (await call(street, 'GET', '/residents?limit=5')).json();
    expect(page.total).toBeGreaterThanOrEqual(240);
    expect(page.items[0].idNumber).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(page.items[0].abilities.reveal).toBe(false);
  });
});
