import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { api, unwrap } from '../../app/api/client.ts';
import { useLocale } from '../../i18n/index.ts';

export const notificationKeys = {
  all: ['notifications'] as const,
  latest: ['notifications', 'latest'] as const,
};

// Few enough to show without an inner scrolling region (one the keyboard could not reach).
const LATEST = 6;

/** The newest messages and the unread count, for the header's bell. */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.latest,
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: LATEST } } })),
    enabled,
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/notifications/read-all')),
    onSettled: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

interface LiveNotification {
  id: number;
  kind: string;
  title: Record<'zh-CN' | 'en-US', string>;
  body: Record<'zh-CN' | 'en-US', string> | null;
  link: string | null;
  unread: number;
}

/**
 * Keeps a server-sent-events stream open while signed in: each new message refreshes the bell and
 * pops up once in the corner. The browser reconnects by itself after the server ends a stream.
 */
export function useLiveNotifications(enabled: boolean, open: (link: string) => void) {
  const client = useQueryClient();
  const locale = useLocale();
  const { notification } = App.useApp();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream');
    source.addEventListener('notification', (event) => {
      const message = JSON.parse((event as MessageEvent<string>).data) as LiveNotification;
      void client.invalidateQueries({ queryKey: notificationKeys.all });
      notification.info({
        key: `notification-${message.id}`,
        message: message.title[locale],
        description: message.body?.[locale],
        placement: 'bottomRight',
        onClick: message.link ? () => open(message.link as string) : undefined,
        style: message.link ? { cursor: 'pointer' } : undefined,
      });
    });
    return () => source.close();
  }, [enabled, client, locale, notification, open]);
}
