import { DownloadOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { ORGANIZATION_KINDS, ORGANIZATION_STATES } from '@linli/common';
import {
  App,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useActiveSession, usePermissions } from '../../auth/hooks/use-auth.ts';
import { OrganizationDetailDrawer } from '../components/organization-detail-drawer.tsx';
import { OrganizationFormDrawer } from '../components/organization-form-drawer.tsx';
import { OrganizationImportButton } from '../components/organization-import-button.tsx';
import { useOrganizationLabels } from '../hooks/use-organization-labels.ts';
import {
  useExportOrganizations,
  useOrganizationSummary,
  useOrganizations,
} from '../hooks/use-organizations.ts';
import type { OrganizationExportQuery, OrganizationSummary } from '../organizations.types.ts';

const PAGE_SIZE = 20;

/** 社会组织: the registry in the caller's scope with its header counts, filters, export and lifecycle. */
export function OrganizationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useOrganizationLabels();
  const [filters, setFilters] = useState<OrganizationExportQuery>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();
  const { can } = usePermissions();
  const session = useActiveSession();
  // An organization's own account already has its record (it edits that one); staff create records.
  const mayCreate = can('organization:write') && (session?.roles ?? []).some((g) => g.role !== 'social_org');
  const summary = useOrganizationSummary();
  const list = useOrganizations({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const exporter = useExportOrganizations();
  const update = (change: OrganizationExportQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const options = <K extends string>(keys: readonly K[], names: Record<K, string>) =>
    keys.map((k) => ({ value: k, label: names[k] }));

  const columns: TableColumnsType<OrganizationSummary> = [
    {
      key: 'name',
      title: t('organizations.columns.name'),
      render: (_, o) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setOpen(o.id)}
        >
          {o.name}
        </Button>
      ),
    },
    { key: 'kind', title: t('organizations.columns.kind'), render: (_, o) => labels.kinds[o.kind] },
    {
      key: 'state',
      title: t('organizations.columns.state'),
      render: (_, o) => <Tag color={o.state === 'active' ? 'blue' : 'purple'}>{labels.states[o.state]}</Tag>,
    },
    {
      key: 'category',
      title: t('organizations.columns.category'),
      render: (_, o) => labels.categoryName(o.category),
    },
    { key: 'division', title: t('organizations.columns.division'), dataIndex: 'divisionName' },
    {
      key: 'uscc',
      title: t('organizations.columns.uscc'),
      responsive: ['lg'],
      render: (_, o) => (o.uscc ? <code>{o.uscc}</code> : t('common.none')),
    },
    {
      key: 'venue',
      title: t('organizations.columns.venue'),
      responsive: ['lg'],
      render: (_, o) => labels.venues[o.venue],
    },
  ];

  const s = summary.data;
  return (
    <>
      <PageHeader
        title={t('organizations.title')}
        subtitle={t('organizations.subtitle')}
        extra={
          <Flex wrap gap={8}>
            {mayCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                data-testid="btn-organization-create"
                onClick={() => setCreating(true)}
              >
                {can('organization:register') ? t('orgForms.create') : t('orgForms.fileTitle')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              data-testid="btn-organization-export"
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(filters, {
                  onSuccess: (file) => void message.success(t('organizations.exported', { file })),
                  onError: (error) => void message.error(messageOf(error)),
                })
              }
            >
              {t('organizations.export')}
            </Button>
            <OrganizationImportButton />
            {can('organization:catalog') ? (
              <Button
                icon={<UnorderedListOutlined aria-hidden />}
                data-testid="btn-organization-catalog"
                onClick={() => void navigate('/organizations/catalog')}
              >
                {t('orgForms.catalog.title')}
              </Button>
            ) : null}
          </Flex>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="organization-summary">
        <Flex wrap gap={32}>
          <Statistic title={t('organizations.summary.total')} value={s?.total ?? '—'} />
          <Statistic title={t('organizations.summary.registered')} value={s?.registered ?? '—'} />
          <Statistic
            title={labels.kinds.private_non_enterprise}
            value={s?.byKind.private_non_enterprise ?? 0}
          />
          <Statistic title={labels.kinds.social_group} value={s?.byKind.social_group ?? 0} />
          <Statistic title={t('organizations.summary.filed')} value={s?.filed ?? '—'} />
        </Flex>
      </Card>
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('organizations.search')}
            aria-label={t('organizations.search')}
            data-testid="organization-search"
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            allowClear
            style={{ width: 200 }}
            placeholder={t('organizations.columns.kind')}
            aria-label={t('organizations.columns.kind')}
            options={options(ORGANIZATION_KINDS, labels.kinds)}
            value={filters.kind}
            onChange={(kind) => update({ kind })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('organizations.columns.state')}
            aria-label={t('organizations.columns.state')}
            options={options(ORGANIZATION_STATES, labels.states)}
            value={filters.state}
            onChange={(state) => update({ state })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('organizations.columns.fields')}
            aria-label={t('organizations.columns.fields')}
            options={Object.entries(labels.fields).map(([value, label]) => ({ value, label }))}
            value={filters.field}
            onChange={(field) => update({ field })}
          />
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('organizations.columns.category')}
            aria-label={t('organizations.columns.category')}
            options={Object.entries(labels.categories).map(([value, label]) => ({ value, label }))}
            value={filters.category}
            onChange={(category) => update({ category })}
          />
        </Flex>
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<OrganizationSummary>
            data-testid="organization-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: <EmptyState description={t('organizations.empty')} /> }}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              size: 'small',
              showTotal: (total) => <Typography.Text>{t('organizations.total', { total })}</Typography.Text>,
              onChange: setPage,
            }}
          />
        )}
      </Card>
      <OrganizationDetailDrawer id={open} onClose={() => setOpen(undefined)} />
      {creating ? (
        <OrganizationFormDrawer
          mode={{ kind: 'create' }}
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(saved) => setOpen(saved.id)}
        />
      ) : null}
    </>
  );
}
