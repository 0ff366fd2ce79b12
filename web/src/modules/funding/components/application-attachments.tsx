import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Table, type TableColumnsType, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { formatBytes } from '../../../ui/download.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import type { ApplicationAttachment } from '../funding.types.ts';
import {
  type AttachmentSource,
  applicationAttachmentUrl,
  useApplicationAttachments,
  useDeleteApplicationAttachment,
  useDownloadApplicationAttachment,
  useUploadApplicationAttachment,
} from '../hooks/use-funding-extras.ts';

/** Types the browser shows in a tab; others are saved. */
const VIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg']);
/** What the file chooser offers; the server decides the real type from the bytes. */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx';

/**
 * 附件 of an application: files to open or save; while the application is a draft its organization
 * (or the district entering it) uploads and deletes them. Reviewers read them through their sheet.
 */
export function ApplicationAttachments({
  source,
  editable,
}: {
  source: AttachmentSource;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const list = useApplicationAttachments(source);
  const upload = useUploadApplicationAttachment(source.id);
  const remove = useDeleteApplicationAttachment(source.id);
  const download = useDownloadApplicationAttachment(source);
  const items = list.data ?? [];

  const columns: TableColumnsType<ApplicationAttachment> = [
    {
      key: 'filename',
      title: t('fundingExtras.attachments.filename'),
      render: (_, a) =>
        VIEWABLE.has(a.mime) ? (
          <a href={applicationAttachmentUrl(source, a.id)} target="_blank" rel="noopener noreferrer">
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
      title: t('fundingExtras.attachments.size'),
      responsive: ['sm'],
      render: (_, a) => formatBytes(a.size),
    },
    {
      key: 'by',
      title: t('fundingExtras.attachments.uploadedBy'),
      responsive: ['md'],
      render: (_, a) => `${a.uploadedByName} · ${formatDateTime(a.at, locale)}`,
    },
    ...(editable
      ? [
          {
            key: 'delete',
            title: t('funding.actions'),
            render: (_: unknown, a: ApplicationAttachment) =>
              a.abilities.delete ? (
                <Popconfirm
                  title={t('fundingExtras.attachments.deleteConfirm', { name: a.filename })}
                  okText={t('fundingExtras.attachments.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    remove
                      .mutateAsync(a.id)
                      .then(() => void message.success(t('fundingExtras.attachments.deleted')))
                      .catch((error: unknown) => void message.error(messageOf(error)))
                  }
                >
                  <Button
                    size="small"
                    type="link"
                    danger
                    aria-label={t('fundingExtras.attachments.deleteNamed', { name: a.filename })}
                  >
                    {t('fundingExtras.attachments.delete')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={8} data-testid="application-attachments">
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {t('fundingExtras.attachments.title')}
      </Typography.Title>
      {editable ? (
        <Flex wrap gap={8} align="center">
          <Upload
            accept={ACCEPT}
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file, {
                onSuccess: (saved) =>
                  void message.success(t('fundingExtras.attachments.uploaded', { name: saved.filename })),
                onError: (error) => void message.error(messageOf(error)),
              });
              return Upload.LIST_IGNORE;
            }}
          >
            <Button
              icon={<UploadOutlined aria-hidden />}
              loading={upload.isPending}
              data-testid="btn-application-attachment-upload"
            >
              {t('fundingExtras.attachments.upload')}
            </Button>
          </Upload>
          <Typography.Text type="secondary">{t('fundingExtras.attachments.hint')}</Typography.Text>
        </Flex>
      ) : null}
      {list.error ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<ApplicationAttachment>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={items}
          loading={list.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="application-attachment-table"
          locale={{
            emptyText: (
              <EmptyState
                description={
                  editable
                    ? t('fundingExtras.attachments.emptyEditable')
                    : t('fundingExtras.attachments.empty')
                }
              />
            ),
          }}
        />
      )}
    </Flex>
  );
}
