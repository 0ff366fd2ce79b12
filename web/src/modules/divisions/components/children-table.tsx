import { Card, Input, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatCount } from '../../../ui/format.ts';
import { divisionPaths } from '../divisions.paths.ts';
import type { DivisionSummary } from '../divisions.types.ts';
import { useDivisionChildren } from '../hooks/use-division-children.ts';
import { useDivisionLabels } from '../hooks/use-division-labels.ts';

const PAGE_SIZES = [10, 20, 50, 100];

/** Direct children of a division, paged and filtered on the server; a row opens that division. */
export function ChildrenTable({ code }: { code: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { levelName } = useDivisionLabels();
  const [filter, setFilter] = useState('');
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const query = {
    limit: page.pageSize,
    offset: (page.current - 1) * page.pageSize,
    ...(filter ? { q: filter } : {}),
  };
  const children = useDivisionChildren(code, query);

  const columns: TableColumnsType<DivisionSummary> = [
    {
      key: 'name',
      title: t('divisions.children.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <Link to={divisionPaths.browser(row.code)} onClick={(event) => event.stopPropagation()}>
          {name}
        </Link>
      ),
    },
    {
      key: 'code',
      title: t('divisions.children.code'),
      dataIndex: 'code',
      responsive: ['md'],
      render: (value: string) => <code>{value}</code>,
    },
    {
      key: 'level',
      title: t('divisions.children.level'),
      dataIndex: 'level',
      render: (level: DivisionSummary['level']) => levelName(level),
    },
    {
      key: 'population',
      title: t('divisions.children.population'),
      dataIndex: 'population',
      align: 'right',
      render: (value: number | null) => formatCount(value, locale),
    },
    {
      key: 'households',
      title: t('divisions.children.households'),
      dataIndex: 'households',
      align: 'right',
      responsive: ['sm'],
      render: (value: number | null) => formatCount(value, locale),
    },
    {
      key: 'childCount',
      title: t('divisions.children.childCount'),
      dataIndex: 'childCount',
      align: 'right',
      responsive: ['sm'],
    },
    {
      key: 'hasBoundary',
      title: t('divisions.children.boundary'),
      dataIndex: 'hasBoundary',
      responsive: ['lg'],
      render: (value: boolean) =>
        value ? t('divisions.children.hasBoundary') : t('divisions.children.noBoundary'),
    },
  ];

  return (
    <Card
      title={t('divisions.children.title')}
      size="small"
      extra={
        <Input.Search
          allowClear
          aria-label={t('divisions.children.filterLabel')}
          placeholder={t('divisions.children.filterPlaceholder')}
          style={{ width: 200, maxWidth: '45vw' }}
          onSearch={(value) => {
            setFilter(value.trim());
            setPage((prev) => ({ ...prev, current: 1 }));
          }}
        />
      }
    >
      {children.error ? (
        <ErrorAlert error={children.error} onRetry={() => void children.refetch()} />
      ) : (
        <Table<DivisionSummary>
          data-testid="children-table"
          rowKey="code"
          size="small"
          columns={columns}
          dataSource={children.data?.items ?? []}
          loading={children.isFetching}
          locale={{ emptyText: <EmptyState description={t('divisions.children.empty')} /> }}
          scroll={{ x: 'max-content' }}
          rowClassName={() => 'clickable-row'}
          onRow={(row) => ({ onClick: () => navigate(divisionPaths.browser(row.code)) })}
          pagination={{
            current: page.current,
            pageSize: page.pageSize,
            total: children.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            size: 'small',
            showTotal: (total) => (
              <Typography.Text>{t('divisions.children.total', { total })}</Typography.Text>
            ),
            onChange: (current, pageSize) =>
              setPage((prev) => ({ current: pageSize === prev.pageSize ? current : 1, pageSize })),
          }}
        />
      )}
    </Card>
  );
}
