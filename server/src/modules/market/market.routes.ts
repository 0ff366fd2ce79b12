import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { reportWorkbook, rollupWorkbook } from './market.excel.ts';
import {
  AdjustStockBody,
  CancelBody,
  CounterRedemptionBody,
  CreateItemBody,
  CreateMarketBody,
  CustomerSchema,
  DonationBody,
  DonationPage,
  DonationQuery,
  DonationSchema,
  IdentifyCustomerBody,
  IdParams,
  ItemListQuery,
  MARKET_SCHEMAS,
  MarketItemSchema,
  MarketListQuery,
  MarketPage,
  MarketReportSchema,
  MarketSchema,
  MovementPage,
  MovementQuery,
  MyCodeSchema,
  MyMarketSchema,
  PickupBody,
  RedemptionPage,
  RedemptionQuery,
  RedemptionSchema,
  ReportQuery,
  ReservationBody,
  RollupSchema,
  UpdateItemBody,
  UpdateMarketBody,
} from './market.schemas.ts';
import type { MarketService } from './market.service.ts';

const read = problemResponses(400, 401, 403, 404);
const write = problemResponses(400, 401, 403, 404, 409);
const RollupQuery = Type.Object({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
  divisionCode: Type.Optional(Type.String({ pattern: '^\\d{6,12}$' })),
});

