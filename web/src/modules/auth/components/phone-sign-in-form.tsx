import { MobileOutlined, SafetyOutlined } from '@ant-design/icons';
import { normalizeMobile } from '@linli/common';
import { Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import type { SmsCodeSent } from '../auth.types.ts';
import { useCountdown } from '../hooks/use-countdown.ts';
import { useRequestSmsCode, useSmsLogin } from '../hooks/use-phone-sign-in.ts';

interface PhoneSignInFormProps {
  /** A request starts: the page clears the last problem. */
  onAttempt: () => void;
  onError: (error: unknown) => void;
}

interface Values {
  phone: string;
  code: string;
}

const CODE = /^\d{6}$/;

/**
 * 手机号登录 for residents: the mobile number, 获取验证码 (then a countdown until another may be
 * sent), the code from the text message, 登录. Staff accounts get no message: the server answers
 * the same for any number, so the form never says whether one is registered.
 */
export function PhoneSignInForm({ onAttempt, onError }: PhoneSignInFormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const requestCode = useRequestSmsCode();
  const login = useSmsLogin();
  const [wait, startWait] = useCountdown();
  const [sent, setSent] = useState<SmsCodeSent | null>(null);

  const sendCode = async () => {
    let phone: string | null;
    try {
      const values = await form.validateFields(['phone']);
      phone = normalizeMobile(values.phone);
    } catch {
      return;
    }
    if (!phone) return;
    onAttempt();
    requestCode.mutate(phone, {
      onSuccess: (answer) => {
        setSent(answer);
        startWait(answer.resendAfterSeconds);
        form.getFieldInstance('code')?.focus?.();
      },
      onError: (error) => {
        // Asked again too soon: count down the wait the server names.
        if (error instanceof ApiError && error.is('auth.smsTooSoon')) {
          const seconds = Number(error.params.seconds);
          if (Number.isFinite(seconds)) startWait(seconds);
        }
        onError(error);
      },
    });
  };

  const pending = login.isPending;
  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={pending}
      onFinish={(values) => {
        onAttempt();
        login.mutate(
          { phone: normalizeMobile(values.phone) ?? values.phone, code: values.code.trim() },
          { onError },
        );
      }}
    >
      <Typography.Paragraph type="secondary">{t('auth.phone.residentsOnly')}</Typography.Paragraph>
      <Form.Item
        name="phone"
        label={t('auth.phone.phone')}
        validateTrigger="onBlur"
        rules={[
          { required: true, whitespace: true, message: t('auth.phone.phoneRequired') },
          {
            validator: (_rule, value: string | undefined) =>
              !value?.trim() || normalizeMobile(value)
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.phone.phoneInvalid'))),
          },
        ]}
      >
        <Input
          data-testid="login-phone"
          prefix={<MobileOutlined aria-hidden />}
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          autoFocus
          maxLength={20}
          size="large"
        />
      </Form.Item>
      <Form.Item
        label={t('auth.phone.code')}
        required
        extra={
          sent ? (
            <span role="status" data-testid="sms-sent">
              {t('auth.phone.sent', {
                phone: sent.sentTo,
                minutes: Math.round(sent.expiresInSeconds / 60),
              })}
            </span>
          ) : undefined
        }
      >
        <Space.Compact block>
          <Form.Item
            name="code"
            noStyle
            rules={[
              { required: true, whitespace: true, message: t('auth.phone.codeRequired') },
              {
                validator: (_rule, value: string | undefined) =>
                  !value?.trim() || CODE.test(value.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.phone.codeFormat'))),
              },
            ]}
          >
            <Input
              data-testid="sms-code"
              aria-label={t('auth.phone.code')}
              prefix={<SafetyOutlined aria-hidden />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              size="large"
            />
          </Form.Item>
          <Button
            size="large"
            data-testid="sms-send"
            onClick={() => void sendCode()}
            loading={requestCode.isPending}
            disabled={pending || wait > 0}
          >
            {wait > 0 ? t('auth.phone.resendIn', { seconds: wait }) : t('auth.phone.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={pending}
        data-testid="sms-login-submit"
      >
        {t('auth.phone.submit')}
      </Button>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
        {t('auth.phone.demoNote')}
      </Typography.Paragraph>
    </Form>
  );
}
