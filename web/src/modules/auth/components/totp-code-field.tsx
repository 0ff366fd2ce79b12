import { SafetyOutlined } from '@ant-design/icons';
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

interface TotpCodeFieldProps {
  label: string;
  testId: string;
  size?: 'middle' | 'large';
  autoFocus?: boolean;
}

/** The authenticator app's current 6-digit code (binding it, renewing recovery codes): spaces allowed. */
export function TotpCodeField({ label, testId, size, autoFocus }: TotpCodeFieldProps) {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="code"
      label={label}
      rules={[
        { required: true, whitespace: true, message: t('auth.totpEnroll.codeRequired') },
        {
          validator: (_rule, value: string | undefined) => {
            const cleaned = (value ?? '').replace(/\s/g, '');
            return !cleaned || /^\d{6}$/.test(cleaned)
              ? Promise.resolve()
              : Promise.reject(new Error(t('auth.totp.codeSixDigits')));
          },
        },
      ]}
    >
      <Input
        data-testid={testId}
        prefix={<SafetyOutlined aria-hidden />}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        size={size}
        autoFocus={autoFocus}
      />
    </Form.Item>
  );
}
