import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { verifyAuditChain } from '../../platform/audit.ts';
import { XLSX_MIME } from '../../platform/spreadsheet.ts';

let t: TestApp;
let admin: AuthHeaders;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
  admin = await signIn(t.app, 'admin');
});
afterAll(() => t.close());

type Request = {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: unknown;
};
/** Requests as the signed-in district admin. */
const inject = (options: Request) =>
  t.app.inject({ ...options, headers: { ...admin, ...options.headers }, payload: options.payload as string });

const get = (url: string, headers: Record<string, string> = {}) => inject({ method: 'GET', url, headers });

async function xlsx(rows: Array<Array<string | number>>, header = ['区划代码', '名称', '层级', '人口']) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('区划');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const importXlsx = (body: Buffer, query = '', lang = 'zh-CN') =>
  inject({
    method: 'POST',
    url: `/api/v1/divisions/import${query}`,
    headers: { 'content-type': XLSX_MIME, 'accept-language': lang },
    payload: body,
  });

describe('division tree of the Lüyuan demo', () => {
  it('shows 绿园区 with the report figures, counted from the records', async () => {
    const res = await get('/api/v1/divisions/220106');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.name).toBe('绿园区');
    expect(body.nbsCode).toBe('220106000000');
    expect(body.descendantCounts).toEqual({
      street: 7,
      town: 3,
      zone: 2,
      community: 58,
      village: 22,
      grid: 312,
    });
    expect(body.specialAreas).toHaveLength(4);
    expect(body.descendantPopulation).toBe(body.population);
  });

  it('lists the tree from the district two levels down', async () => {
    const res = await get('/api/v1/divisions/tree?depth=2');
    const items = res.json().items as Array<{ code: string; level: string; childCount: number }>;
    expect(items[0]).toMatchObject({ code: '220106', level: 'district', childCount: 12 });
    expect(items.filter((i) => i.level === 'community')).toHaveLength(58);
    expect(items.some((i) => i.level === 'grid')).toBe(false);
  });

  it('accepts the NBS 12-digit form in paths and gives ancestors', async () => {
    const grid = await get('/api/v1/divisions/220106001001001');
    expect(grid.json()).toMatchObject({ level: 'grid', nbsCode: '220106001001001' });
    const nbs = await get('/api/v1/divisions/220106001000');
    expect(nbs.json().code).toBe('220106001');
    const community = (await get('/api/v1/divisions/220106001001')).json();
    expect(community.ancestors.map((a: { name: string }) => a.name)).toEqual(['绿园区', '正阳街道']);
    expect(community.communityType).not.toBeNull();
  });

  it('pages and filters children with a total', async () => {
    const page = (await get('/api/v1/divisions/220106/children?limit=5&offset=5')).json();
    expect(page.total).toBe(12);
    expect(page.items).toHaveLength(5);
    expect(page.offset).toBe(5);
    const towns = (await get('/api/v1/divisions/220106/children?level=town')).json();
    expect(towns.items.map((i: { name: string }) => i.name)).toEqual(['合心镇', '西新镇', '城西镇']);
    const named = (await get(`/api/v1/divisions/220106001/children?q=${encodeURIComponent('爱民')}`)).json();
    expect(named.items.map((i: { code: string }) => i.code)).toEqual(['220106001001']);
  });

  it('refuses a page size over 100 with a 400 problem', async () => {
    const res = await get('/api/v1/divisions/220106/children?limit=1000');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('validation.failed');
  });

  it('finds two-character names and shows where they are', async () => {
    const res = await get(`/api/v1/divisions/search?q=${encodeURIComponent('爱民')}`);
    const body = res.json();
    expect(body.items[0]).toMatchObject({
      code: '220106001001',
      name: '爱民社区',
      path: '绿园区 / 正阳街道',
    });
    expect(body.total).toBeGreaterThan(1);
    const grids = (await get(`/api/v1/divisions/search?q=${encodeURIComponent('爱民')}&level=grid`)).json();
    expect(grids.items.every((i: { level: string }) => i.level === 'grid')).toBe(true);
  });

  it('draws a community as its grids and reports the boundaries as generated', async () => {
    const res = await get('/api/v1/divisions/220106001001/map');
    const body = res.json();
    const children = (await get('/api/v1/divisions/220106001001/children?limit=100')).json();
    expect(body.features).toHaveLength(children.total);
    expect(body.generated).toBe(true);
    expect(body.features[0].geometry.type).toBe('Polygon');
    expect(body.missing).toEqual([]);
  });
});

