import { LogoutOutlined, UserSwitchOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Flex,
  Grid,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useLogoutEverywhere, useMySessions, useRevokeSession } from '../hooks/use-my-sessions.ts';
import type { SessionInfo } from '../profile.types.ts';
import { parseUserAgent } from '../user-agent.ts';
import { CardTitle } from './card-title.tsx';

/**
 * 登录设备: every device signed in to this account (this one tagged 当前设备, 代办中 while acting
 * for a resident) with 下线 for the others and 在所有设备上退出 — for a lost phone or a shared
 * computer.
 */
export function SessionsCard() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const screens = Grid.useBreakpoint();
  const sessions = useMySessions();
  const revoke = useRevokeSession();
  const logoutAll = useLogoutEverywhere();
  const narrow = !(screens.sm ?? true);

  const deviceName = (row: SessionInfo) => {
    const { browser, system } = parseUserAgent(row.userAgent);
    return t('profile.sessions.deviceOn', {
      browser: t(`profile.browsers.${browser}`),
      os: t(`profile.systems.${system}`),
    });
  };

  const columns: TableColumnsType<SessionInfo> = [
    {
      key: 'device',
      title: t('profile.sessions.device'),
      render: (_value, row) => (
        <Flex vertical gap={4}>
          <Typography.Text title={row.userAgent ?? undefined}>{deviceName(row)}</Typography.Text>
          {narrow && row.ip ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.ip}
            </Typography.Text>
          ) : null}
          {row.current || row.actingForName ? (
            <Flex wrap gap={4}>
              {row.current ? (
                <Tag color="blue" data-testid="session-current-tag">
                  {t('profile.sessions.current')}
                </Tag>
              ) : null}
              {row.actingForName ? (
                <Tag icon={<UserSwitchOutlined aria-hidden />} data-testid="session-acting-tag">
                  {t('profile.sessions.acting', { name: row.actingForName })}
                </Tag>
              ) : null}
            </Flex>
          ) : null}
        </Flex>
      ),
    },
    {
      key: 'ip',
      title: t('profile.sessions.ip'),
      dataIndex: 'ip',
      responsive: ['sm'],
      render: (ip: string | null) => ip ?? t('common.none'),
    },
    {
      key: 'createdAt',
      title: t('profile.sessions.signedInAt'),
      dataIndex: 'createdAt',
      responsive: ['md'],
      render: (iso: string) => formatDateTime(iso, locale),
    },
    {
      key: 'lastSeenAt',
      title: t('profile.sessions.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      render: (iso: string) => formatDateTime(iso, locale),
    },
    {
      key: 'actions',
      title: t('profile.sessions.actions'),
      width: 80,
      render: (_value, row) =>
        row.current ? null : (
          <Popconfirm
            title={t('profile.sessions.revokeConfirm')}
            okText={t('profile.sessions.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() =>
              revoke
                .mutateAsync(row.id)
                .then(() => void message.success(t('profile.sessions.revoked')))
                .catch((error: unknown) => void message.error(messageOf(error)))
            }
          >
            <Button
              type="link"
              danger
              size="small"
              style={{ paddingInline: 0 }}
              aria-label={t('profile.sessions.revokeLabel', { device: deviceName(row) })}
              data-testid="session-revoke"
            >
              {t('profile.sessions.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <Card
      title={<CardTitle>{t('profile.sessions.title')}</CardTitle>}
      data-testid="profile-sessions"
      extra={
        <Popconfirm
          title={t('profile.sessions.logoutAllConfirm')}
          okText={t('profile.sessions.logoutAll')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() =>
            logoutAll.mutateAsync().catch((error: unknown) => void message.error(messageOf(error)))
          }
        >
          <Button
            danger
            size={narrow ? 'small' : 'middle'}
            icon={<LogoutOutlined aria-hidden />}
            loading={logoutAll.isPending}
            data-testid="sessions-logout-all"
          >
            {t('profile.sessions.logoutAll')}
          </Button>
        </Popconfirm>
      }
    >
      <Typography.Paragraph type="secondary">{t('profile.sessions.intro')}</Typography.Paragraph>
      {sessions.error ? (
        <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Table<SessionInfo>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={sessions.data ?? []}
          loading={sessions.isPending}
          pagination={false}
          onRow={(row) => ({ 'data-testid': row.current ? 'session-row-current' : 'session-row' }) as object}
          locale={{ emptyText: <EmptyState description={t('profile.sessions.empty')} /> }}
        />
      )}
    </Card>
  );
}
