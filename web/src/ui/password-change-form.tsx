import { LockOutlined } from '@ant-design/icons';
import { checkPassword, FIELD_PROBLEMS, type FieldProblemCode, fieldProblemMessage } from '@linli/common';
import { Button, Form, Input, Typography } from 'antd';
import { type ReactNode, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api/api-error.ts';
import { useLocale } from '../i18n/index.ts';

export interface PasswordChangeValues {
  currentPassword: string;
  newPassword: string;
}

interface FormValues {
  currentPassword?: string;
  newPassword: string;
  confirm: string;
}

interface PasswordChangeFormProps {
  username: string;
  /**
   * The current password when the caller already knows it (the sign-in step, right after it was
   * typed); null asks for it in a field.
   */
  knownCurrentPassword: string | null;
  pending: boolean;
  submitLabel: string;
  onSubmit: (values: PasswordChangeValues) => void;
  /** The server's answer to the last submission; a wrong current password or a policy problem shows at its field. */
  error?: unknown;
  /** Shown above the fields. */
  intro?: ReactNode;
  /** Large, full-width controls (the sign-in card) or the default size (a settings card). */
  large?: boolean;
  autoFocus?: boolean;
  /** Cleared after a successful change when this number changes. */
  resetKey?: number;
  /** Further actions under the submit button. */
  children?: ReactNode;
}

const isFieldProblemCode = (code: string): code is FieldProblemCode =>
  (FIELD_PROBLEMS as readonly string[]).includes(code);

const POLICY: readonly FieldProblemCode[] = [
  'password.tooShort',
  'password.tooFewClasses',
  'password.containsUsername',
];

/** The field a server problem belongs to, with its message; null when it is not about one field. */
export function passwordFieldProblem(
  error: unknown,
  knownCurrentPassword: string | null,
): 'currentPassword' | 'newPassword' | null {
  if (!(error instanceof ApiError)) return null;
  if (error.is('auth.invalidCredentials') && knownCurrentPassword === null) return 'currentPassword';
  if (error.is('auth.weakPassword') && typeof error.params.reason === 'string') return 'newPassword';
  return null;
}

/**
 * 当前密码 / 新密码 / 确认新密码 with the password policy shown and checked as the server checks it
 * (`checkPassword` from common). Used by the first-sign-in step and by the profile page.
 */
export function PasswordChangeForm({
  username,
  knownCurrentPassword,
  pending,
  submitLabel,
  onSubmit,
  error,
  intro,
  large = false,
  autoFocus = false,
  resetKey,
  children,
}: PasswordChangeFormProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<FormValues>();
  const policyId = useId();
  const size = large ? 'large' : 'middle';

  useEffect(() => {
    const field = passwordFieldProblem(error, knownCurrentPassword);
    if (!field || !(error instanceof ApiError)) return;
    const reason = error.params.reason;
    const message =
      field === 'currentPassword'
        ? t('passwordForm.currentWrong')
        : typeof reason === 'string' && isFieldProblemCode(reason)
          ? fieldProblemMessage(locale, reason)
          : t('passwordForm.newInvalid');
    form.setFields([{ name: field, errors: [message] }]);
  }, [error, knownCurrentPassword, form, locale, t]);

  useEffect(() => {
    if (resetKey) form.resetFields();
  }, [resetKey, form]);

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      disabled={pending}
      onFinish={(values) =>
        onSubmit({
          currentPassword: knownCurrentPassword ?? values.currentPassword ?? '',
          newPassword: values.newPassword,
        })
      }
    >
      {intro}
      <div id={policyId}>
        <Typography.Text type="secondary">{t('passwordForm.policy')}</Typography.Text>
        <ul style={{ marginTop: 4, paddingInlineStart: 20 }} data-testid="password-policy">
          {POLICY.map((code) => (
            <li key={code}>
              <Typography.Text type="secondary">{fieldProblemMessage(locale, code)}</Typography.Text>
            </li>
          ))}
        </ul>
      </div>
      {knownCurrentPassword === null ? (
        <Form.Item
          name="currentPassword"
          label={t('passwordForm.current')}
          rules={[{ required: true, message: t('passwordForm.currentRequired') }]}
        >
          <Input.Password
            data-testid="current-password"
            prefix={<LockOutlined aria-hidden />}
            autoComplete="current-password"
            autoFocus={autoFocus}
            maxLength={200}
            size={size}
          />
        </Form.Item>
      ) : null}
      <Form.Item
        name="newPassword"
        label={t('passwordForm.new')}
        dependencies={['currentPassword']}
        rules={[
          { required: true, message: t('passwordForm.newRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) => {
              if (!value) return Promise.resolve();
              const problem = checkPassword(value, username);
              if (problem) {
                return Promise.reject(new Error(fieldProblemMessage(locale, `password.${problem}`)));
              }
              const current = knownCurrentPassword ?? getFieldValue('currentPassword');
              return value === current
                ? Promise.reject(new Error(fieldProblemMessage(locale, 'password.sameAsCurrent')))
                : Promise.resolve();
            },
          }),
        ]}
      >
        <Input.Password
          data-testid="new-password"
          prefix={<LockOutlined aria-hidden />}
          autoComplete="new-password"
          aria-describedby={policyId}
          autoFocus={autoFocus && knownCurrentPassword !== null}
          maxLength={200}
          size={size}
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('passwordForm.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('passwordForm.confirmRequired') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('passwordForm.mismatch'))),
          }),
        ]}
      >
        <Input.Password
          data-testid="new-password-confirm"
          prefix={<LockOutlined aria-hidden />}
          autoComplete="new-password"
          maxLength={200}
          size={size}
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        block={large}
        size={size}
        loading={pending}
        data-testid="password-submit"
      >
        {submitLabel}
      </Button>
      {children}
    </Form>
  );
}
