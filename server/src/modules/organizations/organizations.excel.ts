import {
  ORGANIZATION_KIND_NAMES,
  ORGANIZATION_STATE_NAMES,
  ORGANIZATION_VENUE_NAMES,
  toNbsCode,
} from '@linli/common';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import { readSheet, type SheetColumn, type SheetRow } from '../../platform/spreadsheet.ts';
import type { CatalogNames } from './organizations.catalog.ts';
import type { OrganizationDetail } from './organizations.schemas.ts';

/**
 * The registry sheet's columns in order, with the Chinese headers the district's spreadsheets use.
 * The export writes them and the import reads them (organizations.import.ts), so a file exported
 * here comes back in unchanged. The phone is masked in the export; the system id (last column) is
 * what lets an exported row update its record instead of counting as a duplicate.
 */
export const REGISTRY_COLUMNS = [
  { key: 'name', header: '组织名称', en: 'name', width: 32 },
  { key: 'kind', header: '类型', en: 'kind', width: 22 },
  { key: 'state', header: '状态', en: 'state', width: 10 },
  { key: 'uscc', header: '统一社会信用代码', en: 'uscc', width: 22 },
  { key: 'registrationAuthority', header: '登记/备案机关', en: 'authority', width: 20 },
  { key: 'registeredOn', header: '登记日期', en: 'registered on', width: 12 },
  { key: 'filedOn', header: '备案日期', en: 'filed on', width: 12 },
  { key: 'legalRepName', header: '法定代表人/负责人', en: 'legal representative', width: 12 },
  { key: 'contactPhone', header: '联系电话（脱敏）', en: 'phone', width: 16 },
  { key: 'address', header: '地址', en: 'address', width: 30 },
  { key: 'divisionName', header: '所属街道/社区', en: 'division', width: 18 },
  { key: 'divisionCode', header: '区划代码', en: 'division code', width: 14 },
  { key: 'fields', header: '服务领域', en: 'fields', width: 16 },
  { key: 'category', header: '类别', en: 'category', width: 12 },
  { key: 'serviceArea', header: '服务范围', en: 'service area', width: 20 },
  { key: 'staffCount', header: '专职人员', en: 'staff', width: 8 },
  { key: 'volunteerCount', header: '志愿者', en: 'volunteers', width: 8 },
  { key: 'venue', header: '场地', en: 'venue', width: 10 },
  { key: 'grade', header: '评估等级', en: 'grade', width: 8 },
  { key: 'fromOutside', header: '域外入驻', en: 'from outside', width: 8 },
  { key: 'tags', header: '标签', en: 'tags', width: 16 },
  { key: 'id', header: '系统编号（勿改）', en: 'id', width: 38 },
] as const satisfies readonly SheetColumn<string>[];
export type RegistryColumnKey = (typeof REGISTRY_COLUMNS)[number]['key'];
export type RegistrySheetRow = SheetRow<RegistryColumnKey>;

/** Headers a sheet must have; the others may be left out (then they are not changed). */
export const REQUIRED_COLUMNS: readonly RegistryColumnKey[] = [
  'name',
  'kind',
  'divisionCode',
  'fields',
  'category',
];

export function headerOf(key: RegistryColumnKey): string {
  return REGISTRY_COLUMNS.find((c) => c.key === key)!.header;
}

/** Separators of list cells (fields, tags): the Chinese enumeration comma the export writes, and others typed by hand. */
export const LIST_SEPARATOR = /[、,，;；\n]/;

const SHEET_NAME = '社会组织';
const zh = 'zh-CN';

function newSheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = REGISTRY_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Text, so Excel keeps leading zeros and does not turn long codes into numbers.
  for (const key of ['uscc', 'contactPhone', 'divisionCode', 'registeredOn', 'filedOn', 'id'])
    ws.getColumn(key).numFmt = '@';
  return ws;
}

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  return wb;
}

function finish(ws: ExcelJS.Worksheet): void {
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REGISTRY_COLUMNS.length } };
}

