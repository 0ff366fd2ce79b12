import { REVIEW_STATE_NAMES } from '@linli/common';
import { Breadcrumb, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { ApplicationAttachments } from '../components/application-attachments.tsx';
import { Yuan } from '../components/money.tsx';
import { ScoreSheet } from '../components/score-sheet.tsx';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';
import { useReview } from '../hooks/use-reviews.ts';

/** One assignment: the application as submitted, beside the reviewer's declaration and score sheet. */
export function ReviewSheetPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useFundingLabels();
  const review = useReview(id);
  if (review.error) return <ErrorAlert error={review.error} onRetry={() => void review.refetch()} />;
  const r = review.data;
  if (!r) return <PageLoading />;
  const app = r.application;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[
              { title: <Link to="/my-reviews">{t('review.myReviews.title')}</Link> },
              { title: r.applicationTitle },
            ]}
          />
        }
        title={t('review.sheet.title', { title: r.applicationTitle })}
        subtitle={
          <>
            <Tag data-testid="review-state">{REVIEW_STATE_NAMES[locale][r.state]}</Tag>
            {r.callTitle}
          </>
        }
      />
      <Flex wrap gap={16} align="flex-start">
        <Card size="small" title={t('review.sheet.application')} style={{ flex: '1 1 360px', minWidth: 0 }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('review.sheet.organization')}>{r.organizationName}</Descriptions.Item>
            <Descriptions.Item label={t('funding.focusArea')}>
              {labels.focusAreas[app.focusArea as keyof typeof labels.focusAreas] ?? app.focusArea}
            </Descriptions.Item>
            <Descriptions.Item label={t('review.sheet.requested')}>
              <Yuan fen={app.requestedFen} />
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 15 }}>
            {t('review.sheet.plan')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{app.plan}</Typography.Paragraph>
          <Typography.Title level={2} style={{ fontSize: 15 }}>
            {t('review.sheet.outcomes')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{app.outcomes}</Typography.Paragraph>
          <Typography.Title level={2} style={{ fontSize: 15 }}>
            {t('review.sheet.budget')}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={app.budgetLines}
            columns={[
              { key: 'item', title: t('funding.applications.lineItem'), dataIndex: 'item' },
              {
                key: 'amount',
                title: t('funding.applications.lineAmount'),
                align: 'right',
                render: (_, l) => <Yuan fen={l.amountFen} />,
              },
            ]}
          />
          <div style={{ marginTop: 16 }}>
            <ApplicationAttachments source={{ kind: 'review', id: r.id }} editable={false} />
          </div>
        </Card>
        <div style={{ flex: '1 1 360px', minWidth: 0 }}>
          <ScoreSheet key={`${r.id}-${r.version}`} review={r} />
        </div>
      </Flex>
    </>
  );
}
