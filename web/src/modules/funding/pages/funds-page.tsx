import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { beijingToday } from '@linli/common';
import {
  App,
  Button,
  Card,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { toFen, Yuan, YuanInput } from '../components/money.tsx';
import type { Fund, FundPosting, FundQuery, FundSummary } from '../funding.types.ts';
import {
  useAdjustFund,
  useCreateFund,
  useExport,
  useFundPostings,
  useFundSummary,
  useFunds,
  useUpdateFund,
} from '../hooks/use-funding.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';

const PAGE_SIZE = 20;
const thisYear = Number(beijingToday().slice(0, 4));

/** 资金: the year's funds with budget, committed, paid and remaining, by channel and focus area. */
export function FundsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const { can } = usePermissions();
  const [filters, setFilters] = useState<FundQuery>({ year: thisYear });
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Fund | 'new' | undefined>();
  const [ledger, setLedger] = useState<Fund | undefined>();
  const summary = useFundSummary(filters.year);
  const list = useFunds({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const exporter = useExport();
  const update = (change: FundQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };

  const columns: TableColumnsType<Fund> = [
    {
      key: 'name',
      title: t('funding.funds.name'),
      render: (_, f) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => setLedger(f)}
        >
          {f.name}
        </Button>
      ),
    },
    { key: 'channel', title: t('funding.funds.channel'), render: (_, f) => labels.channels[f.channel] },
    {
      key: 'focus',
      title: t('funding.focusArea'),
      responsive: ['md'],
      render: (_, f) => f.focusAreas.map((a) => <Tag key={a}>{labels.focusAreas[a]}</Tag>),
    },
    {
      key: 'budget',
      title: t('funding.funds.budget'),
      align: 'right',
      render: (_, f) => <Yuan fen={f.budgetFen} />,
    },
    {
      key: 'committed',
      title: t('funding.funds.committed'),
      align: 'right',
      render: (_, f) => <Yuan fen={f.committedFen} />,
    },
    {
      key: 'paid',
      title: t('funding.funds.paid'),
      align: 'right',
      responsive: ['md'],
      render: (_, f) => <Yuan fen={f.paidFen} />,
    },
    {
      key: 'remaining',
      title: t('funding.funds.remaining'),
      align: 'right',
      render: (_, f) => <Yuan fen={f.remainingFen} />,
    },
    ...(can('fund:write')
      ? [
          {
            key: 'actions',
            title: t('funding.actions'),
            render: (_: unknown, f: Fund) => (
              <Button size="small" onClick={() => setEditing(f)}>
                {t('funding.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('funding.funds.title')}
        subtitle={t('funding.funds.subtitle')}
        extra={
          <>
            {can('fund:write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                data-testid="btn-fund-create"
                onClick={() => setEditing('new')}
              >
                {t('funding.funds.create')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(
                  { list: 'funds', query: filters },
                  {
                    onSuccess: (file) => void message.success(t('funding.exported', { file })),
                    onError: (error) => void message.error(messageOf(error)),
                  },
                )
              }
            >
              {t('funding.export')}
            </Button>
          </>
        }
      />
      <SummaryCards summary={summary.data} />
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <InputNumber<number>
            style={{ width: 120 }}
            min={2000}
            max={2100}
            aria-label={t('funding.funds.year')}
            placeholder={t('funding.funds.year')}
            value={filters.year}
            onChange={(year) => update({ year: year ?? undefined })}
          />
          <Select
            allowClear
            style={{ width: 160 }}
            aria-label={t('funding.funds.channel')}
            placeholder={t('funding.funds.channel')}
            options={labels.channelOptions}
            value={filters.channel}
            onChange={(channel) => update({ channel })}
          />
          <Select
            allowClear
            style={{ width: 160 }}
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
          <Table<Fund>
            data-testid="fund-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: <EmptyState description={t('funding.funds.empty')} /> }}
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
      {editing ? (
        <FundForm fund={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />
      ) : null}
      <LedgerDrawer fund={ledger} onClose={() => setLedger(undefined)} />
    </>
  );
}

function SummaryCards({ summary }: { summary: FundSummary | undefined }) {
  const { t } = useTranslation();
  const labels = useFundingLabels();
  const yuan = (fen: number | undefined) => (fen === undefined ? '—' : <Yuan fen={fen} />);
  return (
    <Flex vertical gap={16} style={{ marginBottom: 16 }}>
      <Card size="small" data-testid="fund-summary">
        <Flex wrap gap={32}>
          <Statistic title={t('funding.funds.budget')} valueRender={() => yuan(summary?.budgetFen)} />
          <Statistic title={t('funding.funds.committed')} valueRender={() => yuan(summary?.committedFen)} />
          <Statistic title={t('funding.funds.paid')} valueRender={() => yuan(summary?.paidFen)} />
          <Statistic title={t('funding.funds.remaining')} valueRender={() => yuan(summary?.remainingFen)} />
        </Flex>
      </Card>
      <Flex wrap gap={16}>
        <Card size="small" title={t('funding.funds.byChannel')} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Table
            size="small"
            rowKey="channel"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={summary?.byChannel ?? []}
            locale={{ emptyText: <EmptyState description={t('funding.funds.empty')} /> }}
            columns={[
              { key: 'c', title: t('funding.funds.channel'), render: (_, r) => labels.channels[r.channel] },
              {
                key: 'b',
                title: t('funding.funds.budget'),
                align: 'right',
                render: (_, r) => <Yuan fen={r.budgetFen} />,
              },
              {
                key: 'm',
                title: t('funding.funds.committed'),
                align: 'right',
                render: (_, r) => <Yuan fen={r.committedFen} />,
              },
              {
                key: 'r',
                title: t('funding.funds.remaining'),
                align: 'right',
                render: (_, r) => <Yuan fen={r.remainingFen} />,
              },
            ]}
          />
        </Card>
        <Card size="small" title={t('funding.funds.byFocusArea')} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Table
            size="small"
            rowKey="focusArea"
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="fund-by-area"
            dataSource={summary?.byFocusArea ?? []}
            locale={{ emptyText: <EmptyState description={t('funding.funds.empty')} /> }}
            columns={[
              { key: 'a', title: t('funding.focusArea'), render: (_, r) => labels.focusAreas[r.focusArea] },
              { key: 'n', title: t('funding.funds.awarded'), align: 'right', dataIndex: 'awarded' },
              {
                key: 'b',
                title: t('funding.funds.budget'),
                align: 'right',
                render: (_, r) => <Yuan fen={r.budgetFen} />,
              },
              {
                key: 'm',
                title: t('funding.funds.committed'),
                align: 'right',
                render: (_, r) => <Yuan fen={r.committedFen} />,
              },
              {
                key: 'p',
                title: t('funding.funds.paid'),
                align: 'right',
                render: (_, r) => <Yuan fen={r.paidFen} />,
              },
              {
                key: 'r',
                title: t('funding.funds.remaining'),
                align: 'right',
                render: (_, r) => <Yuan fen={r.remainingFen} />,
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('fundingExtras.area.hint')}
          </Typography.Paragraph>
        </Card>
      </Flex>
    </Flex>
  );
}

interface FundValues {
  year: number;
  channel: Fund['channel'];
  name: string;
  focusAreas: Fund['focusAreas'];
  budgetYuan: number;
  note?: string;
}

function FundForm({ fund, onClose }: { fund: Fund | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const [form] = Form.useForm<FundValues>();
  const create = useCreateFund();
  const update = useUpdateFund(fund?.id ?? '');
  const pending = create.isPending || update.isPending;
  const save = (v: FundValues) => {
    const done = {
      onSuccess: () => {
        void message.success(t('funding.saved'));
        onClose();
      },
      onError: (error: unknown) => void message.error(messageOf(error)),
    };
    if (fund)
      update.mutate(
        {
          version: fund.version,
          name: v.name,
          focusAreas: v.focusAreas,
          budgetFen: toFen(v.budgetYuan),
          note: v.note || null,
        },
        done,
      );
    else
      create.mutate(
        {
          year: v.year,
          channel: v.channel,
          name: v.name,
          focusAreas: v.focusAreas,
          budgetFen: toFen(v.budgetYuan),
          note: v.note || null,
        },
        done,
      );
  };
  return (
    <Modal
      open
      title={fund ? t('funding.funds.edit') : t('funding.funds.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': 'btn-fund-save' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<FundValues>
        form={form}
        layout="vertical"
        data-testid="fund-form"
        initialValues={
          fund
            ? {
                year: fund.year,
                channel: fund.channel,
                name: fund.name,
                focusAreas: fund.focusAreas,
                budgetYuan: fund.budgetFen / 100,
                note: fund.note ?? '',
              }
            : { year: thisYear, focusAreas: [] }
        }
        onFinish={save}
      >
        <Form.Item name="year" label={t('funding.funds.year')} rules={[{ required: true }]}>
          <InputNumber<number> min={2000} max={2100} disabled={Boolean(fund)} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="channel"
          label={t('funding.funds.channel')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Select options={labels.channelOptions} disabled={Boolean(fund)} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('funding.funds.name')}
          rules={[{ required: true, min: 2, max: 100, message: t('funding.nameRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="focusAreas"
          label={t('funding.focusArea')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Select mode="multiple" options={labels.focusOptions} />
        </Form.Item>
        <Form.Item
          name="budgetYuan"
          label={t('funding.funds.budgetYuan')}
          extra={
            fund
              ? t('funding.funds.budgetHint', { committed: (fund.committedFen / 100).toFixed(2) })
              : undefined
          }
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <YuanInput />
        </Form.Item>
        <Form.Item name="note" label={t('funding.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function LedgerDrawer({ fund, onClose }: { fund: Fund | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const { can } = usePermissions();
  const [page, setPage] = useState(1);
  const postings = useFundPostings(fund?.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const adjust = useAdjustFund(fund?.id ?? '');
  const [form] = Form.useForm<{ amountYuan: number; reason: string }>();
  const columns: TableColumnsType<FundPosting> = [
    { key: 'at', title: t('funding.ledger.at'), render: (_, p) => formatDateTime(p.at, locale) },
    { key: 'kind', title: t('funding.ledger.kind'), render: (_, p) => labels.postingKinds[p.kind] },
    {
      key: 'amount',
      title: t('funding.ledger.amount'),
      align: 'right',
      render: (_, p) => <Yuan fen={p.amountFen} />,
    },
    {
      key: 'ref',
      title: t('funding.ledger.reference'),
      render: (_, p) => (
        <Flex vertical>
          {p.contractId && p.referenceTitle ? (
            <Link
              to={`/contracts/${p.contractId}`}
              aria-label={t('fundingExtras.ledger.openContract', { title: p.referenceTitle })}
            >
              {p.referenceTitle}
            </Link>
          ) : (
            (p.referenceTitle ?? (p.reason ? null : '—'))
          )}
          {p.trancheSeq ? (
            <Typography.Text type="secondary">
              {t('fundingExtras.ledger.tranche', { seq: p.trancheSeq })}
            </Typography.Text>
          ) : null}
          {p.reason ? <Typography.Text type="secondary">{p.reason}</Typography.Text> : null}
        </Flex>
      ),
    },
    { key: 'actor', title: t('funding.ledger.actor'), dataIndex: 'actorName', responsive: ['md'] },
  ];
  return (
    <Drawer open={Boolean(fund)} onClose={onClose} title={fund?.name} size="large" destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('funding.ledger.hint')}</Typography.Paragraph>
      <Table<FundPosting>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={postings.data?.items ?? []}
        loading={postings.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <EmptyState description={t('funding.ledger.empty')} /> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: postings.data?.total ?? 0,
          size: 'small',
          onChange: setPage,
        }}
      />
      {can('fund:write') && fund ? (
        <Card size="small" title={t('funding.ledger.adjust')} style={{ marginTop: 16 }}>
          <Form
            form={form}
            layout="vertical"
            onFinish={(v) =>
              adjust.mutate(
                { amountFen: Math.round(v.amountYuan * 100), reason: v.reason },
                {
                  onSuccess: () => {
                    form.resetFields();
                    void message.success(t('funding.saved'));
                  },
                  onError: (error) => void message.error(messageOf(error)),
                },
              )
            }
          >
            <Form.Item
              name="amountYuan"
              label={t('funding.ledger.adjustAmount')}
              rules={[{ required: true, message: t('funding.required') }]}
            >
              <InputNumber<number> precision={2} style={{ width: '100%' }} prefix="¥" />
            </Form.Item>
            <Form.Item
              name="reason"
              label={t('funding.ledger.reason')}
              rules={[{ required: true, min: 2, message: t('funding.required') }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Button htmlType="submit" loading={adjust.isPending}>
              {t('funding.ledger.adjust')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Drawer>
  );
}
