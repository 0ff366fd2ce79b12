import { ORGANIZATION_KIND_NAMES } from '@linli/common';
import ExcelJS from 'exceljs';
import { INSPECTION_RESULT_NAMES, INSPECTION_STATE_NAMES, type Inspection } from './inspections.schemas.ts';

const COLUMNS = [
  { key: 'year', header: '年度', width: 8 },
  { key: 'organization', header: '组织名称', width: 32 },
  { key: 'kind', header: '类型', width: 20 },
  { key: 'divisionName', header: '所属街道/社区', width: 16 },
  { key: 'divisionCode', header: '区划代码', width: 14 },
  { key: 'state', header: '状态', width: 10 },
  { key: 'submittedOn', header: '报送日期', width: 12 },
  { key: 'simplified', header: '简化年检', width: 9 },
  { key: 'grade', header: '报送时等级', width: 10 },
  { key: 'result', header: '年检结论', width: 10 },
  { key: 'findings', header: '审核意见', width: 40 },
  { key: 'inspector', header: '审核人', width: 14 },
  { key: 'reviewedOn', header: '审核日期', width: 12 },
] as const;

export async function inspectionsWorkbook(rows: Inspection[]): Promise<Buffer> {
  const zh = 'zh-CN';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet('年检', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.getColumn('divisionCode').numFmt = '@';
  for (const r of rows)
    ws.addRow({
      year: r.year,
      organization: r.organizationName,
      kind: ORGANIZATION_KIND_NAMES[zh][r.organizationKind],
      divisionName: r.divisionName,
      divisionCode: r.divisionCode,
      state: INSPECTION_STATE_NAMES[zh][r.state],
      submittedOn: r.submittedOn,
      simplified: r.simplified ? '是' : '否',
      grade: r.gradeAtSubmission ?? '',
      result: r.result ? INSPECTION_RESULT_NAMES[zh][r.result] : '',
      findings: r.findings ?? '',
      inspector: r.inspectorName ?? '',
      reviewedOn: r.reviewedOn ?? '',
    });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
