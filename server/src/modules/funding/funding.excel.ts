import {
  APPLICATION_STATE_NAMES,
  CALL_STATE_NAMES,
  FOCUS_AREA_NAMES,
  FUND_CHANNEL_NAMES,
  NEED_SOURCE_NAMES,
  ORGANIZATION_KIND_NAMES,
} from '@linli/common';
import ExcelJS from 'exceljs';
import type { ApplicationDetail, CallSummary, Fund, Need } from './funding.schemas.ts';

const zh = 'zh-CN';

interface Column<T> {
  header: string;
  width: number;
  value: (row: T) => string | number | null;
  /** Yuan with two decimals (the sheet keeps numbers, shown as money). */
  money?: boolean;
  text?: boolean;
}

const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

async function workbook<T>(sheet: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet(sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  ws.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    if (c.money) ws.getColumn(i + 1).numFmt = '#,##0.00';
    if (c.text) ws.getColumn(i + 1).numFmt = '@';
  });
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [String(i), c.value(r)])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function fundsWorkbook(rows: Fund[]): Promise<Buffer> {
  return workbook<Fund>(
    '资金',
    [
      { header: '年度', width: 8, value: (r) => r.year },
      { header: '资金渠道', width: 12, value: (r) => FUND_CHANNEL_NAMES[zh][r.channel] },
      { header: '资金名称', width: 32, value: (r) => r.name },
      {
        header: '重点领域',
        width: 24,
        value: (r) => r.focusAreas.map((a) => FOCUS_AREA_NAMES[zh][a]).join('、'),
      },
      { header: '预算（元）', width: 16, money: true, value: (r) => yuan(r.budgetFen) },
      { header: '已占用（元）', width: 16, money: true, value: (r) => yuan(r.committedFen) },
      { header: '已拨付（元）', width: 16, money: true, value: (r) => yuan(r.paidFen) },
      { header: '可用余额（元）', width: 16, money: true, value: (r) => yuan(r.remainingFen) },
      { header: '备注', width: 30, value: (r) => r.note },
    ],
    rows,
  );
}

export function needsWorkbook(rows: Need[]): Promise<Buffer> {
  return workbook<Need>(
    '需求清单',
    [
      { header: '需求', width: 30, value: (r) => r.title },
      { header: '领域', width: 12, value: (r) => FOCUS_AREA_NAMES[zh][r.focusArea] },
      { header: '所在区划', width: 16, value: (r) => r.divisionName },
      { header: '区划代码', width: 14, text: true, value: (r) => r.divisionCode },
      { header: '提出单位', width: 12, value: (r) => NEED_SOURCE_NAMES[zh][r.source] },
      { header: '部门', width: 10, value: (r) => r.department },
      { header: '估算金额（元）', width: 14, money: true, value: (r) => yuan(r.estimatedFen) },
      { header: '纳入征集', width: 28, value: (r) => r.callTitle },
      { header: '说明', width: 40, value: (r) => r.description },
      { header: '登记人', width: 16, value: (r) => r.createdByName },
    ],
    rows,
  );
}

export function callsWorkbook(rows: CallSummary[]): Promise<Buffer> {
  return workbook<CallSummary>(
    '项目征集',
    [
      { header: '征集名称', width: 32, value: (r) => r.title },
      { header: '状态', width: 8, value: (r) => CALL_STATE_NAMES[zh][r.state] },
      { header: '资金', width: 28, value: (r) => r.fundName },
      { header: '渠道', width: 10, value: (r) => FUND_CHANNEL_NAMES[zh][r.channel] },
      { header: '预算上限（元）', width: 16, money: true, value: (r) => yuan(r.budgetCeilingFen) },
      {
        header: '领域',
        width: 24,
        value: (r) => r.focusAreas.map((a) => FOCUS_AREA_NAMES[zh][a]).join('、'),
      },
      {
        header: '申报对象',
        width: 30,
        value: (r) => r.eligibleKinds.map((k) => ORGANIZATION_KIND_NAMES[zh][k]).join('、'),
      },
      { header: '最低等级', width: 8, value: (r) => r.minGrade },
      { header: '域外组织可申报', width: 10, value: (r) => (r.outsideAllowed ? '是' : '否') },
      { header: '优先等级', width: 8, value: (r) => `${r.priorityGrade}及以上` },
      { header: '开始日期', width: 12, value: (r) => r.opensOn },
      { header: '截止日期', width: 12, value: (r) => r.closesOn },
      { header: '申报数', width: 8, value: (r) => r.applications },
      { header: '已立项（元）', width: 16, money: true, value: (r) => yuan(r.awardedFen) },
    ],
    rows,
  );
}

export function applicationsWorkbook(rows: ApplicationDetail[]): Promise<Buffer> {
  return workbook<ApplicationDetail>(
    '申报',
    [
      { header: '项目名称', width: 30, value: (r) => r.title },
      { header: '申报组织', width: 30, value: (r) => r.organizationName },
      { header: '评估等级', width: 8, value: (r) => r.organizationGrade },
      { header: '优先', width: 6, value: (r) => (r.priority ? '是' : '') },
      { header: '域外组织', width: 8, value: (r) => (r.fromOutside ? '是' : '') },
      { header: '征集', width: 28, value: (r) => r.callTitle },
      { header: '领域', width: 12, value: (r) => FOCUS_AREA_NAMES[zh][r.focusArea] },
      { header: '申请金额（元）', width: 14, money: true, value: (r) => yuan(r.requestedFen) },
      { header: '立项金额（元）', width: 14, money: true, value: (r) => yuan(r.awardedFen) },
      { header: '状态', width: 8, value: (r) => APPLICATION_STATE_NAMES[zh][r.state] },
      { header: '提交时间', width: 18, value: (r) => (r.submittedAt ? beijingTime(r.submittedAt) : null) },
      {
        header: '预算明细',
        width: 40,
        value: (r) => r.budgetLines.map((l) => `${l.item} ${(l.amountFen / 100).toFixed(2)}`).join('；'),
      },
    ],
    rows,
  );
}

/** An instant as Beijing wall-clock time, YYYY-MM-DD HH:mm. */
function beijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
