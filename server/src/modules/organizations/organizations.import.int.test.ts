import { usccCheckChar } from '@linli/common';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHeaders, buildTestApp, signIn, type TestApp } from '../../../test/app.ts';
import { TEST_CIPHER } from '../../../test/database.ts';
import { parseSheetDate } from './organizations.import.ts';

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

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** 正阳街道: the demo street account's scope. */
const STREET = '220106001';

async function exportFile(headers: AuthHeaders, query: string): Promise<Buffer> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/organizations/export?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.rawPayload;
}

async function importFile(headers: AuthHeaders, file: Buffer, dryRun: boolean) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/organizations/import?dryRun=${dryRun}`,
    headers: { ...headers, 'content-type': XLSX, 'accept-language': 'zh-CN' },
    payload: file,
  });
}

interface Result {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  changes: Array<{ row: number; id: string | null; name: string; action: string; columns: string[] }>;
}

/** Changes cells of a workbook: `edits` maps an Excel row number to header → new value. */
async function edit(
  file: Buffer,
  edits: Record<number, Record<string, string | number | null>>,
  append: Array<Record<string, string | number>> = [],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const column = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => column.set(String(cell.value), col));
  const at = (header: string) => {
    const col = column.get(header);
    if (col === undefined) throw new Error(`no column ${header}`);
    return col;
  };
  for (const [row, cells] of Object.entries(edits))
    for (const [header, value] of Object.entries(cells))
      ws.getRow(Number(row)).getCell(at(header)).value = value;
  for (const cells of append) {
    const row = ws.getRow(ws.rowCount + 1);
    for (const [header, value] of Object.entries(cells)) row.getCell(at(header)).value = value;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function cell(file: Buffer, row: number, header: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let col = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (String(c.value) === header) col = i;
  });
  return String(ws.getRow(row).getCell(col).value ?? '');
}

/** Every stored column of the street's records, sealed phone and search vector included. */
async function snapshot(prefix = STREET) {
  const { rows } = await sql<Record<string, unknown>>`
    select * from organization where division_code like ${`${prefix}%`} order by id`.execute(t.database.db);
  return rows;
}

async function auditCount(action: string): Promise<number> {
  const row = await t.database.db
    .selectFrom('auditLog')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const code = (serial: string) => {
  const first17 = `52220106MJ${serial}`;
  return first17 + usccCheckChar(first17);
};

describe('registry import: round trip of the export', () => {
  it('imports the exported registry without changing anything, dry run and for real', async () => {
    const file = await exportFile(admin, `divisionCode=${STREET}`);
    const before = await snapshot();
    expect(before.length).toBeGreaterThan(10);
    const updates = await auditCount('organization.update');
    const imports = await auditCount('organization.import');

    const dry = await importFile(admin, file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<Result>()).toMatchObject({
      dryRun: true,
      rows: before.length,
      created: 0,
      updated: 0,
      unchanged: before.length,
      changes: [],
    });

    const real = await importFile(admin, file, false);
    expect(real.statusCode, real.body).toBe(200);
    expect(real.json<Result>()).toMatchObject({
      dryRun: false,
      created: 0,
      updated: 0,
      unchanged: before.length,
    });
    expect(await snapshot()).toEqual(before);
    expect(await auditCount('organization.update')).toBe(updates);
    expect(await auditCount('organization.import')).toBe(imports);
  });

  it('applies exactly the cell that was edited, and audits that one change', async () => {
    const file = await exportFile(admin, `divisionCode=${STREET}`);
    const id = await cell(file, 3, '系统编号（勿改）');
    const volunteers = Number(await cell(file, 3, '志愿者'));
    const before = await snapshot();
    const edited = await edit(file, { 3: { 志愿者: volunteers + 7 } });

    const dry = (await importFile(admin, edited, true)).json<Result>();
    expect(dry).toMatchObject({ created: 0, updated: 1, unchanged: before.length - 1 });
    expect(dry.changes).toEqual([
      expect.objectContaining({ row: 3, id, action: 'update', columns: ['志愿者'] }),
    ]);
    expect(await snapshot()).toEqual(before);

    const res = await importFile(admin, edited, false);
    expect(res.statusCode, res.body).toBe(200);
    const after = await snapshot();
    const changed = after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i]));
    expect(changed.map((r) => r.id)).toEqual([id]);
    const record = changed[0]!;
    const old = before.find((r) => r.id === id)!;
    expect(record.volunteerCount).toBe(volunteers + 7);
    expect(record.version).toBe(Number(old.version) + 1);
    // Nothing else of the record moved.
    const { volunteerCount: _a, version: _b, updatedAt: _c, ...rest } = record;
    const { volunteerCount: _d, version: _e, updatedAt: _f, ...oldRest } = old;
    expect(rest).toEqual(oldRest);

    const audit = await t.database.db
      .selectFrom('auditLog')
      .select(['before', 'after', 'entityId'])
      .where('action', '=', 'organization.update')
      .where('entityId', '=', id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.before).toEqual({ volunteerCount: volunteers });
    expect(audit.after).toEqual({ volunteerCount: volunteers + 7, source: 'import' });
  });

  it('keeps stored phones when the masked export comes back, and stores a full number typed in', async () => {
    const file = await exportFile(admin, `divisionCode=${STREET}`);
    const masked = await cell(file, 2, '联系电话（脱敏）');
    expect(masked).toMatch(/\*{4}/);
    const id = await cell(file, 2, '系统编号（勿改）');

    // Another record's mask on this row is refused: a masked value never becomes a number.
    const wrongMask = await edit(file, { 2: { '联系电话（脱敏）': '139****0000' } });
    const refused = await importFile(admin, wrongMask, true);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([
      expect.objectContaining({ row: 2, field: '联系电话（脱敏）', code: 'organization.importMaskedPhone' }),
    ]);

    const typed = await edit(file, { 2: { '联系电话（脱敏）': '13912345678' } });
    const res = await importFile(admin, typed, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Result>().changes).toEqual([
      expect.objectContaining({ id, columns: ['联系电话（脱敏）'] }),
    ]);
    const row = await t.database.db
      .selectFrom('organization')
      .select('contactPhoneSealed')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(TEST_CIPHER.decrypt(row.contactPhoneSealed!)).toBe('13912345678');
  });
});

describe('registry import: checks', () => {
  it('refuses a file with errors as a whole, naming row, column and reason in Chinese', async () => {
    const file = await exportFile(admin, `divisionCode=${STREET}&kind=private_non_enterprise`);
    const sameFileCode = await cell(file, 3, '统一社会信用代码');
    // An agency of another street: not in this file, but in the registry.
    const otherCode = await cell(
      await exportFile(admin, 'divisionCode=220106003&kind=private_non_enterprise'),
      2,
      '统一社会信用代码',
    );
    const state = (await cell(file, 5, '状态')) === '已注销' ? '正常' : '已注销';
    const grade = (await cell(file, 5, '评估等级')) === '5A' ? '4A' : '5A';
    const mistyped = `${code('8800001').slice(0, 17)}${code('8800001')[17] === '0' ? '1' : '0'}`;
    const bad = await edit(
      file,
      {
        2: { 统一社会信用代码: mistyped },
        4: { 统一社会信用代码: otherCode },
        6: { 统一社会信用代码: sameFileCode },
        5: { 状态: state, 评估等级: grade },
      },
      [
        {
          组织名称: '绿园区测试新建社会工作服务中心',
          类型: '民办非企业单位',
          统一社会信用代码: code('8800002'),
          区划代码: '220106001',
          服务领域: '慈善、公益',
          类别: '社会救助',
        },
        {
          组织名称: '绿园区测试重复代码服务中心',
          类型: '民办非企业单位',
          统一社会信用代码: code('8800002'),
          区划代码: '220106001098',
          服务领域: '不存在的领域',
          类别: '社会救助',
          专职人员: 'abc',
        },
        {
          组织名称: '编号不存在',
          类型: '社区社会组织',
          区划代码: '220106001001',
          服务领域: '公益',
          类别: '社区治理',
          '系统编号（勿改）': 'no-such-id',
        },
      ],
    );
    const before = await snapshot();
    const res = await importFile(admin, bad, false);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import.rowsInvalid');
    const rows = await new ExcelJS.Workbook().xlsx.load(file as unknown as ArrayBuffer);
    const last = rows.worksheets[0]!.rowCount;
    const found = body.errors.map((e: { row: number; field: string; code: string }) => [
      e.row,
      e.field,
      e.code,
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        [2, '统一社会信用代码', 'uscc.checksum'],
        [4, '统一社会信用代码', 'organization.usccTaken'],
        [6, '统一社会信用代码', 'organization.usccInFile'],
        [5, '状态', 'organization.importState'],
        [5, '评估等级', 'organization.importGrade'],
        [last + 2, '统一社会信用代码', 'organization.usccInFile'],
        [last + 2, '区划代码', 'organization.importDivision'],
        [last + 2, '服务领域', 'field.unknownValue'],
        [last + 2, '专职人员', 'field.notInteger'],
        [last + 3, '系统编号（勿改）', 'organization.idUnknown'],
      ]),
    );
    // Row 1 (the new agency) is fine; its duplicate on the next row is the one reported.
    expect(found.some(([row]: [number]) => row === last + 1)).toBe(false);
    const duplicate = body.errors.find(
      (e: { code: string; row: number }) => e.code === 'organization.usccInFile' && e.row === last + 2,
    );
    expect(duplicate.message).toBe(`与第 ${last + 1} 行的统一社会信用代码相同`);
    expect(body.errors.find((e: { code: string }) => e.code === 'uscc.checksum').message).toContain('校验位');
    expect(await snapshot()).toEqual(before);
  });

  it('creates new records awaiting review, found by search at once', async () => {
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organizations/import-template',
      headers: street,
    });
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain(XLSX);
    // The template's example row is a valid community organization in the caller's scope.
    const dry = await importFile(street, template.rawPayload, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json<Result>()).toMatchObject({ created: 1, updated: 0 });

    const file = await edit(template.rawPayload, {
      2: { 组织名称: '幸福里社区银发书画社', 服务领域: '文体', 类别: '文化体育', 标签: '书法、国画' },
    });
    const res = await importFile(street, file, false);
    expect(res.statusCode, res.body).toBe(200);
    const id = res.json<Result>().changes[0]!.id!;
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${id}`, headers: street });
    expect(detail.json()).toMatchObject({
      name: '幸福里社区银发书画社',
      kind: 'community_org',
      state: 'applied',
      fields: ['culture_sports'],
      category: 'culture_sports',
      tags: ['书法', '国画'],
      contactPhone: '138****0000',
    });
    const found = await t.app.inject({
      method: 'GET',
      url: `/api/v1/organizations?q=${encodeURIComponent('书画社 银发')}`,
      headers: street,
    });
    expect(found.json().items.map((o: { id: string }) => o.id)).toEqual([id]);
    expect(await auditCount('organization.import')).toBeGreaterThan(0);
  });

  it('lets a street import only community organizations of its own street', async () => {
    const adminFile = await exportFile(admin, 'divisionCode=220106003');
    const outside = await importFile(street, adminFile, true);
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors.every((e: { code: string }) => e.code === 'organization.idUnknown')).toBe(
      true,
    );

    const own = await exportFile(street, 'kind=social_group');
    const unchanged = await importFile(street, own, true);
    expect(unchanged.statusCode, unchanged.body).toBe(200);
    const changed = await edit(own, { 2: { 地址: '正阳街道新地址1号' } });
    const refused = await importFile(street, changed, true);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ row: 2, code: 'organization.importNotEditable' });

    const agency = await edit(own, {}, [
      {
        组织名称: '街道不能登记的基金会',
        类型: '基金会',
        统一社会信用代码: code('8800003'),
        区划代码: STREET,
        服务领域: '慈善',
        类别: '社会救助',
      },
    ]);
    const kind = await importFile(street, agency, true);
    expect(kind.statusCode).toBe(422);
    expect(kind.json().errors[0]).toMatchObject({ field: '类型', code: 'organization.importKind' });
  });

  it('is for the district and streets only', async () => {
    const file = await exportFile(admin, `divisionCode=${STREET}`);
    expect((await importFile(community, file, true)).statusCode).toBe(403);
    const template = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organizations/import-template',
      headers: community,
    });
    expect(template.statusCode).toBe(403);
  });

  it('refuses a sheet without the registry headers', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['名称', '电话']);
    const res = await importFile(admin, Buffer.from(await wb.xlsx.writeBuffer()), true);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('organization.importColumns');
  });

  it('reads the date forms offices type', () => {
    expect(parseSheetDate('2024-03-15')).toBe('2024-03-15');
    expect(parseSheetDate('2024/3/5')).toBe('2024-03-05');
    expect(parseSheetDate('2024年3月5日')).toBe('2024-03-05');
    expect(parseSheetDate('20240305')).toBe('2024-03-05');
    expect(parseSheetDate('45366')).toBe('2024-03-15');
    expect(parseSheetDate(new Date(Date.UTC(2024, 2, 15)).toString())).toBe('2024-03-15');
    expect(parseSheetDate('2024-02-30')).toBeNull();
    expect(parseSheetDate('下周')).toBeNull();
  });
});
