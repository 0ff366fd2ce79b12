import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import {
  CatalogEntries,
  CatalogEntrySchema,
  CatalogListSchema,
  CatalogParams,
  CatalogQuery,
  CreateCatalogBody,
  type OrganizationCatalogService,
  UpdateCatalogBody,
} from './organizations.catalog.ts';

const tags = ['organizations'];

/** The district's editable lists of organization fields and categories. */
export const organizationCatalogRoutes: FastifyPluginAsyncTypebox<{
  catalog: OrganizationCatalogService;
}> = async (app, { catalog }) => {
  app.addSchema(CatalogListSchema);
  app.addSchema(CatalogEntrySchema);

  app.get(
    '/organization-catalog',
    {
      schema: {
        operationId: 'listOrganizationCatalog',
        tags,
        summary: '社会组织服务领域和类别列表（含已停用的，供显示旧记录的名称）',
        querystring: CatalogQuery,
        response: { 200: CatalogEntries, ...problemResponses(400, 401) },
      },
    },
    async (request) => catalog.list(request.query.list),
  );

  app.post(
    '/organization-catalog',
    {
      schema: {
        operationId: 'createOrganizationCatalogEntry',
        tags,
        summary: '区民政局新增服务领域或类别',
        body: CreateCatalogBody,
        response: { 201: ref(CatalogEntrySchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await catalog.create(requestCaller(request), request.body)),
  );

  app.patch(
    '/organization-catalog/:list/:code',
    {
      schema: {
        operationId: 'updateOrganizationCatalogEntry',
        tags,
        summary: '区民政局修改服务领域或类别的名称、排序，或停用/启用',
        params: CatalogParams,
        body: UpdateCatalogBody,
        response: { 200: ref(CatalogEntrySchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      catalog.update(requestCaller(request), request.params.list, request.params.code, request.body),
  );
};
