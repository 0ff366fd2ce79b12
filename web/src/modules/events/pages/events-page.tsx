import { BarChartOutlined, DownloadOutlined, EnvironmentOutlined, PlusOutlined } from '@ant-design/icons';
import { EVENT_SORTS } from '@linli/common';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { CategoryPicker } from '../components/category-picker.tsx';
import { EventDivisionPicker } from '../components/event-division-picker.tsx';
import { EventStateText, OverdueMark } from '../components/event-state.tsx';
import type { EventListItem, EventQuery } from '../events.types.ts';
import { useEventLabels } from '../hooks/use-event-labels.ts';
import { useEventCategories, useEvents, useExportEvents } from '../hooks/use-events.ts';

const PAGE_SIZE = 20;
type Filters = Omit<EventQuery, 'page' | 'pageSize'>;

/** Filters a link may preset (the per-grid counts link here): /events?divisionCode=…&overdue=true. */
function filtersFromUrl(params: URLSearchParams): Filters {
  const filters: Filters = {};
  const divisionCode = params.get('divisionCode');
  const state = params.get('state');
  if (divisionCode) filters.divisionCode = divisionCode;
  if (state) filters.state = state;
  if (params.get('overdue') === 'true') filters.overdue = true;
  return filters;
}

function useDepartmentNames() {
  const tree = useEventCategories();
  return useMemo(() => {
    const names = new Set<string>();
    for (const c of tree.data ?? []) for (const s of c.children) if (s.department) names.add(s.department);
    return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((value) => ({ value, label: value }));
  }, [tree.data]);
}

const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

/** 事件办理: the events in the user's scope with filters, search, export and paging. */
export function EventsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useEventLabels();
  const { can } = usePermissions();
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => filtersFromUrl(searchParams));
  const [page, setPage] = useState(1);
  const departments = useDepartmentNames();
  const list = useEvents({ ...filters, page, pageSize: PAGE_SIZE });
  const exporter = useExportEvents();
  const update = (change: Filters) => {
    setFilters((f) => {
      const next = { ...f, ...change };
      for (const key of Object.keys(next) as (keyof Filters)[]) if (next[key] === undefined) delete next[key];
      return next;
    });
    setPage(1);
  };

  const columns: TableColumnsType<EventListItem> = [
    {
      key: 'no',
      title: t('events.desk.columns.no'),
      render: (_, e) => <Link to={`/events/${e.id}`}>{e.no}</Link>,
    },
    {
      key: 'category',
      title: t('events.desk.columns.category'),
      render: (_, e) => e.categoryName,
    },
    {
      key: 'description',
      title: t('events.desk.columns.description'),
      render: (_, e) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 320 }}>
          {e.description}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'division',
      title: t('events.desk.columns.division'),
      responsive: ['md'],
      render: (_, e) => `${e.communityName} ${e.gridName}`,
    },
    {
      key: 'state',
      title: t('events.desk.columns.state'),
      render: (_, e) => (
        <Flex vertical gap={2}>
          <EventStateText state={e.state} />
          {e.overdue ? <OverdueMark /> : null}
        </Flex>
      ),
    },
    {
      key: 'department',
      title: t('events.desk.columns.department'),
      responsive: ['lg'],
      render: (_, e) => e.leadDepartment ?? t('common.none'),
    },
    {
      key: 'reportedAt',
      title: t('events.desk.columns.reportedAt'),
      responsive: ['md'],
      render: (_, e) => formatDateTime(e.reportedAt, locale),
    },
    {
      key: 'dueAt',
      title: t('events.desk.columns.dueAt'),
      responsive: ['lg'],
      render: (_, e) => (e.dueAt ? formatDateTime(e.dueAt, locale) : t('common.none')),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('events.desk.title')}
        subtitle={t('events.desk.subtitle')}
        extra={
          <>
            {can('event:report') ? (
              <Link to="/m/report">
                <Button type="primary" icon={<PlusOutlined aria-hidden />}>
                  {t('events.desk.report')}
                </Button>
              </Link>
            ) : null}
            <Link to="/events/map">
              <Button icon={<EnvironmentOutlined aria-hidden />}>{t('events.desk.map')}</Button>
            </Link>
            {can('event:stats') ? (
              <Link to="/events/stats">
                <Button icon={<BarChartOutlined aria-hidden />}>{t('events.desk.stats')}</Button>
              </Link>
            ) : null}
            {can('event:manage') ? (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                loading={exporter.isPending}
                data-testid="btn-events-export"
                onClick={() =>
                  exporter.mutate(filters, {
                    onSuccess: (file) => void message.success(t('events.desk.exported', { file })),
                    onError: (error) => void message.error(messageOf(error)),
                  })
                }
              >
                {t('events.desk.export')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('events.desk.search')}
            aria-label={t('events.desk.search')}
            data-testid="events-search"
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            mode="multiple"
            allowClear
            style={{ minWidth: 160 }}
            aria-label={t('events.desk.state')}
            placeholder={t('events.desk.state')}
            options={labels.stateOptions}
            value={filters.state ? filters.state.split(',') : []}
            onChange={(states: string[]) => update({ state: states.length ? states.join(',') : undefined })}
            maxTagCount="responsive"
          />
          <CategoryPicker
            pick="any"
            style={{ width: 200 }}
            aria-label={t('events.desk.category')}
            placeholder={t('events.desk.category')}
            value={filters.categoryCode}
            onChange={(categoryCode) => update({ categoryCode })}
          />
          <EventDivisionPicker
            pick="any"
            allowClear
            style={{ width: 220 }}
            aria-label={t('events.desk.division')}
            placeholder={t('events.desk.division')}
            value={filters.divisionCode}
            onChange={(divisionCode) => update({ divisionCode })}
          />
          <Select
            allowClear
            showSearch
            style={{ width: 130 }}
            aria-label={t('events.desk.department')}
            placeholder={t('events.desk.department')}
            options={departments}
            value={filters.department}
            onChange={(department) => update({ department })}
          />
          <DatePicker.RangePicker
            aria-label={t('events.desk.dates')}
            placeholder={[t('events.desk.dates'), t('events.desk.dates')]}
            onChange={(range) =>
              update({
                from: range?.[0] ? ymd(range[0]) : undefined,
                to: range?.[1] ? ymd(range[1]) : undefined,
              })
            }
          />
          <Select
            style={{ width: 150 }}
            aria-label={t('events.desk.sort')}
            options={EVENT_SORTS.map((value) => ({ value, label: t(`events.desk.sorts.${value}`) }))}
            value={filters.sort ?? '-reportedAt'}
            onChange={(sort) => update({ sort })}
          />
          <Checkbox
            checked={filters.overdue === true}
            onChange={(e) => update({ overdue: e.target.checked ? true : undefined })}
            data-testid="events-overdue-only"
          >
            {t('events.desk.overdueOnly')}
          </Checkbox>
        </Flex>
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<EventListItem>
            data-testid="events-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: <EmptyState description={t('events.desk.empty')} /> }}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              size: 'small',
              showTotal: (total) => t('events.desk.total', { total }),
              onChange: setPage,
            }}
          />
        )}
      </Card>
    </>
  );
}
