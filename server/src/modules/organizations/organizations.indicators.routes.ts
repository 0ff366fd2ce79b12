import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import ExcelJS from 'exceljs';
import { localeOf } from '../../platform/errors.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import {
  type CommunityIndicator,
  INDICATOR_SCHEMAS,
  IndicatorsQuery,
  type OrganizationIndicatorService,
  type OrganizationIndicators,
  OrganizationIndicatorsSchema,
  type StreetIndicator,
} from './organizations.indicators.ts';

const tags = ['organizations'];

const AREA_COLUMNS = [
  { key: 'code', header: '区划代码', width: 14 },
  { key: 'name', header: '名称', width: 18 },
  { key: 'population', header: '常住人口', width: 10 },
  { key: 'organizations', header: '社会组织数', width: 10 },
  { key: 'per10k', header: '每万人社会组织数', width: 14 },
  { key: 'communityOrgs', header: '社区社会组织数', width: 12 },
  { key: 'staff', header: '专职人员', width: 10 },
] as const;

const COMMUNITY_COLUMNS = [
  { key: 'streetName', header: '所属街道/镇', width: 14 },
  ...AREA_COLUMNS,
  { key: 'kind', header: '城乡', width: 8 },
  { key: 'target', header: '目标（个）', width: 10 },
  { key: 'gap', header: '缺口（个）', width: 10 },
] as const;

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  columns: ReadonlyArray<{ key: string; header: string; width: number }>,
  rows: Array<StreetIndicator | CommunityIndicator>,
) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  // Text, so Excel keeps the codes as written.
  ws.getColumn('code').numFmt = '@';
  for (const r of rows) ws.addRow({ ...r, kind: r.level === 'village' ? '农村' : '城市' });
}

/** The communities below target first (what the office acts on), then every community and street. */
async function indicatorsWorkbook(data: OrganizationIndicators): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Linli 邻里';
  wb.created = new Date();
  sheet(wb, '未达标社区', COMMUNITY_COLUMNS, data.belowTarget);
  sheet(wb, '各社区', COMMUNITY_COLUMNS, data.communities);
  sheet(wb, '各街道', AREA_COLUMNS, data.streets);
  const note = wb.addWorksheet('说明');
  note.getColumn(1).width = 100;
  for (const line of [
    `目标依据：${data.target.source}：城市社区不少于 ${data.target.community} 个、农村社区不少于 ${data.target.village} 个社区社会组织。`,
    `城乡划分：${data.target.basis}。`,
    `计入状态：正常（${data.countedStates.join('、')}）。街道直属的社会组织只计入街道。`,
  ])
    note.addRow([line]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** 社会组织指标 (R6.1–R6.3): figures computed from the records in the caller's scope. */
export const organizationIndicatorRoutes: FastifyPluginAsyncTypebox<{
  indicators: OrganizationIndicatorService;
}> = async (app, { indicators }) => {
  for (const schema of INDICATOR_SCHEMAS) app.addSchema(schema);

  app.get(
    '/organizations/indicators',
    {
      schema: {
        operationId: 'organizationIndicators',
        tags,
        summary:
          '社会组织指标：每万人拥有量（分街道、社区）、未达 191 号文目标的社区、领域与类别占比、无场地占比、专职人员分档、自有资金占比',
        querystring: IndicatorsQuery,
        response: { 200: ref(OrganizationIndicatorsSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => indicators.indicators(requestCaller(request), request.query, localeOf(request)),
  );

  app.get(
    '/organizations/indicators/export',
    {
      schema: {
        operationId: 'exportOrganizationIndicators',
        tags,
        summary: '导出社会组织指标为 Excel：未达标社区（含缺口）、各社区、各街道',
        querystring: IndicatorsQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const data = await indicators.indicators(requestCaller(request), request.query, 'zh-CN');
      return sendXlsx(reply, await indicatorsWorkbook(data), datedFilename('社会组织指标'));
    },
  );
};
