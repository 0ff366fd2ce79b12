import { App, Button, Popconfirm, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../app/api/api-error.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { gridPaths } from '../grids.paths.ts';
import type { GridAssignment } from '../grids.types.ts';
import { useEndAssignment } from '../hooks/use-grids.ts';

interface RosterTableProps {
  items: GridAssignment[];
  total: number;
  page: number;
  pageSize: number;
  loading: boolean;
  onPage: (page: number) => void;
  /** Show where each person serves (the district or street list); a grid's own page leaves it out. */
  showGrid: boolean;
  empty: ReactNode;
}

/** The roster as a table: who, which duty, since when; people still on duty can be ended from here. */
export function RosterTable({
  items,
  total,
  page,
  pageSize,
  loading,
  onPage,
  showGrid,
  empty,
}: RosterTableProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const end = useEndAssignment();

  const onEnd = (a: GridAssignment) =>
    end.mutate(
      { id: a.id, body: { version: a.version } },
      {
        onSuccess: () => void message.success(t('grids.end.done', { name: a.personName })),
        onError: (error) =>
          void message.error(
            error instanceof ApiError && error.is('conflict.version')
              ? t('grids.conflict')
              : messageOf(error),
          ),
      },
    );

  const columns: TableColumnsType<GridAssignment> = [
    ...(showGrid
      ? [
          { key: 'community', title: t('grids.columns.community'), dataIndex: 'communityName' },
          {
            key: 'grid',
            title: t('grids.columns.grid'),
            render: (_: unknown, a: GridAssignment) => (
              <Link to={gridPaths.grid(a.gridCode)}>{a.gridName}</Link>
            ),
          },
        ]
      : []),
    {
      key: 'duty',
      title: t('grids.columns.duty'),
      render: (_, a) => (a.leader ? <Tag color="purple">{a.dutyName}</Tag> : a.dutyName),
    },
    { key: 'name', title: t('grids.columns.name'), dataIndex: 'personName' },
    { key: 'phone', title: t('grids.columns.phone'), render: (_, a) => a.phone ?? t('common.none') },
    {
      key: 'account',
      title: t('grids.columns.account'),
      responsive: ['md'],
      render: (_, a) => (a.accountUsername ? <code>{a.accountUsername}</code> : t('common.none')),
    },
    { key: 'from', title: t('grids.columns.from'), dataIndex: 'fromDate' },
    {
      key: 'state',
      title: t('grids.columns.state'),
      render: (_, a) =>
        a.current ? (
          <Tag color="blue">{t('grids.current')}</Tag>
        ) : (
          <Tag>{a.toDate ? t('grids.endedOn', { date: a.toDate }) : t('grids.notStarted')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('grids.columns.actions'),
      render: (_, a) =>
        a.abilities.end && !a.toDate ? (
          <Popconfirm
            title={t('grids.end.confirm', { name: a.personName })}
            okText={t('grids.end.action')}
            cancelText={t('common.cancel')}
            onConfirm={() => onEnd(a)}
          >
            <Button size="small" danger data-testid={`btn-end-${a.id}`}>
              {t('grids.end.action')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Table<GridAssignment>
      data-testid="roster-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      locale={{ emptyText: <EmptyState description={empty} /> }}
      scroll={{ x: 'max-content' }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: false,
        size: 'small',
        hideOnSinglePage: true,
        showTotal: (n) => <Typography.Text>{t('grids.total', { total: n })}</Typography.Text>,
        onChange: onPage,
      }}
    />
  );
}
