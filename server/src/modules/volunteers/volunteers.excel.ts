import {
  AVAILABILITY_NAMES,
  formatHours,
  formatPoints,
  HONOUR_TITLE_NAMES,
  SKILL_NAMES,
} from '@linli/common';
import ExcelJS from 'exceljs';
import type { Honour, Stats, Volunteer } from './volunteers.schemas.ts';

const zh = 'zh-CN';

interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
}

async function workbook<T>(sheet: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [String(i), c.value(r)])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Volunteers as the list shows them (ID number and phone masked). */
export function volunteersWorkbook(rows: Volunteer[]): Promise<Buffer> {
  return workbook(
    '志愿者',
    [
      { header: '志愿者编号', width: 18, value: (v) => v.volunteerNo },
      { header: '姓名', width: 10, value: (v) => v.name },
      { header: '身份证号', width: 22, value: (v) => v.idNumber },
      { header: '手机', width: 14, value: (v) => v.phone },
      { header: '服务区域', width: 16, value: (v) => v.divisionName },
      { header: '服务队', width: 24, value: (v) => v.teams.map((t) => t.name).join('、') },
      { header: '技能', width: 20, value: (v) => v.skills.map((s) => SKILL_NAMES[zh][s]).join('、') },
      {
        header: '可服务时间',
        width: 20,
        value: (v) => v.availability.map((a) => AVAILABILITY_NAMES[zh][a]).join('、'),
      },
      { header: '累计时长（小时）', width: 14, value: (v) => Number(formatHours(v.confirmedMinutes)) },
      { header: '服务次数', width: 10, value: (v) => v.services },
      { header: '星级', width: 8, value: (v) => v.stars },
      { header: '积分', width: 10, value: (v) => Number(formatPoints(v.pointsBalance)) },
      {
        header: '注册时间',
        width: 20,
        value: (v) => new Date(v.registeredAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
      },
    ],
    rows,
  );
}

const GROUP_HEADERS = { month: '月份', program: '公益项目', street: '镇街' } as const;

export function statsWorkbook(stats: Stats): Promise<Buffer> {
  return workbook(
    '志愿服务统计',
    [
      { header: GROUP_HEADERS[stats.group], width: 20, value: (r) => r.label },
      { header: '服务人次', width: 12, value: (r) => r.services },
      { header: '志愿者人数', width: 12, value: (r) => r.volunteers },
      { header: '服务时长（小时）', width: 16, value: (r) => Number(formatHours(r.minutes)) },
      { header: '积分', width: 12, value: (r) => Number(formatPoints(r.points)) },
    ],
    stats.rows,
  );
}

const beijing = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

export function honoursWorkbook(rows: Honour[]): Promise<Buffer> {
  return workbook(
    '荣誉表彰',
    [
      { header: '年度', width: 8, value: (h) => h.year },
      { header: '荣誉', width: 16, value: (h) => HONOUR_TITLE_NAMES[zh][h.title] },
      { header: '对象', width: 10, value: (h) => (h.subjectKind === 'volunteer' ? '志愿者' : '服务队') },
      { header: '名称', width: 24, value: (h) => h.subjectName },
      { header: '所属区域', width: 16, value: (h) => h.divisionName },
      { header: '事由', width: 40, value: (h) => h.reason },
      { header: '授予单位', width: 16, value: (h) => h.awardedByDivisionName },
      { header: '经办人', width: 12, value: (h) => h.awardedByName },
      { header: '授予时间', width: 20, value: (h) => beijing(h.awardedAt) },
    ],
    rows,
  );
}
