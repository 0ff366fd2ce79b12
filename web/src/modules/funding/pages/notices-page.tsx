import { Checkbox, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useNotices } from '../hooks/use-reviews.ts';

/** Public notices of proposed awards (公示), for everyone signed in; running ones can be objected to. */
export function NoticesPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [page, setPage] = useState(1);
  const [running, setRunning] = useState(false);
  const notices = useNotices({ limit: 20, offset: (page - 1) * 20, ...(running ? { running } : {}) });
  return (
    <>
      <PageHeader
        title={t('review.notices.title')}
        subtitle={t('review.notices.subtitle')}
        extra={
          <Checkbox
            checked={running}
            onChange={(e) => {
              setRunning(e.target.checked);
              setPage(1);
            }}
          >
            {t('review.notices.runningOnly')}
          </Checkbox>
        }
      />
      {notices.error ? <ErrorAlert error={notices.error} onRetry={() => void notices.refetch()} /> : null}
      <Table
        rowKey="id"
        size="middle"
        data-testid="notices"
        loading={notices.isLoading}
        dataSource={notices.data?.items ?? []}
        locale={{ emptyText: <EmptyState description={t('review.notices.empty')} /> }}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: notices.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            key: 'title',
            title: t('review.notices.title'),
            render: (_, n) => <Link to={`/notices/${n.id}`}>{n.title}</Link>,
          },
          {
            key: 'period',
            title: t('review.notices.period'),
            render: (_, n) =>
              t('review.notices.periodValue', {
                from: formatDateTime(n.publishedAt, locale),
                to: formatDateTime(n.endsAt, locale),
                days: n.workingDays,
              }),
          },
          {
            key: 'state',
            title: t('funding.applications.state'),
            render: (_, n) =>
              n.running ? (
                <Tag color="processing">{t('review.notices.running')}</Tag>
              ) : (
                <Tag>{t('review.notices.ended')}</Tag>
              ),
          },
          { key: 'items', title: t('review.notices.items'), dataIndex: 'items', align: 'right' },
          {
            key: 'pending',
            title: t('review.notices.pending'),
            dataIndex: 'pendingObjections',
            align: 'right',
          },
        ]}
      />
    </>
  );
}
