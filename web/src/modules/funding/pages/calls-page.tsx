import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { CALL_STATES } from '@linli/common';
import { App, Button, Card, Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { CallForm } from '../components/call-form.tsx';
import { Yuan } from '../components/money.tsx';
import type { CallQuery, CallSummary } from '../funding.types.ts';
import { useCalls, useExport } from '../hooks/use-funding.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';

const PAGE_SIZE = 20;

/** 项目征集: the district drafts and publishes calls; organizations browse open ones and apply. */
export function CallsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const [filters, setFilters] = useState<CallQuery>({});
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useCalls({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const exporter = useExport();
  const update = (change: CallQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const columns: TableColumnsType<CallSummary> = [
    {
      key: 'title',
      title: t('funding.calls.call'),
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => void navigate(`/calls/${c.id}`)}
        >
          {c.title}
        </Button>
      ),
    },
    {
      key: 'state',
      title: t('funding.calls.state'),
      render: (_, c) =>
        c.state === 'open' && c.deadlinePassed ? (
          <Tag>{t('funding.calls.deadlinePassed')}</Tag>
        ) : (
          <Tag color={c.state === 'open' ? 'success' : undefined}>{labels.callStates[c.state]}</Tag>
        ),
    },
    { key: 'fund', title: t('funding.calls.fund'), responsive: ['lg'], dataIndex: 'fundName' },
    {
      key: 'areas',
      title: t('funding.focusArea'),
      responsive: ['md'],
      render: (_, c) => c.focusAreas.map((a) => <Tag key={a}>{labels.focusAreas[a]}</Tag>),
    },
    {
      key: 'ceiling',
      title: t('funding.calls.ceiling'),
      align: 'right',
      render: (_, c) => <Yuan fen={c.budgetCeilingFen} />,
    },
    { key: 'closes', title: t('funding.calls.closesOn'), dataIndex: 'closesOn' },
    {
      key: 'apps',
      title: t('funding.calls.applications'),
      align: 'right',
      responsive: ['md'],
      dataIndex: 'applications',
    },
  ];
  return (
    <>
      <PageHeader
        title={t('funding.calls.title')}
        subtitle={t('funding.calls.subtitle')}
        extra={
          <>
            {can('call:write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                data-testid="btn-call-create"
                onClick={() => setCreating(true)}
              >
                {t('funding.calls.create')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(
                  { list: 'calls', query: filters },
                  {
                    onSuccess: (file) => void message.success(t('funding.exported', { file })),
                    onError: (error) => void message.error(messageOf(error)),
                  },
                )
              }
            >
              {t('funding.export')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('funding.calls.search')}
            aria-label={t('funding.calls.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            allowClear
            style={{ width: 130 }}
            aria-label={t('funding.calls.state')}
            placeholder={t('funding.calls.state')}
            options={CALL_STATES.map((value) => ({ value, label: labels.callStates[value] }))}
            value={filters.state}
            onChange={(state) => update({ state })}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            aria-label={t('funding.focusArea')}
            placeholder={t('funding.focusArea')}
            options={labels.focusOptions}
            value={filters.focusArea}
            onChange={(focusArea) => update({ focusArea })}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            aria-label={t('funding.calls.accepting')}
            placeholder={t('funding.calls.accepting')}
            options={[{ value: 'yes', label: t('funding.calls.acceptingOnly') }]}
            value={filters.acceptingOnly ? 'yes' : undefined}
            onChange={(v) => update({ acceptingOnly: v === 'yes' ? true : undefined })}
          />
        </Flex>
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<CallSummary>
            data-testid="call-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{
              emptyText: (
                <EmptyState
                  description={
                    can('call:write') ? t('funding.calls.emptyDistrict') : t('funding.calls.empty')
                  }
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
              onChange: setPage,
            }}
          />
        )}
      </Card>
      {creating ? (
        <CallForm onClose={() => setCreating(false)} onSaved={(id) => void navigate(`/calls/${id}`)} />
      ) : null}
    </>
  );
}
