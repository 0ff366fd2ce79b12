import { FAIR_ORG_CLASS_NAMES, FAIR_STATE_NAMES } from '@linli/common';
import ExcelJS from 'exceljs';
import type { Figures } from './fair.schemas.ts';

const zh = 'zh-CN';
const yuan = (fen: number) => fen / 100;

/** The figures page as a workbook: totals with their definitions, by edition, by class, by category. */
export async function figuresWorkbook(f: Figures): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  const sheet = (name: string, columns: Array<{ header: string; width: number; money?: boolean }>) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
    ws.getRow(1).font = { bold: true };
    columns.forEach((c, i) => {
      if (c.money) ws.getColumn(i + 1).numFmt = '#,##0.00';
    });
    return ws;
  };
  const totals = sheet('累计', [
    { header: '指标', width: 20 },
    { header: '数值', width: 16 },
    { header: '口径', width: 70 },
  ]);
  totals.addRows([
    [
      '对接社会组织（家）',
      f.total.organizations,
      '至少有一个展示项目与购买服务需求签约的社会组织，按组织去重',
    ],
    ['覆盖服务门类（个）', f.total.categories, '已签约需求所属的服务门类，去重'],
    ['签约落位项目（个）', f.total.projects, '状态为“已签约”的对接记录，每条对应一份合同'],
    ['签约金额（元）', yuan(f.total.signedFen), '已签约对接记录的签约金额合计'],
    ['举办届数', f.total.fairs, ''],
    ['发布购买服务需求（项）', f.total.offers, ''],
    ['展示公益服务项目（个）', f.total.exhibits, ''],
  ]);
  const editions = sheet('分届', [
    { header: '届次', width: 36 },
    { header: '举办日期', width: 12 },
    { header: '状态', width: 10 },
    { header: '对接组织（家）', width: 14 },
    { header: '门类（个）', width: 10 },
    { header: '签约项目（个）', width: 14 },
    { header: '签约金额（元）', width: 16, money: true },
    { header: '累计对接组织', width: 14 },
    { header: '累计门类', width: 10 },
    { header: '累计签约项目', width: 14 },
  ]);
  for (const e of f.byEdition)
    editions.addRow([
      e.name,
      e.heldOn,
      FAIR_STATE_NAMES[zh][e.state],
      e.organizations,
      e.categories,
      e.projects,
      yuan(e.signedFen),
      e.cumulativeOrganizations,
      e.cumulativeCategories,
      e.cumulativeProjects,
    ]);
  const classes = sheet('按类别', [
    { header: '组织类别', width: 10 },
    { header: '对接组织（家）', width: 14 },
    { header: '门类（个）', width: 10 },
    { header: '签约项目（个）', width: 14 },
    { header: '签约金额（元）', width: 16, money: true },
  ]);
  for (const c of f.byClass)
    classes.addRow([
      FAIR_ORG_CLASS_NAMES[zh][c.orgClass],
      c.organizations,
      c.categories,
      c.projects,
      yuan(c.signedFen),
    ]);
  const categories = sheet('按门类', [
    { header: '服务门类', width: 16 },
    { header: '组织类别', width: 10 },
    { header: '对接组织（家）', width: 14 },
    { header: '签约项目（个）', width: 14 },
    { header: '签约金额（元）', width: 16, money: true },
  ]);
  for (const c of f.byCategory)
    categories.addRow([
      c.name,
      FAIR_ORG_CLASS_NAMES[zh][c.orgClass],
      c.organizations,
      c.projects,
      yuan(c.signedFen),
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
