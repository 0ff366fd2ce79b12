import { LockOutlined } from '@ant-design/icons';
import { checkPassword, fieldProblemMessage } from '@linli/common';
import { Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import type { ChangePasswordBody } from '../auth.types.ts';

interface NewPasswordFormProps {
  username: string;
  /** The password typed at step one; asked for again only when it is not known (after a reload). */
  currentPassword: string | null;
  pending: boolean;
  onSubmit: (body: ChangePasswordBody) => void;
  onCancel: () => void;
}

interface Values {
  currentPassword?: string;
  newPassword: string;
  confirm: string;
}

const POLICY = ['password.tooShort', 'password.tooFewClasses', 'password.containsUsername'] as const;

/** The first sign-in of an account an admin created: a new password, checked by the server's policy. */
export function NewPasswordForm({
  username,
  currentPassword,
  pending,
  onSubmit,
  onCancel,
}: NewPasswordFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Form<Values>
      layout="vertical"
      requiredMark={false}
      disabled={pending}
      onFinish={(values) =>
        onSubmit({
          currentPassword: currentPassword ?? values.currentPassword ?? '',
          newPassword: values.newPassword,
        })
      }
    >
      <Typography.Paragraph>{t('auth.newPassword.prompt')}</Typography.Paragraph>
      <div id="password-policy">
        <Typography.Text type="secondary">{t('auth.newPassword.policy')}</Typography.Text>
        <ul style={{ marginTop: 4, paddingInlineStart: 20 }} data-testid="password-policy">
          {POLICY.map((code) => (
            <li key={code}>
              <Typography.Text type="secondary">{fieldProblemMessage(locale, code)}</Typography.Text>
            </li>
          ))}
        </ul>
      </div>
      {currentPassword === null ? (
        <Form.Item
          name="currentPassword"
          label={t('auth.newPassword.current')}
          rules={[{ required: true, message: t('auth.signIn.passwordRequired') }]}
        >
          <Input.Password
            data-testid="current-password"
            prefix={<LockOutlined aria-hidden />}
            autoComplete="current-password"
            maxLength={200}
            size="large"
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="newPassword"
        label={t('auth.newPassword.new')}
        rules={[
          { required: true, message: t('auth.newPassword.newRequired') },
          {
            validator: (_rule, value: string | undefined) => {
              if (!value) return Promise.resolve();
              const problem = checkPassword(value, username);
              return problem
                ? Promise.reject(new Error(fieldProblemMessage(locale, `password.${problem}`)))
                : Promise.resolve();
            },
          },
        ]}
      >
        <Input.Password
          data-testid="new-password"
          prefix={<LockOutlined aria-hidden />}
          autoComplete="new-password"
          aria-describedby="password-policy"
          autoFocus={currentPassword !== null}
          maxLength={200}
          size="large"
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.newPassword.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('auth.newPassword.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('auth.newPassword.mismatch'))),
          }),
        ]}
      >
        <Input.Password
          data-testid="new-password-confirm"
          prefix={<LockOutlined aria-hidden />}
          autoComplete="new-password"
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
        data-testid="password-submit"
      >
        {t('auth.newPassword.submit')}
      </Button>
      <Button type="link" block onClick={onCancel} disabled={pending} style={{ marginTop: 8 }}>
        {t('auth.signIn.otherAccount')}
      </Button>
    </Form>
  );
}
