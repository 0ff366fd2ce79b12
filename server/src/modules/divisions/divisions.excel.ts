import {
  COMMUNITY_TYPE_NAMES,
  COMMUNITY_TYPES,
  type CommunityType,
  DIVISION_LEVELS,
  type DivisionLevel,
  LEVEL_NAMES,
  pickLocale,
  toNbsCode,
} from '@linli/common';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import type { Caller, Scope } from '../../platform/scope.ts';
import { datedFilename, readSheet, type SheetRow as SpreadsheetRow } from '../../platform/spreadsheet.ts';
import type { DivisionRow } from './divisions.repository.ts';
import type { ImportResult } from './divisions.schemas.ts';
import type { DivisionService } from './divisions.service.ts';

/** Column keys in sheet order, with the Chinese header offices see (English headers are accepted too). */
export const COLUMNS = [
  { key: 'code', header: '区划代码', en: 'code', width: 18 },
  { key: 'nbsCode', header: '统计用区划代码', en: 'nbs code', width: 18 },
  { key: 'name', header: '名称', en: 'name', width: 22 },
  { key: 'level', header: '层级', en: 'level', width: 8 },
  { key: 'parentCode', header: '上级代码', en: 'parent code', width: 18 },
  { key: 'population', header: '人口', en: 'population', width: 10 },
  { key: 'households', header: '户数', en: 'households', width: 10 },
  { key: 'communityType', header: '社区类型', en: 'community type', width: 12 },
  { key: 'urbanRuralCode', header: '城乡分类代码', en: 'urban-rural code', width: 12 },
  { key: 'boundary', header: '边界GeoJSON', en: 'boundary geojson', width: 30 },
] as const;
export type ColumnKey = (typeof COLUMNS)[number]['key'];

export type SheetRow = SpreadsheetRow<ColumnKey>;

const SHEET_NAME = '区划';

export function levelLabel(level: DivisionLevel): string {
  return LEVEL_NAMES['zh-CN'][level];
}

/** Accepts 街道 / street, 社区 / community …; undefined when the text names no level. */
export function parseLevel(text: string): DivisionLevel | undefined {
  const t = text.trim();
  return DIVISION_LEVELS.find(
    (l) => l === t || LEVEL_NAMES['zh-CN'][l] === t || LEVEL_NAMES['en-US'][l] === t,
  );
}

export function parseCommunityType(text: string): CommunityType | undefined {
  const t = text.trim();
  return COMMUNITY_TYPES.find(
    (c) => c === t || COMMUNITY_TYPE_NAMES['zh-CN'][c] === t || COMMUNITY_TYPE_NAMES['en-US'][c] === t,
  );
}

export async function writeWorkbook(rows: DivisionRow[], options: { boundaries: boolean }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  const columns = COLUMNS.filter((c) => options.boundaries || c.key !== 'boundary');
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const c of columns) {
    if (c.key.toLowerCase().includes('code')) ws.getColumn(c.key).numFmt = '@';
  }
  for (const r of rows) {
    ws.addRow({
      code: r.code,
      nbsCode: toNbsCode(r.code),
      name: r.name,
      level: levelLabel(r.level as DivisionLevel),
      parentCode: r.parentCode ?? '',
      population: r.population ?? '',
      households: r.households ?? '',
      communityType: r.communityType ? COMMUNITY_TYPE_NAMES['zh-CN'][r.communityType as CommunityType] : '',
      urbanRuralCode: r.urbanRuralCode ?? '',
      boundary: options.boundaries && r.boundary ? JSON.stringify(r.boundary) : '',
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  addInstructions(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addInstructions(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet('填写说明');
  ws.columns = [
    { header: '列', key: 'col', width: 16 },
    { header: '说明', key: 'text', width: 90 },
  ];
  ws.getRow(1).font = { bold: true };
  const levels = DIVISION_LEVELS.map((l) => LEVEL_NAMES['zh-CN'][l]).join('、');
  const types = COMMUNITY_TYPES.map((c) => COMMUNITY_TYPE_NAMES['zh-CN'][c]).join('、');
  ws.addRows([
    {
      col: '区划代码',
      text: '必填。区 6 位、镇街 9 位、社区/村 12 位、网格 15 位（社区代码 + 3 位网格序号）；也可填 12 位统计用区划代码',
    },
    { col: '统计用区划代码', text: '导出时供参考；导入时仅在“区划代码”为空时使用' },
    { col: '名称', text: '必填，不超过 100 个字符' },
    { col: '层级', text: `可空；填写时须与代码一致。可选：${levels}` },
    { col: '上级代码', text: '可空；填写时须等于区划代码去掉末三位' },
    { col: '人口、户数', text: '可空；不小于 0 的整数' },
    { col: '社区类型', text: `仅社区填写。可选：${types}` },
    { col: '城乡分类代码', text: '可空；3 位数字，如 111 主城区、112 城乡结合区、220 村庄' },
    { col: '边界GeoJSON', text: '可空；GeoJSON 几何（Polygon 或 MultiPolygon）' },
    {
      col: '导入规则',
      text: '代码已存在则更新，不存在则新建；任何一行有误则整个文件不导入，并列出所有错误行',
    },
  ]);
}

/** Reads the first sheet; headers may be Chinese or English; blank rows are skipped. */
export function readWorkbook(buffer: Buffer): Promise<SheetRow[]> {
  return readSheet(buffer, {
    sheetName: SHEET_NAME,
    columns: COLUMNS,
    required: (keys) => keys.has('name') && (keys.has('code') || keys.has('nbsCode')),
    missingColumns: () => new AppError('import.missingColumns'),
  });
}

export async function exportDivisions(
  divisions: DivisionService,
  scope: Scope,
  options: { root?: string | undefined; boundaries: boolean },
): Promise<{ buffer: Buffer; filename: string }> {
  const { root, rows } = await divisions.subtree(scope, options.root);
  const rootName = rows.find((r) => r.code === root)?.name ?? root;
  return { buffer: await writeWorkbook(rows, options), filename: datedFilename(`区划-${rootName}`) };
}

export async function importDivisions(
  divisions: DivisionService,
  caller: Caller,
  buffer: Buffer,
  options: {
    dryRun: boolean;
    locale?: string | undefined;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ImportResult> {
  const rows = await readWorkbook(buffer);
  return divisions.importRows(caller, rows, { ...options, locale: pickLocale(options.locale) });
}
