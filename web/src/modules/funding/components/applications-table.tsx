import { DownloadOutlined } from '@ant-design/icons';
import { APPLICATION_STATES } from '@linli/common';
import { App, Button, Flex, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import type { ApplicationQuery, ApplicationSummary } from '../funding.types.ts';
import { useApplications, useExport } from '../hooks/use-funding.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';
import { ApplicationDrawer } from './application-drawer.tsx';
import { Yuan } from './money.tsx';

const PAGE_SIZE = 20;

/**
 * Applications with filters, Excel export and the drawer; graded organizations first by default
 * (R4.4). `callId` narrows to one call (the call page).
 */
export function ApplicationsTable({ callId, empty }: { callId?: string; empty: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const [filters, setFilters] = useState<ApplicationQuery>({
    sort: 'priority',
    ...(callId ? { callId } : {}),
  });
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | undefined>();
  const list = useApplications({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const exporter = useExport();
  const update = (change: ApplicationQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const columns: TableColumnsType<ApplicationSummary> = [
    {
      key: 'title',
      title: t('funding.applications.projectTitle'),
      render: (_, a) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setOpen(a.id)}
        >
          {a.title}
        </Button>
      ),
    },
    {
      key: 'org',
      title: t('funding.applications.organization'),
      render: (_, a) => (
        <>
          {a.organizationName}
          {a.priority ? (
            <Tag color="gold" style={{ marginInlineStart: 6 }}>
              {t('funding.applications.priority')} {a.organizationGrade}
            </Tag>
          ) : null}
          {a.fromOutside ? <Tag color="purple">{t('funding.applications.outside')}</Tag> : null}
        </>
      ),
    },
    ...(callId
      ? []
      : [
          {
            key: 'call',
            title: t('funding.calls.call'),
            dataIndex: 'callTitle',
            responsive: ['lg' as const],
          },
        ]),
    {
      key: 'area',
      title: t('funding.focusArea'),
      responsive: ['md'],
      render: (_, a) => labels.focusAreas[a.focusArea],
    },
    {
      key: 'requested',
      title: t('funding.applications.requested'),
      align: 'right',
      render: (_, a) => <Yuan fen={a.requestedFen} />,
    },
    {
      key: 'awarded',
      title: t('funding.applications.awarded'),
      align: 'right',
      render: (_, a) => <Yuan fen={a.awardedFen} />,
    },
    {
      key: 'state',
      title: t('funding.applications.state'),
      render: (_, a) => (
        <Tag color={a.state === 'awarded' ? 'success' : a.state === 'submitted' ? 'blue' : undefined}>
          {labels.applicationStates[a.state]}
        </Tag>
      ),
    },
  ];
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('funding.applications.search')}
          aria-label={t('funding.applications.search')}
          onSearch={(q) => update({ q: q.trim() || undefined })}
        />
        <Select
          allowClear
          style={{ width: 130 }}
          aria-label={t('funding.applications.state')}
          placeholder={t('funding.applications.state')}
          options={APPLICATION_STATES.map((value) => ({ value, label: labels.applicationStates[value] }))}
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
          aria-label={t('funding.applications.origin')}
          placeholder={t('funding.applications.origin')}
          options={[
            { value: 'outside', label: t('funding.applications.outside') },
            { value: 'local', label: t('funding.applications.local') },
            { value: 'priority', label: t('funding.applications.priorityOnly') },
          ]}
          value={
            filters.priorityOnly
              ? 'priority'
              : filters.fromOutside === undefined
                ? undefined
                : filters.fromOutside
                  ? 'outside'
                  : 'local'
          }
          onChange={(v?: string) =>
            update({
              fromOutside: v === 'outside' ? true : v === 'local' ? false : undefined,
              priorityOnly: v === 'priority' ? true : undefined,
            })
          }
        />
        <Select
          style={{ width: 150 }}
          aria-label={t('funding.applications.sort')}
          options={(['priority', 'submittedAt', 'requestedFen'] as const).map((value) => ({
            value,
            label: t(`funding.applications.sorts.${value}`),
          }))}
          value={filters.sort}
          onChange={(sort) => update({ sort })}
        />
        <Button
          icon={<DownloadOutlined aria-hidden />}
          loading={exporter.isPending}
          onClick={() =>
            exporter.mutate(
              { list: 'applications', query: filters },
              {
                onSuccess: (file) => void message.success(t('funding.exported', { file })),
                onError: (error) => void message.error(messageOf(error)),
              },
            )
          }
        >
          {t('funding.export')}
        </Button>
      </Flex>
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ApplicationSummary>
          data-testid="application-table"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          locale={{ emptyText: <EmptyState description={empty} /> }}
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
      <ApplicationDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}
