import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { clientOf, requireSession, SESSION_COOKIE } from '../../platform/auth-guard.ts';
import { problemResponses, ref } from '../../platform/http-schemas.ts';
import { requestCaller } from '../../platform/scope.ts';
import type { ActingService } from './acting.service.ts';
import {
  ActingBody,
  AuthStateSchema,
  LoginBody,
  PasswordBody,
  SmsCodeBody,
  SmsCodeSentSchema,
  SmsLoginBody,
  TotpBody,
} from './auth.schemas.ts';
import { AUTH_POLICY, type AuthService } from './auth.service.ts';
import type { PhoneSignInService } from './phone-sign-in.service.ts';

const tags = ['auth'];

export const authRoutes: FastifyPluginAsyncTypebox<{
  auth: AuthService;
  phoneSignIn: PhoneSignInService;
  acting: ActingService;
  secureCookies: boolean;
}> = async (app, { auth, phoneSignIn, acting, secureCookies }) => {
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
    '/auth/sms/code',
    {
      schema: {
        operationId: 'requestSmsCode',
        tags,
        summary: '居民手机号登录：发送短信验证码',
        description: '无论该号码是否已注册，回答都相同；只有居民账号会收到短信。',
        body: SmsCodeBody,
        response: { 200: SmsCodeSentSchema, ...problemResponses(400, 429, 503) },
      },
    },
    async (request) => phoneSignIn.requestCode(request.body.phone, clientOf(request)),
  );

  app.post(
    '/auth/sms/login',
    {
      schema: {
        operationId: 'loginBySms',
        tags,
        summary: '居民手机号 + 短信验证码登录',
        body: SmsLoginBody,
        response: { 200: ref(AuthStateSchema), ...problemResponses(400, 401, 403, 423, 429) },
      },
    },
    async (request, reply) => {
      const { token, state } = await phoneSignIn.signIn(
        request.body.phone,
        request.body.code,
        clientOf(request),
      );
      setCookie(reply, token);
      return state;
    },
  );

  app.post(
    '/auth/acting',
    {
      schema: {
        operationId: 'startActing',
        tags,
        summary: '为居民代办：此后的操作都记为“工作人员 X 代居民 Y”',
        body: ActingBody,
        response: { 200: ref(AuthStateSchema), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      acting.start(
        requireSession(request),
        requestCaller(request),
        request.body.residentId,
        request.body.reason,
      ),
  );

  app.delete(
    '/auth/acting',
    {
      schema: {
        operationId: 'stopActing',
        tags,
        summary: '结束代办',
        response: { 200: ref(AuthStateSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => acting.stop(requireSession(request), requestCaller(request)),
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
