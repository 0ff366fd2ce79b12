import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Nullable, problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import type { Open311ClientService } from './open311-clients.service.ts';

export const Open311ClientSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: '客户端名称（如“12345 热线平台”）' }),
    contact: Nullable(Type.String()),
    keyPrefix: Type.String({ description: '密钥前几位，用于辨认；完整密钥只在签发时显示一次' }),
    divisionCode: Type.String({ description: '默认区划：请求未带坐标或坐标不在任何网格内时归入' }),
    divisionName: Type.String(),
    createdBy: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    revokedAt: Nullable(Type.String({ format: 'date-time' })),
    lastUsedAt: Nullable(Type.String({ format: 'date-time' })),
    version: Type.Integer(),
  },
  { $id: 'Open311Client' },
);

const IssueBody = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 60 }),
    contact: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    divisionCode: Type.String({ pattern: '^[0-9]{6,15}$' }),
  },
  { additionalProperties: false },
);

const Issued = Type.Object({
  client: ref(Open311ClientSchema),
  key: Type.String({ description: 'api_key：只显示这一次，请立即交给对方保存' }),
});

/** The district's page of outside Open311 clients: issue a key (shown once), list, revoke. */
export const open311ClientRoutes: FastifyPluginAsyncTypebox<{ clients: Open311ClientService }> = async (
  app,
  { clients },
) => {
  app.addSchema(Open311ClientSchema);
  const tags = ['open311'];

  app.get(
    '/open311-clients',
    {
      schema: {
        operationId: 'listOpen311Clients',
        tags,
        summary: 'Open311 接口客户端及其密钥',
        response: { 200: Type.Array(ref(Open311ClientSchema)), ...problemResponses(401, 403) },
      },
    },
    async (request) => clients.list(requestCaller(request)),
  );

  app.post(
    '/open311-clients',
    {
      schema: {
        operationId: 'issueOpen311Client',
        tags,
        summary: '为外部客户端签发 api_key',
        body: IssueBody,
        response: { 201: Issued, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await clients.issue(requestCaller(request), request.body)),
  );

  app.post(
    '/open311-clients/:id/revoke',
    {
      schema: {
        operationId: 'revokeOpen311Client',
        tags,
        summary: '吊销密钥（此后该客户端不能再提交）',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }),
        body: Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
        response: { 200: ref(Open311ClientSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => clients.revoke(requestCaller(request), request.params.id, request.body.version),
  );
};
