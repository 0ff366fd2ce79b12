import {
  EVENT_RATING_NAMES,
  EVENT_SOURCE_NAMES,
  EVENT_STATE_NAMES,
  EVENT_STEP_NAMES,
  type EventStep,
} from '@linli/common';
import ExcelJS from 'exceljs';
import type { EventListItem } from './events.schemas.ts';

const zh = 'zh-CN';

/** Beijing time as offices read it: 2026-11-27 14:05. */
function beijing(isoText: string | null): string | null {
  if (!isoText) return null;
  const d = new Date(Date.parse(isoText) + 8 * 3_600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

const COLUMNS: Array<{ header: string; width: number; value: (r: EventListItem) => string | number | null }> =
  [
    { header: '事件编号', width: 18, value: (r) => r.no },
    { header: '状态', width: 10, value: (r) => EVENT_STATE_NAMES[zh][r.state] },
    { header: '大类', width: 12, value: (r) => r.className },
    { header: '小类', width: 16, value: (r) => r.categoryName },
    { header: '社区', width: 16, value: (r) => r.communityName },
    { header: '网格', width: 16, value: (r) => r.gridName },
    { header: '网格代码', width: 18, value: (r) => r.divisionCode },
    { header: '问题描述', width: 48, value: (r) => r.description },
    { header: '地址', width: 28, value: (r) => r.address },
    { header: '来源', width: 12, value: (r) => EVENT_SOURCE_NAMES[zh][r.source] },
    { header: '上报人', width: 14, value: (r) => r.reporterName },
    { header: '上报时间', width: 18, value: (r) => beijing(r.reportedAt) },
    { header: '主办部门', width: 12, value: (r) => r.leadDepartment },
    {
      header: '当前环节',
      width: 10,
      value: (r) => (r.step ? EVENT_STEP_NAMES[zh][r.step as EventStep] : null),
    },
    { header: '环节时限', width: 18, value: (r) => beijing(r.dueAt) },
    { header: '当前超期', width: 10, value: (r) => (r.overdue ? '是' : '否') },
    { header: '曾超期', width: 10, value: (r) => (r.everOverdue ? '是' : '否') },
    { header: '重办次数', width: 10, value: (r) => r.reopened },
    { header: '评价', width: 10, value: (r) => (r.rating ? EVENT_RATING_NAMES[zh][r.rating] : null) },
    { header: '经度', width: 12, value: (r) => r.longitude },
    { header: '纬度', width: 12, value: (r) => r.latitude },
  ];

/** The filtered event list as a workbook with Chinese headers (issue #5 item 7). */
export async function eventsWorkbook(rows: EventListItem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet('网格事件', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn(7).numFmt = '@';
  for (const r of rows) ws.addRow(Object.fromEntries(COLUMNS.map((c, i) => [String(i), c.value(r)])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
