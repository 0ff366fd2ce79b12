import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { DeleteResidentButton } from '../components/delete-resident-button.tsx';
import { ResidentDetailDrawer } from '../components/resident-detail-drawer.tsx';
import { ResidentFilterBar } from '../components/resident-filter-bar.tsx';
import { ResidentFormDrawer } from '../components/resident-form-drawer.tsx';
import { useExportResidents } from '../hooks/use-resident-export.ts';
import {
  RESIDENT_PAGE_SIZES,
  residentFilterQuery,
  useResidentFilters,
} from '../hooks/use-resident-filters.ts';
import { useResidentLabels } from '../hooks/use-resident-labels.ts';
import { useResidents } from '../hooks/use-residents.ts';
import type { ResidentSummary } from '../residents.types.ts';

/** 居民信息: the residents in the caller's area, personal numbers masked, filtered and paged on the server. */
export function ResidentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { can } = usePermissions();
  const { tagName, genderName } = useResidentLabels();
  const { filters, update, reset } = useResidentFilters();
  const [creating, setCreating] = useState(false);
  const filterQuery = residentFilterQuery(filters);
  const residents = useResidents({
    ...filterQuery,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  });
  const exporter = useExportResidents();
  const none = t('common.none');

  const exportList = () =>
    exporter.mutate(filterQuery, {
      onSuccess: (file) => void message.success(t('residents.exported', { file })),
      onError: (error) => void message.error(messageOf(error)),
    });

  const open = (id: string | undefined) => update({ open: id });

  const columns: TableColumnsType<ResidentSummary> = [
    {
      key: 'name',
      title: t('residents.columns.name'),
      fixed: 'start',
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          aria-label={t('residents.open', { name: r.name })}
          onClick={() => open(r.id)}
        >
          {r.name}
        </Button>
      ),
    },
    {
      key: 'gender',
      title: t('residents.columns.gender'),
      render: (_, r) => genderName(r.gender),
    },
    { key: 'age', title: t('residents.columns.age'), dataIndex: 'age' },
    {
      key: 'idNumber',
      title: t('residents.columns.idNumber'),
      render: (_, r) => <code style={{ whiteSpace: 'nowrap' }}>{r.idNumber}</code>,
    },
    {
      key: 'phone',
      title: t('residents.columns.phone'),
      render: (_, r) => (r.phone ? <code>{r.phone}</code> : none),
    },
    { key: 'division', title: t('residents.columns.division'), dataIndex: 'divisionName' },
    {
      key: 'address',
      title: t('residents.columns.address'),
      responsive: ['lg'],
      render: (_, r) => r.address ?? none,
    },
    {
      key: 'tags',
      title: t('residents.columns.tags'),
      render: (_, r) => (
        <Flex wrap gap={4}>
          {r.tags.map((tag) => (
            <Tag key={tag} color={tag === 'elderly' || tag === 'alone' ? 'purple' : 'blue'}>
              {tagName(tag)}
            </Tag>
          ))}
          {r.hasAccount ? <Tag>{t('residents.hasAccount')}</Tag> : null}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: t('residents.columns.actions'),
      render: (_, r) => (r.abilities.delete ? <DeleteResidentButton resident={r} compact /> : null),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('residents.title')}
        subtitle={t('residents.subtitle')}
        extra={
          <>
            <Button
              icon={<DownloadOutlined aria-hidden />}
              data-testid="btn-resident-export"
              loading={exporter.isPending}
              onClick={exportList}
            >
              {exporter.isPending ? t('residents.exporting') : t('residents.export')}
            </Button>
            {can('resident:write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                data-testid="btn-resident-create"
                onClick={() => setCreating(true)}
              >
                {t('residents.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small">
        <ResidentFilterBar filters={filters} update={update} reset={reset} />
        {residents.error ? (
          <ErrorAlert error={residents.error} onRetry={() => void residents.refetch()} />
        ) : (
          <Table<ResidentSummary>
            data-testid="resident-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={residents.data?.items ?? []}
            loading={residents.isFetching}
            locale={{
              emptyText: (
                <EmptyState
                  description={can('resident:write') ? t('residents.emptyHint') : t('residents.empty')}
                />
              ),
            }}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: residents.data?.total ?? 0,
              pageSizeOptions: RESIDENT_PAGE_SIZES,
              showSizeChanger: true,
              size: 'small',
              showTotal: (total) => <Typography.Text>{t('residents.total', { total })}</Typography.Text>,
              onChange: (page, pageSize) =>
                update({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
            }}
          />
        )}
      </Card>
      <ResidentFormDrawer
        mode={{ kind: 'create' }}
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(saved) => open(saved.id)}
      />
      <ResidentDetailDrawer id={filters.open} onClose={() => open(undefined)} />
    </>
  );
}