/** Love supermarkets (issue #6 item 4): supermarkets, catalogue and stock, donations, the counter, reports. */
export const marketRoutes: FastifyPluginAsyncTypebox<{ market: MarketService }> = async (app, { market }) => {
  for (const schema of MARKET_SCHEMAS) app.addSchema(schema);
  const tags = ['market'];

  // ------------------------------------------------------------ supermarkets
  app.get(
    '/markets',
    {
      schema: {
        operationId: 'listMarkets',
        tags,
        summary: '爱心超市列表（本辖区）',
        querystring: MarketListQuery,
        response: { 200: MarketPage, ...read },
      },
    },
    async (request) => market.list(requestCaller(request), request.query),
  );
  app.post(
    '/markets',
    {
      schema: {
        operationId: 'createMarket',
        tags,
        summary: '设立社区爱心超市（每个社区一个）',
        body: CreateMarketBody,
        response: { 201: ref(MarketSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await market.create(requestCaller(request), request.body)),
  );
  app.get(
    '/markets/:id',
    {
      schema: {
        operationId: 'getMarket',
        tags,
        summary: '爱心超市详情',
        params: IdParams,
        response: { 200: ref(MarketSchema), ...read },
      },
    },
    async (request) => market.get(requestCaller(request), request.params.id),
  );
  app.put(
    '/markets/:id',
    {
      schema: {
        operationId: 'updateMarket',
        tags,
        summary: '修改爱心超市名称、地址、营业时间',
        params: IdParams,
        body: UpdateMarketBody,
        response: { 200: ref(MarketSchema), ...write },
      },
    },
    async (request) => market.update(requestCaller(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------ catalogue and stock
  app.get(
    '/markets/:id/items',
    {
      schema: {
        operationId: 'listMarketItems',
        tags,
        summary: '商品与服务目录（积分价格、库存）',
        params: IdParams,
        querystring: ItemListQuery,
        response: { 200: Type.Array(ref(MarketItemSchema)), ...read },
      },
    },
    async (request) => market.items(requestCaller(request), request.params.id, request.query.activeOnly),
  );
  app.post(
    '/markets/:id/items',
    {
      schema: {
        operationId: 'createMarketItem',
        tags,
        summary: '新增商品或服务（物品库存从 0 起，经捐赠入库或调整）',
        params: IdParams,
        body: CreateItemBody,
        response: { 201: ref(MarketItemSchema), ...write },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await market.createItem(requestCaller(request), request.params.id, request.body)),
  );
  app.put(
    '/market-items/:id',
    {
      schema: {
        operationId: 'updateMarketItem',
        tags,
        summary: '修改商品或服务（名称、积分价格、上下架）',
        params: IdParams,
        body: UpdateItemBody,
        response: { 200: ref(MarketItemSchema), ...write },
      },
    },
    async (request) => market.updateItem(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/market-items/:id/stock',
    {
      schema: {
        operationId: 'adjustMarketStock',
        tags,
        summary: '库存调整（须填原因）或盘点（填实盘数量）',
        params: IdParams,
        body: AdjustStockBody,
        response: { 200: ref(MarketItemSchema), ...write },
      },
    },
    async (request) => market.adjustStock(requestCaller(request), request.params.id, request.body),
  );
  app.get(
    '/markets/:id/movements',
    {
      schema: {
        operationId: 'listMarketMovements',
        tags,
        summary: '库存流水（新的在前）',
        params: IdParams,
        querystring: MovementQuery,
        response: { 200: MovementPage, ...read },
      },
    },
    async (request) => market.movements(requestCaller(request), request.params.id, request.query),
  );

  // ------------------------------------------------------------ donations
  app.get(
    '/markets/:id/donations',
    {
      schema: {
        operationId: 'listMarketDonations',
        tags,
        summary: '捐赠入库记录',
        params: IdParams,
        querystring: DonationQuery,
        response: { 200: DonationPage, ...read },
      },
    },
    async (request) => market.donations(requestCaller(request), request.params.id, request.query),
  );
  app.post(
    '/markets/:id/donations',
    {
      schema: {
        operationId: 'recordMarketDonation',
        tags,
        summary: '登记捐赠入库（捐赠单位、类别、收据号、物品与数量）',
        params: IdParams,
        body: DonationBody,
        response: { 201: ref(DonationSchema), ...write },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await market.recordDonation(requestCaller(request), request.params.id, request.body)),
  );

  // ------------------------------------------------------------ the counter
  app.post(
    '/markets/:id/customer',
    {
      schema: {
        operationId: 'identifyMarketCustomer',
        tags,
        summary: '柜台识别居民：扫居民码或按手机号查找（只显示姓名、脱敏手机号与积分余额）',
        params: IdParams,
        body: IdentifyCustomerBody,
        response: { 200: ref(CustomerSchema), ...write },
      },
    },
    async (request) => market.identify(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/markets/:id/redemptions',
    {
      schema: {
        operationId: 'redeemAtMarketCounter',
        tags,
        summary: '柜台兑换：扣积分、出库（同一请求编号只兑换一次，重试返回首次结果）',
        params: IdParams,
        body: CounterRedemptionBody,
        response: { 200: ref(RedemptionSchema), ...write },
      },
    },
    async (request) => market.redeemAtCounter(requestCaller(request), request.params.id, request.body),
  );
  app.get(
    '/markets/:id/redemptions',
    {
      schema: {
        operationId: 'listMarketRedemptions',
        tags,
        summary: '兑换记录（柜台与线上预约）',
        params: IdParams,
        querystring: RedemptionQuery,
        response: { 200: RedemptionPage, ...read },
      },
    },
    async (request) => market.redemptions(requestCaller(request), request.params.id, request.query),
  );
  app.post(
    '/markets/:id/pickups',
    {
      schema: {
        operationId: 'pickUpMarketReservation',
        tags,
        summary: '凭取货码领取线上预约',
        params: IdParams,
        body: PickupBody,
        response: { 200: ref(RedemptionSchema), ...write },
      },
    },
    async (request) => market.pickUp(requestCaller(request), request.params.id, request.body.code),
  );
  app.post(
    '/market-redemptions/:id/cancel',
    {
      schema: {
        operationId: 'cancelMarketRedemption',
        tags,
        summary: '柜台取消线上预约（退回积分、释放库存）',
        params: IdParams,
        body: CancelBody,
        response: { 200: ref(RedemptionSchema), ...write },
      },
    },
    async (request) => market.cancel(requestCaller(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------ reports
  app.get(
    '/markets/:id/report',
    {
      schema: {
        operationId: 'getMarketReport',
        tags,
        summary: '爱心超市月报：兑换、积分、捐赠、月末库存与账物相符',
        params: IdParams,
        querystring: ReportQuery,
        response: { 200: ref(MarketReportSchema), ...read },
      },
    },
    async (request) => market.report(requestCaller(request), request.params.id, request.query.month),
  );
  app.get(
    '/markets/:id/report/export',
    {
      schema: {
        operationId: 'exportMarketReport',
        tags,
        summary: '导出爱心超市月报为 Excel',
        params: IdParams,
        querystring: ReportQuery,
        response: { 200: XLSX_RESPONSE, ...read },
      },
    },
    async (request, reply) => {
      const report = await market.report(requestCaller(request), request.params.id, request.query.month);
      return sendXlsx(reply, await reportWorkbook(report), datedFilename(`爱心超市月报-${report.month}`));
    },
  );
  app.get(
    '/market-reports',
    {
      schema: {
        operationId: 'getMarketRollup',
        tags,
        summary: '辖区爱心超市月度汇总（按社区、按镇街）',
        querystring: RollupQuery,
        response: { 200: ref(RollupSchema), ...read },
      },
    },
    async (request) => market.rollup(requestCaller(request), request.query.month, request.query.divisionCode),
  );
  app.get(
    '/market-reports/export',
    {
      schema: {
        operationId: 'exportMarketRollup',
        tags,
        summary: '导出辖区爱心超市月度汇总为 Excel',
        querystring: RollupQuery,
        response: { 200: XLSX_RESPONSE, ...read },
      },
    },
    async (request, reply) => {
      const rollup = await market.rollup(
        requestCaller(request),
        request.query.month,
        request.query.divisionCode,
      );
      return sendXlsx(reply, await rollupWorkbook(rollup), datedFilename(`爱心超市月度汇总-${rollup.month}`));
    },
  );

  // ------------------------------------------------------------ the resident
  app.get(
    '/market/mine',
    {
      schema: {
        operationId: 'getMyMarket',
        tags,
        summary: '我的社区爱心超市：目录与我的积分余额',
        response: { 200: ref(MyMarketSchema), ...read },
      },
    },
    async (request) => market.mine(requestCaller(request)),
  );
  app.get(
    '/market/mine/code',
    {
      schema: {
        operationId: 'getMyMarketCode',
        tags,
        summary: '我的居民码（柜台扫码兑换，短时有效）',
        response: { 200: ref(MyCodeSchema), ...read },
      },
    },
    async (request) => market.myCode(requestCaller(request)),
  );
  app.get(
    '/market/reservations',
    {
      schema: {
        operationId: 'listMyMarketRedemptions',
        tags,
        summary: '我的兑换与预约',
        querystring: RedemptionQuery,
        response: { 200: RedemptionPage, ...read },
      },
    },
    async (request) => market.redemptions(requestCaller(request), null, request.query),
  );
  app.post(
    '/market/reservations',
    {
      schema: {
        operationId: 'reserveMarketItems',
        tags,
        summary: '线上预约兑换（即时扣积分、锁定库存，凭取货码到店领取）',
        body: ReservationBody,
        response: { 200: ref(RedemptionSchema), ...write },
      },
    },
    async (request) => market.reserve(requestCaller(request), request.body),
  );
  app.post(
    '/market/reservations/:id/cancel',
    {
      schema: {
        operationId: 'cancelMyMarketReservation',
        tags,
        summary: '取消我的预约（积分退回）',
        params: IdParams,
        body: CancelBody,
        response: { 200: ref(RedemptionSchema), ...write },
      },
    },
    async (request) => market.cancel(requestCaller(request), request.params.id, request.body),
  );
};
