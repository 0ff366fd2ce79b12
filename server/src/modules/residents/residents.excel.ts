import { GENDER_NAMES, RESIDENT_TAG_NAMES } from '@linli/common';
import ExcelJS from 'exceljs';
import type { ResidentSummary } from './residents.schemas.ts';

/** Columns in sheet order with the Chinese headers offices use; personal numbers are masked as on screen. */
const COLUMNS = [
  { key: 'name', header: '姓名', width: 12 },
  { key: 'gender', header: '性别', width: 6 },
  { key: 'age', header: '年龄', width: 6 },
  { key: 'idNumber', header: '公民身份号码（脱敏）', width: 22 },
  { key: 'phone', header: '手机号码（脱敏）', width: 16 },
  { key: 'address', header: '住址', width: 30 },
  { key: 'divisionName', header: '所属社区/网格', width: 20 },
  { key: 'divisionCode', header: '区划代码', width: 18 },
  { key: 'tags', header: '标签', width: 20 },
  { key: 'hasAccount', header: '已绑定居民账号', width: 10 },
] as const;

export async function residentsWorkbook(rows: ResidentSummary[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet('居民信息', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Text, so Excel keeps leading zeros and does not turn long codes into numbers.
  for (const key of ['idNumber', 'phone', 'divisionCode']) ws.getColumn(key).numFmt = '@';
  const zh = 'zh-CN';
  for (const r of rows) {
    ws.addRow({
      name: r.name,
      gender: GENDER_NAMES[zh][r.gender],
      age: r.age,
      idNumber: r.idNumber,
      phone: r.phone ?? '',
      address: r.address ?? '',
      divisionName: r.divisionName,
      divisionCode: r.divisionCode,
      tags: r.tags.map((t) => RESIDENT_TAG_NAMES[zh][t]).join('、'),
      hasAccount: r.hasAccount ? '是' : '否',
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
