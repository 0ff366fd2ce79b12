import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { INCUBATION_CLASSES, INCUBATION_STATES } from '@linli/common';
import {
  App,
  Button,
  Card,
  Collapse,
  Flex,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { ApplyModal } from '../components/apply-modal.tsx';
import { IncubationDrawer } from '../components/incubation-drawer.tsx';
import { STATE_COLORS, useIncubationLabels } from '../hooks/use-incubation-labels.ts';
import { useExportIncubations, useIncubationSummary, useIncubations } from '../hooks/use-incubations.ts';
import type { IncubationCounts, IncubationExportQuery, IncubationSummary } from '../incubation.types.ts';

const PAGE_SIZE = 20;

const CLASS_COLORS = { service: 'magenta', public_welfare: 'geekblue', activity: 'purple' } as const;

/** 孵化基地: stage cards, the applicant list ranked by the R2.2 priority, filters, export and each record's plan. */
export function IncubationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useIncubationLabels();
  const { can } = usePermissions();
  const [filters, setFilters] = useState<IncubationExportQuery>({});
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | undefined>();
  const [applying, setApplying] = useState(false);
  const summary = useIncubationSummary();
  const list = useIncubations({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const exporter = useExportIncubations();
  const update = (change: IncubationExportQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const s = summary.data;

  const columns: TableColumnsType<IncubationSummary> = [
    {
      key: 'queue',
      title: t('incubation.columns.queue'),
      width: 80,
      render: (_, r) =>
        r.queuePosition === null ? t('common.none') : t('incubation.queue', { n: r.queuePosition }),
    },
    {
      key: 'organization',
      title: t('incubation.columns.organization'),
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start', height: 'auto' }}
          onClick={() => setOpen(r.id)}
        >
          {r.organizationName}
        </Button>
      ),
    },
    {
      key: 'class',
      title: t('incubation.columns.class'),
      render: (_, r) => <Tag color={CLASS_COLORS[r.priorityClass]}>{labels.classes[r.priorityClass]}</Tag>,
    },
    {
      key: 'state',
      title: t('incubation.columns.state'),
      render: (_, r) => <Tag color={STATE_COLORS[r.state]}>{labels.states[r.state]}</Tag>,
    },
    { key: 'branch', title: t('incubation.columns.branch'), dataIndex: 'branchName', responsive: ['md'] },
    {
      key: 'division',
      title: t('incubation.columns.division'),
      dataIndex: 'divisionName',
      responsive: ['lg'],
    },
    {
      key: 'appliedOn',
      title: t('incubation.columns.appliedOn'),
      dataIndex: 'appliedOn',
      responsive: ['sm'],
    },
    {
      key: 'milestones',
      title: t('incubation.columns.milestones'),
      responsive: ['lg'],
      render: (_, r) =>
        r.milestonesTotal === 0 ? t('common.none') : `${r.milestonesDone}/${r.milestonesTotal}`,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('incubation.title')}
        subtitle={t('incubation.subtitle')}
        extra={
          <>
            {can('incubation:write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                data-testid="btn-incubation-apply"
                onClick={() => setApplying(true)}
              >
                {t('incubation.apply')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              data-testid="btn-incubation-export"
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(filters, {
                  onSuccess: (file) => void message.success(t('incubation.exported', { file })),
                  onError: (error) => void message.error(messageOf(error)),
                })
              }
            >
              {t('incubation.export')}
            </Button>
          </>
        }
      />
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        title={t('incubation.stageCards')}
        data-testid="incubation-stages"
      >
        <Flex wrap gap={8}>
          <StageCard
            label={t('incubation.all')}
            value={s?.total}
            active={!filters.state}
            onClick={() => update({ state: undefined })}
          />
          {INCUBATION_STATES.map((state) => (
            <StageCard
              key={state}
              testId={`incubation-stage-${state}`}
              label={labels.states[state]}
              value={s ? (s.byState[state] ?? 0) : undefined}
              active={filters.state === state}
              onClick={() => update({ state: filters.state === state ? undefined : state })}
            />
          ))}
        </Flex>
        {s ? <BranchCounts counts={s} /> : null}
      </Card>
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            style={{ width: 220, maxWidth: '100%' }}
            placeholder={t('incubation.search')}
            aria-label={t('incubation.search')}
            data-testid="incubation-search"
            onSearch={(q) => update({ q: q.trim() || undefined })}
          />
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('incubation.columns.state')}
            aria-label={t('incubation.columns.state')}
            options={INCUBATION_STATES.map((v) => ({ value: v, label: labels.states[v] }))}
            value={filters.state}
            onChange={(state) => update({ state })}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 200 }}
            placeholder={t('incubation.columns.branch')}
            aria-label={t('incubation.columns.branch')}
            options={(s?.branches ?? []).map((b) => ({ value: b.code ?? 'base', label: b.name }))}
            value={filters.branch}
            onChange={(branch) => update({ branch })}
          />
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('incubation.columns.class')}
            aria-label={t('incubation.columns.class')}
            options={INCUBATION_CLASSES.map((v) => ({ value: v, label: labels.classes[v] }))}
            value={filters.priorityClass}
            onChange={(priorityClass) => update({ priorityClass })}
          />
        </Flex>
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<IncubationSummary>
            data-testid="incubation-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: <EmptyState description={t('incubation.empty')} /> }}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              size: 'small',
              showTotal: (total) => <Typography.Text>{t('incubation.total', { total })}</Typography.Text>,
              onChange: setPage,
            }}
          />
        )}
      </Card>
      <ApplyModal
        open={applying}
        branches={s?.branches ?? []}
        onClose={() => setApplying(false)}
        onCreated={(id) => {
          setApplying(false);
          setOpen(id);
        }}
      />
      <IncubationDrawer id={open} onClose={() => setOpen(undefined)} />
    </>
  );
}

function StageCard(props: {
  label: string;
  value: number | undefined;
  active: boolean;
  onClick: () => void;
  testId?: string;
}) {
  return (
    <Button
      onClick={props.onClick}
      type={props.active ? 'primary' : 'default'}
      ghost={props.active}
      aria-pressed={props.active}
      data-testid={props.testId}
      style={{ height: 'auto', padding: '8px 16px', minWidth: 96 }}
    >
      <span style={{ display: 'block', fontSize: 13 }}>{props.label}</span>
      <span style={{ display: 'block', fontSize: 20, fontWeight: 600 }}>{props.value ?? '—'}</span>
    </Button>
  );
}

/** Each branch's records by stage: the district base first, then the street service centers. */
function BranchCounts({ counts }: { counts: IncubationCounts }) {
  const { t } = useTranslation();
  const labels = useIncubationLabels();
  const rows = counts.branches.filter((b) => b.total > 0);
  return (
    <Collapse
      ghost
      size="small"
      style={{ marginTop: 8 }}
      items={[
        {
          key: 'branches',
          label: t('incubation.branches'),
          children: (
            <Table
              data-testid="incubation-branches"
              size="small"
              pagination={false}
              rowKey={(b) => b.code ?? 'base'}
              dataSource={rows}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'name', title: t('incubation.branchColumn'), dataIndex: 'name' },
                ...INCUBATION_STATES.map((state) => ({
                  key: state,
                  title: labels.states[state],
                  render: (_: unknown, b: IncubationCounts['branches'][number]) => b.byState[state] ?? 0,
                })),
                { key: 'total', title: t('incubation.totalColumn'), dataIndex: 'total' },
              ]}
            />
          ),
        },
      ]}
    />
  );
}
