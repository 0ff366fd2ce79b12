import {
  checkUsername,
  DISPLAY_NAME_MAX,
  fieldProblemMessage,
  normalizeMobile,
  type Role,
} from '@linli/common';
import { Alert, Button, Checkbox, Drawer, Flex, Form, Grid, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import type { Account } from '../accounts.types.ts';
import { useCreateAccount, useUpdateAccount } from '../hooks/use-accounts.ts';
import { GrantsEditor, type GrantValues, grantsBody } from './grants-editor.tsx';
import type { IssuedPassword } from './temporary-password-modal.tsx';

interface FormValues {
  username?: string;
  displayName: string;
  phone?: string;
  clearPhone?: boolean;
  grants: GrantValues[];
}

export type AccountFormMode = { kind: 'create' } | { kind: 'edit'; account: Account };

interface AccountFormDrawerProps {
  mode: AccountFormMode | null;
  onClose: () => void;
  /** A new account's temporary password, to be shown once. */
  onIssued: (issued: IssuedPassword) => void;
}

function valuesOf(account: Account): FormValues {
  return {
    displayName: account.displayName,
    grants: account.roles.map((g) => ({
      role: g.role,
      scopeCode: g.scopeCode,
      scopeName: g.scopeName,
      department: g.department,
      organizationId: g.organizationId,
    })),
  };
}

/** "body.grants.1.scopeCode" → ['grants', 1, 'scopeCode'], for errors the server found in a field. */
function fieldPath(pointer: string): (string | number)[] | undefined {
  const parts = pointer
    .replace(/^body\.?/, '')
    .split('.')
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  return parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** 新建账号 / 编辑账号 in a drawer; the rules are the server's (from @linli/common), checked before sending. */
export function AccountFormDrawer({ mode, onClose, onIssued }: AccountFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const messageOf = useErrorMessage();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<FormValues>();
  const [conflict, setConflict] = useState(false);
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const editing = mode?.kind === 'edit' ? mode.account : undefined;
  const mutation = editing ? update : create;

  useEffect(() => {
    if (!mode) return;
    setConflict(false);
    form.resetFields();
    form.setFieldsValue(editing ? valuesOf(editing) : { displayName: '', grants: [{}] });
  }, [mode, editing, form]);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const submit = async (values: FormValues) => {
    setConflict(false);
    const grants = grantsBody(values.grants);
    const phone = values.phone?.trim() ? (normalizeMobile(values.phone) ?? values.phone) : undefined;
    try {
      if (editing) {
        await update.mutateAsync({
          id: editing.id,
          body: {
            version: editing.version,
            displayName: values.displayName.trim(),
            ...(values.clearPhone ? { phone: null } : phone ? { phone } : {}),
            grants,
          },
        });
        close();
      } else {
        const created = await create.mutateAsync({
          username: (values.username ?? '').trim().toLowerCase(),
          displayName: values.displayName.trim(),
          ...(phone ? { phone } : {}),
          grants,
        });
        close();
        onIssued({
          username: created.account.username,
          displayName: created.account.displayName,
          password: created.temporaryPassword,
          kind: 'created',
        });
      }
    } catch (error) {
      if (!(error instanceof ApiError)) return;
      if (error.is('conflict.version')) setConflict(true);
      if (error.is('account.usernameTaken'))
        form.setFields([{ name: 'username', errors: [messageOf(error)] }]);
      if (error.is('account.phoneTaken')) form.setFields([{ name: 'phone', errors: [messageOf(error)] }]);
      const fieldErrors = error.errors.flatMap((fe) => {
        const name = fieldPath(fe.field);
        return name ? [{ name, errors: [fe.message] }] : [];
      });
      if (fieldErrors.length > 0) form.setFields(fieldErrors as Parameters<typeof form.setFields>[0]);
    }
  };

  const extraRoles: Role[] = editing ? editing.roles.map((g) => g.role) : [];

  return (
    <Drawer
      open={mode !== null}
      title={
        editing ? t('accounts.form.editTitle', { name: editing.displayName }) : t('accounts.form.createTitle')
      }
      onClose={close}
      // Full width on a phone: the grant rows need the room.
      size={screens.md === false ? '100%' : 640}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            data-testid="account-form-submit"
            loading={mutation.isPending}
            onClick={() => form.submit()}
          >
            {editing ? t('common.save') : t('accounts.form.create')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={(values) => void submit(values)}
        requiredMark
        data-testid="account-form"
      >
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('accounts.form.conflict')}
            style={{ marginBottom: 16 }}
          />
        ) : mutation.error ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        {editing ? null : (
          <Form.Item
            name="username"
            label={t('accounts.form.username')}
            extra={t('accounts.form.usernameHelp')}
            rules={[
              { required: true, whitespace: true, message: t('accounts.form.usernameRequired') },
              {
                validator: async (_rule, value: unknown) => {
                  if (typeof value !== 'string' || !value.trim()) return;
                  const checked = checkUsername(value);
                  if (!checked.ok) throw new Error(fieldProblemMessage(locale, checked.problem));
                },
              },
            ]}
          >
            <Input data-testid="account-username" autoComplete="off" maxLength={32} />
          </Form.Item>
        )}
        <Form.Item
          name="displayName"
          label={t('accounts.form.displayName')}
          rules={[
            { required: true, whitespace: true, message: t('accounts.form.displayNameRequired') },
            {
              max: DISPLAY_NAME_MAX,
              message: t('accounts.form.displayNameTooLong', { max: DISPLAY_NAME_MAX }),
            },
          ]}
        >
          <Input data-testid="account-display-name" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('accounts.form.phone')}
          extra={
            editing?.phone
              ? t('accounts.form.phoneKeep', { phone: editing.phone })
              : t('accounts.form.phoneHelp')
          }
          rules={[
            {
              validator: async (_rule, value: unknown) => {
                if (typeof value !== 'string' || !value.trim()) return;
                if (!normalizeMobile(value)) throw new Error(fieldProblemMessage(locale, 'phone.format'));
              },
            },
          ]}
        >
          <Input
            data-testid="account-phone"
            inputMode="tel"
            autoComplete="off"
            maxLength={20}
            placeholder={editing?.phone ?? undefined}
          />
        </Form.Item>
        {editing?.phone ? (
          <Form.Item name="clearPhone" valuePropName="checked" style={{ marginTop: -8 }}>
            <Checkbox>{t('accounts.form.clearPhone')}</Checkbox>
          </Form.Item>
        ) : null}
        {editing ? (
          <Alert type="info" showIcon title={t('accounts.form.grantsNote')} style={{ marginBottom: 12 }} />
        ) : null}
        <GrantsEditor form={form} extraRoles={extraRoles} />
      </Form>
    </Drawer>
  );
}
