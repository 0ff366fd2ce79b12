import { DownloadOutlined } from '@ant-design/icons';
import { FAIR_ORG_CLASS_NAMES } from '@linli/common';
import { Alert, App, Button, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { Yuan } from '../../funding/components/money.tsx';
import { FairStateTag } from '../components/fair-tags.tsx';
import { type FairFigures, useExportFigures, useFigures } from '../hooks/use-fair.ts';

type Edition = FairFigures['byEdition'][number];
type ClassRow = FairFigures['byClass'][number];
type CategoryRow = FairFigures['byCategory'][number];

/** 成果统计 (R5.4): organizations connected, categories covered, projects signed — from the records. */
export function FairFiguresPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const figures = useFigures();
  const exporter = useExportFigures();
  if (figures.error) return <ErrorAlert error={figures.error} onRetry={() => void figures.refetch()} />;
  if (!figures.data) return <PageLoading />;
  const f = figures.data;
  const counts = [
    {
      key: 'organizations',
      title: t('fair.figures.organizations'),
      render: (_: unknown, r: { organizations: number }) => r.organizations,
      align: 'right' as const,
    },
    {
      key: 'categories',
      title: t('fair.figures.categories'),
      render: (_: unknown, r: { categories: number }) => r.categories,
      align: 'right' as const,
    },
    {
      key: 'projects',
      title: t('fair.figures.projects'),
      render: (_: unknown, r: { projects: number }) => r.projects,
      align: 'right' as const,
    },
    {
      key: 'fen',
      title: t('fair.figures.signedFen'),
      render: (_: unknown, r: { signedFen: number }) => <Yuan fen={r.signedFen} />,
      align: 'right' as const,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('fair.figures.title')}
        subtitle={t('fair.figures.subtitle')}
        extra={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            loading={exporter.isPending}
            onClick={() =>
              exporter.mutate(undefined, {
                onSuccess: (file) => void message.success(t('fair.figures.exported', { file })),
                onError: (error) => void message.error(messageOf(error)),
              })
            }
          >
            {t('fair.figures.export')}
          </Button>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('fair.figures.organizations')} value={f.total.organizations} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('fair.figures.categories')} value={f.total.categories} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('fair.figures.projects')} value={f.total.projects} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('fair.figures.signedFen')}
              value={f.total.signedFen / 100}
              precision={2}
              prefix="¥"
            />
          </Card>
        </Col>
      </Row>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('fair.figures.definitions')} />
      <Card size="small" title={t('fair.figures.byEdition')} style={{ marginBottom: 12 }}>
        <Table<Edition>
          data-testid="fair-figures-editions"
          rowKey="fairId"
          size="small"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={f.byEdition}
          columns={[
            { key: 'name', title: t('fair.figures.edition'), dataIndex: 'name' },
            { key: 'heldOn', title: t('fair.list.heldOn'), dataIndex: 'heldOn' },
            { key: 'state', title: t('fair.list.state'), render: (_, e) => <FairStateTag state={e.state} /> },
            ...counts,
            {
              key: 'cumulative',
              title: '',
              render: (_, e) =>
                t('fair.figures.cumulative', {
                  organizations: e.cumulativeOrganizations,
                  categories: e.cumulativeCategories,
                  projects: e.cumulativeProjects,
                }),
            },
          ]}
        />
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('fair.figures.byClass')}>
            <Table<ClassRow>
              rowKey="orgClass"
              size="small"
              pagination={false}
              dataSource={f.byClass}
              columns={[
                {
                  key: 'class',
                  title: t('fair.figures.orgClass'),
                  render: (_, c) => FAIR_ORG_CLASS_NAMES[locale][c.orgClass],
                },
                ...counts.slice(0, 3),
              ]}
            />
            <Typography.Text type="secondary">{t('fair.figures.classNote')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('fair.figures.byCategory')}>
            <Table<CategoryRow>
              rowKey="code"
              size="small"
              pagination={{ pageSize: 15, size: 'small', showSizeChanger: false }}
              dataSource={f.byCategory}
              columns={[
                { key: 'name', title: t('fair.fair.category'), dataIndex: 'name' },
                {
                  key: 'class',
                  title: t('fair.figures.orgClass'),
                  render: (_, c) => FAIR_ORG_CLASS_NAMES[locale][c.orgClass],
                },
                counts[0]!,
                counts[2]!,
                counts[3]!,
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
