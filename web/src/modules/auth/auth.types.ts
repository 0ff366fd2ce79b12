import type { components, operations, paths } from '../../app/api/schema.gen.ts';

/** The signed-in session as `GET /auth/me` (and every sign-in step) answers it. */
export type AuthState = components['schemas']['AuthState'];
export type AuthStage = AuthState['stage'];
export type RoleGrant = AuthState['roles'][number];
/** The resident a staff session is acting for (代办), or null. */
export type ActingFor = AuthState['actingFor'];

export type LoginBody = NonNullable<
  paths['/api/v1/auth/login']['post']['requestBody']
>['content']['application/json'];
export type ChangePasswordBody = NonNullable<
  paths['/api/v1/auth/password']['post']['requestBody']
>['content']['application/json'];
export type SmsCodeSent = operations['requestSmsCode']['responses'][200]['content']['application/json'];
/** The recovery codes (shown once) and the session after a second factor is bound. */
export type TotpConfirmed = operations['confirmTotpSetup']['responses'][200]['content']['application/json'];

/** What the `auth/me` query holds: the session, or `null` when nobody is signed in. */
export type Session = AuthState | null;

/** Why the sign-in page was opened, shown as a notice above the form (`/login?reason=idle`). */
export type SignInReason = 'idle';

/**
 * Why a session ended on this page: `idle` (no activity for the idle timeout), `signedOut` (the
 * user chose 退出登录), or `lost` (a 401, a sign-out in another tab).
 */
export type SignOutReason = SignInReason | 'signedOut' | 'lost';