/** `names`: the district's field and category lists in Chinese (an unknown code shows as itself). */
export async function organizationsWorkbook(
  rows: OrganizationDetail[],
  names: CatalogNames,
): Promise<Buffer> {
  const wb = workbook();
  const ws = newSheet(wb);
  for (const r of rows) {
    ws.addRow({
      name: r.name,
      kind: ORGANIZATION_KIND_NAMES[zh][r.kind],
      state: ORGANIZATION_STATE_NAMES[zh][r.state],
      uscc: r.uscc ?? '',
      registrationAuthority: r.registrationAuthority ?? '',
      registeredOn: r.registeredOn ?? '',
      filedOn: r.filedOn ?? '',
      legalRepName: r.legalRepName ?? '',
      contactPhone: r.contactPhone ?? '',
      address: r.address ?? '',
      divisionName: r.divisionName,
      divisionCode: r.divisionCode,
      fields: r.fields.map((f) => names.field[f] ?? f).join('、'),
      category: names.category[r.category] ?? r.category,
      serviceArea: r.serviceArea ?? '',
      staffCount: r.staffCount,
      volunteerCount: r.volunteerCount,
      venue: ORGANIZATION_VENUE_NAMES[zh][r.venue],
      grade: r.grade ?? '',
      fromOutside: r.fromOutside ? '是' : '否',
      tags: r.tags.join('、'),
      id: r.id,
    });
  }
  finish(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The import template: the registry's header row, one example row in the caller's scope, and a
 * sheet that says how each column is filled (the allowed names come from the district's lists).
 */
export async function registryTemplate(
  example: { divisionCode: string; divisionName: string } | undefined,
  names: CatalogNames,
  allowedKinds: readonly (keyof (typeof ORGANIZATION_KIND_NAMES)['zh-CN'])[],
): Promise<Buffer> {
  const wb = workbook();
  const ws = newSheet(wb);
  const kind = allowedKinds.includes('community_org') ? 'community_org' : allowedKinds[0]!;
  const firstField = Object.values(names.field)[0] ?? '';
  const firstCategory = Object.values(names.category)[0] ?? '';
  ws.addRow({
    name: '（示例）幸福里社区互助养老服务队',
    kind: ORGANIZATION_KIND_NAMES[zh][kind],
    state: '',
    uscc: '',
    registrationAuthority: '',
    registeredOn: '',
    filedOn: '',
    legalRepName: '张三',
    contactPhone: '13800000000',
    address: '',
    divisionName: example?.divisionName ?? '',
    divisionCode: example?.divisionCode ?? '',
    fields: firstField,
    category: firstCategory,
    serviceArea: example ? `${example.divisionName}及周边` : '',
    staffCount: 0,
    volunteerCount: 10,
    venue: ORGANIZATION_VENUE_NAMES[zh].none,
    grade: '',
    fromOutside: '否',
    tags: '',
    id: '',
  });
  finish(ws);
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'column', width: 22 },
    { header: '填写说明', key: 'note', width: 90 },
  ];
  help.getRow(1).font = { bold: true };
  const notes: Array<[RegistryColumnKey, string]> = [
    ['name', '必填，2–100 个字'],
    ['kind', `必填，可填：${allowedKinds.map((k) => ORGANIZATION_KIND_NAMES[zh][k]).join('、')}`],
    ['state', '新增的组织导入后为“待审核”，此列留空或填“待审核”；状态只能在名录中办理变更，导入不改状态'],
    ['uscc', '社会团体、民办非企业单位、基金会必填 18 位代码（核对校验位）；同一代码不能出现两次'],
    ['registeredOn', '日期，如 2024-03-15'],
    ['contactPhone', '手机号或带区号的固定电话；导出文件中的脱敏号码（138****5678）原样保留即不修改'],
    [
      'divisionCode',
      `必填，本辖区内街道（9 位）或社区（12 位）代码，也可填 12 位统计用代码（如 ${toNbsCode('220106001')}）`,
    ],
    ['divisionName', '仅供阅读，以“区划代码”为准'],
    ['fields', `必填，多个用“、”分隔，可填：${Object.values(names.field).join('、')}`],
    ['category', `必填，可填：${Object.values(names.category).join('、')}`],
    ['venue', `可填：${Object.values(ORGANIZATION_VENUE_NAMES[zh]).join('、')}，空为无场地`],
    ['grade', '由评估结果确定，导入不修改'],
    ['fromOutside', '是 / 否'],
    ['tags', '多个用“、”分隔'],
    ['id', '新增的组织留空；导出文件中的编号请勿修改，有编号的行更新该组织，未改动的行不作任何修改'],
  ];
  for (const [key, note] of notes) help.addRow({ column: headerOf(key), note });
  help.addRow({ column: '整体', note: '任何一行有误则整个文件不导入；请先“试导入”查看将新增和修改的记录' });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads an uploaded registry sheet: Chinese or English headers in any order, blank rows skipped. */
export async function readRegistrySheet(
  buffer: Buffer,
): Promise<{ rows: RegistrySheetRow[]; columns: ReadonlySet<RegistryColumnKey> }> {
  let present: ReadonlySet<RegistryColumnKey> = new Set();
  const rows = await readSheet(buffer, {
    sheetName: SHEET_NAME,
    columns: REGISTRY_COLUMNS,
    required: (keys) => {
      present = keys;
      return REQUIRED_COLUMNS.every((k) => keys.has(k));
    },
    missingColumns: () =>
      new AppError('organization.importColumns', {
        columns: REQUIRED_COLUMNS.filter((k) => !present.has(k))
          .map(headerOf)
          .join('、'),
      }),
  });
  if (rows.length === 0) throw new AppError('import.empty');
  return { rows, columns: present };
}
