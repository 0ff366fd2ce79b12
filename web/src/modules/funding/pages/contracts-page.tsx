import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { CONTRACT_STATE_NAMES, CONTRACT_STATES } from '@linli/common';
import { App, Button, Card, Flex, Input, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { ContractForm } from '../components/contract-form.tsx';
import { ContractStateTag } from '../components/contract-state-tag.tsx';
import { Yuan } from '../components/money.tsx';
import {
  type ContractQuery,
  type ContractSummary,
  useContracts,
  useExportContracts,
} from '../hooks/use-contracts.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';

const PAGE_SIZE = 20;

/**
 * 合同与评价: the district's contracts (drafting, export of contracts and payments); an
 * organization sees its own, an evaluator those it is assigned, a street or community its area's.
 */
export function ContractsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const [filters, setFilters] = useState<ContractQuery>({});
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useContracts({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const exporter = useExportContracts();
  const update = (change: ContractQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const columns: TableColumnsType<ContractSummary> = [
    {
      key: 'title',
      title: t('contracts.project'),
      render: (_, c) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => void navigate(`/contracts/${c.id}`)}
        >
          {c.title}
        </Button>
      ),
    },
    { key: 'org', title: t('contracts.organization'), dataIndex: 'organizationName', responsive: ['md'] },
    {
      key: 'state',
      title: t('contracts.state'),
      render: (_, c) => <ContractStateTag state={c.state} />,
    },
    {
      key: 'amount',
      title: t('contracts.amount'),
      align: 'right',
      render: (_, c) => <Yuan fen={c.amountFen} />,
    },
    { key: 'paid', title: t('contracts.paid'), align: 'right', render: (_, c) => <Yuan fen={c.paidFen} /> },
    { key: 'evaluator', title: t('contracts.evaluator'), dataIndex: 'evaluatorName', responsive: ['lg'] },
    {
      key: 'term',
      title: t('contracts.term'),
      responsive: ['lg'],
      render: (_, c) => t('contracts.termValue', { startsOn: c.startsOn, endsOn: c.endsOn }),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('contracts.title')}
        subtitle={t('contracts.subtitle')}
        extra={
          <>
            {can('contract:write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                data-testid="btn-contract-create"
                onClick={() => setCreating(true)}
              >
                {t('contracts.create')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(filters, {
                  onSuccess: (file) => void message.success(t('contracts.exported', { file })),
                  onError: (error) => void message.error(messageOf(error)),
                })
              }
            >
              {t('contracts.export')}
            </Button>
          </>
        }
      />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('contracts.search')}
            aria-label={t('contracts.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            aria-label={t('contracts.state')}
            placeholder={t('contracts.state')}
            options={CONTRACT_STATES.map((value) => ({ value, label: CONTRACT_STATE_NAMES[locale][value] }))}
            value={filters.state}
            onChange={(state) => update({ state })}
          />
          <Select
            allowClear
            style={{ width: 150 }}
            aria-label={t('funding.focusArea')}
            placeholder={t('funding.focusArea')}
            options={labels.focusOptions}
            value={filters.focusArea}
            onChange={(focusArea) => update({ focusArea })}
          />
        </Flex>
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ContractSummary>
            data-testid="contract-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{
              emptyText: (
                <EmptyState
                  description={can('contract:write') ? t('contracts.emptyDistrict') : t('contracts.empty')}
                />
              ),
            }}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              size: 'small',
              onChange: setPage,
            }}
          />
        )}
      </Card>
      {creating ? (
        <ContractForm
          onClose={() => setCreating(false)}
          onSaved={(id) => void navigate(`/contracts/${id}`)}
        />
      ) : null}
    </>
  );
}
