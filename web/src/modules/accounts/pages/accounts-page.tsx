import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import type { Account } from '../accounts.types.ts';
import { AccountActions } from '../components/account-actions.tsx';
import { AccountFilterBar } from '../components/account-filter-bar.tsx';
import { AccountFormDrawer, type AccountFormMode } from '../components/account-form-drawer.tsx';
import { AccountImportModal } from '../components/account-import-modal.tsx';
import { AccountStatusTags } from '../components/account-status.tsx';
import { type IssuedPassword, TemporaryPasswordModal } from '../components/temporary-password-modal.tsx';
import { ACCOUNT_PAGE_SIZES, accountFilterQuery, useAccountFilters } from '../hooks/use-account-filters.ts';
import { useRoleName } from '../hooks/use-account-labels.ts';
import { useAccounts, useExportAccounts } from '../hooks/use-accounts.ts';

/** 账号管理: the accounts in the user's scope, filtered and paged on the server, filters in the URL. */
export function AccountsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const roleName = useRoleName();
  const canWrite = usePermissions().can('account:write');
  const { filters, update } = useAccountFilters();
  const filterQuery = accountFilterQuery(filters);
  const accounts = useAccounts({
    ...filterQuery,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  });
  const exporter = useExportAccounts();
  const [form, setForm] = useState<AccountFormMode | null>(null);
  const [importing, setImporting] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const none = t('common.none');

  const exportList = () =>
    exporter.mutate(filterQuery, {
      onSuccess: (file) => void message.success(t('accounts.exported', { file })),
      onError: (error) => void message.error(messageOf(error)),
    });

  const columns: TableColumnsType<Account> = [
    {
      key: 'account',
      title: t('accounts.columns.account'),
      render: (_, account) => (
        <Flex vertical>
          <Typography.Text strong>{account.displayName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {account.username}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'roles',
      title: t('accounts.columns.roles'),
      render: (_, account) => (
        <Flex wrap gap={4} style={{ maxWidth: 360 }}>
          {account.roles.map((grant) => (
            <Tag
              key={[grant.role, grant.scopeCode, grant.department, grant.organizationId].join('|')}
              style={{ marginInlineEnd: 0 }}
            >
              {roleName(grant.role)}
              {grant.department ? ` · ${grant.department}` : ''}
              {grant.scopeName ? ` · ${grant.scopeName}` : ''}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'phone',
      title: t('accounts.columns.phone'),
      dataIndex: 'phone',
      responsive: ['md'],
      render: (phone: string | null) => phone ?? none,
    },
    {
      key: 'status',
      title: t('accounts.columns.status'),
      render: (_, account) => <AccountStatusTags account={account} />,
    },
    {
      key: 'lastSignInAt',
      title: t('accounts.columns.lastSignIn'),
      dataIndex: 'lastSignInAt',
      responsive: ['lg'],
      render: (at: string | null) =>
        at ? (
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, locale)}</span>
        ) : (
          t('accounts.neverSignedIn')
        ),
    },
    {
      key: 'actions',
      title: t('accounts.columns.actions'),
      render: (_, account) => (
        <AccountActions
          account={account}
          onEdit={(a) => setForm({ kind: 'edit', account: a })}
          onIssued={setIssued}
        />
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        extra={
          <>
            {canWrite ? (
              <>
                <Button
                  type="primary"
                  icon={<PlusOutlined aria-hidden />}
                  data-testid="btn-account-create"
                  onClick={() => setForm({ kind: 'create' })}
                >
                  {t('accounts.create')}
                </Button>
                <Button
                  icon={<UploadOutlined aria-hidden />}
                  data-testid="btn-account-import"
                  onClick={() => setImporting(true)}
                >
                  {t('accounts.import.button')}
                </Button>
              </>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              data-testid="btn-account-export"
              loading={exporter.isPending}
              onClick={exportList}
            >
              {exporter.isPending ? t('accounts.exporting') : t('accounts.export')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <AccountFilterBar />
        {accounts.error ? (
          <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
        ) : (
          <Table<Account>
            data-testid="accounts-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={accounts.data?.items ?? []}
            loading={accounts.isFetching}
            locale={{
              emptyText: (
                <EmptyState description={canWrite ? t('accounts.emptyCanCreate') : t('accounts.empty')} />
              ),
            }}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: accounts.data?.total ?? 0,
              pageSizeOptions: ACCOUNT_PAGE_SIZES,
              showSizeChanger: true,
              size: 'small',
              showTotal: (total) => <Typography.Text>{t('accounts.total', { total })}</Typography.Text>,
              onChange: (page, pageSize) =>
                update({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
            }}
          />
        )}
      </Card>
      <AccountFormDrawer mode={form} onClose={() => setForm(null)} onIssued={setIssued} />
      <AccountImportModal open={importing} onClose={() => setImporting(false)} />
      <TemporaryPasswordModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
