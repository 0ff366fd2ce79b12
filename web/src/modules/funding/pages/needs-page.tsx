import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { NEED_SOURCES } from '@linli/common';
import { App, Button, Card, Flex, Form, Input, Modal, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useActiveSession, usePermissions } from '../../auth/hooks/use-auth.ts';
import { toFen, Yuan, YuanInput } from '../components/money.tsx';
import type { Need, NeedQuery } from '../funding.types.ts';
import { useCreateNeed, useExport, useNeeds, useUpdateNeed } from '../hooks/use-funding.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';

const PAGE_SIZE = 20;

/** 需求清单: needs recorded by communities, service stations, streets and departments, within scope. */
export function NeedsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const { can } = usePermissions();
  const [filters, setFilters] = useState<NeedQuery>({});
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Need | 'new' | undefined>();
  const list = useNeeds({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const exporter = useExport();
  const update = (change: NeedQuery) => {
    setFilters((f) => ({ ...f, ...change }));
    setPage(1);
  };
  const columns: TableColumnsType<Need> = [
    { key: 'title', title: t('funding.needs.needTitle'), dataIndex: 'title' },
    { key: 'area', title: t('funding.focusArea'), render: (_, n) => labels.focusAreas[n.focusArea] },
    { key: 'division', title: t('funding.needs.division'), dataIndex: 'divisionName' },
    {
      key: 'source',
      title: t('funding.needs.source'),
      render: (_, n) =>
        n.department ? `${labels.needSources[n.source]}（${n.department}）` : labels.needSources[n.source],
    },
    {
      key: 'estimate',
      title: t('funding.needs.estimated'),
      align: 'right',
      render: (_, n) => <Yuan fen={n.estimatedFen} />,
    },
    {
      key: 'call',
      title: t('funding.needs.call'),
      responsive: ['md'],
      render: (_, n) => (n.callTitle ? <Tag color="blue">{n.callTitle}</Tag> : t('funding.needs.unassigned')),
    },
    {
      key: 'actions',
      title: t('funding.actions'),
      render: (_, n) =>
        n.abilities.update ? (
          <Button size="small" onClick={() => setEditing(n)}>
            {t('funding.edit')}
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <PageHeader
        title={t('funding.needs.title')}
        subtitle={t('funding.needs.subtitle')}
        extra={
          <>
            {can('need:write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                data-testid="btn-need-create"
                onClick={() => setEditing('new')}
              >
                {t('funding.needs.create')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined aria-hidden />}
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(
                  { list: 'needs', query: filters },
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
      <Card size="small">
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('funding.needs.search')}
            aria-label={t('funding.needs.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
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
          <Select
            allowClear
            style={{ width: 160 }}
            aria-label={t('funding.needs.source')}
            placeholder={t('funding.needs.source')}
            options={NEED_SOURCES.map((value) => ({ value, label: labels.needSources[value] }))}
            value={filters.source}
            onChange={(source) => update({ source })}
          />
          <Select
            allowClear
            style={{ width: 160 }}
            aria-label={t('funding.needs.call')}
            placeholder={t('funding.needs.call')}
            options={[{ value: 'yes', label: t('funding.needs.unassigned') }]}
            value={filters.unassigned ? 'yes' : undefined}
            onChange={(v) => update({ unassigned: v === 'yes' ? true : undefined })}
          />
        </Flex>
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Need>
            data-testid="need-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: <EmptyState description={t('funding.needs.empty')} /> }}
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
        <NeedForm need={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />
      ) : null}
    </>
  );
}

interface NeedValues {
  title: string;
  description?: string;
  focusArea: Need['focusArea'];
  divisionCode: string;
  estimatedYuan?: number | null;
}

function NeedForm({ need, onClose }: { need: Need | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const session = useActiveSession();
  const [form] = Form.useForm<NeedValues>();
  const create = useCreateNeed();
  const update = useUpdateNeed(need?.id ?? '');
  // The recorder's own division is the usual answer: a community records for itself.
  const home = session?.roles.find((g) => g.scopeCode)?.scopeCode ?? '';
  const save = (v: NeedValues) => {
    const body = {
      title: v.title,
      description: v.description || null,
      focusArea: v.focusArea,
      divisionCode: v.divisionCode,
      estimatedFen: v.estimatedYuan === undefined || v.estimatedYuan === null ? null : toFen(v.estimatedYuan),
    };
    const done = {
      onSuccess: () => {
        void message.success(t('funding.saved'));
        onClose();
      },
      onError: (error: unknown) => void message.error(messageOf(error)),
    };
    if (need) update.mutate({ version: need.version, ...body }, done);
    else create.mutate(body, done);
  };
  return (
    <Modal
      open
      title={need ? t('funding.needs.edit') : t('funding.needs.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      okButtonProps={{ 'data-testid': 'btn-need-save' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<NeedValues>
        form={form}
        layout="vertical"
        data-testid="need-form"
        initialValues={
          need
            ? {
                title: need.title,
                description: need.description ?? '',
                focusArea: need.focusArea,
                divisionCode: need.divisionCode,
                estimatedYuan: need.estimatedFen === null ? null : need.estimatedFen / 100,
              }
            : { divisionCode: home }
        }
        onFinish={save}
      >
        <Form.Item
          name="title"
          label={t('funding.needs.needTitle')}
          rules={[{ required: true, min: 2, max: 100, message: t('funding.nameRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="focusArea"
          label={t('funding.focusArea')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Select options={labels.focusOptions} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('funding.needs.divisionCode')}
          extra={t('funding.needs.divisionHint')}
          rules={[
            { required: true, pattern: /^(\d{6}|\d{9}|\d{12})$/, message: t('funding.needs.divisionHint') },
          ]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item name="estimatedYuan" label={t('funding.needs.estimatedYuan')}>
          <YuanInput />
        </Form.Item>
        <Form.Item name="description" label={t('funding.needs.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
