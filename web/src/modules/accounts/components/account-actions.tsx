import { EditOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import type { Account, AccountAction } from '../accounts.types.ts';
import { useAccountAction } from '../hooks/use-accounts.ts';
import type { IssuedPassword } from './temporary-password-modal.tsx';

interface AccountActionsProps {
  account: Account;
  onEdit: (account: Account) => void;
  onIssued: (issued: IssuedPassword) => void;
}

const ACTIONS: readonly AccountAction[] = ['disable', 'enable', 'unlock', 'resetPassword', 'resetTotp'];

/** The row's buttons, exactly those its `abilities` allow; every state change asks first. */
export function AccountActions({ account, onEdit, onIssued }: AccountActionsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const run = useAccountAction();
  const { abilities } = account;

  const confirm = (action: AccountAction) =>
    run.mutate(
      { id: account.id, version: account.version, action },
      {
        onSuccess: (password) => {
          if (password) {
            onIssued({
              username: account.username,
              displayName: account.displayName,
              password,
              kind: 'reset',
            });
          } else void message.success(t(`accounts.actions.done.${action}`, { name: account.displayName }));
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );

  const available = ACTIONS.filter((action) => abilities[action]);
  if (!abilities.update && available.length === 0) return null;

  return (
    <Flex wrap gap={4}>
      {abilities.update ? (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined aria-hidden />}
          data-testid={`account-edit-${account.username}`}
          onClick={() => onEdit(account)}
        >
          {t('accounts.actions.edit')}
        </Button>
      ) : null}
      {available.map((action) => (
        <Popconfirm
          key={action}
          title={t(`accounts.actions.confirm.${action}`, { name: account.displayName })}
          okText={t('accounts.actions.ok')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: action === 'disable' }}
          onConfirm={() => confirm(action)}
        >
          <Button
            size="small"
            type="link"
            danger={action === 'disable'}
            loading={run.isPending && run.variables?.action === action}
            data-testid={`account-${action}-${account.username}`}
          >
            {t(`accounts.actions.${action}`)}
          </Button>
        </Popconfirm>
      ))}
    </Flex>
  );
}
