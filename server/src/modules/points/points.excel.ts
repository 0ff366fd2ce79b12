import { formatPoints } from '@linli/common';
import ExcelJS from 'exceljs';
import type { Award } from './points.schemas.ts';

/** Awards as the list shows them, one row per volunteer paid. */
export async function awardsWorkbook(rows: Award[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet('奖励积分', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: '时间', key: 'at', width: 20 },
    { header: '志愿者编号', key: 'no', width: 18 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '服务区域', key: 'division', width: 16 },
    { header: '积分', key: 'points', width: 10 },
    { header: '事由', key: 'reason', width: 40 },
    { header: '服务队', key: 'team', width: 24 },
    { header: '经办人', key: 'actor', width: 12 },
  ];
  ws.getRow(1).font = { bold: true };
  for (const a of rows)
    ws.addRow({
      at: new Date(a.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
      no: a.volunteerNo,
      name: a.volunteerName,
      division: a.divisionName,
      points: Number(formatPoints(a.points)),
      reason: a.reason ?? '',
      team: a.teamName ?? '',
      actor: a.actorName,
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
