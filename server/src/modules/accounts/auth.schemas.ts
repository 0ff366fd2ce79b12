import { PERMISSIONS, ROLES } from '@linli/common';
import { type Static, Type } from '@sinclair/typebox';
import { literalUnion } from '../../platform/http-schemas.ts';

export const AuthStateSchema = Type.Object(
  {
    stage: literalUnion(['totp', 'changePassword', 'active'] as const),
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
