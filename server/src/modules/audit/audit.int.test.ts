import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';

let t: TestApp;
let admin: AuthHeaders;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'market.aimin', password: 'Wrong#pass1' },
  });
  admin = await signIn(t.app, 'admin');
  const { version } = (
    await t.app.inject({ method: 'GET', url: '/api/v1/divisions/220106001001', headers: admin })
  ).json();
  await t.app.inject({
    method: 'PATCH',
    url: '/api/v1/divisions/220106001001',
    headers: admin,
    payload: { version, population: 15000 },
  });
});
afterAll(() => t.close());

const list = (query: string, headers: Record<string, string> = admin) =>
  t.app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers });

describe('audit page API', () => {
  it('lists entries newest first, with a total', async () => {
    const page = (await list('?limit=5')).json();
    expect(page.total).toBeGreaterThanOrEqual(3);
    expect(page.items[0].seq).toBeGreaterThan(page.items[1].seq);
    expect(page.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('filters by result, actor, action and object', async () => {
    const failed = (await list('?success=false')).json();
    expect(failed.items.map((e: { action: string }) => e.action)).toEqual(['auth.login']);
    const byActor = (await list(`?actor=${encodeURIComponent('民政局')}&action=division.update`)).json();
    expect(byActor.items).toHaveLength(1);
    expect(byActor.items[0]).toMatchObject({ entityId: '220106001001', after: { population: 15000 } });
    const byEntity = (await list('?entityType=division&entityId=220106001001')).json();
    expect(byEntity.total).toBe(1);
    const none = (
      await list(
        `?from=${encodeURIComponent('2000-01-01T00:00:00Z')}&to=${encodeURIComponent('2000-01-02T00:00:00Z')}`,
      )
    ).json();
    expect(none.total).toBe(0);
  });

  it('exports the filtered entries to Excel', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export?success=false',
      headers: admin,
    });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.getRow(1).getCell(2).value).toBe('时间');
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(10).value).toBe('失败');
  });

  it('is for the district admin only', async () => {
    const street = await signIn(t.app, 'street.zhengyang');
    expect((await list('', street)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });
});
