import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { beijingToday } from '@linli/common';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { InspectionDrawer } from '../components/inspection-drawer.tsx';
import { SubmitReportModal } from '../components/submit-report-modal.tsx';
import { useExportInspections, useInspections, useOverdue } from '../hooks/use-inspections.ts';
import {
  INSPECTION_RESULTS,
  INSPECTION_STATES,
  type Inspection,
  type InspectionExportQuery,
  type OverdueOrganization,
  RESULT_COLORS,
  STATE_COLORS,
} from '../inspections.types.ts';

const PAGE_SIZE = 20;
/** How many completed years the year filter offers. */
const YEAR_CHOICES = 8;

/** 年检: annual inspection records with filters and export, the review workflow, and the overdue list (R2.5). */
export function InspectionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const lastYear = Number(beijingToday().slice(0, 4)) - 1;
  const years = Array.from({ length: YEAR_CHOICES }, (_, i) => lastYear - i);
  const [tab, setTab] = useState('records');
  const [filters, setFilters] = useState<InspectionExportQuery>({ year: lastYear });
  const [page, setPage] = useState(1);
  const [overdueYear, setOverdueYear] = useState(lastYear);
  const [overduePage, setOverduePage] = useState(1);
  const [open, setOpen] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const { can } = usePermissions();
  const list = useInspections({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const overdue = useOverdue(
    { year: overdueYear, limit: PAGE_SIZE, offset: (overduePage - 1) * PAGE_SIZE },
    tab === 'overdue',
  );
  const exporter = useExportInspections();
  const update = (change: InspectionExportQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const yearOptions = years.map((y) => ({ value: y, label: t('inspections.yearLabel', { year: y }) }));

  const columns: TableColumnsType<Inspection> = [
    { key: 'year', title: t('inspections.columns.year'), dataIndex: 'year' },
    {
      key: 'organization',
      title: t('inspections.columns.organization'),
      render: (_, i) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setOpen(i.id)}
        >
          {i.organizationName}
        </Button>
      ),
    },
    {
      key: 'division',
      title: t('inspections.columns.division'),
      dataIndex: 'divisionName',
      responsive: ['md'],
    },
    {
      key: 'state',
      title: t('inspections.columns.state'),
      render: (_, i) => <Tag color={STATE_COLORS[i.state]}>{t(`inspections.states.${i.state}`)}</Tag>,
    },
    {
      key: 'result',
      title: t('inspections.columns.result'),
      render: (_, i) =>
        i.result ? (
          <Tag color={RESULT_COLORS[i.result]}>{t(`inspections.results.${i.result}`)}</Tag>
        ) : (
          t('common.none')
        ),
    },
    {
      key: 'simplified',
      title: t('inspections.columns.simplified'),
      responsive: ['lg'],
      render: (_, i) => (i.simplified ? t('common.yes') : t('common.no')),
    },
    {
      key: 'submittedOn',
      title: t('inspections.columns.submittedOn'),
      dataIndex: 'submittedOn',
      responsive: ['lg'],
    },
  ];
  const overdueColumns: TableColumnsType<OverdueOrganization> = [
    { key: 'name', title: t('inspections.columns.organization'), dataIndex: 'name' },
    { key: 'division', title: t('inspections.columns.division'), dataIndex: 'divisionName' },
    {
      key: 'grade',
      title: t('inspections.grade'),
      render: (_, o) => o.grade ?? t('common.none'),
      responsive: ['md'],
    },
    {
      key: 'registeredOn',
      title: t('inspections.registeredOn'),
      render: (_, o) => o.registeredOn ?? t('common.none'),
      responsive: ['lg'],
    },
  ];

  return (
    <>
      <PageHeader
        title={t('inspections.title')}
        subtitle={t('inspections.subtitle')}
        extra={
          <>
            {can('inspection:write') ? (
              <Button
                type="primary"
                icon={<UploadOutlined aria-hidden />}
                data-testid="btn-inspection-new"
                onClick={() => setSubmitting(true)}
              >
                {t('inspections.submit.open')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              data-testid="btn-inspection-export"
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(filters, {
                  onSuccess: (file) => void message.success(t('inspections.exported', { file })),
                  onError: (error) => void message.error(messageOf(error)),
                })
              }
            >
              {t('inspections.export')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'records',
              label: t('inspections.tabs.records'),
              children: (
                <>
                  <Flex wrap gap={8} style={{ marginBottom: 12 }}>
                    <Input.Search
                      allowClear
                      style={{ width: 220 }}
                      placeholder={t('inspections.search')}
                      aria-label={t('inspections.search')}
                      onSearch={(q) => update({ q: q.trim() || undefined })}
                    />
                    <Select
                      allowClear
                      style={{ width: 140 }}
                      placeholder={t('inspections.columns.year')}
                      aria-label={t('inspections.columns.year')}
                      data-testid="inspection-year-filter"
                      options={yearOptions}
                      value={filters.year}
                      onChange={(year) => update({ year })}
                    />
                    <Select
                      allowClear
                      style={{ width: 140 }}
                      placeholder={t('inspections.columns.result')}
                      aria-label={t('inspections.columns.result')}
                      data-testid="inspection-result-filter"
                      options={INSPECTION_RESULTS.map((r) => ({
                        value: r,
                        label: t(`inspections.results.${r}`),
                      }))}
                      value={filters.result}
                      onChange={(result) => update({ result })}
                    />
                    <Select
                      allowClear
                      style={{ width: 140 }}
                      placeholder={t('inspections.columns.state')}
                      aria-label={t('inspections.columns.state')}
                      data-testid="inspection-state-filter"
                      options={INSPECTION_STATES.map((s) => ({
                        value: s,
                        label: t(`inspections.states.${s}`),
                      }))}
                      value={filters.state}
                      onChange={(state) => update({ state })}
                    />
                  </Flex>
                  {list.error ? (
                    <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
                  ) : (
                    <Table<Inspection>
                      data-testid="inspection-table"
                      rowKey="id"
                      size="small"
                      columns={columns}
                      dataSource={list.data?.items ?? []}
                      loading={list.isFetching}
                      locale={{ emptyText: <EmptyState description={t('inspections.empty')} /> }}
                      scroll={{ x: 'max-content' }}
                      pagination={{
                        current: page,
                        pageSize: PAGE_SIZE,
                        total: list.data?.total ?? 0,
                        showSizeChanger: false,
                        size: 'small',
                        showTotal: (total) => (
                          <Typography.Text>{t('inspections.total', { total })}</Typography.Text>
                        ),
                        onChange: setPage,
                      }}
                    />
                  )}
                </>
              ),
            },
            {
              key: 'overdue',
              label: t('inspections.tabs.overdue'),
              children: (
                <>
                  <Flex wrap gap={8} align="center" style={{ marginBottom: 12 }}>
                    <Select
                      style={{ width: 140 }}
                      aria-label={t('inspections.columns.year')}
                      data-testid="overdue-year-filter"
                      options={yearOptions}
                      value={overdueYear}
                      onChange={(y) => {
                        setOverdueYear(y);
                        setOverduePage(1);
                      }}
                    />
                  </Flex>
                  {overdue.data ? (
                    <Alert
                      style={{ marginBottom: 12 }}
                      type={overdue.data.due ? 'warning' : 'info'}
                      title={t(overdue.data.due ? 'inspections.overdueDue' : 'inspections.overdueNotDue', {
                        year: overdue.data.year,
                        deadline: overdue.data.deadline,
                        total: overdue.data.total,
                      })}
                    />
                  ) : null}
                  {overdue.error ? (
                    <ErrorAlert error={overdue.error} onRetry={() => void overdue.refetch()} />
                  ) : (
                    <Table<OverdueOrganization>
                      data-testid="overdue-table"
                      rowKey="organizationId"
                      size="small"
                      columns={overdueColumns}
                      dataSource={overdue.data?.items ?? []}
                      loading={overdue.isFetching}
                      locale={{ emptyText: <EmptyState description={t('inspections.overdueEmpty')} /> }}
                      scroll={{ x: 'max-content' }}
                      pagination={{
                        current: overduePage,
                        pageSize: PAGE_SIZE,
                        total: overdue.data?.total ?? 0,
                        showSizeChanger: false,
                        size: 'small',
                        onChange: setOverduePage,
                      }}
                    />
                  )}
                </>
              ),
            },
          ]}
        />
      </Card>
      <InspectionDrawer id={open} onClose={() => setOpen(undefined)} />
      <SubmitReportModal
        open={submitting}
        years={years}
        onClose={() => setSubmitting(false)}
        onCreated={(id) => {
          setSubmitting(false);
          setOpen(id);
        }}
      />
    </>
  );
}
