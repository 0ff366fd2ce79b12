import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import type { AuditEntry } from '../audit.types.ts';
import { AuditEntryDetails } from '../components/audit-entry-details.tsx';
import { AuditFilterBar } from '../components/audit-filter-bar.tsx';
import { useAuditEntries, useExportAudit } from '../hooks/use-audit.ts';
import { AUDIT_PAGE_SIZES, auditFilterQuery, useAuditFilters } from '../hooks/use-audit-filters.ts';
import { useAuditLabels } from '../hooks/use-audit-labels.ts';

/** 审计日志: the district's audit trail, filtered and paged on the server, with the filters in the URL. */
export function AuditPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { actionLabel, entityTypeLabel, roleLabel } = useAuditLabels();
  const { filters, update } = useAuditFilters();
  const filterQuery = auditFilterQuery(filters);
  const entries = useAuditEntries({
    ...filterQuery,
    limit: filters.pageSize,
    offset: (filters.page - 1) * filters.pageSize,
  });
  const exporter = useExportAudit();
  const none = t('common.none');

  const exportEntries = () =>
    exporter.mutate(filterQuery, {
      onSuccess: (file) => void message.success(t('audit.exported', { file })),
      onError: (error) => void message.error(messageOf(error)),
    });

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.columns.at'),
      dataIndex: 'at',
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at, locale)}</span>,
    },
    {
      key: 'actor',
      title: t('audit.columns.actor'),
      render: (_, entry) => (
        <Flex vertical>
          <span>{entry.actorName ?? none}</span>
          {entry.onBehalfOf ? (
            <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="audit-on-behalf">
              {t('audit.columns.forResident', { name: entry.onBehalfName ?? entry.onBehalfOf })}
            </Typography.Text>
          ) : null}
          {entry.actorRole ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {roleLabel(entry.actorRole)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'action',
      title: t('audit.columns.action'),
      dataIndex: 'action',
      render: (action: string) => actionLabel(action),
    },
    {
      key: 'entity',
      title: t('audit.columns.entity'),
      render: (_, entry) => (
        <span>
          {entityTypeLabel(entry.entityType)}
          {entry.entityId ? (
            <>
              {' '}
              <code>{entry.entityId}</code>
            </>
          ) : null}
        </span>
      ),
    },
    {
      key: 'success',
      title: t('audit.columns.success'),
      dataIndex: 'success',
      render: (success: boolean) =>
        success ? (
          <Tag color="success">{t('audit.results.success')}</Tag>
        ) : (
          <Tag color="error">{t('audit.results.failure')}</Tag>
        ),
    },
    {
      key: 'ip',
      title: t('audit.columns.ip'),
      dataIndex: 'ip',
      responsive: ['md'],
      render: (ip: string | null) => (ip ? <code>{ip}</code> : none),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            data-testid="btn-audit-export"
            loading={exporter.isPending}
            onClick={exportEntries}
          >
            {exporter.isPending ? t('audit.exporting') : t('audit.export')}
          </Button>
        }
      />
      <Card size="small">
        <AuditFilterBar />
        {entries.error ? (
          <ErrorAlert error={entries.error} onRetry={() => void entries.refetch()} />
        ) : (
          <Table<AuditEntry>
            data-testid="audit-table"
            rowKey="seq"
            size="small"
            columns={columns}
            dataSource={entries.data?.items ?? []}
            loading={entries.isFetching}
            locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
            scroll={{ x: 'max-content' }}
            expandable={{
              columnTitle: t('audit.details.title'),
              expandedRowRender: (entry) => <AuditEntryDetails entry={entry} />,
            }}
            pagination={{
              current: filters.page,
              pageSize: filters.pageSize,
              total: entries.data?.total ?? 0,
              pageSizeOptions: AUDIT_PAGE_SIZES,
              showSizeChanger: true,
              size: 'small',
              showTotal: (total) => <Typography.Text>{t('audit.total', { total })}</Typography.Text>,
              onChange: (page, pageSize) =>
                update({ page: pageSize === filters.pageSize ? page : 1, pageSize }),
            }}
          />
        )}
      </Card>
    </>
  );
}
