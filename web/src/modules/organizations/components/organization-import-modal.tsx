import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Modal,
  Progress,
  Row,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../app/api/client.ts';
import { downloadFile } from '../../../app/api/download-file.ts';
import type { components } from '../../../app/api/schema.gen.ts';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { SheetFilePicker, SheetImportProblem, XLSX_MIME } from '../../../ui/sheet-import.tsx';
import { useSheetImport } from '../../../ui/use-sheet-import.ts';
import { organizationKeys } from '../hooks/use-organizations.ts';

type ImportResult = components['schemas']['OrganizationImportResult'];
type Change = ImportResult['changes'][number];

/** GET /organizations/import-template: the registry's columns, an example row and how to fill them. */
function useDownloadTemplate() {
  return useMutation({
    mutationFn: () =>
      downloadFile(
        api.GET('/api/v1/organizations/import-template', { parseAs: 'blob' }),
        'organization-template.xlsx',
      ),
  });
}

/** POST /organizations/import?dryRun= with the raw .xlsx bytes; a 422 lists every bad row, nothing written. */
function useImportRegistry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      unwrap(
        api.POST('/api/v1/organizations/import', {
          params: { query: { dryRun } },
          headers: { 'Content-Type': XLSX_MIME },
          // Raw bytes, not JSON: the serializer passes the File through untouched.
          body: file as unknown as Blob,
          bodySerializer: (body) => body as File,
        }),
      ),
    onSuccess: (result) => {
      if (!result.dryRun) return client.invalidateQueries({ queryKey: organizationKeys.all });
    },
  });
}

/**
 * A progress bar while the server reads and checks the file: the request gives no progress of its
 * own, so it creeps towards 90 % and jumps to the end when the answer comes.
 */
function ImportProgress({ label }: { label: string }) {
  const [percent, setPercent] = useState(5);
  useEffect(() => {
    const timer = window.setInterval(() => setPercent((p) => Math.min(90, p + (90 - p) * 0.15)), 300);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <Flex vertical gap={4} role="status" data-testid="import-progress">
      <Typography.Text>{label}</Typography.Text>
      <Progress percent={Math.round(percent)} status="active" showInfo={false} />
    </Flex>
  );
}

/**
 * 导入名录: template → choose a file (checked at once, nothing written) → the records it would add
 * and change → confirm. An exported registry imported unchanged reports 0 changes.
 */
export function OrganizationImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const importer = useImportRegistry();
  const template = useDownloadTemplate();
  const { file, preview, done, pending, step, reset, close, choose, confirm } = useSheetImport(
    importer,
    onClose,
  );

  const downloadTemplate = () =>
    template.mutate(undefined, {
      onSuccess: (name) => void message.success(t('organizationImport.templateSaved', { file: name })),
      onError: (error) => void message.error(messageOf(error)),
    });

  const nothingToDo = preview !== null && preview.created + preview.updated === 0;

  return (
    <Modal
      open={open}
      title={t('organizationImport.title')}
      onCancel={close}
      width={820}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        done ? (
          <Button type="primary" data-testid="import-close" onClick={close}>
            {t('organizationImport.close')}
          </Button>
        ) : (
          <Flex wrap justify="flex-end" gap={8}>
            <Button onClick={close} disabled={pending}>
              {t('common.cancel')}
            </Button>
            {file && !pending ? (
              <Button onClick={reset}>{t('organizationImport.chooseAnother')}</Button>
            ) : null}
            <Button
              type="primary"
              data-testid="import-confirm"
              disabled={!file || !preview || pending || nothingToDo}
              loading={pending && preview !== null}
              onClick={confirm}
            >
              {t('organizationImport.confirm')}
            </Button>
          </Flex>
        )
      }
    >
      <Flex vertical gap={16}>
        <Steps
          size="small"
          current={step}
          items={[
            { title: t('organizationImport.stepChoose') },
            { title: t('organizationImport.stepCheck') },
            { title: t('organizationImport.stepConfirm') },
            { title: t('organizationImport.stepDone') },
          ]}
        />
        {done ? (
          <ImportSummary result={done} testId="import-result" />
        ) : (
          <>
            <Flex wrap gap={8} align="center">
              <Typography.Text type="secondary">{t('organizationImport.hint')}</Typography.Text>
              <Button
                icon={<DownloadOutlined aria-hidden />}
                data-testid="import-template"
                loading={template.isPending}
                onClick={downloadTemplate}
              >
                {t('organizationImport.template')}
              </Button>
            </Flex>
            <SheetFilePicker file={file} hint={t('organizationImport.dropHint')} onChoose={choose} />
            {pending ? (
              <ImportProgress
                label={preview ? t('organizationImport.importing') : t('organizationImport.checking')}
              />
            ) : null}
            {!pending && preview ? <ImportSummary result={preview} testId="import-summary" /> : null}
            {!pending && importer.error ? <SheetImportProblem error={importer.error} /> : null}
          </>
        )}
      </Flex>
    </Modal>
  );
}

function ImportSummary({ result, testId }: { result: ImportResult; testId: string }) {
  const { t } = useTranslation();
  const headline = result.dryRun
    ? result.created + result.updated === 0
      ? t('organizationImport.noChanges')
      : t('organizationImport.checkPassed')
    : t('organizationImport.imported', { created: result.created, updated: result.updated });
  return (
    <Flex vertical gap={12} data-testid={testId}>
      <Alert type={result.created + result.updated === 0 ? 'info' : 'success'} showIcon title={headline} />
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={6}>
          <Statistic title={t('organizationImport.rows')} value={result.rows} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('organizationImport.created')} value={result.created} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('organizationImport.updated')}
            value={result.updated}
            data-testid="import-updated"
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('organizationImport.unchanged')} value={result.unchanged} />
        </Col>
      </Row>
      {result.changes.length > 0 ? (
        <Table<Change>
          size="small"
          rowKey="row"
          dataSource={result.changes}
          pagination={
            result.changes.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false
          }
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'row',
              title: t('sheetImport.row'),
              dataIndex: 'row',
              width: 88,
              render: (row: number) => t('sheetImport.rowValue', { row }),
            },
            { key: 'name', title: t('organizationImport.name'), dataIndex: 'name' },
            {
              key: 'action',
              title: t('organizationImport.action'),
              render: (_value, c) =>
                c.action === 'create' ? (
                  <Tag color="green">{t('organizationImport.actionCreate')}</Tag>
                ) : (
                  <Tag color="blue">{t('organizationImport.actionUpdate')}</Tag>
                ),
            },
            {
              key: 'columns',
              title: t('organizationImport.columns'),
              render: (_value, c) => (c.action === 'create' ? '—' : c.columns.join('、')),
            },
          ]}
        />
      ) : null}
    </Flex>
  );
}
