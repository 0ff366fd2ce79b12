import { DownloadOutlined } from '@ant-design/icons';
import { FUNDING_SOURCE_NAMES } from '@linli/common';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Select,
  Spin,
  Statistic,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { components } from '../../../app/api/schema.gen.ts';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatCount } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { IndicatorsBarChart } from '../components/indicators-bar-chart.tsx';
import { useOrganizationLabels } from '../hooks/use-organization-labels.ts';

type Indicators = components['schemas']['OrganizationIndicators'];
type CommunityIndicator = components['schemas']['OrganizationCommunityIndicator'];

const PAGE_SIZE = 10;

// Under the organizations keys, so a change to the registry refreshes the figures too.
const indicatorKeys = (divisionCode: string | undefined) =>
  ['organizations', 'indicators', divisionCode ?? ''] as const;

function useIndicators(divisionCode: string | undefined) {
  return useQuery({
    queryKey: indicatorKeys(divisionCode),
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/organizations/indicators', {
          params: { query: divisionCode ? { divisionCode } : {} },
          signal,
        }),
      ),
  });
}

function useExportIndicators() {
  return useMutation({
    mutationFn: (divisionCode: string | undefined) =>
      downloadFile(
        api.GET('/api/v1/organizations/indicators/export', {
          params: { query: divisionCode ? { divisionCode } : {} },
          parseAs: 'blob',
        }),
        'organization-indicators.xlsx',
      ),
  });
}

function ChartCard({ title, note, children }: { title: string; note?: string; children: ReactNode }) {
  return (
    <Card
      size="small"
      title={
        <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
          {title}
        </Typography.Title>
      }
      style={{ height: '100%' }}
    >
      {note ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Paragraph>
      ) : null}
      {children}
    </Card>
  );
}

/**
 * 社会组织指标 (R6.1–R6.3): per 10,000 residents by street and community, communities below the
 * national target for community organizations (with Excel export), shares by field, category,
 * venue and staff size, and the self-funding share — all computed by the server from the records
 * in the user's scope.
 */
