import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CALENDAR_DAY_KINDS, type CalendarDayKind } from '@linli/common';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import type { CalendarDay } from '../event-categories.types.ts';
import { useSaveCalendar, useWorkCalendar } from '../hooks/use-event-categories.ts';

const DATE = 'YYYY-MM-DD';

interface Row extends CalendarDay {
  key: number;
}

/**
 * 工作日历: one year's days off and make-up workdays, edited as a list and saved whole. A year
 * that is not entered yet says so plainly: deadlines in it cannot be computed until it is.
 */
export function WorkCalendarPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [year, setYear] = useState(() => dayjs().year());
  const calendar = useWorkCalendar(year);
  const save = useSaveCalendar(year);
  const [rows, setRows] = useState<Row[]>([]);
  const [source, setSource] = useState('');
  const [nextKey, setNextKey] = useState(0);

  useEffect(() => {
    if (!calendar.data) return;
    setRows(calendar.data.days.map((d, i) => ({ ...d, key: i })));
    setNextKey(calendar.data.days.length);
    setSource(calendar.data.source ?? '');
  }, [calendar.data]);

  const change = (key: number, patch: Partial<CalendarDay>) =>
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const onSave = () =>
    save.mutate(
      {
        ...(calendar.data?.version ? { version: calendar.data.version } : {}),
        source: source.trim() || null,
        days: rows
          .filter((r) => r.date && r.name.trim())
          .map(({ date, kind, name }) => ({ date, kind, name: name.trim() })),
      },
      {
        onSuccess: () => void message.success(t('eventCategories.calendar.saved', { year })),
        onError: (error) =>
          void message.error(
            error instanceof ApiError && error.is('conflict.version')
              ? t('eventCategories.calendar.conflict')
              : messageOf(error),
          ),
      },
    );

  const columns: TableColumnsType<Row> = [
    {
      key: 'date',
      title: t('eventCategories.calendar.date'),
      render: (_, r) => (
        <DatePicker
          value={r.date ? dayjs(r.date) : null}
          format={DATE}
          allowClear={false}
          aria-label={t('eventCategories.calendar.date')}
          onChange={(d) => change(r.key, { date: d ? d.format(DATE) : '' })}
        />
      ),
    },
    {
      key: 'kind',
      title: t('eventCategories.calendar.kind'),
      render: (_, r) => (
        <Select<CalendarDayKind>
          style={{ width: 130 }}
          value={r.kind}
          aria-label={t('eventCategories.calendar.kind')}
          options={CALENDAR_DAY_KINDS.map((k) => ({
            value: k,
            label: t(`eventCategories.calendar.kinds.${k}`),
          }))}
          onChange={(kind) => change(r.key, { kind })}
        />
      ),
    },
    {
      key: 'name',
      title: t('eventCategories.calendar.name'),
      render: (_, r) => (
        <Input
          value={r.name}
          maxLength={30}
          style={{ width: 160 }}
          aria-label={t('eventCategories.calendar.name')}
          onChange={(e) => change(r.key, { name: e.target.value })}
        />
      ),
    },
    {
      key: 'remove',
      title: t('eventCategories.calendar.remove'),
      render: (_, r) => (
        <Button
          size="small"
          icon={<DeleteOutlined aria-hidden />}
          aria-label={t('eventCategories.calendar.remove')}
          onClick={() => setRows((list) => list.filter((x) => x.key !== r.key))}
        />
      ),
    },
  ];

  const data = calendar.data;
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="center">
        <Typography.Text>{t('eventCategories.calendar.year')}</Typography.Text>
        <InputNumber
          min={2000}
          max={2100}
          precision={0}
          value={year}
          aria-label={t('eventCategories.calendar.year')}
          data-testid="calendar-year"
          onChange={(v) => v && setYear(v)}
        />
        {(data?.years ?? []).map((y) => (
          <Tag key={y.year} color={y.year === year ? 'blue' : undefined}>
            {t('eventCategories.calendar.yearInfo', {
              year: y.year,
              holidays: y.holidays,
              workdays: y.workdays,
            })}
          </Tag>
        ))}
      </Flex>
      {calendar.error ? <ErrorAlert error={calendar.error} onRetry={() => void calendar.refetch()} /> : null}
      {data && !data.loaded ? (
        <Alert
          type="warning"
          showIcon
          title={t('eventCategories.calendar.notLoaded', { year })}
          data-testid="calendar-missing"
        />
      ) : null}
      <Input
        value={source}
        maxLength={200}
        placeholder={t('eventCategories.calendar.sourceHint')}
        aria-label={t('eventCategories.calendar.source')}
        onChange={(e) => setSource(e.target.value)}
      />
      <Table<Row>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={calendar.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyState description={t('eventCategories.calendar.empty')} /> }}
      />
      <Flex wrap gap={8}>
        <Button
          icon={<PlusOutlined aria-hidden />}
          onClick={() => {
            setRows((list) => [...list, { key: nextKey, date: '', kind: 'holiday', name: '' }]);
            setNextKey((k) => k + 1);
          }}
        >
          {t('eventCategories.calendar.add')}
        </Button>
        <Button type="primary" loading={save.isPending} onClick={onSave} data-testid="btn-calendar-save">
          {t('eventCategories.calendar.save', { year })}
        </Button>
      </Flex>
    </Flex>
  );
}
