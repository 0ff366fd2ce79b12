import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Modal, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { FairStateTag } from '../components/fair-tags.tsx';
import { type Fair, useCreateFair, useFairs } from '../hooks/use-fair.ts';

const PAGE_SIZE = 20;

/** 社洽会: every edition, newest first; the district creates the next one. */
export function FairsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useFairs({ limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const columns: TableColumnsType<Fair> = [
    {
      key: 'name',
      title: t('fair.list.name'),
      render: (_, f) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => void navigate(`/fairs/${f.id}`)}
        >
          {f.name}
        </Button>
      ),
    },
    { key: 'heldOn', title: t('fair.list.heldOn'), dataIndex: 'heldOn' },
    { key: 'state', title: t('fair.list.state'), render: (_, f) => <FairStateTag state={f.state} /> },
    { key: 'offers', title: t('fair.list.offers'), dataIndex: 'offers', align: 'right', responsive: ['md'] },
    {
      key: 'exhibits',
      title: t('fair.list.exhibits'),
      dataIndex: 'exhibits',
      align: 'right',
      responsive: ['md'],
    },
    { key: 'signed', title: t('fair.list.signed'), dataIndex: 'signed', align: 'right' },
  ];
  return (
    <>
      <PageHeader
        title={t('fair.list.title')}
        subtitle={t('fair.list.subtitle')}
        extra={
          <>
            {can('fair:manage') ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('fair.list.create')}
              </Button>
            ) : null}
            <Button icon={<BarChartOutlined aria-hidden />} onClick={() => void navigate('/fair-figures')}>
              {t('fair.list.figures')}
            </Button>
          </>
        }
      />
      <Card size="small">
        {list.error ? (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Fair>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: <EmptyState description={t('fair.list.empty')} /> }}
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
      {creating ? <CreateFair onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function CreateFair({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const navigate = useNavigate();
  const create = useCreateFair();
  const [form] = Form.useForm();
  const required = [{ required: true, message: t('fair.list.required') }];
  return (
    <Modal
      open
      title={t('fair.list.create')}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending }}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: {
          name: string;
          heldOn: { format: (f: string) => string };
          venue: string;
          description?: string;
        }) =>
          create.mutate(
            {
              name: v.name.trim(),
              heldOn: v.heldOn.format('YYYY-MM-DD'),
              venue: v.venue.trim(),
              description: v.description?.trim() || null,
            },
            {
              onSuccess: (fair) => {
                void message.success(t('fair.list.created', { name: fair.name }));
                void navigate(`/fairs/${fair.id}`);
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item name="name" label={t('fair.list.name')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="heldOn" label={t('fair.list.heldOn')} rules={required}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="venue" label={t('fair.list.venue')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('fair.list.description')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
