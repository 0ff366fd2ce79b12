import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CONTRACT_STATE_NAMES, FOCUS_AREA_NAMES, TRANCHE_GATE_NAMES } from '@linli/common';
import { Type } from '@sinclair/typebox';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { AppError, localeOf } from '../../platform/errors.ts';
import { contentDisposition, type FileStore, formatBytes, sendStoredFile } from '../../platform/files.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { contractPdf } from './contracts.pdf.ts';
import {
  CONTRACT_SCHEMAS,
  ContractDetailSchema,
  ContractExportQuery,
  ContractIdParams,
  ContractListQuery,
  ContractPage,
  ContractProgressBody,
  type ContractSummary,
  ContractTransitionBody,
  CreateContractBody,
  EvaluationBody,
  EvaluatorOptionSchema,
  PhotoParams,
  PhotoSchema,
  PhotoUploadQuery,
  RectificationParams,
  RectificationReportBody,
  UpdateContractBody,
} from './contracts.schemas.ts';
import { type ContractPaymentRow, ContractService } from './contracts.service.ts';
import { EvaluationService } from './evaluations.service.ts';
import { FundService } from './funds.service.ts';

export interface ContractServices {
  contracts: ContractService;
  evaluations: EvaluationService;
}

/** The contract services; they post to the fund ledger through their own `FundService` (it holds no state). */
export function contractServices(db: Kysely<DB>, files: FileStore): ContractServices {
  const contracts = new ContractService(db, new FundService(db));
  return { contracts, evaluations: new EvaluationService(db, contracts, files) };
}

