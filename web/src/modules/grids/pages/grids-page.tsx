import { DownloadOutlined } from '@ant-design/icons';
import { GRID_ASSIGNMENT_STATUSES, type GridAssignmentStatus } from '@linli/common';
import { App, Button, Card, Flex, Input, Select, Statistic } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { RosterTable } from '../components/roster-table.tsx';
import type { RosterExportQuery } from '../grids.types.ts';
import { useExportRoster, useGridDuties, useRoster, useRosterSummary } from '../hooks/use-grids.ts';

const PAGE_SIZE = 20;

/** 网格人员: the "一长九员" roster of every grid in the caller's scope, with its counts, filters and export. */
export function GridsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [filters, setFilters] = useState<RosterExportQuery>({ status: 'current' });
  const [page, setPage] = useState(1);
  const summary = useRosterSummary();
  const duties = useGridDuties();
  const roster = useRoster({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const exporter = useExportRoster();
  const update = (change: RosterExportQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const s = summary.data;
  const dutyName = (code: string) => {
    const duty = duties.data?.find((d) => d.code === code);
    return duty ? (locale === 'zh-CN' ? duty.name : duty.nameEn) : code;
  };

  return (
    <>
      <PageHeader
        title={t('grids.title')}
        subtitle={t('grids.subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            data-testid="btn-roster-export"
            loading={exporter.isPending}
            onClick={() =>
              exporter.mutate(filters, {
                onSuccess: (file) => void message.success(t('grids.exported', { file })),
                onError: (error) => void message.error(messageOf(error)),
              })
            }
          >
            {t('grids.export')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="roster-summary">
        {summary.error ? (
          <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
        ) : (
          <Flex wrap gap={32}>
            <Statistic title={t('grids.summary.grids')} value={s?.grids ?? '—'} />
            <Statistic title={t('grids.summary.withLeader')} value={s?.gridsWithLeader ?? '—'} />
            {(s?.byDuty ?? [])
              .filter((d) => d.count > 0)
              .map((d) => (
                <Statistic key={d.dutyCode} title={dutyName(d.dutyCode)} value={d.count} />
              ))}
          </Flex>
        )}
      </Card>
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            style={{ width: 200 }}
            placeholder={t('grids.search')}
            aria-label={t('grids.search')}
            data-testid="roster-search"
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t('grids.columns.duty')}
            aria-label={t('grids.columns.duty')}
            options={(duties.data ?? []).map((d) => ({ value: d.code, label: dutyName(d.code) }))}
            value={filters.duty}
            onChange={(duty) => update({ duty })}
          />
          <Select<GridAssignmentStatus>
            style={{ width: 120 }}
            aria-label={t('grids.statusLabel')}
            options={GRID_ASSIGNMENT_STATUSES.map((v) => ({ value: v, label: t(`grids.status.${v}`) }))}
            value={filters.status ?? 'current'}
            onChange={(status) => update({ status })}
          />
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('grids.divisionFilter')}
            aria-label={t('grids.divisionFilter')}
            inputMode="numeric"
            onSearch={(code) =>
              update({ divisionCode: /^\d{6,15}$/.test(code.trim()) ? code.trim() : undefined })
            }
          />
        </Flex>
        {roster.error ? (
          <ErrorAlert error={roster.error} onRetry={() => void roster.refetch()} />
        ) : (
          <RosterTable
            items={roster.data?.items ?? []}
            total={roster.data?.total ?? 0}
            page={page}
            pageSize={PAGE_SIZE}
            loading={roster.isFetching}
            onPage={setPage}
            showGrid
            empty={t('grids.empty')}
          />
        )}
      </Card>
    </>
  );
}
