import { PlusOutlined } from '@ant-design/icons';
import { OPEN_EVENT_STATES } from '@linli/common';
import { Breadcrumb, Button, Card, Col, Flex, Row, Statistic, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatCount } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { GridMapChart } from '../../divisions/components/grid-map-chart.tsx';
import { useDivisionMap } from '../../divisions/hooks/use-division-map.ts';
import { useEventMap } from '../../events/hooks/use-events.ts';
import { AssignmentFormModal } from '../components/assignment-form-modal.tsx';
import { RosterTable } from '../components/roster-table.tsx';
import { gridPaths } from '../grids.paths.ts';
import { useGrid, useRoster } from '../hooks/use-grids.ts';

const PAGE_SIZE = 20;

/** The grid's own boundary as the map (a grid has no children to draw). */
function GridMap({ code }: { code: string }) {
  const { t } = useTranslation();
  const map = useDivisionMap(code);
  if (map.error) return <ErrorAlert error={map.error} onRetry={() => void map.refetch()} />;
  if (!map.data) return <PageLoading />;
  if (!map.data.outline) return <EmptyState description={t('grids.page.noMap')} />;
  return <GridMapChart map={{ ...map.data, features: [map.data.outline] }} onSelect={() => {}} />;
}

/** The grid's open and overdue events, linking to the event list filtered to it. */
function OpenEvents({ code }: { code: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const map = useEventMap({ divisionCode: code });
  const row = map.data?.grids.find((g) => g.divisionCode === code);
  const open = row?.open ?? 0;
  const overdue = row?.overdue ?? 0;
  const to = `/events?divisionCode=${code}&state=${OPEN_EVENT_STATES.join(',')}`;
  return (
    <Statistic
      title={t('grids.page.openEvents')}
      loading={map.isLoading}
      valueRender={() => (
        <Link to={to} data-testid="grid-open-events">
          {formatCount(open, locale)}
          {overdue > 0 ? ` · ${t('grids.page.overdueEvents', { count: overdue })}` : ''}
        </Link>
      )}
    />
  );
}

/** 网格: one grid's place, people and "一长九员" roster, where the community arranges its staff. */
export function GridPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const code = useParams().code ?? '';
  const [showEnded, setShowEnded] = useState(false);
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const { can } = usePermissions();
  const grid = useGrid(code);
  const roster = useRoster({
    gridCode: code,
    status: showEnded ? 'all' : 'current',
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });

  if (grid.error) return <ErrorAlert error={grid.error} onRetry={() => void grid.refetch()} />;
  if (!grid.data) return <PageLoading />;
  const g = grid.data;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[
              { title: <Link to={gridPaths.list}>{t('grids.title')}</Link> },
              { title: g.streetName },
              { title: g.communityName },
            ]}
          />
        }
        title={g.name}
        subtitle={t('grids.page.subtitle', { code: g.code })}
        extra={
          g.canAssign ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              data-testid="btn-assignment-add"
              onClick={() => setAdding(true)}
            >
              {t('grids.page.add')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="grid-stats">
        <Flex wrap gap={32}>
          <Statistic title={t('grids.page.leader')} value={g.leaderName ?? t('grids.page.noLeader')} />
          <Statistic title={t('grids.page.population')} value={formatCount(g.population, locale)} />
          <Statistic title={t('grids.page.households')} value={formatCount(g.households, locale)} />
          <Statistic title={t('grids.page.registered')} value={formatCount(g.registeredResidents, locale)} />
          {can('event:read') ? <OpenEvents code={code} /> : null}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('grids.page.roster')}
              </Typography.Title>
            }
            extra={
              <Flex gap={8} align="center">
                <Switch
                  size="small"
                  checked={showEnded}
                  aria-label={t('grids.page.showEnded')}
                  onChange={(v) => {
                    setShowEnded(v);
                    setPage(1);
                  }}
                />
                <Typography.Text>{t('grids.page.showEnded')}</Typography.Text>
              </Flex>
            }
          >
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
                showGrid={false}
                empty={g.canAssign ? t('grids.page.rosterEmpty') : t('grids.page.rosterEmptyReadOnly')}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={
              <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
                {t('grids.page.map')}
              </Typography.Title>
            }
          >
            <GridMap code={code} />
          </Card>
        </Col>
      </Row>
      <AssignmentFormModal gridCode={code} open={adding} onClose={() => setAdding(false)} />
    </>
  );
}
