import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import {
  CalendarQuery,
  CodeParams,
  CreateCategoryBody,
  DeadlineQuery,
  DeadlineSchema,
  EVENT_CATEGORY_SCHEMAS,
  EventCategorySchema,
  EventCategoryTree,
  SaveCalendarBody,
  TreeQuery,
  UpdateCategoryBody,
  WorkCalendarSchema,
  YearParams,
} from './event-categories.schemas.ts';
import type { EventCategoryService } from './event-categories.service.ts';
import type { WorkCalendarService } from './work-calendar.service.ts';

const tags = ['event-categories'];

export const eventCategoryRoutes: FastifyPluginAsyncTypebox<{
  categories: EventCategoryService;
  calendar: WorkCalendarService;
}> = async (app, { categories, calendar }) => {
  for (const schema of EVENT_CATEGORY_SCHEMAS) app.addSchema(schema);

  app.get(
    '/event-categories',
    {
      schema: {
        operationId: 'getEventCategoryTree',
        tags,
        summary: '事件类别树：大类、小类，小类的责任部门和各环节时限',
        querystring: TreeQuery,
        response: { 200: EventCategoryTree, ...problemResponses(400, 401) },
      },
    },
    async (request) => categories.tree(request.query.includeInactive ?? false),
  );

  app.post(
    '/event-categories',
    {
      schema: {
        operationId: 'createEventCategory',
        tags,
        summary: '新增事件大类或小类（区民政局）',
        body: CreateCategoryBody,
        response: { 201: ref(EventCategorySchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await categories.create(requestCaller(request), request.body)),
  );

  app.patch(
    '/event-categories/:code',
    {
      schema: {
        operationId: 'updateEventCategory',
        tags,
        summary: '修改事件类别的名称、责任部门、时限，或停用/启用（区民政局）',
        params: CodeParams,
        body: UpdateCategoryBody,
        response: { 200: ref(EventCategorySchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => categories.update(requestCaller(request), request.params.code, request.body),
  );

  app.get(
    '/work-calendar',
    {
      schema: {
        operationId: 'getWorkCalendar',
        tags,
        summary: '工作日历：已录入的年份，以及某年的放假和调休上班日期',
        querystring: CalendarQuery,
        response: { 200: ref(WorkCalendarSchema), ...problemResponses(400, 401) },
      },
    },
    async (request) => calendar.view(request.query.year ?? calendar.currentYear()),
  );

  app.put(
    '/work-calendar/:year',
    {
      schema: {
        operationId: 'saveWorkCalendarYear',
        tags,
        summary: '录入或修改某年的放假和调休上班日期（区民政局，整年保存）',
        params: YearParams,
        body: SaveCalendarBody,
        response: { 200: ref(WorkCalendarSchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => calendar.save(requestCaller(request), request.params.year, request.body),
  );

  app.get(
    '/work-calendar/deadline',
    {
      schema: {
        operationId: 'computeWorkDeadline',
        tags,
        summary: '按工作日历计算期限（所跨年份未录入时返回 409）',
        querystring: DeadlineQuery,
        response: { 200: ref(DeadlineSchema), ...problemResponses(400, 401, 409) },
      },
    },
    async (request) =>
      calendar.deadline(new Date(request.query.start), {
        amount: request.query.amount,
        unit: request.query.unit,
      }),
  );
};
