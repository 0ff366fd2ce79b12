import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { clientOf, requireSession } from '../../platform/auth-guard.ts';
import { AppError } from '../../platform/errors.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import {
  AuthStateSchema,
  PasswordConfirmBody,
  RecoveryCodesSchema,
  SessionIdParams,
  SessionInfoSchema,
  TotpCodeBody,
  TotpConfirmSchema,
  TotpSetupSchema,
} from './auth.schemas.ts';
import type { ProfileService } from './profile.service.ts';

const tags = ['profile'];

/** The signed-in user's own sessions and second factor (the profile page). */
export const profileRoutes: FastifyPluginAsyncTypebox<{ profile: ProfileService }> = async (
  app,
  { profile },
) => {
  app.addSchema(SessionInfoSchema);

  app.get(
    '/me/sessions',
    {
      schema: {
        operationId: 'listMySessions',
        tags,
        summary: '我的登录会话（各设备）',
        response: { 200: Type.Array(ref(SessionInfoSchema)), ...problemResponses(401) },
      },
    },
    async (request) => profile.sessions(requireActive(request)),
  );

  app.delete(
    '/me/sessions/:id',
    {
      schema: {
        operationId: 'revokeMySession',
        tags,
        summary: '让某台设备上的登录失效',
        params: SessionIdParams,
        response: { 204: Type.Null(), ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await profile.revokeSession(requireActive(request), request.params.id, clientOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/totp/setup',
    {
      schema: {
        operationId: 'startTotpSetup',
        tags,
        summary: '绑定动态验证码：生成密钥和二维码',
        response: { 200: TotpSetupSchema, ...problemResponses(401, 403, 409) },
      },
    },
    async (request) => profile.startTotp(requireSession(request)),
  );

  app.post(
    '/me/totp/confirm',
    {
      schema: {
        operationId: 'confirmTotpSetup',
        tags,
        summary: '绑定动态验证码：输入手机上的验证码完成绑定，返回恢复码',
        body: TotpCodeBody,
        response: { 200: TotpConfirmSchema, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request) => profile.confirmTotp(requireSession(request), request.body.code, clientOf(request)),
  );

  app.post(
    '/me/totp/recovery-codes',
    {
      schema: {
        operationId: 'renewRecoveryCodes',
        tags,
        summary: '重新生成恢复码（旧的作废）',
        body: TotpCodeBody,
        response: { 200: RecoveryCodesSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      recoveryCodes: await profile.regenerateRecoveryCodes(
        requireActive(request),
        request.body.code,
        clientOf(request),
      ),
    }),
  );

  app.post(
    '/me/totp/disable',
    {
      schema: {
        operationId: 'disableTotp',
        tags,
        summary: '解除动态验证码（区级管理员不可解除）',
        body: PasswordConfirmBody,
        response: { 200: ref(AuthStateSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => profile.disableTotp(requireActive(request), request.body.password, clientOf(request)),
  );
};

function requireActive(request: Parameters<typeof requireSession>[0]) {
  const session = requireSession(request);
  if (session.stage !== 'active') throw new AppError('auth.required');
  return session;
}
