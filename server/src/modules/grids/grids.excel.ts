import ExcelJS from 'exceljs';
import type { GridAssignment } from './grids.schemas.ts';

/** Columns in sheet order with the Chinese headers the district's rosters use; phones masked. */
const COLUMNS = [
  { key: 'communityName', header: '社区', width: 16 },
  { key: 'gridName', header: '网格', width: 18 },
  { key: 'gridCode', header: '网格代码', width: 18 },
  { key: 'dutyName', header: '岗位', width: 14 },
  { key: 'personName', header: '姓名', width: 10 },
  { key: 'phone', header: '手机号（脱敏）', width: 16 },
  { key: 'accountUsername', header: '系统账号', width: 26 },
  { key: 'fromDate', header: '任职开始', width: 12 },
  { key: 'toDate', header: '任职结束', width: 12 },
  { key: 'current', header: '在任', width: 6 },
  { key: 'note', header: '备注', width: 24 },
] as const;

export async function rosterWorkbook(rows: GridAssignment[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet('网格人员', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Text, so Excel keeps the 15-digit grid codes and masked phones as they are.
  for (const key of ['gridCode', 'phone']) ws.getColumn(key).numFmt = '@';
  for (const r of rows) {
    ws.addRow({
      communityName: r.communityName,
      gridName: r.gridName,
      gridCode: r.gridCode,
      dutyName: r.dutyName,
      personName: r.personName,
      phone: r.phone ?? '',
      accountUsername: r.accountUsername ?? '',
      fromDate: r.fromDate,
      toDate: r.toDate ?? '',
      current: r.current ? '是' : '否',
      note: r.note ?? '',
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
