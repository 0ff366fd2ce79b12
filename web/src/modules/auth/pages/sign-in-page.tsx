import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Tabs, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api/api-error.ts';
import { LanguageSwitch } from '../../../app/layout/language-switch.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { PasswordChangeForm, passwordFieldProblem } from '../../../ui/password-change-form.tsx';
import { safeNext } from '../auth.paths.ts';
import { endSession, isActive, storeSession } from '../auth-session.ts';
import { CredentialsForm } from '../components/credentials-form.tsx';
import { PhoneSignInForm } from '../components/phone-sign-in-form.tsx';
import { TotpEnrolment } from '../components/totp-enrolment.tsx';
import { TotpForm } from '../components/totp-form.tsx';
import { useChangePassword, useLogin, useLogout, useSession, useVerifyTotp } from '../hooks/use-auth.ts';

/** Problems after which the half-open session is gone and sign-in starts over (the lockout revokes it). */
const RESTART_CODES = new Set(['auth.locked', 'auth.disabled']);

type Method = 'password' | 'phone';
/** `/login?method=phone` opens the residents' tab (a link a community can hand out). */
const METHOD_PARAM = 'method';

/**
 * `/login`: 账号登录 (用户名 + 密码) or, for residents, 手机号登录 (mobile + SMS code); then — as the
 * server's answer says — the authenticator code, binding an authenticator (a district admin
 * without one), and a new password on an account's first sign-in. An `active` session goes on to
 * `next` (default `/`). `reason=idle` explains why the user is here again.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const next = safeNext(params.get('next'));
  const idle = params.get('reason') === 'idle';
  const method: Method = params.get(METHOD_PARAM) === 'phone' ? 'phone' : 'password';
  const session = useSession();
  const login = useLogin();
  const totp = useVerifyTotp();
  const changePassword = useChangePassword();
  const logout = useLogout();
  // The password of step one, kept in memory so the first-sign-in step need not ask for it again.
  const [password, setPassword] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  if (isActive(session.data)) return <Navigate to={next} replace />;

  const onError = (cause: unknown) => {
    setError(cause);
    if (cause instanceof ApiError && RESTART_CODES.has(cause.problemCode)) {
      endSession(client, { reason: 'signedOut', announce: false });
    }
  };
  const startOver = () => {
    setError(null);
    setPassword(null);
    logout.mutate('signedOut');
  };
  const otherAccount = (
    <Button type="link" block onClick={startOver} disabled={logout.isPending} style={{ marginTop: 8 }}>
      {t('auth.signIn.otherAccount')}
    </Button>
  );
  const chooseMethod = (value: string) => {
    setError(null);
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        if (value === 'phone') updated.set(METHOD_PARAM, 'phone');
        else updated.delete(METHOD_PARAM);
        return updated;
      },
      { replace: true },
    );
  };

  let step: ReactNode;
  let heading: string;
  // A problem the password form shows at its field is not repeated above the form.
  let shownError = error;
  if (session.isPending) {
    heading = t('auth.signIn.heading');
    step = <PageLoading />;
  } else if (session.data?.stage === 'totp') {
    heading = t('auth.totp.heading');
    step = (
      <TotpForm
        pending={totp.isPending}
        onCancel={startOver}
        onSubmit={(code) => {
          setError(null);
          totp.mutate(code, { onError });
        }}
      />
    );
  } else if (session.data?.stage === 'totpEnroll') {
    heading = t('auth.totpEnroll.heading');
    step = (
      <TotpEnrolment
        large
        username={session.data.account.username}
        intro={<Alert type="info" showIcon title={t('auth.totpEnroll.required')} />}
        onFinished={(state) => storeSession(client, state)}
      >
        {otherAccount}
      </TotpEnrolment>
    );
  } else if (session.data?.stage === 'changePassword') {
    heading = t('auth.newPassword.heading');
    if (passwordFieldProblem(error, password)) shownError = null;
    step = (
      <PasswordChangeForm
        large
        autoFocus
        username={session.data.account.username}
        knownCurrentPassword={password}
        pending={changePassword.isPending}
        submitLabel={t('auth.newPassword.submit')}
        intro={<Typography.Paragraph>{t('auth.newPassword.prompt')}</Typography.Paragraph>}
        error={error}
        onSubmit={(body) => {
          setError(null);
          changePassword.mutate(body, { onError });
        }}
      >
        {otherAccount}
      </PasswordChangeForm>
    );
  } else {
    heading = t('auth.signIn.heading');
    step = (
      <Flex vertical gap={16}>
        {idle && !error ? (
          <Alert type="info" showIcon data-testid="login-idle-notice" title={t('auth.signIn.idleNotice')} />
        ) : null}
        {session.error ? <ErrorAlert error={session.error} onRetry={() => void session.refetch()} /> : null}
        <Tabs
          activeKey={method}
          onChange={chooseMethod}
          destroyOnHidden
          centered
          items={[
            {
              key: 'password',
              label: <span data-testid="login-tab-password">{t('auth.signIn.passwordTab')}</span>,
              children: (
                <CredentialsForm
                  pending={login.isPending}
                  onSubmit={(body) => {
                    setError(null);
                    setPassword(body.password);
                    login.mutate(body, { onError });
                  }}
                />
              ),
            },
            {
              key: 'phone',
              label: <span data-testid="login-tab-phone">{t('auth.signIn.phoneTab')}</span>,
              children: <PhoneSignInForm onAttempt={() => setError(null)} onError={onError} />,
            },
          ]}
        />
      </Flex>
    );
  }

  return (
    <SignInShell heading={heading}>
      <Flex vertical gap={16}>
        {shownError ? <SignInError error={shownError} /> : null}
        {step}
      </Flex>
    </SignInShell>
  );
}

function SignInError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const messageOf = useErrorMessage();
  // A request id helps support only when the server failed; a wrong password needs none.
  const requestId = error instanceof ApiError && error.status >= 500 ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="login-error"
      title={messageOf(error)}
      description={requestId ? t('common.requestId', { id: requestId }) : undefined}
    />
  );
}

function SignInShell({ heading, children }: { heading: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex vertical style={{ minHeight: '100vh', background: '#f5f6f8' }}>
      <Flex justify="flex-end" style={{ padding: '12px 16px' }}>
        <LanguageSwitch />
      </Flex>
      <main style={{ flex: 1, display: 'flex', justifyContent: 'center', padding: '24px 16px 48px' }}>
        <Flex vertical gap={24} style={{ width: '100%', maxWidth: 400 }}>
          <Flex vertical align="center" gap={4}>
            <Typography.Title level={1} style={{ margin: 0, color: '#0b57d0', fontSize: 32 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('auth.signIn.tagline')}</Typography.Text>
          </Flex>
          <Card>
            <Typography.Title level={2} style={{ fontSize: 18, marginTop: 0, marginBottom: 16 }}>
              {heading}
            </Typography.Title>
            {children}
          </Card>
        </Flex>
      </main>
    </Flex>
  );
}
