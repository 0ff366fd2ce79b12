import { ApiOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../i18n/index.ts';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ErrorAlert } from '../../ui/error-alert.tsx';
import { useErrorMessage } from '../../ui/error-message.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/page-header.tsx';
import { useActiveSession } from '../auth/hooks/use-auth.ts';
import { useDivisionChildren } from '../divisions/hooks/use-division-children.ts';
import {
  type IssueBody,
  useIssueOpen311Client,
  useOpen311Clients,
  useRevokeOpen311Client,
} from './use-open311-clients.ts';

/** The district's own division and its streets and towns: where a client's requests land by default. */
function useDivisionOptions() {
  const session = useActiveSession();
  const root = session?.roles.find((g) => g.scopeCode)?.scopeCode ?? undefined;
  const children = useDivisionChildren(root, { limit: 100 });
  const rootName = session?.roles.find((g) => g.scopeCode === root)?.scopeName ?? root;
  return [
    ...(root ? [{ value: root, label: rootName ?? root }] : []),
    ...(children.data?.items ?? []).map((d) => ({ value: d.code, label: d.name })),
  ];
}

function IssueModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IssueBody>();
  const issue = useIssueOpen311Client();
  const errorMessage = useErrorMessage();
  const options = useDivisionOptions();
  const [issued, setIssued] = useState<{ name: string; key: string } | null>(null);
  const { message } = App.useApp();

  const close = () => {
    setIssued(null);
    form.resetFields();
    issue.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('open311.issueTitle')}
      onCancel={close}
      destroyOnHidden
      footer={
        issued ? (
          <Button type="primary" onClick={close}>
            {t('open311.done')}
          </Button>
        ) : (
          <Space>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button
              type="primary"
              loading={issue.isPending}
              onClick={() => form.submit()}
              data-testid="open311-issue-submit"
            >
              {t('open311.issue')}
            </Button>
          </Space>
        )
      }
    >
      {issued ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon message={t('open311.keyOnce')} />
          <Typography.Paragraph>{t('open311.keyFor', { name: issued.name })}</Typography.Paragraph>
          <Typography.Paragraph
            code
            copyable={{ onCopy: () => message.success(t('open311.copied')) }}
            data-testid="open311-key"
            style={{ wordBreak: 'break-all' }}
          >
            {issued.key}
          </Typography.Paragraph>
        </Space>
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ divisionCode: options[0]?.value }}
          onFinish={(values) =>
            issue.mutate(values, { onSuccess: (r) => setIssued({ name: r.client.name, key: r.key }) })
          }
        >
          {issue.error ? (
            <Alert type="error" showIcon message={errorMessage(issue.error)} style={{ marginBottom: 16 }} />
          ) : null}
          <Form.Item
            name="name"
            label={t('open311.name')}
            rules={[{ required: true, min: 2, max: 60, message: t('open311.nameRule') }]}
          >
            <Input placeholder={t('open311.namePlaceholder')} maxLength={60} />
          </Form.Item>
          <Form.Item name="contact" label={t('open311.contact')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="divisionCode"
            label={t('open311.division')}
            extra={t('open311.divisionHelp')}
            rules={[{ required: true, message: t('open311.divisionRule') }]}
          >
            <Select options={options} showSearch optionFilterProp="label" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** Open311 接口: outside clients (hotlines, apps) and their keys; the endpoint address to give them. */
export function Open311ClientsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const clients = useOpen311Clients();
  const revoke = useRevokeOpen311Client();
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [issuing, setIssuing] = useState(false);
  const endpoint = `${window.location.origin}/open311/v2/`;

  return (
    <>
      <PageHeader
        title={t('open311.title')}
        subtitle={t('open311.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setIssuing(true)}
            data-testid="open311-issue"
          >
            {t('open311.issue')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space direction="vertical" size={4}>
          <Typography.Text>
            <ApiOutlined aria-hidden /> {t('open311.endpoint')}{' '}
            <Typography.Text code copyable>
              {endpoint}
            </Typography.Text>
          </Typography.Text>
          <Typography.Text type="secondary">{t('open311.endpointHelp')}</Typography.Text>
        </Space>
      </Card>
      {clients.error ? <ErrorAlert error={clients.error} onRetry={() => clients.refetch()} /> : null}
      <Table
        rowKey="id"
        loading={clients.isLoading}
        dataSource={clients.data ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: <EmptyState description={t('open311.empty')} /> }}
        columns={[
          { title: t('open311.name'), dataIndex: 'name' },
          {
            title: t('open311.keyPrefix'),
            dataIndex: 'keyPrefix',
            render: (v: string) => <Typography.Text code>{v}…</Typography.Text>,
          },
          { title: t('open311.division'), dataIndex: 'divisionName' },
          {
            title: t('open311.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string, r) => `${formatDateTime(v, locale)} · ${r.createdBy}`,
          },
          {
            title: t('open311.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => (v ? formatDateTime(v, locale) : t('open311.never')),
          },
          {
            title: t('open311.status'),
            dataIndex: 'revokedAt',
            render: (v: string | null) =>
              v ? t('open311.revokedAt', { at: formatDateTime(v, locale) }) : t('open311.active'),
          },
          {
            title: t('open311.actions'),
            key: 'actions',
            render: (_, r) =>
              r.revokedAt ? null : (
                <Popconfirm
                  title={t('open311.revokeConfirm', { name: r.name })}
                  okText={t('open311.revoke')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    revoke.mutate(
                      { id: r.id, version: r.version },
                      {
                        onSuccess: () => message.success(t('open311.revoked')),
                        onError: (e) => message.error(errorMessage(e)),
                      },
                    )
                  }
                >
                  <Button size="small" danger>
                    {t('open311.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <IssueModal open={issuing} onClose={() => setIssuing(false)} />
    </>
  );
}
