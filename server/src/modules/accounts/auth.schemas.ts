import { PERMISSIONS, ROLES } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion, ref } from '../../platform/http-schemas.ts';

export const AuthStateSchema = Type.Object(
  {
    stage: literalUnion(['totp', 'totpEnroll', 'changePassword', 'active'] as const),
    account: Type.Object({ id: Type.String(), username: Type.String(), displayName: Type.String() }),
    roles: Type.Array(
      Type.Object({
        role: literalUnion(ROLES),
        scopeCode: Type.Union([Type.String(), Type.Null()]),
        scopeName: Type.Union([Type.String(), Type.Null()]),
        department: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    permissions: Type.Array(literalUnion(PERMISSIONS)),
    csrfToken: Type.String({ description: '不安全请求（POST/PUT/PATCH/DELETE）须在 x-csrf-token 头中带上' }),
    idleTimeoutSeconds: Type.Integer(),
    expiresAt: Type.String({ format: 'date-time' }),
    totpEnabled: Type.Boolean(),
    actingFor: Type.Union([
      Type.Object({
        residentId: Type.String(),
        residentName: Type.String(),
        reason: Type.String(),
        since: Type.String({ format: 'date-time' }),
      }),
      Type.Null(),
    ]),
  },
  { $id: 'AuthState' },
);

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export const TotpBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 20, description: '6 位动态码或恢复码' }) },
  { additionalProperties: false },
);

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export type AuthStateBody = Static<typeof AuthStateSchema>;

const Phone = Type.String({ minLength: 1, maxLength: 20, description: '11 位中国大陆手机号' });

export const SmsCodeBody = Type.Object({ phone: Phone }, { additionalProperties: false });

export const SmsCodeSentSchema = Type.Object({
  sentTo: Type.String({ description: '脱敏后的手机号' }),
  expiresInSeconds: Type.Integer(),
  resendAfterSeconds: Type.Integer(),
});

export const SmsLoginBody = Type.Object(
  { phone: Phone, code: Type.String({ minLength: 4, maxLength: 8 }) },
  { additionalProperties: false },
);

export const ActingBody = Type.Object(
  {
    residentId: Type.String({ minLength: 1, maxLength: 64 }),
    reason: Type.String({ minLength: 1, maxLength: 200, description: '代办原因，如：老人不会使用手机' }),
  },
  { additionalProperties: false },
);

export const SessionInfoSchema = Type.Object(
  {
    id: Type.String(),
    current: Type.Boolean(),
    createdAt: Type.String({ format: 'date-time' }),
    lastSeenAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    actingForName: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'SessionInfo' },
);

export const SessionIdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const TotpSetupSchema = Type.Object({
  secret: Type.String({ description: '手动输入用的密钥（Base32）' }),
  otpauthUri: Type.String({ description: '二维码内容' }),
});

export const TotpCodeBody = Type.Object(
  { code: Type.String({ minLength: 6, maxLength: 10 }) },
  { additionalProperties: false },
);

export const TotpConfirmSchema = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: '恢复码，只显示这一次' }),
  state: ref(AuthStateSchema),
});

export const RecoveryCodesSchema = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const PasswordConfirmBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
