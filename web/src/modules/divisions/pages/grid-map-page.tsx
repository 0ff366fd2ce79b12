import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatCount } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { DivisionBreadcrumb } from '../components/division-breadcrumb.tsx';
import { GridMapChart } from '../components/grid-map-chart.tsx';
import { divisionPaths } from '../divisions.paths.ts';
import type { DivisionFeature, DivisionMap, DivisionRef } from '../divisions.types.ts';
import { useDivision } from '../hooks/use-division.ts';
import { useDivisionLabels } from '../hooks/use-division-labels.ts';
import { useDivisionMap } from '../hooks/use-division-map.ts';

/** 网格地图: a division's children as polygons (a community's grids, a street's communities …). */
export function GridMapPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { code = '' } = useParams<{ code: string }>();
  const division = useDivision(code);
  const map = useDivisionMap(code);

  const error = division.error ?? map.error;
  if (error)
    return <ErrorAlert error={error} onRetry={() => void Promise.all([division.refetch(), map.refetch()])} />;
  if (!division.data || !map.data) return <PageLoading />;

  const detail = division.data;
  const data = map.data;
  const gridsOnly = data.features.every((feature) => feature.properties.level === 'grid');

  return (
    <Flex vertical gap={16}>
      <PageHeader
        breadcrumb={
          <DivisionBreadcrumb
            ancestors={detail.ancestors}
            current={detail}
            trailing={t('divisions.actions.gridMap')}
          />
        }
        title={t('gridMap.title', { name: detail.name })}
        subtitle={gridsOnly ? t('gridMap.subtitleGrids') : t('gridMap.subtitleChildren')}
        extra={
          <Button
            icon={<ArrowLeftOutlined aria-hidden />}
            onClick={() => navigate(divisionPaths.browser(code))}
          >
            {t('gridMap.backToDivision')}
          </Button>
        }
      />
      {data.generated ? (
        <Alert type="warning" showIcon title={t('gridMap.generated')} data-testid="map-generated" />
      ) : null}
      <Card size="small" styles={{ body: { padding: 8 } }}>
        {data.features.length > 0 ? (
          <>
            <GridMapChart map={data} onSelect={(child) => navigate(divisionPaths.browser(child))} />
            <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 8px' }}>
              {t('gridMap.clickHint')}
            </Typography.Text>
          </>
        ) : (
          <EmptyState description={t('gridMap.noFeatures')} />
        )}
      </Card>
      {data.missing.length > 0 ? <MissingBoundaries missing={data.missing} /> : null}
      {data.features.length > 0 ? <AreaList map={data} /> : null}
    </Flex>
  );
}

function MissingBoundaries({ missing }: { missing: DivisionRef[] }) {
  const { t } = useTranslation();
  const { levelName } = useDivisionLabels();
  return (
    <Card size="small" title={t('gridMap.missingTitle', { count: missing.length })} data-testid="map-missing">
      <Flex wrap gap={12} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {missing.map((ref) => (
          <li key={ref.code}>
            <Link to={divisionPaths.browser(ref.code)}>{ref.name}</Link>{' '}
            <Typography.Text type="secondary">{levelName(ref.level)}</Typography.Text>
          </li>
        ))}
      </Flex>
    </Card>
  );
}

/** The same areas as a table: readable on a phone and with a keyboard or a screen reader. */
function AreaList({ map }: { map: DivisionMap }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = map.features.map((feature) => feature.properties);
  return (
    <Card size="small" title={t('gridMap.areasTitle')}>
      <Table<DivisionFeature['properties']>
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={rows.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
        columns={[
          {
            key: 'name',
            title: t('gridMap.areaName'),
            dataIndex: 'name',
            render: (name: string, row) => <Link to={divisionPaths.browser(row.code)}>{name}</Link>,
          },
          {
            key: 'population',
            title: t('gridMap.tooltipPopulation'),
            dataIndex: 'population',
            align: 'right',
            render: (value: number | null) => formatCount(value, locale),
          },
          {
            key: 'households',
            title: t('gridMap.tooltipHouseholds'),
            dataIndex: 'households',
            align: 'right',
            render: (value: number | null) => formatCount(value, locale),
          },
        ]}
      />
    </Card>
  );
}
