import { Breadcrumb, Card, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { useGradeNotice } from '../hooks/use-grading.ts';

/** 公示: a round's results for everyone signed in, with the period in which 复核 may be requested. */
export function GradeNoticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const notice = useGradeNotice(id);
  if (notice.error) return <ErrorAlert error={notice.error} onRetry={() => void notice.refetch()} />;
  if (!notice.data) return <PageLoading />;
  const n = notice.data;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[{ title: <Link to="/grading">{t('grading.title')}</Link> }, { title: n.title }]}
          />
        }
        title={`${t('grading.notice.title')} · ${n.title}`}
        subtitle={t('grading.notice.period', { from: n.publishedOn, to: n.endsOn })}
      />
      <Card size="small">
        <Table
          data-testid="grade-notice"
          rowKey="organizationName"
          size="small"
          pagination={false}
          dataSource={n.entries}
          locale={{
            emptyText: <Typography.Text type="secondary">{t('grading.notice.empty')}</Typography.Text>,
          }}
          columns={[
            { key: 'org', title: t('grading.evaluation.organization'), dataIndex: 'organizationName' },
            {
              key: 'kind',
              title: t('grading.round.kinds'),
              render: (_, e) => t(`grading.kinds.${e.organizationKind as 'social_group'}`),
            },
            { key: 'score', title: t('grading.evaluation.committeeScore'), dataIndex: 'committeeScore' },
            {
              key: 'grade',
              title: t('grading.evaluation.proposedGrade'),
              render: (_, e) => e.grade ?? t('grading.evaluation.noGrade'),
            },
            {
              key: 'state',
              title: t('grading.evaluation.state'),
              render: (_, e) => t(`grading.states.${e.state}`),
            },
          ]}
        />
      </Card>
    </>
  );
}
