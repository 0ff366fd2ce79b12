import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { localeOf } from '../../platform/errors.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import {
  acceptSpreadsheets,
  datedFilename,
  sendXlsx,
  XLSX_MIME,
  XLSX_RESPONSE,
} from '../../platform/spreadsheet.ts';
import * as admin from './accounts.admin-repository.ts';
import { writeAccountExport, writeImportTemplate } from './accounts.excel.ts';
import { importAccounts } from './accounts.import.ts';
import {
  ACCOUNT_SCHEMAS,
  AccountActionBody,
  AccountExportQuery,
  AccountIdParams,
  AccountImportResultSchema,
  AccountListQuery,
  AccountPage,
  AccountSchema,
  AccountWithPasswordSchema,
  CreateAccountBody,
  ImportQuery,
  UpdateAccountBody,
} from './accounts.schemas.ts';
import type { AccountService } from './accounts.service.ts';

const tags = ['accounts'];

export const accountRoutes: FastifyPluginAsyncTypebox<{ accounts: AccountService }> = async (
  app,
  { accounts },
) => {
  for (const schema of ACCOUNT_SCHEMAS) app.addSchema(schema);

  acceptSpreadsheets(app);

  app.get(
    '/accounts',
    {
      schema: {
        operationId: 'listAccounts',
        tags,
        summary: '账号列表（管辖范围内，按用户名排序）',
        querystring: AccountListQuery,
        response: { 200: AccountPage, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => accounts.list(requestCaller(request), request.query),
  );

  app.get(
    '/accounts/export',
    {
      schema: {
        operationId: 'exportAccounts',
        tags,
        summary: '导出账号列表为 Excel（手机号脱敏）',
        querystring: AccountExportQuery,
        response: { 200: XLSX_RESPONSE, ...problemResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const buffer = await writeAccountExport(await accounts.all(requestCaller(request), request.query));
      return sendXlsx(reply, buffer, datedFilename('账号'));
    },
  );

  app.get(
    '/accounts/import-template',
    {
      schema: {
        operationId: 'getAccountImportTemplate',
        tags,
        summary: '账号导入模板（表头、示例行和填写说明）',
        response: { 200: XLSX_RESPONSE, ...problemResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const caller = requestCaller(request);
      const buffer = await writeImportTemplate(
        caller,
        await admin.firstCommunityIn(accounts.db, caller.scope),
      );
      return sendXlsx(reply, buffer, '账号导入模板.xlsx');
    },
  );

  app.post(
    '/accounts/import',
    {
      schema: {
        operationId: 'importAccounts',
        tags,
        summary: '从 Excel 批量新建账号（全部校验通过才写入；临时密码只返回一次）',
        querystring: ImportQuery,
        consumes: [XLSX_MIME],
        // No constraint: the parsed body is a Buffer of the file's bytes, checked by the importer.
        body: Type.Unsafe<Buffer>({ description: 'Excel (.xlsx) 文件内容（二进制）' }),
        response: { 200: ref(AccountImportResultSchema), ...problemResponses(400, 401, 403, 413, 422) },
      },
    },
    async (request) =>
      importAccounts(accounts, requestCaller(request), request.body as Buffer, {
        dryRun: request.query.dryRun ?? false,
        locale: localeOf(request),
      }),
  );

  app.get(
    '/accounts/:id',
    {
      schema: {
        operationId: 'getAccount',
        tags,
        summary: '账号详情',
        params: AccountIdParams,
        response: { 200: ref(AccountSchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => accounts.get(requestCaller(request), request.params.id),
  );

  app.post(
    '/accounts',
    {
      schema: {
        operationId: 'createAccount',
        tags,
        summary: '新建账号（返回一次性临时密码，首次登录须修改）',
        body: CreateAccountBody,
        response: { 201: ref(AccountWithPasswordSchema), ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await accounts.create(requestCaller(request), request.body, localeOf(request))),
  );

  app.patch(
    '/accounts/:id',
    {
      schema: {
        operationId: 'updateAccount',
        tags,
        summary: '修改账号（改授权会使其已登录会话失效）',
        params: AccountIdParams,
        body: UpdateAccountBody,
        response: { 200: ref(AccountSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      accounts.update(requestCaller(request), request.params.id, request.body, localeOf(request)),
  );

  const actionSchema = (operationId: string, summary: string) => ({
    operationId,
    tags,
    summary,
    params: AccountIdParams,
    body: AccountActionBody,
    response: { 200: ref(AccountSchema), ...problemResponses(400, 401, 403, 404, 409) },
  });

  app.post(
    '/accounts/:id/disable',
    { schema: actionSchema('disableAccount', '停用账号（其会话立即失效）') },
    async (request) => accounts.disable(requestCaller(request), request.params.id, request.body),
  );

  app.post('/accounts/:id/enable', { schema: actionSchema('enableAccount', '启用账号') }, async (request) =>
    accounts.enable(requestCaller(request), request.params.id, request.body),
  );

  app.post(
    '/accounts/:id/reset-password',
    {
      schema: {
        ...actionSchema('resetAccountPassword', '重置密码（返回一次性临时密码，解除锁定，会话失效）'),
        response: { 200: ref(AccountWithPasswordSchema), ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => accounts.resetPassword(requestCaller(request), request.params.id, request.body),
  );

  app.post(
    '/accounts/:id/unlock',
    { schema: actionSchema('unlockAccount', '解除登录失败锁定') },
    async (request) => accounts.unlock(requestCaller(request), request.params.id, request.body),
  );

  app.post(
    '/accounts/:id/reset-totp',
    {
      schema: actionSchema(
        'resetAccountTotp',
        '重置两步验证（手机丢失时；必须启用的角色在下次登录时重新绑定）',
      ),
    },
    async (request) => accounts.resetTotp(requestCaller(request), request.params.id, request.body),
  );
};
