import {
  grantableRoles,
  ROLE_GRANT_RULES,
  ROLE_NAMES,
  type Role,
  roleTierNames,
  toNbsCode,
} from '@linli/common';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.ts';
import type { Caller } from '../../platform/scope.ts';
import { readSheet, type SheetRow } from '../../platform/spreadsheet.ts';
import type { Account } from './accounts.schemas.ts';

/** Import columns in sheet order: the Chinese header offices see, and English headers accepted too. */
export const IMPORT_COLUMNS = [
  { key: 'username', header: '用户名', en: 'username', width: 20 },
  { key: 'displayName', header: '姓名', en: 'name', width: 18 },
  { key: 'role', header: '角色', en: 'role', width: 18 },
  { key: 'scopeCode', header: '数据范围', en: 'scope', width: 18 },
  { key: 'department', header: '部门', en: 'department', width: 14 },
  { key: 'organizationId', header: '组织', en: 'organization', width: 16 },
  { key: 'phone', header: '手机号', en: 'phone', width: 16 },
] as const;
export type ImportColumnKey = (typeof IMPORT_COLUMNS)[number]['key'];

export type AccountSheetRow = SheetRow<ImportColumnKey>;

const SHEET_NAME = '账号';

/** Reads the first sheet (or the one named 账号); blank rows are skipped. */
export async function readAccountSheet(buffer: Buffer): Promise<AccountSheetRow[]> {
  const rows = await readSheet(buffer, {
    sheetName: SHEET_NAME,
    columns: IMPORT_COLUMNS,
    required: (keys) => keys.has('username') && keys.has('displayName') && keys.has('role'),
    missingColumns: () => new AppError('account.importColumns'),
  });
  if (rows.length === 0) throw new AppError('import.empty');
  return rows;
}

function textColumns(ws: ExcelJS.Worksheet, keys: readonly string[]): void {
  // Codes and phones stay text, so Excel keeps leading digits and shows no exponent.
  for (const key of keys) ws.getColumn(key).numFmt = '@';
}

/** The template: the header row, one example row within the caller's scope, and a sheet of instructions. */
export async function writeImportTemplate(
  caller: Caller,
  exampleCommunity: string | undefined,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  textColumns(ws, ['scopeCode', 'phone']);
  const roles = grantableRoles(caller.roles);
  const exampleRole = roles.find((r) => ROLE_GRANT_RULES[r].tiers.includes('community'));
  if (exampleRole && exampleCommunity) {
    ws.addRow({
      username: 'zhang.wei',
      displayName: '张伟',
      role: ROLE_NAMES['zh-CN'][exampleRole],
      scopeCode: exampleCommunity,
      department: '',
      organizationId: '',
      phone: '13800138000',
    });
  }

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', key: 'col', width: 16 },
    { header: '说明', key: 'text', width: 100 },
  ];
  help.getRow(1).font = { bold: true };
  help.addRows([
    {
      col: '用户名',
      text: '必填。3–32 位小写字母、数字或 . _ -，不能与已有账号重复。同一用户名写多行，即为同一账号的多条授权',
    },
    { col: '姓名', text: '必填，不超过 64 个字符；同一用户名的各行须一致（后续行可空）' },
    {
      col: '角色',
      text: `必填，填角色名称。您可授予：${roles.map((r) => ROLE_NAMES['zh-CN'][r]).join('、')}`,
    },
    {
      col: '数据范围',
      text: '区划代码：区 6 位、镇街 9 位、社区/村 12 位、网格 15 位（也可填 12 位统计用代码）；职能部门、社会组织、孵化基地、第三方评估机构可空（默认为全区）',
    },
    { col: '部门', text: '职能部门必填，如 城管局、住建局、公安分局；其他角色不填' },
    { col: '组织', text: '社会组织、孵化基地、第三方评估机构、爱心超市可填所属组织编号；其他角色不填' },
    { col: '手机号', text: '可空；11 位大陆手机号，不能与已有账号重复' },
    {
      col: '各角色的数据范围',
      text: roles.map((r) => `${ROLE_NAMES['zh-CN'][r]}：${roleTierNames('zh-CN', r)}`).join('；'),
    },
    {
      col: '导入规则',
      text: '任何一行有误则整个文件不导入，并列出所有错误行；导入成功后每个新账号得到一个临时密码（只显示一次），首次登录须修改',
    },
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const STATUS_TEXT = (a: Account) =>
  [
    a.disabled ? '已停用' : '正常',
    a.lockedUntil && new Date(a.lockedUntil) > new Date() ? '已锁定' : '',
    a.mustChangePassword ? '待改密' : '',
  ]
    .filter(Boolean)
    .join('、');

const beijing = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '';

function grantText(g: Account['roles'][number]): string {
  const where = g.scopeName ? `${g.scopeName} ${toNbsCode(g.scopeCode!)}` : (g.scopeCode ?? '');
  const extra = [g.department, g.organizationId].filter(Boolean).join('，');
  return `${ROLE_NAMES['zh-CN'][g.role as Role]}（${[where, extra].filter(Boolean).join('，')}）`;
}

/** The filtered account list as one sheet, one row per account; phones stay masked. */
export async function writeAccountExport(accounts: readonly Account[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '用户名', key: 'username', width: 22 },
    { header: '姓名', key: 'displayName', width: 20 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '所属区划', key: 'divisionName', width: 16 },
    { header: '所属区划代码', key: 'divisionCode', width: 18 },
    { header: '角色及数据范围', key: 'roles', width: 50 },
    { header: '状态', key: 'status', width: 14 },
    { header: '双因素认证', key: 'totp', width: 10 },
    { header: '最近登录', key: 'lastSignInAt', width: 20 },
  ];
  ws.getRow(1).font = { bold: true };
  textColumns(ws, ['divisionCode', 'phone']);
  for (const a of accounts) {
    ws.addRow({
      username: a.username,
      displayName: a.displayName,
      phone: a.phone ?? '',
      divisionName: a.divisionName ?? '',
      divisionCode: a.divisionCode,
      roles: a.roles.map(grantText).join('；'),
      status: STATUS_TEXT(a),
      totp: a.totpEnabled ? '已启用' : '未启用',
      lastSignInAt: beijing(a.lastSignInAt),
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ws.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
