import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
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
  Tabs,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { FederationDrawer } from '../components/federation-drawer.tsx';
import { CreateFederationModal } from '../components/federation-forms.tsx';
import {
  FEDERATION_KINDS,
  type FederationExportQuery,
  type FederationMoveIn,
  type FederationSummary,
} from '../federations.types.ts';
import { useExportFederations, useFederations, useMoveIns } from '../hooks/use-federations.ts';

const PAGE_SIZE = 20;

/** 联合会: the federations of the caller's streets, their members and the organizations that moved in (R2.3). */
export function FederationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { can } = usePermissions();
  const [filters, setFilters] = useState<FederationExportQuery>({});
  const [page, setPage] = useState(1);
  const [moveInPage, setMoveInPage] = useState(1);
  const [open, setOpen] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const list = useFederations({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const moveIns = useMoveIns({ limit: PAGE_SIZE, offset: (moveInPage - 1) * PAGE_SIZE });
  const exporter = useExportFederations();
  const update = (change: FederationExportQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };

  const columns: TableColumnsType<FederationSummary> = [
    {
      key: 'name',
      title: t('federations.columns.name'),
      render: (_, f) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setOpen(f.id)}
        >
          {f.name}
        </Button>
      ),
    },
    { key: 'street', title: t('federations.columns.street'), dataIndex: 'divisionName' },
    { key: 'kind', title: t('federations.columns.kind'), render: (_, f) => t(`federations.kinds.${f.kind}`) },
    {
      key: 'lead',
      title: t('federations.columns.lead'),
      responsive: ['lg'],
      render: (_, f) => f.leadOrganizationName ?? t('common.none'),
    },
    {
      key: 'foundedOn',
      title: t('federations.columns.foundedOn'),
      dataIndex: 'foundedOn',
      responsive: ['md'],
    },
    { key: 'members', title: t('federations.columns.members'), dataIndex: 'memberCount', align: 'end' },
    { key: 'moveIns', title: t('federations.columns.moveIns'), dataIndex: 'moveInCount', align: 'end' },
  ];
  const moveInColumns: TableColumnsType<FederationMoveIn> = [
    { key: 'organization', title: t('federations.moveIns.organization'), dataIndex: 'organizationName' },
    { key: 'movedInOn', title: t('federations.moveIns.movedInOn'), dataIndex: 'movedInOn' },
    { key: 'federation', title: t('federations.moveIns.federation'), dataIndex: 'federationName' },
    { key: 'origin', title: t('federations.moveIns.origin'), dataIndex: 'origin', responsive: ['md'] },
    {
      key: 'division',
      title: t('federations.moveIns.division'),
      dataIndex: 'divisionName',
      responsive: ['lg'],
    },
  ];

  return (
    <>
      <PageHeader
        title={t('federations.title')}
        subtitle={t('federations.subtitle')}
        extra={
          <>
            {can('federation:write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => setCreating(true)}
                data-testid="btn-federation-create"
              >
                {t('federations.create')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              data-testid="btn-federation-export"
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(filters, {
                  onSuccess: (file) => void message.success(t('federations.exported', { file })),
                  onError: (error) => void message.error(messageOf(error)),
                })
              }
            >
              {t('federations.export')}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="federation-summary">
        <Flex wrap gap={32}>
          <Statistic title={t('federations.summary.federations')} value={list.data?.total ?? '—'} />
          <Statistic title={t('federations.summary.moveIns')} value={moveIns.data?.total ?? '—'} />
        </Flex>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'federations',
              label: t('federations.tabs.federations'),
              children: (
                <>
                  <Flex wrap gap={8} style={{ marginBottom: 12 }}>
                    <Input.Search
                      allowClear
                      style={{ width: 240 }}
                      placeholder={t('federations.search')}
                      aria-label={t('federations.search')}
                      onSearch={(q) => update({ q: q.trim() || undefined })}
                    />
                    <Select
                      allowClear
                      style={{ width: 180 }}
                      placeholder={t('federations.columns.kind')}
                      aria-label={t('federations.columns.kind')}
                      options={FEDERATION_KINDS.map((k) => ({
                        value: k,
                        label: t(`federations.kinds.${k}`),
                      }))}
                      value={filters.kind}
                      onChange={(kind) => update({ kind })}
                    />
                  </Flex>
                  {list.error ? (
                    <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
                  ) : (
                    <Table<FederationSummary>
                      data-testid="federation-table"
                      rowKey="id"
                      size="small"
                      columns={columns}
                      dataSource={list.data?.items ?? []}
                      loading={list.isFetching}
                      locale={{
                        emptyText: (
                          <EmptyState
                            description={t(
                              can('federation:write') ? 'federations.emptyWrite' : 'federations.empty',
                            )}
                          />
                        ),
                      }}
                      scroll={{ x: 'max-content' }}
                      pagination={{
                        current: page,
                        pageSize: PAGE_SIZE,
                        total: list.data?.total ?? 0,
                        showSizeChanger: false,
                        size: 'small',
                        showTotal: (total) => (
                          <Typography.Text>{t('federations.total', { total })}</Typography.Text>
                        ),
                        onChange: setPage,
                      }}
                    />
                  )}
                </>
              ),
            },
            {
              key: 'moveIns',
              label: t('federations.tabs.moveIns'),
              children: moveIns.error ? (
                <ErrorAlert error={moveIns.error} onRetry={() => void moveIns.refetch()} />
              ) : (
                <Table<FederationMoveIn>
                  data-testid="move-in-table"
                  rowKey="id"
                  size="small"
                  columns={moveInColumns}
                  dataSource={moveIns.data?.items ?? []}
                  loading={moveIns.isFetching}
                  locale={{ emptyText: <EmptyState description={t('federations.moveIns.empty')} /> }}
                  scroll={{ x: 'max-content' }}
                  pagination={{
                    current: moveInPage,
                    pageSize: PAGE_SIZE,
                    total: moveIns.data?.total ?? 0,
                    showSizeChanger: false,
                    size: 'small',
                    showTotal: (total) => (
                      <Typography.Text>{t('federations.moveIns.total', { total })}</Typography.Text>
                    ),
                    onChange: setMoveInPage,
                  }}
                />
              ),
            },
          ]}
        />
      </Card>
      <FederationDrawer id={open} onClose={() => setOpen(undefined)} />
      <CreateFederationModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          setOpen(id);
        }}
      />
    </>
  );
}
