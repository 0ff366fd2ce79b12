import { PlusOutlined } from '@ant-design/icons';
import { CATALOG_LISTS } from '@linli/common';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../app/api/api-error.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import {
  useCreateCatalogEntry,
  useOrganizationCatalog,
  useUpdateCatalogEntry,
} from '../hooks/use-organization-catalog.ts';
import type { CatalogEntry, CatalogList } from '../organizations.types.ts';

interface EntryValues {
  code?: string;
  nameZh: string;
  nameEn: string;
  sort?: number;
}

/**
 * 服务领域与类别 (district admin): the lists an organization is filed under. Entries are added,
 * renamed, re-ordered and deactivated here; codes never change, and a deactivated entry stays on
 * the records that have it.
 */
export function OrganizationCatalogPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const catalog = useOrganizationCatalog();
  const create = useCreateCatalogEntry();
  const update = useUpdateCatalogEntry();
  const [list, setList] = useState<CatalogList>('field');
  const [editing, setEditing] = useState<CatalogEntry | 'new' | null>(null);
  const [form] = Form.useForm<EntryValues>();
  const [conflict, setConflict] = useState(false);
  const rows = (catalog.data ?? []).filter((e) => e.list === list);
  const listName = (l: CatalogList) => t(`orgForms.catalog.lists.${l}`);

  const open = (entry: CatalogEntry | 'new') => {
    setConflict(false);
    form.resetFields();
    if (entry !== 'new')
      form.setFieldsValue({ nameZh: entry.nameZh, nameEn: entry.nameEn, sort: entry.sort });
    setEditing(entry);
  };

  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.is('conflict.version')) setConflict(true);
    else if (error instanceof ApiError && error.is('organization.catalogExists'))
      form.setFields([{ name: 'code', errors: [messageOf(error)] }]);
    else void message.error(messageOf(error));
  };

  const submit = async () => {
    const values = await form.validateFields();
    try {
      if (editing === 'new') {
        await create.mutateAsync({
          list,
          code: values.code?.trim() ?? '',
          nameZh: values.nameZh.trim(),
          nameEn: values.nameEn.trim(),
          ...(values.sort === undefined || values.sort === null ? {} : { sort: values.sort }),
        });
      } else if (editing) {
        await update.mutateAsync({
          list,
          code: editing.code,
          body: {
            version: editing.version,
            nameZh: values.nameZh.trim(),
            nameEn: values.nameEn.trim(),
            ...(values.sort === undefined || values.sort === null ? {} : { sort: values.sort }),
          },
        });
      }
      void message.success(t('orgForms.catalog.saved', { name: values.nameZh }));
      setEditing(null);
    } catch (error) {
      failed(error);
    }
  };

  const toggle = (entry: CatalogEntry) =>
    update.mutate(
      { list, code: entry.code, body: { version: entry.version, active: !entry.active } },
      {
        onSuccess: (saved) =>
          void message.success(
            t(saved.active ? 'orgForms.catalog.activated' : 'orgForms.catalog.deactivated', {
              name: saved.nameZh,
            }),
          ),
        onError: (error) => void message.error(messageOf(error)),
      },
    );

  const columns: TableColumnsType<CatalogEntry> = [
    { key: 'nameZh', title: t('orgForms.catalog.nameZh'), dataIndex: 'nameZh' },
    { key: 'nameEn', title: t('orgForms.catalog.nameEn'), dataIndex: 'nameEn', responsive: ['sm'] },
    {
      key: 'code',
      title: t('orgForms.catalog.code'),
      render: (_, e) => <code>{e.code}</code>,
      responsive: ['md'],
    },
    { key: 'sort', title: t('orgForms.catalog.sort'), dataIndex: 'sort', responsive: ['md'] },
    {
      key: 'active',
      title: t('orgForms.catalog.state'),
      render: (_, e) =>
        e.active ? (
          <Tag color="blue">{t('orgForms.catalog.active')}</Tag>
        ) : (
          <Tag>{t('orgForms.catalog.inactive')}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('orgForms.catalog.actions'),
      render: (_, e) => (
        <>
          <Button
            size="small"
            type="link"
            onClick={() => open(e)}
            aria-label={t('orgForms.catalog.editNamed', { name: e.nameZh })}
          >
            {t('orgForms.edit')}
          </Button>
          <Button
            size="small"
            type="link"
            danger={e.active}
            onClick={() => toggle(e)}
            data-testid={`btn-catalog-toggle-${e.code}`}
          >
            {e.active ? t('orgForms.catalog.deactivate') : t('orgForms.catalog.activate')}
          </Button>
        </>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('orgForms.catalog.title')}
        subtitle={t('orgForms.catalog.subtitle')}
        breadcrumb={
          <Breadcrumb
            items={[
              { title: <Link to="/organizations">{t('organizations.title')}</Link> },
              { title: t('orgForms.catalog.title') },
            ]}
          />
        }
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined aria-hidden />}
            onClick={() => open('new')}
            data-testid="btn-catalog-add"
          >
            {t('orgForms.catalog.add', { list: listName(list) })}
          </Button>
        }
      />
      <Card size="small">
        <Tabs
          activeKey={list}
          onChange={(key) => setList(key as CatalogList)}
          items={CATALOG_LISTS.map((l) => ({ key: l, label: listName(l) }))}
        />
        {catalog.error ? (
          <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} />
        ) : (
          <Table<CatalogEntry>
            data-testid="catalog-table"
            rowKey="code"
            size="small"
            columns={columns}
            dataSource={rows}
            loading={catalog.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('orgForms.catalog.empty')} /> }}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={
          editing === 'new'
            ? t('orgForms.catalog.add', { list: listName(list) })
            : t('orgForms.catalog.editNamed', { name: editing?.nameZh ?? '' })
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={
          { loading: create.isPending || update.isPending, 'data-testid': 'btn-catalog-save' } as never
        }
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('orgForms.conflict')}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Form form={form} layout="vertical">
          {editing === 'new' ? (
            <Form.Item
              name="code"
              label={t('orgForms.catalog.code')}
              extra={t('orgForms.catalog.codeHelp')}
              rules={[
                { required: true, message: t('orgForms.catalog.codeRequired') },
                { pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('orgForms.catalog.codeHelp') },
              ]}
            >
              <Input autoComplete="off" spellCheck={false} data-testid="catalog-code" />
            </Form.Item>
          ) : null}
          <Form.Item
            name="nameZh"
            label={t('orgForms.catalog.nameZh')}
            rules={[
              { required: true, whitespace: true, max: 30, message: t('orgForms.catalog.nameZhRequired') },
            ]}
          >
            <Input autoComplete="off" data-testid="catalog-name-zh" />
          </Form.Item>
          <Form.Item
            name="nameEn"
            label={t('orgForms.catalog.nameEn')}
            rules={[
              { required: true, whitespace: true, max: 60, message: t('orgForms.catalog.nameEnRequired') },
            ]}
          >
            <Input autoComplete="off" data-testid="catalog-name-en" />
          </Form.Item>
          <Form.Item name="sort" label={t('orgForms.catalog.sort')} extra={t('orgForms.catalog.sortHelp')}>
            <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
