import { LockOutlined, SafetyOutlined } from '@ant-design/icons';
import { TOTP_REQUIRED_ROLES } from '@linli/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import type { AuthState } from '../../auth/auth.types.ts';
import { storeSession } from '../../auth/auth-session.ts';
import { RecoveryCodes } from '../../auth/components/recovery-codes.tsx';
import { TotpCodeField } from '../../auth/components/totp-code-field.tsx';
import { TotpEnrolment } from '../../auth/components/totp-enrolment.tsx';
import { useDisableTotp, useRenewRecoveryCodes } from '../hooks/use-second-factor.ts';
import { CardTitle } from './card-title.tsx';

type Dialog = 'enrol' | 'renew' | 'disable' | null;

/**
 * 动态验证码: whether a second factor is bound; 绑定 (QR code → first code → recovery codes),
 * 重新生成恢复码 (needs a current code) and 解除绑定 (needs the password) — the last not offered to
 * roles that must keep one (the server refuses it too).
 */
export function TotpCard({ session }: { session: AuthState }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const mustKeep = session.roles.some((grant) => TOTP_REQUIRED_ROLES.includes(grant.role));
  const enabled = session.totpEnabled;
  const close = () => setDialog(null);

  return (
    <Card title={<CardTitle>{t('profile.totp.title')}</CardTitle>} data-testid="profile-totp">
      <Flex vertical gap={12}>
        <Typography.Paragraph style={{ margin: 0 }}>{t('profile.totp.intro')}</Typography.Paragraph>
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('profile.totp.status')}</Typography.Text>
          <Tag color={enabled ? 'success' : 'default'} data-testid="totp-status">
            {enabled ? t('profile.totp.enabled') : t('profile.totp.disabled')}
          </Tag>
        </Flex>
        {enabled && mustKeep ? (
          <Alert type="info" showIcon title={t('profile.totp.required')} data-testid="totp-required" />
        ) : null}
        <Flex wrap gap={8}>
          {enabled ? (
            <>
              <Button onClick={() => setDialog('renew')} data-testid="totp-renew">
                {t('profile.totp.renew')}
              </Button>
              {mustKeep ? null : (
                <Button danger onClick={() => setDialog('disable')} data-testid="totp-disable">
                  {t('profile.totp.disable')}
                </Button>
              )}
            </>
          ) : (
            <Button
              type="primary"
              icon={<SafetyOutlined aria-hidden />}
              onClick={() => setDialog('enrol')}
              data-testid="totp-enable"
            >
              {t('profile.totp.enable')}
            </Button>
          )}
        </Flex>
      </Flex>

      <Modal
        open={dialog === 'enrol'}
        title={t('profile.totp.enableTitle')}
        onCancel={close}
        footer={null}
        maskClosable={false}
        destroyOnHidden
      >
        <TotpEnrolment
          username={session.account.username}
          onConfirmed={(state) => storeSession(client, state)}
          onFinished={() => {
            close();
            void message.success(t('profile.totp.enrolled'));
          }}
        />
      </Modal>
      <Modal
        open={dialog === 'renew'}
        title={t('profile.totp.renewTitle')}
        onCancel={close}
        footer={null}
        maskClosable={false}
        destroyOnHidden
      >
        <RenewRecoveryCodes username={session.account.username} onDone={close} />
      </Modal>
      <Modal
        open={dialog === 'disable'}
        title={t('profile.totp.disableTitle')}
        onCancel={close}
        footer={null}
        destroyOnHidden
      >
        <DisableTotp
          onDone={() => {
            close();
            void message.success(t('profile.totp.disabledMessage'));
          }}
        />
      </Modal>
    </Card>
  );
}

function RenewRecoveryCodes({ username, onDone }: { username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const renew = useRenewRecoveryCodes();
  if (renew.data) return <RecoveryCodes codes={renew.data} username={username} onDone={onDone} />;
  return (
    <Form<{ code: string }>
      layout="vertical"
      requiredMark={false}
      disabled={renew.isPending}
      onFinish={(values) => renew.mutate(values.code.replace(/\s/g, ''))}
    >
      <Typography.Paragraph>{t('profile.totp.renewIntro')}</Typography.Paragraph>
      {renew.error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={renew.error} />
        </div>
      ) : null}
      <TotpCodeField label={t('profile.totp.code')} testId="totp-renew-code" autoFocus />
      <Button type="primary" htmlType="submit" loading={renew.isPending} data-testid="totp-renew-submit">
        {t('profile.totp.renewSubmit')}
      </Button>
    </Form>
  );
}

function DisableTotp({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const [form] = Form.useForm<{ password: string }>();
  // A wrong password belongs next to its field; anything else above the form.
  const wrongPassword = disable.error instanceof ApiError && disable.error.is('auth.invalidCredentials');
  return (
    <Form<{ password: string }>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={disable.isPending}
      onFinish={(values) =>
        disable.mutate(values.password, {
          onSuccess: onDone,
          onError: (error) => {
            if (error instanceof ApiError && error.is('auth.invalidCredentials')) {
              form.setFields([{ name: 'password', errors: [t('passwordForm.currentWrong')] }]);
            }
          },
        })
      }
    >
      <Typography.Paragraph>{t('profile.totp.disableIntro')}</Typography.Paragraph>
      {disable.error && !wrongPassword ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={disable.error} />
        </div>
      ) : null}
      <Form.Item
        name="password"
        label={t('profile.totp.password')}
        rules={[{ required: true, message: t('passwordForm.currentRequired') }]}
      >
        <Input.Password
          data-testid="totp-disable-password"
          prefix={<LockOutlined aria-hidden />}
          autoComplete="current-password"
          maxLength={200}
          autoFocus
        />
      </Form.Item>
      <Button
        danger
        type="primary"
        htmlType="submit"
        loading={disable.isPending}
        data-testid="totp-disable-submit"
      >
        {t('profile.totp.disable')}
      </Button>
    </Form>
  );
}
