import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import { datedFilename, sendXlsx, XLSX_RESPONSE } from '../../platform/spreadsheet.ts';
import {
  AnswerObjectionBody,
  AssignResultSchema,
  AssignReviewersBody,
  CallRankingSchema,
  FileObjectionBody,
  MyReviewQuery,
  NoticeDetailSchema,
  NoticeListQuery,
  NoticePage,
  PublishNoticeBody,
  RankingQuery,
  REVIEW_SCHEMAS,
  ReturnReviewBody,
  ReviewDetailSchema,
  ReviewerList,
  ReviewPage,
  ReviewResultSchema,
  ReviewSummarySchema,
  ReviewTransitionBody,
  SaveSheetBody,
} from './review.schemas.ts';
import type { ReviewService } from './review.service.ts';

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const read = problemResponses(400, 401, 403, 404);
const write = problemResponses(400, 401, 403, 404, 409);

/** Pre-assessment: score sheets, ranking, public notice and objections (issue #7 item 3). */
export const reviewRoutes: FastifyPluginAsyncTypebox<{ reviews: ReviewService }> = async (
  app,
  { reviews },
) => {
  for (const schema of REVIEW_SCHEMAS) app.addSchema(schema);
  const tags = ['reviews'];

  // ------------------------------------------------------------ reviewers' own sheets
  app.get(
    '/my-reviews',
    {
      schema: {
        operationId: 'listMyReviews',
        tags,
        summary: '我的评审：分配给我的评分表（待声明、评分中在前）',
        querystring: MyReviewQuery,
        response: { 200: ReviewPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => reviews.mine(requestCaller(request), request.query),
  );
  app.get(
    '/reviews/:id',
    {
      schema: {
        operationId: 'getReview',
        tags,
        summary: '评分表详情：申报书、评分模板、我的评分（只有被分配的专家和区民政局可见）',
        params: IdParams,
        response: { 200: ref(ReviewDetailSchema), ...read },
      },
    },
    async (request) => reviews.detail(requestCaller(request), request.params.id),
  );
  app.patch(
    '/reviews/:id',
    {
      schema: {
        operationId: 'saveReviewSheet',
        tags,
        summary: '保存评分（每项 0 至满分，最多一位小数）和评审意见',
        params: IdParams,
        body: SaveSheetBody,
        response: { 200: ref(ReviewDetailSchema), ...write },
      },
    },
    async (request) => reviews.saveSheet(requestCaller(request), request.params.id, request.body),
  );
  app.post(
    '/reviews/:id/transitions',
    {
      schema: {
        operationId: 'transitionReview',
        tags,
        summary: '声明无利益冲突、申请回避（须说明理由）或提交评分表（提交后锁定）',
        params: IdParams,
        body: ReviewTransitionBody,
        response: { 200: ref(ReviewDetailSchema), ...write },
      },
    },
    async (request) => reviews.transition(requestCaller(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------ the district
  app.post(
    '/reviews/:id/return',
    {
      schema: {
        operationId: 'returnReview',
        tags,
        summary: '退回评分表修改（须说明理由；公示发布后不能退回）',
        params: IdParams,
        body: ReturnReviewBody,
        response: { 200: ref(ReviewDetailSchema), ...write },
      },
    },
    async (request) => reviews.returnSheet(requestCaller(request), request.params.id, request.body),
  );
  app.get(
    '/reviewers',
    {
      schema: {
        operationId: 'listReviewers',
        tags,
        summary: '可分配的评审专家（第三方评估机构和专家账号）',
        response: { 200: ReviewerList, ...problemResponses(401, 403) },
      },
    },
    async (request) => reviews.reviewers(requestCaller(request)),
  );
  app.post(
    '/calls/:id/reviewers',
    {
      schema: {
        operationId: 'assignReviewers',
        tags,
        summary: '分配评审专家：同一专家组评审本征集全部已提交的申报，或只评审指定申报',
        params: IdParams,
        body: AssignReviewersBody,
        response: { 200: ref(AssignResultSchema), ...write },
      },
    },
    async (request) => reviews.assign(requestCaller(request), request.params.id, request.body),
  );
  app.get(
    '/applications/:id/reviews',
    {
      schema: {
        operationId: 'listApplicationReviews',
        tags,
        summary: '一份申报的全部评分表（含专家姓名、回避理由）',
        params: IdParams,
        response: { 200: Type.Array(ref(ReviewSummarySchema)), ...read },
      },
    },
    async (request) => reviews.forApplication(requestCaller(request), request.params.id),
  );
  app.get(
    '/calls/:id/ranking',
    {
      schema: {
        operationId: 'callRanking',
        tags,
        summary: '评审排名（分页）：评审得分（5 份及以上去掉最高最低分）加等级优先加分',
        params: IdParams,
        querystring: RankingQuery,
        response: { 200: ref(CallRankingSchema), ...read },
      },
    },
    async (request) => reviews.ranking(requestCaller(request), request.params.id, request.query),
  );
  app.get(
    '/calls/:id/ranking/export',
    {
      schema: {
        operationId: 'exportCallRanking',
        tags,
        summary: '导出评审得分与排名、全部评分表为 Excel',
        params: IdParams,
        response: { 200: XLSX_RESPONSE, ...read },
      },
    },
    async (request, reply) =>
      sendXlsx(
        reply,
        await reviews.rankingWorkbook(requestCaller(request), request.params.id),
        datedFilename('评审排名'),
      ),
  );
  app.post(
    '/calls/:id/notice',
    {
      schema: {
        operationId: 'publishNotice',
        tags,
        summary: '发布拟立项项目公示（公示期按工作日计算，默认 5 个工作日）',
        params: IdParams,
        body: PublishNoticeBody,
        response: { 201: ref(NoticeDetailSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reviews.publish(requestCaller(request), request.params.id, request.body)),
  );
  app.post(
    '/objections/:id/answer',
    {
      schema: {
        operationId: 'answerObjection',
        tags,
        summary: '答复异议：成立（取消该项目的立项资格）或不成立',
        params: IdParams,
        body: AnswerObjectionBody,
        response: { 200: ref(NoticeDetailSchema), ...write },
      },
    },
    async (request) => reviews.answer(requestCaller(request), request.params.id, request.body),
  );

  // ------------------------------------------------------------ applicants and everyone signed in
  app.get(
    '/applications/:id/review-result',
    {
      schema: {
        operationId: 'getApplicationReviewResult',
        tags,
        summary: '申报的评审结果：得分和排名（公示发布后可见，不含评审专家姓名）',
        params: IdParams,
        response: { 200: ref(ReviewResultSchema), ...read },
      },
    },
    async (request) => reviews.result(requestCaller(request), request.params.id),
  );
  app.get(
    '/notices',
    {
      schema: {
        operationId: 'listNotices',
        tags,
        summary: '公示（新的在前）',
        querystring: NoticeListQuery,
        response: { 200: NoticePage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => reviews.notices(requestCaller(request), request.query),
  );
  app.get(
    '/notices/:id',
    {
      schema: {
        operationId: 'getNotice',
        tags,
        summary: '公示详情：拟立项名单；区民政局看到全部异议，其他人看到自己提出的',
        params: IdParams,
        response: { 200: ref(NoticeDetailSchema), ...read },
      },
    },
    async (request) => reviews.notice(requestCaller(request), request.params.id),
  );
  app.post(
    '/notices/:id/objections',
    {
      schema: {
        operationId: 'fileObjection',
        tags,
        summary: '对公示名单中的项目提出异议（公示期内）',
        params: IdParams,
        body: FileObjectionBody,
        response: { 201: ref(NoticeDetailSchema), ...write },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reviews.object(requestCaller(request), request.params.id, request.body)),
  );
};
