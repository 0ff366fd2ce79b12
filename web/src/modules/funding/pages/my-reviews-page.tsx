import { REVIEW_STATE_NAMES } from '@linli/common';
import { Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useMyReviews } from '../hooks/use-reviews.ts';

const STATE_COLORS = {
  assigned: 'processing',
  scoring: 'blue',
  submitted: 'success',
  conflicted: undefined,
} as const;

/** The evaluator's assignments (我的评审): what waits for a declaration or scores first. */
export function MyReviewsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [page, setPage] = useState(1);
  const reviews = useMyReviews({ limit: 20, offset: (page - 1) * 20 });
  return (
    <>
      <PageHeader title={t('review.myReviews.title')} subtitle={t('review.myReviews.subtitle')} />
      {reviews.error ? <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} /> : null}
      <Table
        rowKey="id"
        size="middle"
        loading={reviews.isLoading}
        data-testid="my-reviews"
        dataSource={reviews.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('review.myReviews.empty')} /> }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: reviews.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            key: 'project',
            title: t('review.myReviews.project'),
            render: (_, r) => (
              <Link
                to={`/my-reviews/${r.id}`}
                aria-label={`${t('review.myReviews.open')}：${r.applicationTitle}`}
              >
                {r.applicationTitle}
              </Link>
            ),
          },
          { key: 'org', title: t('review.sheet.organization'), dataIndex: 'organizationName' },
          { key: 'call', title: t('review.myReviews.call'), dataIndex: 'callTitle' },
          {
            key: 'state',
            title: t('review.myReviews.state'),
            render: (_, r) => <Tag color={STATE_COLORS[r.state]}>{REVIEW_STATE_NAMES[locale][r.state]}</Tag>,
          },
          {
            key: 'total',
            title: t('review.myReviews.total'),
            align: 'right',
            render: (_, r) => r.totalPoints ?? '—',
          },
        ]}
      />
    </>
  );
}
