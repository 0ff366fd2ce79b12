import { Button, Flex, Form, QRCode, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import type { AuthState, TotpConfirmed } from '../auth.types.ts';
import { useConfirmTotp, useTotpSetup } from '../hooks/use-totp-enrolment.ts';
import { RecoveryCodes } from './recovery-codes.tsx';
import { TotpCodeField } from './totp-code-field.tsx';

interface TotpEnrolmentProps {
  username: string;
  /** Shown first (why the factor is being bound). */
  intro?: ReactNode;
  /** The server has turned the factor on (the recovery codes are being shown). */
  onConfirmed?: (state: AuthState) => void;
  /** The user has saved the recovery codes. */
  onFinished: (state: AuthState) => void;
  /** Large, full-width controls (the sign-in card). */
  large?: boolean;
  /** Further actions under the confirm button (使用其他账号登录, 取消). */
  children?: ReactNode;
}

/** JBSWY3DPEHPK3PXP → JBSW Y3DP EHPK 3PXP, easier to type into an app by hand. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

/**
 * Binding an authenticator app: the QR code (and the secret for typing in), then the app's first
 * 6-digit code, then the recovery codes shown once. Used at sign-in (stage `totpEnroll`) and on
 * the profile page.
 */
export function TotpEnrolment({
  username,
  intro,
  onConfirmed,
  onFinished,
  large = false,
  children,
}: TotpEnrolmentProps) {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const confirm = useConfirmTotp();
  const [confirmed, setConfirmed] = useState<TotpConfirmed | null>(null);
  const size = large ? 'large' : 'middle';

  if (confirmed) {
    return (
      <RecoveryCodes
        codes={confirmed.recoveryCodes}
        username={username}
        onDone={() => onFinished(confirmed.state)}
      />
    );
  }

  return (
    <Flex vertical gap={12}>
      {intro}
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        <li>{t('auth.totpEnroll.stepInstall')}</li>
        <li>{t('auth.totpEnroll.stepScan')}</li>
        <li>{t('auth.totpEnroll.stepCode')}</li>
      </ol>
      {setup.isPending ? <PageLoading /> : null}
      {setup.error ? <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} /> : null}
      {setup.data ? (
        <Flex vertical align="center" gap={8}>
          <QRCode
            value={setup.data.otpauthUri}
            size={180}
            bordered={false}
            aria-label={t('auth.totpEnroll.qrLabel')}
            data-testid="totp-qr"
          />
          <Typography.Text type="secondary">{t('auth.totpEnroll.secret')}</Typography.Text>
          <Typography.Text
            code
            copyable={{ text: setup.data.secret }}
            data-testid="totp-secret"
            style={{ fontSize: 15, wordBreak: 'break-all', textAlign: 'center' }}
          >
            {grouped(setup.data.secret)}
          </Typography.Text>
        </Flex>
      ) : null}
      {confirm.error ? <ErrorAlert error={confirm.error} /> : null}
      <Form<{ code: string }>
        layout="vertical"
        requiredMark={false}
        disabled={!setup.data || confirm.isPending}
        onFinish={(values) =>
          confirm.mutate(values.code.replace(/\s/g, ''), {
            onSuccess: (answer) => {
              setConfirmed(answer);
              onConfirmed?.(answer.state);
            },
          })
        }
      >
        <TotpCodeField label={t('auth.totpEnroll.code')} testId="totp-enrol-code" size={size} />
        <Button
          type="primary"
          htmlType="submit"
          block={large}
          size={size}
          loading={confirm.isPending}
          data-testid="totp-enrol-submit"
        >
          {t('auth.totpEnroll.submit')}
        </Button>
        {children}
      </Form>
    </Flex>
  );
}
