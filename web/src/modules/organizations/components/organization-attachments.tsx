import { CheckCircleFilled, ExclamationCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { ATTACHMENT_PURPOSES, FILING_REQUIRED_ATTACHMENTS } from '@linli/common';
import {
  App,
  Button,
  Flex,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../ui/download.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useOrganizationLabels } from '../hooks/use-organization-labels.ts';
import {
  attachmentUrl,
  useDeleteAttachment,
  useDownloadAttachment,
  useOrganizationAttachments,
  useUploadAttachment,
} from '../hooks/use-organizations.ts';
import type {
  AttachmentPurpose,
  OrganizationAttachment,
  OrganizationDetail,
} from '../organizations.types.ts';

/** Types the browser shows in a tab; others are saved. */
const VIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg']);
/** What the file chooser offers; the server decides the real type from the bytes. */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx';

/**
 * 材料: the filing materials a community organization needs (章程, 成员名单, 负责人信息 — the list is
 * in @linli/common) with what is still missing, the uploaded files to open or save, and, for those
 * who keep the record, upload and delete.
 */
export function OrganizationAttachments({ organization }: { organization: OrganizationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useOrganizationLabels();
  const list = useOrganizationAttachments(organization.id);
  const upload = useUploadAttachment(organization.id);
  const remove = useDeleteAttachment(organization.id);
  const download = useDownloadAttachment(organization.id);
  const [purpose, setPurpose] = useState<AttachmentPurpose>('charter');
  const canEdit = organization.abilities.update;
  const items = list.data ?? [];
  const filing = organization.kind === 'community_org';
  const have = new Set(items.map((a) => a.purpose));
  const missing = FILING_REQUIRED_ATTACHMENTS.filter((p) => !have.has(p));

  const send = (file: File) =>
    upload.mutate(
      { purpose, file },
      {
        onSuccess: (saved) =>
          void message.success(
            t('orgForms.files.uploaded', { name: saved.filename, purpose: labels.purposes[saved.purpose] }),
          ),
        onError: (error) => void message.error(messageOf(error)),
      },
    );

  const columns: TableColumnsType<OrganizationAttachment> = [
    { key: 'purpose', title: t('orgForms.files.purpose'), render: (_, a) => labels.purposes[a.purpose] },
    {
      key: 'filename',
      title: t('orgForms.files.filename'),
      render: (_, a) =>
        VIEWABLE.has(a.mime) ? (
          <a href={attachmentUrl(organization.id, a.id)} target="_blank" rel="noopener noreferrer">
            {a.filename}
          </a>
        ) : (
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={() => download.mutate(a, { onError: (error) => void message.error(messageOf(error)) })}
          >
            {a.filename}
          </Button>
        ),
    },
    {
      key: 'size',
      title: t('orgForms.files.size'),
      responsive: ['sm'],
      render: (_, a) => formatBytes(a.size),
    },
    {
      key: 'by',
      title: t('orgForms.files.uploadedBy'),
      responsive: ['md'],
      render: (_, a) => `${a.uploadedByName} · ${new Date(a.at).toLocaleString()}`,
    },
    ...(canEdit
      ? [
          {
            key: 'delete',
            title: t('orgForms.files.actions'),
            render: (_: unknown, a: OrganizationAttachment) => (
              <Popconfirm
                title={t('orgForms.files.deleteConfirm', { name: a.filename })}
                okText={t('orgForms.files.delete')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  remove.mutateAsync(a.id).catch((error: unknown) => void message.error(messageOf(error)))
                }
              >
                <Button
                  size="small"
                  type="link"
                  danger
                  aria-label={t('orgForms.files.deleteNamed', { name: a.filename })}
                >
                  {t('orgForms.files.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12} data-testid="organization-attachments">
      {filing ? (
        <Flex wrap gap={8} align="center" data-testid="filing-materials">
          <Typography.Text>{t('orgForms.files.required')}</Typography.Text>
          {FILING_REQUIRED_ATTACHMENTS.map((p) =>
            have.has(p) ? (
              <Tag key={p} icon={<CheckCircleFilled aria-hidden style={{ color: '#389e0d' }} />}>
                {labels.purposes[p]}
              </Tag>
            ) : (
              <Tag key={p} icon={<ExclamationCircleOutlined aria-hidden style={{ color: '#d46b08' }} />}>
                {t('orgForms.files.missingOne', { purpose: labels.purposes[p] })}
              </Tag>
            ),
          )}
          {missing.length === 0 ? (
            <Typography.Text strong>{t('orgForms.files.complete')}</Typography.Text>
          ) : null}
        </Flex>
      ) : null}
      {canEdit ? (
        <Flex wrap gap={8} align="center">
          <Select<AttachmentPurpose>
            value={purpose}
            onChange={setPurpose}
            style={{ width: 160 }}
            aria-label={t('orgForms.files.purpose')}
            data-testid="attachment-purpose"
            options={ATTACHMENT_PURPOSES.map((p) => ({ value: p, label: labels.purposes[p] }))}
          />
          <Upload
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              send(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button
              icon={<UploadOutlined aria-hidden />}
              loading={upload.isPending}
              data-testid="btn-attachment-upload"
            >
              {t('orgForms.files.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('orgForms.files.types')}</Typography.Text>
        </Flex>
      ) : null}
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<OrganizationAttachment>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="attachment-table"
          locale={{
            emptyText: (
              <EmptyState
                description={canEdit ? t('orgForms.files.emptyEditable') : t('orgForms.files.empty')}
              />
            ),
          }}
        />
      )}
    </Flex>
  );
}
