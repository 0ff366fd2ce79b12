import { useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Flex, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api/api-error.ts';
import { LanguageSwitch } from '../../../app/layout/language-switch.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { safeNext } from '../auth.paths.ts';
import { endSession, isActive } from '../auth-session.ts';
import { CredentialsForm } from '../components/credentials-form.tsx';
import { NewPasswordForm } from '../components/new-password-form.tsx';
import { TotpForm } from '../components/totp-form.tsx';
import { useChangePassword, useLogin, useLogout, useSession, useVerifyTotp } from '../hooks/use-auth.ts';

/** Problems after which the half-open session is gone and sign-in starts over (the lockout revokes it). */
const RESTART_CODES = new Set(['auth.locked', 'auth.disabled']);

/**
 * `/login`: 用户名 + 密码, then — as the server's answer says — the authenticator code, then a new
 * password on an account's first sign-in; an `active` session goes on to `next` (default `/`).
 * `reason=idle` explains why the user is here again.
 */
export function SignInPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const idle = params.get('reason') === 'idle';
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

  let step: ReactNode;
  let heading: string;
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
  } else if (session.data?.stage === 'changePassword') {
    heading = t('auth.newPassword.heading');
    step = (
      <NewPasswordForm
        username={session.data.account.username}
        currentPassword={password}
        pending={changePassword.isPending}
        onCancel={startOver}
        onSubmit={(body) => {
          setError(null);
          changePassword.mutate(body, { onError });
        }}
      />
    );
  } else {
    heading = t('auth.signIn.heading');
    step = (
      <Flex vertical gap={16}>
        {idle && !error ? (
          <Alert type="info" showIcon data-testid="login-idle-notice" title={t('auth.signIn.idleNotice')} />
        ) : null}
        {session.error ? <ErrorAlert error={session.error} onRetry={() => void session.refetch()} /> : null}
        <CredentialsForm
          pending={login.isPending}
          onSubmit={(body) => {
            setError(null);
            setPassword(body.password);
            login.mutate(body, { onError });
          }}
        />
      </Flex>
    );
  }

  return (
    <SignInShell heading={heading}>
      <Flex vertical gap={16}>
        {error ? <SignInError error={error} /> : null}
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
