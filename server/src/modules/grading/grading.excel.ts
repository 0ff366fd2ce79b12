import { GRADE_EVALUATION_STATE_NAMES, ORGANIZATION_KIND_NAMES } from '@linli/common';
import ExcelJS from 'exceljs';
import type { GradeEvaluation, GradeRound } from './grading.schemas.ts';

const COLUMNS = [
  { key: 'organization', header: '组织名称', width: 32 },
  { key: 'kind', header: '类型', width: 16 },
  { key: 'divisionCode', header: '区划代码', width: 14 },
  { key: 'state', header: '状态', width: 14 },
  { key: 'eligibility', header: '参评资格', width: 36 },
  { key: 'selfTotal', header: '自评分', width: 8 },
  { key: 'evaluatorScore', header: '评估人员平均分', width: 12 },
  { key: 'committeeScore', header: '委员会审定分', width: 12 },
  { key: 'proposedGrade', header: '拟定等级', width: 9 },
  { key: 'appeal', header: '复核', width: 30 },
  { key: 'resultGrade', header: '确认等级', width: 9 },
  { key: 'confirmedOn', header: '确认日期', width: 12 },
  { key: 'validUntil', header: '有效期至', width: 12 },
] as const;

/** A round's applicants and results, as the district files them. */
export async function gradingWorkbook(round: GradeRound, rows: GradeEvaluation[]): Promise<Buffer> {
  const zh = 'zh-CN';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet(`${round.year}年第${round.batchNo}批`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn('divisionCode').numFmt = '@';
  for (const r of rows)
    ws.addRow({
      organization: r.organizationName,
      kind: ORGANIZATION_KIND_NAMES[zh][r.organizationKind],
      divisionCode: r.divisionCode,
      state: GRADE_EVALUATION_STATE_NAMES[zh][r.state],
      eligibility: r.eligible ? '符合' : r.eligibility.map((p) => p.text).join('；'),
      selfTotal: r.selfTotal ?? '',
      evaluatorScore: r.evaluatorScore ?? '',
      committeeScore: r.committeeScore ?? '',
      proposedGrade: r.proposedGrade ?? (r.committeeScore === null ? '' : '不予评级'),
      appeal: r.appealReason ? `${r.appealReason}${r.appealAnswer ? ` → ${r.appealAnswer}` : ''}` : '',
      resultGrade: r.confirmedOn ? (r.resultGrade ?? '不予评级') : '',
      confirmedOn: r.confirmedOn ?? '',
      validUntil: r.validUntil ?? '',
    });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
