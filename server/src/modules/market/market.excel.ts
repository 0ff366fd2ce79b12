import { formatPoints, MARKET_ITEM_KIND_NAMES } from '@linli/common';
import ExcelJS from 'exceljs';
import type { MarketReport, Rollup, RollupRowType } from './market.schemas.ts';

const zh = 'zh-CN';

function sheet<T>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Array<{ header: string; width: number; value: (row: T) => string | number | null }>,
  rows: T[],
): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(columns.map((c, i) => [String(i), c.value(r)])));
}

function book(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  return wb;
}

const points = (hundredths: number) => Number(formatPoints(hundredths));
const yesNo = (ok: boolean) => (ok ? '相符' : '不符');

/** One supermarket's month: a summary row and one row per item with its stock check (账物相符). */
export async function reportWorkbook(report: MarketReport): Promise<Buffer> {
  const wb = book();
  sheet(
    wb,
    '月报',
    [
      { header: '爱心超市', width: 24, value: () => report.market.name },
      { header: '社区', width: 14, value: () => report.market.divisionName },
      { header: '月份', width: 10, value: () => report.month },
      { header: '兑换笔数', width: 10, value: () => report.redemptions },
      { header: '兑换人数', width: 10, value: () => report.residents },
      { header: '兑换积分', width: 12, value: () => points(report.pointsTaken) },
      { header: '捐赠笔数', width: 10, value: () => report.donations },
      { header: '捐赠入库件数', width: 14, value: () => report.donated },
      { header: '账物相符', width: 10, value: () => yesNo(report.balanced) },
    ],
    [report],
  );
  sheet(
    wb,
    '商品明细',
    [
      { header: '名称', width: 16, value: (i) => i.name },
      { header: '类别', width: 8, value: (i) => MARKET_ITEM_KIND_NAMES[zh][i.kind] },
      { header: '单位', width: 6, value: (i) => i.unit },
      { header: '本月兑换数量', width: 14, value: (i) => i.redeemed },
      { header: '本月兑换积分', width: 14, value: (i) => points(i.pointsTaken) },
      { header: '本月捐赠入库', width: 14, value: (i) => i.donated },
      { header: '月末库存', width: 10, value: (i) => i.stockAtMonthEnd },
      { header: '现有库存', width: 10, value: (i) => i.stock },
      { header: '流水合计', width: 10, value: (i) => i.movementSum },
      { header: '账物相符', width: 10, value: (i) => (i.kind === 'goods' ? yesNo(i.balanced) : '—') },
    ],
    report.items,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const rollupColumns = (first: string) => [
  { header: '区划代码', width: 16, value: (r: RollupRowType) => r.code },
  { header: first, width: 16, value: (r: RollupRowType) => r.name },
  { header: '爱心超市数', width: 10, value: (r: RollupRowType) => r.markets },
  { header: '兑换笔数', width: 10, value: (r: RollupRowType) => r.redemptions },
  { header: '兑换积分', width: 12, value: (r: RollupRowType) => points(r.pointsTaken) },
  { header: '捐赠入库件数', width: 14, value: (r: RollupRowType) => r.donated },
  { header: '月末库存件数', width: 14, value: (r: RollupRowType) => r.stockAtMonthEnd },
  { header: '账物相符', width: 10, value: (r: RollupRowType) => yesNo(r.balanced) },
];

/** The area's month by street and by community. */
export async function rollupWorkbook(rollup: Rollup): Promise<Buffer> {
  const wb = book();
  sheet(wb, `${rollup.month} 按镇街`, rollupColumns('镇街'), rollup.streets);
  sheet(wb, `${rollup.month} 按社区`, rollupColumns('社区'), rollup.communities);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
