import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, List, Pagination, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import type { EventList, EventListItem } from '../events.types.ts';
import { EventStateText, OverdueMark } from './event-state.tsx';

interface EventCardsProps {
  query: { data?: EventList | undefined; error: unknown; isLoading: boolean; refetch: () => unknown };
  empty: ReactNode;
  /** The button of each card (办理, 去评价 …); it opens the phone event page. */
  actionLabel: (event: EventListItem) => string;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  testId: string;
}

/** Events as cards for a phone: number, state, overdue, what and where, and one big button. */
export function EventCards({ query, empty, actionLabel, page, pageSize, onPage, testId }: EventCardsProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  if (query.error) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  return (
    <>
      <List
        loading={query.isLoading}
        dataSource={items}
        data-testid={testId}
        locale={{ emptyText: <EmptyState description={empty} /> }}
        renderItem={(e) => (
          <List.Item style={{ padding: '6px 0', borderBlockEnd: 0 }}>
            <Card size="small" style={{ width: '100%' }} data-testid={`event-card-${e.no}`}>
              <Flex vertical gap={6}>
                <Flex justify="space-between" wrap gap={8}>
                  <Typography.Text strong>{e.categoryName}</Typography.Text>
                  <EventStateText state={e.state} />
                </Flex>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {e.description}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {e.no} · {e.gridName} · {formatDateTime(e.reportedAt, locale)}
                </Typography.Text>
                {e.overdue ? <OverdueMark dueAt={e.dueAt} /> : null}
                <Button
                  type="primary"
                  block
                  icon={<RightOutlined aria-hidden />}
                  aria-label={`${actionLabel(e)} ${e.no}`}
                  onClick={() => void navigate(`/m/events/${e.id}`)}
                >
                  {actionLabel(e)}
                </Button>
              </Flex>
            </Card>
          </List.Item>
        )}
      />
      {(query.data?.total ?? 0) > pageSize ? (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Pagination
            simple
            size="small"
            current={page}
            pageSize={pageSize}
            total={query.data?.total ?? 0}
            onChange={onPage}
            showTotal={(total) => t('events.desk.total', { total })}
          />
        </Flex>
      ) : null}
    </>
  );
}
