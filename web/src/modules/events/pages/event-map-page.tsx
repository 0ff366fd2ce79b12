import { OPEN_EVENT_STATES } from '@linli/common';
import { Card, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatCount } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useActiveSession, usePermissions } from '../../auth/hooks/use-auth.ts';
import { EventDivisionPicker } from '../components/event-division-picker.tsx';
import { OpenEventsMap } from '../components/open-events-map.tsx';
import type { EventMap } from '../events.types.ts';
import { useEventMap } from '../hooks/use-events.ts';

type GridRow = EventMap['grids'][number];
const OPEN = OPEN_EVENT_STATES.join(',');

/** 各网格未结事件: open and overdue events per grid in the user's scope, each count a link to the list. */
export function EventMapPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const session = useActiveSession();
  const [divisionCode, setDivisionCode] = useState<string | undefined>();
  // The map draws the chosen division's children, else those of the user's own scope.
  const mapCode = divisionCode ?? session?.roles.find((r) => r.scopeCode)?.scopeCode ?? undefined;
  const map = useEventMap(divisionCode ? { divisionCode } : {});
  const rows = [...(map.data?.grids ?? [])].sort((a, b) => b.overdue - a.overdue || b.open - a.open);
  const listLink = (code: string, overdue: boolean) =>
    `/events?divisionCode=${code}&state=${OPEN}${overdue ? '&overdue=true' : ''}`;
  return (
    <>
      <PageHeader title={t('events.map.title')} subtitle={t('events.map.subtitle')} />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <EventDivisionPicker
            pick="any"
            allowClear
            style={{ width: 240 }}
            aria-label={t('events.desk.division')}
            placeholder={t('events.desk.division')}
            value={divisionCode}
            onChange={setDivisionCode}
          />
        </Flex>
        {can('division:read') && mapCode && map.data ? (
          <OpenEventsMap
            code={mapCode}
            grids={map.data.grids}
            onSelect={(code) => void navigate(listLink(code, false))}
          />
        ) : null}
        {map.error ? (
          <ErrorAlert error={map.error} onRetry={() => void map.refetch()} />
        ) : (
          <Table<GridRow>
            data-testid="event-map-table"
            size="small"
            rowKey="divisionCode"
            dataSource={rows}
            loading={map.isFetching}
            pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
            locale={{ emptyText: <EmptyState description={t('events.map.empty')} /> }}
            columns={[
              {
                key: 'name',
                title: t('events.map.grid'),
                render: (_, g) =>
                  can('grid:read') ? <Link to={`/grids/${g.divisionCode}`}>{g.name}</Link> : g.name,
              },
              {
                key: 'open',
                title: t('events.map.open'),
                align: 'right',
                render: (_, g) => (
                  <Link to={listLink(g.divisionCode, false)}>{formatCount(g.open, locale)}</Link>
                ),
              },
              {
                key: 'overdue',
                title: t('events.map.overdue'),
                align: 'right',
                render: (_, g) =>
                  g.overdue > 0 ? (
                    <Link to={listLink(g.divisionCode, true)}>
                      <Typography.Text strong style={{ color: '#a8071a' }}>
                        {formatCount(g.overdue, locale)}
                      </Typography.Text>
                    </Link>
                  ) : (
                    formatCount(0, locale)
                  ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
