import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LoginBody } from '../auth.types.ts';

interface CredentialsFormProps {
  pending: boolean;
  onSubmit: (body: LoginBody) => void;
}

/** Step one: 用户名 and 密码. */
export function CredentialsForm({ pending, onSubmit }: CredentialsFormProps) {
  const { t } = useTranslation();
  return (
    <Form<LoginBody>
      layout="vertical"
      requiredMark={false}
      disabled={pending}
      onFinish={(values) => onSubmit({ username: values.username.trim(), password: values.password })}
    >
      <Form.Item
        name="username"
        label={t('auth.signIn.username')}
        rules={[{ required: true, whitespace: true, message: t('auth.signIn.usernameRequired') }]}
      >
        <Input
          data-testid="login-username"
          prefix={<UserOutlined aria-hidden />}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          maxLength={64}
          size="large"
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t('auth.signIn.password')}
        rules={[{ required: true, message: t('auth.signIn.passwordRequired') }]}
      >
        <Input.Password
          data-testid="login-password"
          prefix={<LockOutlined aria-hidden />}
          autoComplete="current-password"
          maxLength={200}
          size="large"
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        loading={pending}
        data-testid="login-submit"
      >
        {t('auth.signIn.submit')}
      </Button>
    </Form>
  );
}
