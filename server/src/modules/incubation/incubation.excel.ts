import {
  INCUBATION_CLASS_NAMES,
  INCUBATION_STATE_NAMES,
  ORGANIZATION_CATEGORY_NAMES,
  ORGANIZATION_KIND_NAMES,
} from '@linli/common';
import ExcelJS from 'exceljs';
import type { IncubationSummary } from './incubation.schemas.ts';

/** Columns in sheet order with the Chinese headers of the base's intake ledger (入孵台账). */
const COLUMNS = [
  { key: 'queuePosition', header: '排队位次', width: 8 },
  { key: 'priorityClass', header: '优先类别', width: 18 },
  { key: 'organizationName', header: '组织名称', width: 32 },
  { key: 'organizationKind', header: '组织类型', width: 22 },
  { key: 'organizationCategory', header: '类别', width: 12 },
  { key: 'divisionName', header: '所属街道/社区', width: 18 },
  { key: 'divisionCode', header: '区划代码', width: 14 },
  { key: 'branchName', header: '受理基地', width: 22 },
  { key: 'state', header: '阶段', width: 12 },
  { key: 'applicantName', header: '申请人', width: 12 },
  { key: 'appliedOn', header: '申请日期', width: 12 },
  { key: 'admittedOn', header: '准予入孵日期', width: 12 },
  { key: 'startedOn', header: '开始孵化日期', width: 12 },
  { key: 'endedOn', header: '结束日期', width: 12 },
  { key: 'milestones', header: '里程碑完成', width: 10 },
] as const;

export async function incubationWorkbook(rows: IncubationSummary[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet('入孵台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Text, so Excel keeps the division code's digits as written.
  ws.getColumn('divisionCode').numFmt = '@';
  const zh = 'zh-CN';
  for (const r of rows) {
    ws.addRow({
      queuePosition: r.queuePosition ?? '',
      priorityClass: INCUBATION_CLASS_NAMES[zh][r.priorityClass],
      organizationName: r.organizationName,
      organizationKind: ORGANIZATION_KIND_NAMES[zh][r.organizationKind],
      organizationCategory:
        (ORGANIZATION_CATEGORY_NAMES[zh] as Record<string, string>)[r.organizationCategory] ??
        r.organizationCategory,
      divisionName: r.divisionName,
      divisionCode: r.divisionCode,
      branchName: r.branchName,
      state: INCUBATION_STATE_NAMES[zh][r.state],
      applicantName: r.applicantName,
      appliedOn: r.appliedOn,
      admittedOn: r.admittedOn ?? '',
      startedOn: r.startedOn ?? '',
      endedOn: r.endedOn ?? '',
      milestones: r.milestonesTotal === 0 ? '' : `${r.milestonesDone}/${r.milestonesTotal}`,
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
