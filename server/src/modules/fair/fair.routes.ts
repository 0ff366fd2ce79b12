import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.gen.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import { ContractService } from '../funding/contracts.service.ts';
import { FundService } from '../funding/funds.service.ts';
import { figuresWorkbook } from './fair.excel.ts';
import {
  CategoryListQuery,
  CodeParams,
  CreateCategoryBody,
  CreateExhibitBody,
  CreateFairBody,
  CreateOfferBody,
  ExhibitListQuery,
  ExhibitPage,
  FAIR_SCHEMAS,
  FairCategorySchema,
  FairExhibitSchema,
  FairListQuery,
  FairMatchSchema,
  FairOfferSchema,
  FairPage,
  FairSchema,
  FairTransitionBody,
  FiguresSchema,
  IdParams,
  MatchListQuery,
  MatchPage,
  MatchTransitionBody,
  OfferListQuery,
  OfferPage,
  RequestMatchBody,
  SignMatchBody,
  SuggestionSchema,
  UpdateCategoryBody,
} from './fair.schemas.ts';
import { FairService } from './fair.service.ts';

/** The fair service with the contracts service it drafts contracts through. */
export function fairService(db: Kysely<DB>): FairService {
  return new FairService(db, new ContractService(db, new FundService(db)));
}

const read = problemResponses(400, 401, 403, 404);
const write = problemResponses(400, 401, 403, 404, 409);

