import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Flex, Modal, Row, Statistic, Steps, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { SheetFilePicker, SheetImportProblem } from '../../../ui/sheet-import.tsx';
import { useSheetImport } from '../../../ui/use-sheet-import.ts';
import type { AccountImportResult } from '../accounts.types.ts';
import { useDownloadImportTemplate, useImportAccounts } from '../hooks/use-accounts.ts';

type Created = AccountImportResult['created'][number];

/**
 * 导入账号: template → choose a file (checked at once, nothing written) → confirm → the new
 * accounts with their temporary passwords, shown this once.
 */
export function AccountImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const importer = useImportAccounts();
  const template = useDownloadImportTemplate();
  const { file, preview, done, pending, step, reset, close, choose, confirm } = useSheetImport(
    importer,
    onClose,
  );

  const downloadTemplate = () =>
    template.mutate(undefined, {
      onSuccess: (name) => void message.success(t('accounts.exported', { file: name })),
      onError: (error) => void message.error(messageOf(error)),
    });

  return (
    <Modal
      open={open}
      title={t('accounts.import.title')}
      onCancel={close}
      width={760}
      destroyOnHidden
      mask={{ closable: false }}
      footer={
        done ? (
          <Button type="primary" data-testid="import-close" onClick={close}>
            {t('accounts.password.done')}
          </Button>
        ) : (
          <Flex wrap justify="flex-end" gap={8}>
            <Button onClick={close} disabled={pending}>
              {t('common.cancel')}
            </Button>
            {file && !pending ? <Button onClick={reset}>{t('accounts.import.chooseAnother')}</Button> : null}
            <Button
              type="primary"
              data-testid="import-confirm"
              disabled={!file || !preview || pending}
              loading={pending && preview !== null}
              onClick={confirm}
            >
              {t('accounts.import.confirm')}
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
            { title: t('accounts.import.stepChoose') },
            { title: t('accounts.import.stepCheck') },
            { title: t('accounts.import.stepImport') },
            { title: t('accounts.import.stepPasswords') },
          ]}
        />
        {done ? (
          <ImportDone result={done} />
        ) : (
          <>
            <Flex wrap gap={8} align="center">
              <Typography.Text type="secondary">{t('accounts.import.hint')}</Typography.Text>
              <Button
                icon={<DownloadOutlined aria-hidden />}
                data-testid="import-template"
                loading={template.isPending}
                onClick={downloadTemplate}
              >
                {t('accounts.import.template')}
              </Button>
            </Flex>
            <SheetFilePicker file={file} hint={t('accounts.import.dropHint')} onChoose={choose} />
            {pending ? (
              <Alert
                type="info"
                showIcon
                role="status"
                title={preview ? t('accounts.import.importing') : t('accounts.import.checking')}
              />
            ) : null}
            {!pending && preview ? <ImportPreview result={preview} /> : null}
            {!pending && importer.error ? <SheetImportProblem error={importer.error} /> : null}
          </>
        )}
      </Flex>
    </Modal>
  );
}

function ImportPreview({ result }: { result: AccountImportResult }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-summary">
      <Alert type="success" showIcon title={t('accounts.import.checkPassed')} style={{ marginBottom: 12 }} />
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={8}>
          <Statistic title={t('accounts.import.rows')} value={result.rows} />
        </Col>
        <Col xs={12} sm={8}>
          <Statistic title={t('accounts.import.accounts')} value={result.accounts} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {result.created.map((c) => `${c.username}（${c.displayName}）`).join('、')}
      </Typography.Paragraph>
    </div>
  );
}

function ImportDone({ result }: { result: AccountImportResult }) {
  const { t } = useTranslation();
  const all = result.created
    .map((c) => `${c.username}\t${c.displayName}\t${c.temporaryPassword ?? ''}`)
    .join('\n');
  return (
    <Flex vertical gap={12} data-testid="import-result">
      <Alert
        type="warning"
        showIcon
        title={t('accounts.import.passwordsWarning', { count: result.accounts })}
      />
      <Typography.Text
        copyable={{ text: all, tooltips: [t('accounts.import.copyAll'), t('accounts.password.copied')] }}
      >
        {t('accounts.import.copyAll')}
      </Typography.Text>
      <Table<Created>
        size="small"
        rowKey="username"
        dataSource={result.created}
        pagination={
          result.created.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false
        }
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'username', title: t('accounts.columns.username'), dataIndex: 'username' },
          { key: 'displayName', title: t('accounts.columns.displayName'), dataIndex: 'displayName' },
          {
            key: 'password',
            title: t('accounts.password.label'),
            render: (_value, row) => (
              <Typography.Text code copyable>
                {row.temporaryPassword}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Flex>
  );
}
