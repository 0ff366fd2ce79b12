import { DownloadOutlined } from '@ant-design/icons';
import type { Locale } from '@linli/common';
import { App, Button, Card, DatePicker, Flex, Table, type TableColumnsType, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatCount } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { EventDivisionPicker } from '../components/event-division-picker.tsx';
import type { EventStats, StatsQuery, StatsRow } from '../events.types.ts';
import { useEventStats, useExportEventStats } from '../hooks/use-events.ts';

type RankedRow = StatsRow & Pick<EventStats['departmentRanking'][number], 'rank' | 'score'>;
const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

function percent(value: number | null, locale: string): string {
  return value === null
    ? '—'
    : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** The measures every statistics table shows after its name column. */
function measureColumns<T extends StatsRow>(t: TFunction, locale: string): TableColumnsType<T> {
  const count = (v: number) => formatCount(v, locale as Locale);
  const rate = (v: number | null) => percent(v, locale);
  return [
    {
      key: 'total',
      title: t('events.stats.columns.total'),
      dataIndex: 'total',
      align: 'right',
      render: count,
    },
    {
      key: 'closed',
      title: t('events.stats.columns.closed'),
      dataIndex: 'closed',
      align: 'right',
      render: count,
    },
    {
      key: 'onTime',
      title: t('events.stats.columns.onTimeRate'),
      dataIndex: 'onTimeRate',
      align: 'right',
      render: rate,
    },
    {
      key: 'return',
      title: t('events.stats.columns.returnRate'),
      dataIndex: 'returnRate',
      align: 'right',
      render: rate,
    },
    {
      key: 'hours',
      title: t('events.stats.columns.avgHandlingHours'),
      dataIndex: 'avgHandlingHours',
      align: 'right',
      render: (v: number | null) =>
        v === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v),
    },
    {
      key: 'satisfaction',
      title: t('events.stats.columns.satisfactionRate'),
      dataIndex: 'satisfactionRate',
      align: 'right',
      render: rate,
    },
    {
      key: 'overdue',
      title: t('events.stats.columns.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: count,
    },
  ];
}

/** 事件统计: counts and rates by category, department, grid and month, and the department ranking. */
export function StatsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [query, setQuery] = useState<StatsQuery>({});
  const stats = useEventStats(query);
  const exporter = useExportEventStats();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const update = (change: StatsQuery) =>
    setQuery((q) => {
      const next = { ...q, ...change };
      for (const key of Object.keys(next) as (keyof StatsQuery)[])
        if (next[key] === undefined) delete next[key];
      return next;
    });

  const measures = measureColumns<RankedRow>(t, locale);
  const table = (rows: StatsRow[] | undefined, nameTitle: string, testId: string) => (
    <Table<StatsRow>
      data-testid={testId}
      size="small"
      rowKey="key"
      dataSource={rows ?? []}
      loading={stats.isFetching}
      pagination={(rows?.length ?? 0) > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <EmptyState description={t('events.stats.empty')} /> }}
      columns={[{ key: 'name', title: nameTitle, dataIndex: 'name' }, ...measureColumns<StatsRow>(t, locale)]}
    />
  );
  const ranking = (
    <>
      <Typography.Paragraph type="secondary">{t('events.stats.rankingHint')}</Typography.Paragraph>
      <Table<RankedRow>
        data-testid="stats-ranking"
        size="small"
        rowKey="key"
        dataSource={(stats.data?.departmentRanking ?? []).map((r) => ({
          ...r.row,
          rank: r.rank,
          score: r.score,
        }))}
        loading={stats.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyState description={t('events.stats.empty')} /> }}
        columns={[
          { key: 'rank', title: t('events.stats.columns.rank'), dataIndex: 'rank', align: 'right' },
          { key: 'name', title: t('events.stats.columns.name'), dataIndex: 'name' },
          {
            key: 'score',
            title: t('events.stats.columns.score'),
            dataIndex: 'score',
            align: 'right',
            render: (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(v),
          },
          ...measures,
        ]}
      />
    </>
  );
  const data = stats.data;
  return (
    <>
      <PageHeader
        title={t('events.stats.title')}
        subtitle={t('events.stats.subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={exporter.isPending}
            data-testid="btn-stats-export"
            onClick={() =>
              exporter.mutate(query, {
                onSuccess: (file) => void message.success(t('events.stats.exported', { file })),
                onError: (error) => void message.error(messageOf(error)),
              })
            }
          >
            {t('events.stats.export')}
          </Button>
        }
      />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker
            aria-label={t('events.stats.dates')}
            placeholder={[t('events.stats.dates'), t('events.stats.dates')]}
            onChange={(range) =>
              update({
                from: range?.[0] ? ymd(range[0]) : undefined,
                to: range?.[1] ? ymd(range[1]) : undefined,
              })
            }
          />
          <EventDivisionPicker
            pick="any"
            allowClear
            style={{ width: 220 }}
            aria-label={t('events.stats.division')}
            placeholder={t('events.stats.division')}
            value={query.divisionCode}
            onChange={(divisionCode) => update({ divisionCode })}
          />
        </Flex>
        {stats.error ? (
          <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
        ) : (
          <Tabs
            items={[
              {
                key: 'category',
                label: t('events.stats.tabs.byCategory'),
                children: table(data?.byCategory, t('events.stats.columns.name'), 'stats-category'),
              },
              {
                key: 'department',
                label: t('events.stats.tabs.byDepartment'),
                children: table(data?.byDepartment, t('events.stats.columns.name'), 'stats-department'),
              },
              {
                key: 'grid',
                label: t('events.stats.tabs.byGrid'),
                children: table(data?.byGrid, t('events.stats.columns.name'), 'stats-grid'),
              },
              {
                key: 'month',
                label: t('events.stats.tabs.byMonth'),
                children: table(data?.byMonth, t('events.stats.columns.month'), 'stats-month'),
              },
              { key: 'ranking', label: t('events.stats.tabs.departmentRanking'), children: ranking },
            ]}
          />
        )}
      </Card>
    </>
  );
}