describe('errors', () => {
  it('says in Chinese, or in English when asked, that a code is invalid', async () => {
    const zh = await get('/api/v1/divisions/2201061');
    expect(zh.statusCode).toBe(400);
    const en = await get('/api/v1/divisions/220106700', { 'accept-language': 'en-US' });
    expect(en.statusCode).toBe(400);
    expect(en.json().code).toBe('division.invalidCode');
    expect(en.json().detail).toContain('outside the ranges');
    const zhRange = await get('/api/v1/divisions/220106700');
    expect(zhRange.json().detail).toContain('不在国家统计用区划代码规定的取值范围内');
  });

  it('gives 404 problem+json for an unknown division and an unknown route, with no stack', async () => {
    const res = await get('/api/v1/divisions/220106099');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'division.notFound', status: 404 });
    expect(res.body).not.toContain('at ');
    const route = await get('/api/v1/nothing-here');
    expect(route.statusCode).toBe(404);
    expect(route.json().code).toBe('route.notFound');
  });

  it('refuses malformed JSON with 400, not 500', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/divisions',
      headers: { 'content-type': 'application/json' },
      payload: '{"code": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.bad');
  });
});

describe('changing divisions', () => {
  it('creates a grid under a community, deriving level and parent from the code', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/divisions',
      payload: { code: '220106001001099', name: '爱民社区第99网格', population: 1200 },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ level: 'grid', parentCode: '220106001001', version: 1 });
    const again = await inject({
      method: 'POST',
      url: '/api/v1/divisions',
      payload: { code: '220106001001099', name: '重复' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('division.exists');
  });

  it('refuses a child whose parent does not exist', async () => {
    const res = await inject({
      method: 'POST',
      url: '/api/v1/divisions',
      payload: { code: '220106098001', name: '无上级社区' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('division.parentNotFound');
  });

  it('updates with the row version and answers 409 to a stale one', async () => {
    const before = (await get('/api/v1/divisions/220106001002')).json();
    const ok = await inject({
      method: 'PATCH',
      url: '/api/v1/divisions/220106001002',
      payload: { version: before.version, population: 12345 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ population: 12345, version: before.version + 1 });
    const stale = await inject({
      method: 'PATCH',
      url: '/api/v1/divisions/220106001002',
      payload: { version: before.version, name: '旧版本' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict.version');
  });

  it('keeps a cleared population empty and a zero a zero (JSON bodies are not type-coerced)', async () => {
    const before = (await get('/api/v1/divisions/220106001002')).json();
    const cleared = await inject({
      method: 'PATCH',
      url: '/api/v1/divisions/220106001002',
      payload: { version: before.version, population: null, households: 0 },
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ population: null, households: 0 });
    const text = await inject({
      method: 'PATCH',
      url: '/api/v1/divisions/220106001002',
      payload: { version: cleared.json().version, population: '12000' },
    });
    expect(text.statusCode).toBe(400);
  });

  it('lets exactly one of two concurrent updates of the same version win', async () => {
    const { version } = (await get('/api/v1/divisions/220106001003')).json();
    const patch = (name: string) =>
      inject({ method: 'PATCH', url: '/api/v1/divisions/220106001003', payload: { version, name } });
    const results = await Promise.all([patch('甲'), patch('乙')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });

  it('moves a community with its grids to another street, re-coding the subtree', async () => {
    const before = (await get('/api/v1/divisions/220106001004')).json();
    const grids = (await get('/api/v1/divisions/220106001004/children?limit=100')).json();
    const res = await inject({
      method: 'POST',
      url: '/api/v1/divisions/220106001004/move',
      payload: { version: before.version, newParentCode: '220106003', newSerial: '050' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '220106003050', parentCode: '220106003', name: before.name });
    const moved = (await get('/api/v1/divisions/220106003050/children?limit=100')).json();
    expect(moved.total).toBe(grids.total);
    expect(
      moved.items.every((g: { code: string; parentCode: string }) => g.code.startsWith('220106003050')),
    ).toBe(true);
    expect((await get('/api/v1/divisions/220106001004')).statusCode).toBe(404);
  });

  it('refuses to move a division under its own grid or onto a level that cannot hold it', async () => {
    const c = (await get('/api/v1/divisions/220106001005')).json();
    const intoSelf = await inject({
      method: 'POST',
      url: '/api/v1/divisions/220106001005/move',
      payload: { version: c.version, newParentCode: '220106001005001' },
    });
    expect(intoSelf.statusCode).toBe(400);
    const underCommunity = await inject({
      method: 'POST',
      url: '/api/v1/divisions/220106001005/move',
      payload: { version: c.version, newParentCode: '220106001006' },
    });
    expect(underCommunity.statusCode).toBe(400);
    expect(underCommunity.json().code).toBe('division.invalidLevelUnderParent');
  });

  it('deletes only a division without children, by version', async () => {
    const community = await get('/api/v1/divisions/220106001006');
    const blocked = await inject({
      method: 'DELETE',
      url: `/api/v1/divisions/220106001006?version=${community.json().version}`,
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().code).toBe('division.hasChildren');
    // Every demo grid has a roster; a grid just drawn has nothing that refers to it.
    const created = await inject({
      method: 'POST',
      url: '/api/v1/divisions',
      payload: { code: '220106001006098', name: '待删除的第98网格' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const ok = await inject({
      method: 'DELETE',
      url: `/api/v1/divisions/220106001006098?version=${created.json().version}`,
    });
    expect(ok.statusCode).toBe(204);
    const rostered = (await get('/api/v1/divisions/220106001006001')).json();
    const kept = await inject({
      method: 'DELETE',
      url: `/api/v1/divisions/220106001006001?version=${rostered.version}`,
    });
    expect(kept.json()).toMatchObject({ code: 'conflict.referenced' });
  });

  it('keeps a grid where residents are registered, with a 409 that says why', async () => {
    const grid = (await get('/api/v1/divisions/220106001001001')).json();
    const res = await inject({
      method: 'DELETE',
      url: `/api/v1/divisions/220106001001001?version=${grid.version}`,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'conflict.referenced' });
    expect(res.json().detail).toContain('居民');
    expect((await get('/api/v1/divisions/220106001001001')).statusCode).toBe(200);
  });
});

describe('Excel import and export', () => {
  it('exports a subtree that imports back unchanged', async () => {
    const res = await get('/api/v1/divisions/export?root=220106005');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX_MIME);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('青年路街道');
    const back = await importXlsx(res.rawPayload, '?dryRun=true');
    expect(back.statusCode).toBe(200);
    const count = (await get('/api/v1/divisions/220106005')).json().descendantCounts;
    const total = 1 + Object.values(count as Record<string, number>).reduce((s, n) => s + n, 0);
    expect(back.json()).toEqual({ dryRun: true, total, created: 0, updated: 0, unchanged: total });
  });

  it('refuses a whole file with a bad code in row 7, naming row 7, and writes nothing', async () => {
    const rows: Array<Array<string | number>> = [
      ['220106001001201', '新网格一', '网格', 100],
      ['220106001001202', '新网格二', '网格', 100],
      ['220106001001203', '新网格三', '网格', 100],
      ['220106001001204', '新网格四', '网格', 100],
      ['220106001001205', '新网格五', '网格', 100],
      ['2201060010012X6', '坏代码', '网格', 100],
      ['220106001001207', '新网格七', '网格', 100],
    ];
    const res = await importXlsx(await xlsx(rows));
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import.rowsInvalid');
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ row: 7, field: '区划代码', code: 'code.notDigits' });
    expect(body.detail).toContain('1 行有误');
    expect((await get('/api/v1/divisions/220106001001201')).statusCode).toBe(404);
  });

  it('lists every bad row at once, in the caller language', async () => {
    const rows: Array<Array<string | number>> = [
      ['220106001', '正阳街道', '社区', 1],
      ['220106001001301', '', '网格', 1],
      ['220106097001001', '无上级', '网格', 1],
      ['220106001001302', '负人口', '网格', -5],
      ['220106001001302', '重复', '网格', 5],
    ];
    const res = await importXlsx(await xlsx(rows), '', 'en-US');
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as Array<{ row: number; code: string; message: string }>;
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'division.levelMismatch'],
      [3, 'field.required'],
      [4, 'division.parentMissing'],
      [5, 'field.notInteger'],
      [6, 'division.duplicateInFile'],
    ]);
    expect(errors[0]!.message).toContain('does not match');
  });

  it('creates new rows and updates changed ones; parents may come in the same file', async () => {
    const rows: Array<Array<string | number>> = [
      ['220106001001401', '新网格', '网格', 50],
      ['220106001099', '新建社区', '社区', 3000],
      ['220106001099001', '新建社区第1网格', '网格', 3000],
      ['220106001010', '风和日丽社区', '社区', 9999],
    ];
    const file = await xlsx(rows);
    const preview = await importXlsx(file, '?dryRun=true');
    expect(preview.json()).toEqual({ dryRun: true, total: 4, created: 3, updated: 1, unchanged: 0 });
    expect((await get('/api/v1/divisions/220106001099')).statusCode).toBe(404);
    const res = await importXlsx(file, '?dryRun=false');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: false, total: 4, created: 3, updated: 1, unchanged: 0 });
    expect((await get('/api/v1/divisions/220106001099001')).json().parentCode).toBe('220106001099');
    expect((await get('/api/v1/divisions/220106001010')).json().population).toBe(9999);
  });

  it('refuses a file that is not a workbook, or has no code column', async () => {
    const junk = await importXlsx(Buffer.from('not a spreadsheet'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().code).toBe('import.invalidFile');
    const noCode = await importXlsx(await xlsx([['x']], ['名字']));
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().code).toBe('import.missingColumns');
  });
});

describe('validation messages', () => {
  it('names the field and the rule in Chinese, or in English when asked', async () => {
    const zh = await inject({
      method: 'POST',
      url: '/api/v1/divisions',
      payload: { code: '220106001001098' },
    });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().errors[0]).toMatchObject({ field: 'body.name', code: 'schema.required' });
    expect(zh.json().detail).toContain('缺少必填项 body.name');
    const en = await inject({
      method: 'GET',
      url: '/api/v1/divisions/220106/children?limit=0',
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().errors[0]).toMatchObject({ field: 'querystring.limit', code: 'schema.minimum' });
    expect(en.json().detail).toContain('querystring.limit must be at least 1');
  });
});

describe('audit of API writes', () => {
  it('records who changed a division through the API, from where, and the chain holds', async () => {
    const { version } = (await get('/api/v1/divisions/220106001007')).json();
    await inject({
      method: 'PATCH',
      url: '/api/v1/divisions/220106001007',
      headers: { 'user-agent': 'audit-test' },
      payload: { version, households: 4321 },
    });
    const entry = await t.database.db
      .selectFrom('auditLog')
      .selectAll()
      .where('entityId', '=', '220106001007')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'division.update',
      actorName: '区民政局管理员',
      userAgent: 'audit-test',
    });
    expect(entry.ip).toBeTruthy();
    expect(entry.after).toEqual({ households: 4321 });
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });
});
