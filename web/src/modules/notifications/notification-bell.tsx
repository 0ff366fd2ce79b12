import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLocale } from '../../i18n/index.ts';
import { formatDateTime } from '../../ui/format.ts';
import { useActiveSession } from '../auth/hooks/use-auth.ts';
import {
  useLatestNotifications,
  useLiveNotifications,
  useMarkAllRead,
  useMarkRead,
} from './use-notifications.ts';

/** The header's bell: unread count, the latest messages, live updates while the page is open. */
export function NotificationBell() {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const session = useActiveSession();
  const [open, setOpen] = useState(false);
  const signedIn = Boolean(session);
  const latest = useLatestNotifications(signedIn);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const go = useCallback(
    (link: string) => {
      setOpen(false);
      navigate(link);
    },
    [navigate],
  );
  useLiveNotifications(signedIn, go);
  if (!session) return null;
  const unread = latest.data?.unread ?? 0;
  const items = latest.data?.items ?? [];

  const content = (
    <Flex vertical style={{ width: 320, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-list">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('notifications.markAll')}
        </Button>
      </Flex>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item) => (
            <List.Item
              style={{ cursor: item.link ? 'pointer' : undefined, paddingInline: 4 }}
              onClick={() => {
                if (!item.read) markRead.mutate(item.id);
                if (item.link) go(item.link);
              }}
            >
              <List.Item.Meta
                title={
                  <Typography.Text strong={!item.read}>
                    {item.read ? null : <span className="sr-only">{t('notifications.unreadMark')}</span>}
                    {item.title}
                  </Typography.Text>
                }
                description={
                  <>
                    {item.body ? <div>{item.body}</div> : null}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(item.createdAt, locale)}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Flex>
  );

  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content}>
      <Button
        type="text"
        data-testid="btn-notifications"
        aria-label={t('notifications.bell', { count: unread })}
        icon={
          // A plain count, not the badge's scrolling digits, so the visible text is part of the button's name.
          <Badge
            size="small"
            count={
              unread > 0 ? <span className="notification-count">{unread > 99 ? '99+' : unread}</span> : 0
            }
          >
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
