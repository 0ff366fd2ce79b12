import {
  EVENT_RATING_NAMES,
  EVENT_SOURCE_NAMES,
  EVENT_STATE_NAMES,
  EVENT_STEP_NAMES,
  type EventStep,
} from '@linli/common';
import ExcelJS from 'exceljs';
import type { EventListItem, EventStats, EventStatsRow } from './events.schemas.ts';

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

const STATS_COLUMNS: Array<{
  header: string;
  width: number;
  value: (r: EventStatsRow) => string | number | null;
}> = [
  { header: '名称', width: 20, value: (r) => r.name },
  { header: '上报数', width: 10, value: (r) => r.total },
  { header: '办结数', width: 10, value: (r) => r.closed },
  { header: '按期办结率', width: 12, value: (r) => r.onTimeRate },
  { header: '退单率', width: 10, value: (r) => r.returnRate },
  { header: '平均处置时长（小时）', width: 20, value: (r) => r.avgHandlingHours },
  { header: '满意率', width: 10, value: (r) => r.satisfactionRate },
  { header: '曾超期', width: 10, value: (r) => r.overdue },
];

/** The statistics page as a workbook: one sheet per dimension and the department ranking. */
export async function eventStatsWorkbook(stats: EventStats): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const sheet = (title: string, rows: EventStatsRow[], lead?: (i: number) => Array<string | number>) => {
    const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
    const leading = lead
      ? [
          { header: '名次', width: 8 },
          { header: '综合得分', width: 10 },
        ]
      : [];
    ws.columns = [...leading, ...STATS_COLUMNS].map((c, i) => ({
      header: c.header,
      key: String(i),
      width: c.width,
    }));
    ws.getRow(1).font = { bold: true };
    rows.forEach((r, i) => {
      ws.addRow([...(lead ? lead(i) : []), ...STATS_COLUMNS.map((c) => c.value(r))]);
    });
    const rateColumns = ['按期办结率', '退单率', '满意率'];
    [...leading, ...STATS_COLUMNS].forEach((c, i) => {
      if (rateColumns.includes(c.header)) ws.getColumn(i + 1).numFmt = '0.0%';
    });
  };
  sheet('按类别', stats.byCategory);
  sheet('按部门', stats.byDepartment);
  sheet('按网格', stats.byGrid);
  sheet('按月份', stats.byMonth);
  const ranking = stats.departmentRanking;
  sheet(
    '部门排名',
    ranking.map((r) => r.row),
    (i) => [ranking[i]!.rank, ranking[i]!.score],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
