import { SafetyOutlined } from '@ant-design/icons';
import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

interface TotpFormProps {
  pending: boolean;
  onSubmit: (code: string) => void;
  onCancel: () => void;
}

/** Step two for accounts with a second factor: the authenticator's 6-digit code, or a recovery code. */
export function TotpForm({ pending, onSubmit, onCancel }: TotpFormProps) {
  const { t } = useTranslation();
  return (
    <Form<{ code: string }>
      layout="vertical"
      requiredMark={false}
      disabled={pending}
      onFinish={(values) => onSubmit(values.code.replace(/\s/g, ''))}
    >
      <Typography.Paragraph>{t('auth.totp.prompt')}</Typography.Paragraph>
      <Form.Item
        name="code"
        label={t('auth.totp.code')}
        extra={t('auth.totp.recoveryHint')}
        rules={[
          { required: true, whitespace: true, message: t('auth.totp.codeRequired') },
          {
            // Digits only means a TOTP code, which has exactly 6; anything else is a recovery code.
            validator: (_rule, value: string | undefined) => {
              const cleaned = (value ?? '').replace(/\s/g, '');
              return /^\d+$/.test(cleaned) && cleaned.length !== 6
                ? Promise.reject(new Error(t('auth.totp.codeSixDigits')))
                : Promise.resolve();
            },
          },
        ]}
      >
        <Input
          data-testid="totp-code"
          prefix={<SafetyOutlined aria-hidden />}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus
          maxLength={24}
          size="large"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block size="large" loading={pending} data-testid="totp-submit">
        {t('auth.totp.submit')}
      </Button>
      <Button type="link" block onClick={onCancel} disabled={pending} style={{ marginTop: 8 }}>
        {t('auth.signIn.otherAccount')}
      </Button>
    </Form>
  );
}
