import ExcelJS from 'exceljs';
import { FEDERATION_KIND_NAMES, MEMBER_ROLE_NAMES } from './federations.schemas.ts';
import type { FederationWorkbookData } from './federations.service.ts';

const zh = 'zh-CN';

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Array<{ key: string; header: string; width: number }>,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns;
  ws.getRow(1).font = { bold: true };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return ws;
}

/** Three sheets as the street offices keep them: federations, members, and organizations that moved in. */
export async function federationsWorkbook(data: FederationWorkbookData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const federations = sheet(wb, '联合会', [
    { key: 'name', header: '联合会名称', width: 30 },
    { key: 'divisionName', header: '所在街道', width: 14 },
    { key: 'divisionCode', header: '区划代码', width: 12 },
    { key: 'kind', header: '类别', width: 14 },
    { key: 'lead', header: '牵头组织', width: 30 },
    { key: 'foundedOn', header: '成立日期', width: 12 },
    { key: 'memberCount', header: '现有成员', width: 10 },
    { key: 'moveInCount', header: '入驻组织', width: 10 },
  ]);
  federations.getColumn('divisionCode').numFmt = '@';
  for (const f of data.federations)
    federations.addRow({
      name: f.name,
      divisionName: f.divisionName,
      divisionCode: f.divisionCode,
      kind: FEDERATION_KIND_NAMES[zh][f.kind],
      lead: f.leadOrganizationName ?? '',
      foundedOn: f.foundedOn,
      memberCount: f.memberCount,
      moveInCount: f.moveInCount,
    });
  const members = sheet(wb, '成员', [
    { key: 'federation', header: '联合会', width: 30 },
    { key: 'organization', header: '成员组织', width: 32 },
    { key: 'divisionName', header: '所在街道/社区', width: 16 },
    { key: 'role', header: '职务', width: 10 },
    { key: 'joinedOn', header: '加入日期', width: 12 },
    { key: 'leftOn', header: '退出日期', width: 12 },
  ]);
  for (const m of data.members)
    members.addRow({
      federation: m.federationName,
      organization: m.organizationName,
      divisionName: m.divisionName,
      role: MEMBER_ROLE_NAMES[zh][m.role],
      joinedOn: m.joinedOn,
      leftOn: m.leftOn ?? '',
    });
  const moveIns = sheet(wb, '入驻组织', [
    { key: 'federation', header: '经由联合会', width: 30 },
    { key: 'organization', header: '入驻组织', width: 32 },
    { key: 'divisionName', header: '所在街道/社区', width: 16 },
    { key: 'movedInOn', header: '入驻日期', width: 12 },
    { key: 'origin', header: '迁入前所在地', width: 18 },
    { key: 'note', header: '备注', width: 30 },
  ]);
  for (const m of data.moveIns)
    moveIns.addRow({
      federation: m.federationName,
      organization: m.organizationName,
      divisionName: m.divisionName,
      movedInOn: m.movedInOn,
      origin: m.origin,
      note: m.note ?? '',
    });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