const zh = 'zh-CN';
const yuan = (fen: number) => fen / 100;
/** An instant as Beijing wall-clock time, `2026-03-15 14:05`. */
const beijingTime = (iso: string) =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Two sheets: the contracts, and their payment tranches (paid or pending). */
async function contractsWorkbook(
  contracts: ContractSummary[],
  payments: ContractPaymentRow[],
): Promise<Buffer> {
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
  const cs = sheet('合同', [
    { header: '项目名称', width: 32 },
    { header: '社会组织', width: 30 },
    { header: '资金', width: 28 },
    { header: '领域', width: 12 },
    { header: '立项金额（元）', width: 16, money: true },
    { header: '合同金额（元）', width: 16, money: true },
    { header: '已拨付（元）', width: 16, money: true },
    { header: '开始日期', width: 12 },
    { header: '结束日期', width: 12 },
    { header: '第三方评估机构', width: 24 },
    { header: '状态', width: 10 },
  ]);
  for (const c of contracts)
    cs.addRow([
      c.title,
      c.organizationName,
      c.fundName,
      c.focusArea ? FOCUS_AREA_NAMES[zh][c.focusArea] : '',
      yuan(c.awardedFen),
      yuan(c.amountFen),
      yuan(c.paidFen),
      c.startsOn,
      c.endsOn,
      c.evaluatorName,
      CONTRACT_STATE_NAMES[zh][c.state],
    ]);
  const ps = sheet('拨付', [
    { header: '项目名称', width: 32 },
    { header: '社会组织', width: 30 },
    { header: '资金', width: 28 },
    { header: '第几笔', width: 8 },
    { header: '拨付条件', width: 16 },
    { header: '比例（%）', width: 10 },
    { header: '金额（元）', width: 16, money: true },
    { header: '状态', width: 10 },
    { header: '拨付时间', width: 20 },
  ]);
  for (const p of payments)
    ps.addRow([
      p.contractTitle,
      p.organizationName,
      p.fundName,
      p.seq,
      TRANCHE_GATE_NAMES[zh][p.gate],
      p.percent,
      yuan(p.amountFen),
      p.paidAt ? '已拨付' : '待拨付',
      p.paidAt ? beijingTime(p.paidAt) : '',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const read = problemResponses(400, 401, 403, 404);
const write = problemResponses(400, 401, 403, 404, 409);
const INLINE_TYPES = new Set(['image/png', 'image/jpeg']);
const PDF_RESPONSE = {
  description: 'PDF 文件',
  content: { 'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } },
};

/** Contracts, payment tranches, evaluations and rectifications (issue #7 items 4–5). */
export const contractRoutes: FastifyPluginAsyncTypebox<ContractServices> = async (
  app,
  { contracts, evaluations },
) => {
  for (const schema of CONTRACT_SCHEMAS) app.addSchema(schema);
  const maxBytes = evaluations.files.maxBytes;
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_request, body, done) => done(null, body),
  );
  const tags = ['contracts'];

  app.get(
    '/contracts',
    {
      schema: {
        operationId: 'listContracts',
        tags,
        summary: '合同列表（按状态、资金、领域、名称筛选）',
        querystring: ContractListQuery,
        response: { 200: ContractPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => contracts.list(requestCaller(request), request.query),
  );
  app.get(
    '/contracts/export',
    {
      schema: {
        operationId: 'exportContracts',
        tags,
        summary: '导出合同及拨付明细为 Excel',
        querystring: ContractExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const rows = await contracts.exportRows(requestCaller(request), request.query);
      return sendXlsx(
        reply,
        await contractsWorkbook(rows.contracts, rows.payments),
        datedFilename('合同与拨付'),
      );
    },
  );
  app.get(
    '/contracts/evaluators',
    {
      schema: {
        operationId: 'listContractEvaluators',
        tags,
        summary: '可指定的第三方评估机构账号',
        response: { 200: Type.Array(EvaluatorOptionSchema), ...problemResponses(401, 403) },
      },
    },
    async () => contracts.evaluators(),
  );
  app.get(
    '/contracts/:id',
    {
      schema: {
        operationId: 'getContract',
        tags,
        summary: '合同详情：条款、拨付、评价、整改、流转记录',
        params: ContractIdParams,
        response: { 200: ref(ContractDetailSchema), ...read },
      },
    },
    async (request) => contracts.detail(requestCaller(request), request.params.id, localeOf(request)),
  );
  app.get(
    '/contracts/:id/contract.pdf',
    {
      schema: {
        operationId: 'getContractPdf',
        tags,
        summary: '合同文本（PDF）',
        params: ContractIdParams,
        response: { 200: PDF_RESPONSE, ...read },
      },
    },
    async (request, reply) => {
      const detail = await contracts.detail(requestCaller(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition(`合同-${detail.title}.pdf`, 'attachment'))
        .send(await contractPdf(detail));
    },
  );
  app.post(
    '/contracts',
    {
      schema: {
        operationId: 'createContract',
        tags,
        summary: '由已立项的申报拟定合同（金额不超过立项金额，拨付计划缺省 40/40/20）',
        body: CreateContractBody,
        response: { 201: ref(ContractDetailSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await contracts.create(requestCaller(request), request.body, localeOf(request))),
  );
  app.patch(
    '/contracts/:id',
    {
      schema: {
        operationId: 'updateContract',
        tags,
        summary: '修改待签约的合同',
        params: ContractIdParams,
        body: UpdateContractBody,
        response: { 200: ref(ContractDetailSchema), ...write },
      },
    },
    async (request) =>
      contracts.update(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );
  app.post(
    '/contracts/:id/transitions',
    {
      schema: {
        operationId: 'transitionContract',
        tags,
        summary: '签订合同（拨付签约款）或终止合同（未拨付部分退回资金）',
        params: ContractIdParams,
        body: ContractTransitionBody,
        response: { 200: ref(ContractDetailSchema), ...write },
      },
    },
    async (request) =>
      contracts.transition(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );
  app.post(
    '/contracts/:id/progress',
    {
      schema: {
        operationId: 'reportContractProgress',
        tags,
        summary: '项目启动、申请结项验收（社会组织）',
        params: ContractIdParams,
        body: ContractProgressBody,
        response: { 200: ref(ContractDetailSchema), ...write },
      },
    },
    async (request) =>
      contracts.progress(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );
  app.post(
    '/contracts/:id/rectifications/:rectificationId/report',
    {
      schema: {
        operationId: 'reportContractRectification',
        tags,
        summary: '报告整改完成（社会组织）',
        params: RectificationParams,
        body: RectificationReportBody,
        response: { 200: ref(ContractDetailSchema), ...write },
      },
    },
    async (request) =>
      evaluations.reportRectification(
        requestCaller(request),
        request.params.id,
        request.params.rectificationId,
        request.body,
        localeOf(request),
      ),
  );
  app.post(
    '/contracts/:id/evaluations',
    {
      schema: {
        operationId: 'submitContractEvaluation',
        tags,
        summary: '提交事中评价或事后评估（指定的第三方评估机构）',
        params: ContractIdParams,
        body: EvaluationBody,
        response: { 200: ref(ContractDetailSchema), ...write },
      },
    },
    async (request) =>
      evaluations.submit(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );
  app.post(
    '/contracts/:id/photos',
    {
      onRequest: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > maxBytes)
          throw new AppError('attachment.tooLarge', { limit: formatBytes(maxBytes) });
      },
      schema: {
        operationId: 'uploadContractPhoto',
        tags,
        summary: '上传实地查看照片（PNG 或 JPEG），随下一次提交的评价保存',
        params: ContractIdParams,
        querystring: PhotoUploadQuery,
        consumes: ['application/octet-stream'],
        body: Type.Unsafe<Buffer>({ description: '文件内容（二进制）' }),
        response: { 201: ref(PhotoSchema), ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await evaluations.uploadPhoto(
            requestCaller(request),
            request.params.id,
            request.query.filename,
            request.body as Buffer,
          ),
        ),
  );
  app.get(
    '/contracts/:id/photos/:photoId',
    {
      schema: {
        operationId: 'downloadContractPhoto',
        tags,
        summary: '查看实地查看照片',
        params: PhotoParams,
        response: {
          200: {
            description: '照片',
            content: { 'application/octet-stream': { schema: Type.String({ format: 'binary' }) } },
          },
          ...read,
        },
      },
    },
    async (request, reply) => {
      const file = await evaluations.photo(requestCaller(request), request.params.id, request.params.photoId);
      return sendStoredFile(reply, file, INLINE_TYPES.has(file.mime) ? 'inline' : 'attachment');
    },
  );
};
