import {
  ORGANIZATION_CATEGORY_NAMES,
  ORGANIZATION_FIELD_NAMES,
  ORGANIZATION_KIND_NAMES,
  ORGANIZATION_STATE_NAMES,
  ORGANIZATION_VENUE_NAMES,
} from '@linli/common';
import ExcelJS from 'exceljs';
import type { OrganizationDetail } from './organizations.schemas.ts';

/** Columns in sheet order with the Chinese headers the district's spreadsheets use; the phone masked. */
const COLUMNS = [
  { key: 'name', header: '组织名称', width: 32 },
  { key: 'kind', header: '类型', width: 22 },
  { key: 'state', header: '状态', width: 10 },
  { key: 'uscc', header: '统一社会信用代码', width: 22 },
  { key: 'registrationAuthority', header: '登记/备案机关', width: 20 },
  { key: 'registeredOn', header: '登记日期', width: 12 },
  { key: 'filedOn', header: '备案日期', width: 12 },
  { key: 'legalRepName', header: '法定代表人/负责人', width: 12 },
  { key: 'contactPhone', header: '联系电话（脱敏）', width: 16 },
  { key: 'address', header: '地址', width: 30 },
  { key: 'divisionName', header: '所属街道/社区', width: 18 },
  { key: 'divisionCode', header: '区划代码', width: 14 },
  { key: 'fields', header: '服务领域', width: 16 },
  { key: 'category', header: '类别', width: 12 },
  { key: 'serviceArea', header: '服务范围', width: 20 },
  { key: 'staffCount', header: '专职人员', width: 8 },
  { key: 'volunteerCount', header: '志愿者', width: 8 },
  { key: 'venue', header: '场地', width: 10 },
  { key: 'grade', header: '评估等级', width: 8 },
  { key: 'fromOutside', header: '域外入驻', width: 8 },
  { key: 'tags', header: '标签', width: 16 },
] as const;

export async function organizationsWorkbook(rows: OrganizationDetail[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const ws = wb.addWorksheet('社会组织', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Text, so Excel keeps leading zeros and does not turn long codes into numbers.
  for (const key of ['uscc', 'contactPhone', 'divisionCode']) ws.getColumn(key).numFmt = '@';
  const zh = 'zh-CN';
  for (const r of rows) {
    ws.addRow({
      name: r.name,
      kind: ORGANIZATION_KIND_NAMES[zh][r.kind],
      state: ORGANIZATION_STATE_NAMES[zh][r.state],
      uscc: r.uscc ?? '',
      registrationAuthority: r.registrationAuthority ?? '',
      registeredOn: r.registeredOn ?? '',
      filedOn: r.filedOn ?? '',
      legalRepName: r.legalRepName ?? '',
      contactPhone: r.contactPhone ?? '',
      address: r.address ?? '',
      divisionName: r.divisionName,
      divisionCode: r.divisionCode,
      fields: r.fields.map((f) => ORGANIZATION_FIELD_NAMES[zh][f]).join('、'),
      category: ORGANIZATION_CATEGORY_NAMES[zh][r.category],
      serviceArea: r.serviceArea ?? '',
      staffCount: r.staffCount,
      volunteerCount: r.volunteerCount,
      venue: ORGANIZATION_VENUE_NAMES[zh][r.venue],
      grade: r.grade ?? '',
      fromOutside: r.fromOutside ? '是' : '否',
      tags: r.tags.join('、'),
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