/** The matchmaking fair (社洽会, issue #7 item 7). */
export const fairRoutes: FastifyPluginAsyncTypebox<{ fair: FairService }> = async (app, { fair }) => {
  for (const schema of FAIR_SCHEMAS) app.addSchema(schema);
  const tags = ['fair'];

  app.get(
    '/fair-categories',
    {
      schema: {
        operationId: 'listFairCategories',
        tags,
        summary: '服务门类（各属慈善、公益、民生、经济之一）',
        querystring: CategoryListQuery,
        response: { 200: Type.Array(ref(FairCategorySchema)), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => fair.categories(request.query.all ?? false),
  );
  app.post(
    '/fair-categories',
    {
      schema: {
        operationId: 'createFairCategory',
        tags,
        summary: '新增服务门类',
        body: CreateCategoryBody,
        response: { 201: ref(FairCategorySchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fair.createCategory(requestCaller(request), request.body)),
  );
  app.patch(
    '/fair-categories/:code',
    {
      schema: {
        operationId: 'updateFairCategory',
        tags,
        summary: '修改或停用服务门类',
        params: CodeParams,
        body: UpdateCategoryBody,
        response: { 200: ref(FairCategorySchema), ...write },
      },
    },
    async (request) => fair.updateCategory(requestCaller(request), request.params.code, request.body),
  );

  app.get(
    '/fairs',
    {
      schema: {
        operationId: 'listFairs',
        tags,
        summary: '历届社洽会',
        querystring: FairListQuery,
        response: { 200: FairPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => fair.listFairs(requestCaller(request), request.query),
  );
  app.post(
    '/fairs',
    {
      schema: {
        operationId: 'createFair',
        tags,
        summary: '新建一届社洽会',
        body: CreateFairBody,
        response: { 201: ref(FairSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fair.createFair(requestCaller(request), request.body)),
  );
  app.get(
    '/fairs/:id',
    {
      schema: {
        operationId: 'getFair',
        tags,
        summary: '一届社洽会',
        params: IdParams,
        response: { 200: ref(FairSchema), ...read },
      },
    },
    async (request) => fair.fair(requestCaller(request), request.params.id),
  );
  app.post(
    '/fairs/:id/transitions',
    {
      schema: {
        operationId: 'transitionFair',
        tags,
        summary: '开幕或闭幕',
        params: IdParams,
        body: FairTransitionBody,
        response: { 200: ref(FairSchema), ...write },
      },
    },
    async (request) => fair.transitionFair(requestCaller(request), request.params.id, request.body),
  );
  app.get(
    '/fairs/:id/offers',
    {
      schema: {
        operationId: 'listFairOffers',
        tags,
        summary: '本届发布的政府购买服务需求',
        params: IdParams,
        querystring: OfferListQuery,
        response: { 200: OfferPage, ...read },
      },
    },
    async (request) => fair.listOffers(requestCaller(request), request.params.id, request.query),
  );
  app.post(
    '/fairs/:id/offers',
    {
      schema: {
        operationId: 'createFairOffer',
        tags,
        summary: '发布购买服务需求（本辖区）',
        params: IdParams,
        body: CreateOfferBody,
        response: { 201: ref(FairOfferSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fair.createOffer(requestCaller(request), request.params.id, request.body)),
  );
  app.get(
    '/fairs/:id/exhibits',
    {
      schema: {
        operationId: 'listFairExhibits',
        tags,
        summary: '本届展示的公益服务项目',
        params: IdParams,
        querystring: ExhibitListQuery,
        response: { 200: ExhibitPage, ...read },
      },
    },
    async (request) => fair.listExhibits(requestCaller(request), request.params.id, request.query),
  );
  app.post(
    '/fairs/:id/exhibits',
    {
      schema: {
        operationId: 'createFairExhibit',
        tags,
        summary: '登记展示项目（社会组织本组织，区民政局可代登记）',
        params: IdParams,
        body: CreateExhibitBody,
        response: { 201: ref(FairExhibitSchema), ...write },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await fair.createExhibit(requestCaller(request), request.params.id, request.body)),
  );
  app.get(
    '/fair-offers/:id/suggestions',
    {
      schema: {
        operationId: 'suggestForFairOffer',
        tags,
        summary: '为需求推荐展示项目（同门类、服务区域重叠）',
        params: IdParams,
        response: { 200: Type.Array(ref(SuggestionSchema)), ...read },
      },
    },
    async (request) => fair.suggestForOffer(requestCaller(request), request.params.id),
  );
  app.get(
    '/fair-exhibits/:id/suggestions',
    {
      schema: {
        operationId: 'suggestForFairExhibit',
        tags,
        summary: '为展示项目推荐需求（同门类、服务区域重叠）',
        params: IdParams,
        response: { 200: Type.Array(ref(SuggestionSchema)), ...read },
      },
    },
    async (request) => fair.suggestForExhibit(requestCaller(request), request.params.id),
  );
  app.get(
    '/fair-matches',
    {
      schema: {
        operationId: 'listFairMatches',
        tags,
        summary: '对接记录（社会组织只见本组织的，街道社区见本辖区需求的）',
        querystring: MatchListQuery,
        response: { 200: MatchPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => fair.listMatches(requestCaller(request), request.query),
  );
  app.post(
    '/fair-matches',
    {
      schema: {
        operationId: 'requestFairMatch',
        tags,
        summary: '发起对接（需求方、展示方或区民政局撮合）',
        body: RequestMatchBody,
        response: { 201: ref(FairMatchSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fair.requestMatch(requestCaller(request), request.body)),
  );
  app.get(
    '/fair-matches/:id',
    {
      schema: {
        operationId: 'getFairMatch',
        tags,
        summary: '一条对接记录',
        params: IdParams,
        response: { 200: ref(FairMatchSchema), ...read },
      },
    },
    async (request) => fair.match(requestCaller(request), request.params.id),
  );
  app.post(
    '/fair-matches/:id/transitions',
    {
      schema: {
        operationId: 'transitionFairMatch',
        tags,
        summary: '接受洽谈或不予对接',
        params: IdParams,
        body: MatchTransitionBody,
        response: { 200: ref(FairMatchSchema), ...write },
      },
    },
    async (request) => fair.transitionMatch(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/fair-matches/:id/sign',
    {
      schema: {
        operationId: 'signFairMatch',
        tags,
        summary: '签约：拟定合同并在资金上占用签约金额（资金不足则拒绝）',
        params: IdParams,
        body: SignMatchBody,
        response: { 200: ref(FairMatchSchema), ...write },
      },
    },
    async (request) => fair.signMatch(requestCaller(request), request.params.id, request.body),
  );
  app.get(
    '/fair-figures',
    {
      schema: {
        operationId: 'getFairFigures',
        tags,
        summary: '成果统计：对接组织、覆盖门类、签约项目（分届、累计、按类别和门类）',
        response: { 200: ref(FiguresSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => fair.figures(requestCaller(request)),
  );
  app.get(
    '/fair-figures/export',
    {
      schema: {
        operationId: 'exportFairFigures',
        tags,
        summary: '导出成果统计为 Excel',
        response: { 200: XLSX_RESPONSE, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) =>
      sendXlsx(
        reply,
        await figuresWorkbook(await fair.figures(requestCaller(request))),
        datedFilename('社洽会成果统计'),
      ),
  );
};
