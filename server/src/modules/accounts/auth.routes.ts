import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { clientOf, requireSession, SESSION_COOKIE } from '../../platform/auth-guard.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { AuthStateSchema, LoginBody, PasswordBody, TotpBody } from './auth.schemas.ts';
import { AUTH_POLICY, type AuthService } from './auth.service.ts';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService; secureCookies: boolean }> = async (
  app,
  { auth, secureCookies },
) => {
  app.addSchema(AuthStateSchema);

  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secureCookies,
      path: '/',
      maxAge: AUTH_POLICY.absoluteHours * 3600,
    });

  app.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags,
        summary: '用户名密码登录（第一步）',
        body: LoginBody,
        response: { 200: ref(AuthStateSchema), ...problemResponses(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => {
      const { token, state } = await auth.login(
        request.body.username,
        request.body.password,
        clientOf(request),
      );
      setCookie(reply, token);
      return state;
    },
  );

  app.post(
    '/auth/totp',
    {
      schema: {
        operationId: 'verifyTotp',
        tags,
        summary: '动态验证码（第二步）',
        body: TotpBody,
        response: { 200: ref(AuthStateSchema), ...problemResponses(400, 401, 403, 423) },
      },
    },
    async (request) => auth.verifyTotp(requireSession(request), request.body.code, clientOf(request)),
  );

  app.post(
    '/auth/password',
    {
      schema: {
        operationId: 'changePassword',
        tags,
        summary: '修改密码（首次登录时必须）',
        body: PasswordBody,
        response: { 200: ref(AuthStateSchema), ...problemResponses(400, 401, 403) },
      },
    },
    async (request) =>
      auth.changePassword(
        requireSession(request),
        request.body.currentPassword,
        request.body.newPassword,
        clientOf(request),
      ),
  );

  app.get(
    '/auth/me',
    {
      schema: {
        operationId: 'getMe',
        tags,
        summary: '当前登录状态',
        response: { 200: ref(AuthStateSchema), ...problemResponses(401) },
      },
    },
    async (request) => auth.stateOf(requireSession(request)),
  );

  for (const [url, everywhere, operationId, summary] of [
    ['/auth/logout', false, 'logout', '退出登录'],
    ['/auth/logout-all', true, 'logoutEverywhere', '在所有设备上退出登录'],
  ] as const) {
    app.post(
      url,
      {
        schema: { operationId, tags, summary, response: { 204: Type.Null(), ...problemResponses(401, 403) } },
      },
      async (request, reply) => {
        await auth.logout(requireSession(request), clientOf(request), everywhere);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );
  }
};