export function IndicatorsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useOrganizationLabels();
  const [street, setStreet] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  // The whole scope gives the street choices; a chosen street narrows every figure.
  const scope = useIndicators(undefined);
  const query = useIndicators(street);
  const exporter = useExportIndicators();
  const data: Indicators | undefined = query.data;

  const number = (value: number | null | undefined, digits = 2) =>
    value === null || value === undefined
      ? t('common.none')
      : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  const percent = (value: number | null | undefined) =>
    value === null || value === undefined
      ? t('common.none')
      : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const yuan = (fen: number) =>
    t('organizationIndicators.yuan', {
      amount: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(fen / 100),
    });

  const streetOptions = (scope.data?.streets ?? []).map((s) => ({ value: s.code, label: s.name }));
  const urban = (c: CommunityIndicator) =>
    c.level === 'village' ? t('organizationIndicators.rural') : t('organizationIndicators.urban');

  const columns: TableColumnsType<CommunityIndicator> = [
    { key: 'name', title: t('organizationIndicators.columns.community'), dataIndex: 'name' },
    {
      key: 'street',
      title: t('organizationIndicators.columns.street'),
      render: (_, c) => c.streetName ?? t('common.none'),
    },
    { key: 'kind', title: t('organizationIndicators.columns.kind'), render: (_, c) => urban(c) },
    {
      key: 'communityOrgs',
      title: t('organizationIndicators.columns.communityOrgs'),
      align: 'right',
      dataIndex: 'communityOrgs',
    },
    { key: 'target', title: t('organizationIndicators.columns.target'), align: 'right', dataIndex: 'target' },
    {
      key: 'gap',
      title: t('organizationIndicators.columns.gap'),
      align: 'right',
      render: (_, c) => <Typography.Text strong>{c.gap}</Typography.Text>,
    },
    {
      key: 'per10k',
      title: t('organizationIndicators.columns.per10k'),
      align: 'right',
      responsive: ['md'],
      render: (_, c) => number(c.per10k),
    },
  ];

  const header = (
    <PageHeader
      title={t('organizationIndicators.title')}
      subtitle={t('organizationIndicators.subtitle')}
      extra={
        <>
          {streetOptions.length > 1 ? (
            <Select
              allowClear
              style={{ width: 180 }}
              placeholder={t('organizationIndicators.allStreets')}
              aria-label={t('organizationIndicators.street')}
              data-testid="indicators-street"
              options={streetOptions}
              value={street}
              onChange={(value?: string) => {
                setStreet(value);
                setPage(1);
              }}
            />
          ) : null}
          <Button
            icon={<DownloadOutlined aria-hidden />}
            data-testid="btn-indicators-export"
            loading={exporter.isPending}
            disabled={!data}
            onClick={() =>
              exporter.mutate(street, {
                onSuccess: (file) => void message.success(t('organizationIndicators.exported', { file })),
                onError: (error) => void message.error(messageOf(error)),
              })
            }
          >
            {t('organizationIndicators.export')}
          </Button>
        </>
      }
    />
  );

  if (query.error) {
    return (
      <>
        {header}
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  if (!data) {
    return (
      <>
        {header}
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin aria-label={t('common.loading')} />
        </Flex>
      </>
    );
  }

  const areas = data.streets.length > 1 ? data.streets : data.communities;
  const funding = data.selfFunding;
  const fundingYear = funding.year ?? 0;
  return (
    <>
      {header}
      {data.totals.organizations === 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('organizationIndicators.emptyRegistry')}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 16 }} data-testid="indicators-cards">
        <Flex wrap gap={32}>
          <Statistic
            title={t('organizationIndicators.cards.total')}
            value={formatCount(data.totals.organizations, locale)}
          />
          <Statistic
            title={t('organizationIndicators.cards.per10k')}
            value={number(data.totals.per10k)}
            suffix={t('organizationIndicators.cards.per10kUnit')}
          />
          <Statistic
            title={t('organizationIndicators.cards.communityOrgs')}
            value={formatCount(data.totals.communityOrgs, locale)}
          />
          <Statistic
            title={t('organizationIndicators.cards.belowTarget')}
            value={data.belowTarget.length}
            suffix={`/ ${data.communities.length}`}
          />
          <Statistic
            title={t('organizationIndicators.cards.withoutVenue')}
            value={percent(data.withoutVenueShare)}
          />
          <Statistic
            title={
              funding.year === null
                ? t('organizationIndicators.cards.selfFundingNoYear')
                : t('organizationIndicators.cards.selfFunding', { year: funding.year })
            }
            value={percent(funding.share)}
          />
        </Flex>
      </Card>

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <ChartCard
            title={
              data.streets.length > 1
                ? t('organizationIndicators.charts.per10kByStreet')
                : t('organizationIndicators.charts.per10kByCommunity')
            }
            note={t('organizationIndicators.charts.per10kNote')}
          >
            {areas.length === 0 ? (
              <EmptyState description={t('organizationIndicators.noAreas')} />
            ) : (
              <IndicatorsBarChart
                testId="chart-per10k"
                label={t('organizationIndicators.charts.per10kByStreet')}
                items={areas.map((a) => ({ label: a.name, value: a.per10k ?? 0 }))}
              />
            )}
          </ChartCard>
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('organizationIndicators.charts.byField')}
            note={t('organizationIndicators.charts.byFieldNote')}
          >
            <IndicatorsBarChart
              testId="chart-fields"
              percent
              label={t('organizationIndicators.charts.byField')}
              items={data.byField.map((f) => ({ label: f.name, value: f.share ?? 0 }))}
            />
          </ChartCard>
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard title={t('organizationIndicators.charts.byCategory')}>
            <IndicatorsBarChart
              percent
              label={t('organizationIndicators.charts.byCategory')}
              items={data.byCategory.map((c) => ({ label: c.name, value: c.share ?? 0 }))}
            />
          </ChartCard>
        </Col>
        <Col xs={24} lg={12}>
          <ChartCard
            title={t('organizationIndicators.charts.byStaff')}
            note={t('organizationIndicators.charts.byStaffNote')}
          >
            <IndicatorsBarChart
              label={t('organizationIndicators.charts.byStaff')}
              items={data.byStaffSize.map((b) => ({
                label: t(`organizationIndicators.staffBands.${b.key}`),
                value: b.organizations,
              }))}
            />
            <IndicatorsBarChart
              percent
              label={t('organizationIndicators.charts.byVenue')}
              items={data.byVenue.map((v) => ({ label: labels.venues[v.key], value: v.share ?? 0 }))}
            />
          </ChartCard>
        </Col>
        <Col xs={24}>
          <ChartCard
            title={
              funding.year === null
                ? t('organizationIndicators.charts.fundingNoYear')
                : t('organizationIndicators.charts.funding', { year: fundingYear })
            }
            note={t('organizationIndicators.charts.fundingNote')}
          >
            {funding.year === null ? (
              <EmptyState description={t('organizationIndicators.noFunding')} />
            ) : (
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={12}>
                  <Typography.Paragraph data-testid="indicators-funding-summary">
                    {t('organizationIndicators.fundingSummary', {
                      own: yuan(funding.ownFen),
                      total: yuan(funding.totalFen),
                      share: percent(funding.share),
                      count: funding.organizations,
                    })}
                  </Typography.Paragraph>
                  <IndicatorsBarChart
                    label={t('organizationIndicators.charts.funding', { year: fundingYear })}
                    items={funding.bySource.map((s) => ({
                      label: FUNDING_SOURCE_NAMES[locale][s.source],
                      value: s.amountFen / 100,
                    }))}
                  />
                </Col>
                <Col xs={24} lg={12}>
                  <Typography.Paragraph>
                    {t('organizationIndicators.charts.fundingBands')}
                  </Typography.Paragraph>
                  <IndicatorsBarChart
                    label={t('organizationIndicators.charts.fundingBands')}
                    items={funding.byBand.map((b) => ({
                      label: t(`organizationIndicators.fundingBands.${b.key}`),
                      value: b.organizations,
                    }))}
                  />
                </Col>
              </Row>
            )}
          </ChartCard>
        </Col>
      </Row>

      <Card
        size="small"
        title={
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('organizationIndicators.belowTitle')}
          </Typography.Title>
        }
      >
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('organizationIndicators.targetNote', {
            source: data.target.source,
            community: data.target.community,
            village: data.target.village,
          })}
        </Typography.Paragraph>
        <Table<CommunityIndicator>
          data-testid="indicators-below-table"
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={data.belowTarget}
          loading={query.isFetching}
          locale={{ emptyText: <EmptyState description={t('organizationIndicators.belowEmpty')} /> }}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data.belowTarget.length,
            showSizeChanger: false,
            size: 'small',
            hideOnSinglePage: true,
            showTotal: (total) => t('organizationIndicators.total', { total }),
            onChange: setPage,
          }}
        />
      </Card>
    </>
  );
}
