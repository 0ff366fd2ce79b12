import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import {
  AnswerFeedbackBody,
  ContractFeedbackSchema,
  type ContractFeedbackService,
  FeedbackProjectSchema,
} from './contracts.feedback.ts';
import { ContractIdParams } from './contracts.schemas.ts';

/** Residents' satisfaction sample of projects under evaluation (issue #7 item 8). */
export const contractFeedbackRoutes: FastifyPluginAsyncTypebox<{
  feedback: ContractFeedbackService;
}> = async (app, { feedback }) => {
  app.addSchema(FeedbackProjectSchema);
  app.addSchema(ContractFeedbackSchema);
  const tags = ['contracts'];

  app.get(
    '/feedback-projects',
    {
      schema: {
        operationId: 'listFeedbackProjects',
        tags,
        summary: '居民：本社区正在评估、可以评价满意度的项目（含我的评价）',
        response: { 200: Type.Array(ref(FeedbackProjectSchema)), ...problemResponses(401, 403) },
      },
    },
    async (request) => feedback.projects(requestCaller(request)),
  );
  app.post(
    '/contracts/:id/feedback',
    {
      schema: {
        operationId: 'answerContractFeedback',
        tags,
        summary: '居民评价项目满意度（满意、基本满意、不满意，每次评估每人一次）',
        params: ContractIdParams,
        body: AnswerFeedbackBody,
        response: { 201: ref(FeedbackProjectSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await feedback.answer(requestCaller(request), request.params.id, request.body)),
  );
  app.get(
    '/contracts/:id/feedback',
    {
      schema: {
        operationId: 'getContractFeedback',
        tags,
        summary: '居民满意度汇总：各次评估的满意、基本满意、不满意人数和意见',
        params: ContractIdParams,
        response: { 200: ref(ContractFeedbackSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => feedback.tally(requestCaller(request), request.params.id),
  );
};
