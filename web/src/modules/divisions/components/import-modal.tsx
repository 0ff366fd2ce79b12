import { Alert, App, Button, Col, Flex, Modal, Progress, Row, Statistic, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SheetFilePicker, SheetImportProblem } from '../../../ui/sheet-import.tsx';
import type { DivisionImportResult } from '../divisions.types.ts';
import { useImportDivisions } from '../hooks/use-division-import.ts';

interface ImportModalProps {
  open: boolean;
  onClose: () => void;
}

/**
 * 导入 Excel: choosing a file runs a dry run at once; its summary (new / updated / unchanged) is
 * confirmed before the real import. A refused file lists every bad row, and nothing is written.
 */
export function ImportModal({ open, onClose }: ImportModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const importer = useImportDivisions();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<DivisionImportResult | null>(null);
  const [progress, setProgress] = useState(0);

  const reset = () => {
    setFile(null);
    setPreview(null);
    setProgress(0);
    importer.reset();
  };

  const close = () => {
    if (importer.isPending) return;
    reset();
    onClose();
  };

  const run = async (chosen: File, dryRun: boolean) => {
    setProgress(0);
    try {
      const result = await importer.mutateAsync({ file: chosen, dryRun, onProgress: setProgress });
      if (result.dryRun) {
        setPreview(result);
        return;
      }
      void message.success(
        t('divisions.import.done', {
          created: result.created,
          updated: result.updated,
          unchanged: result.unchanged,
        }),
      );
      reset();
      onClose();
    } catch {
      // The error is shown from importer.error.
    }
  };

  const choose = (chosen: File) => {
    setFile(chosen);
    setPreview(null);
    void run(chosen, true);
  };

  const step = !file ? 0 : preview && !importer.isPending ? 2 : 1;
  const pending = importer.isPending;
  const error = importer.error;

  return (
    <Modal
      open={open}
      title={t('divisions.import.title')}
      onCancel={close}
      width={720}
      destroyOnHidden
      mask={{ closable: !pending }}
      footer={
        <Flex wrap justify="flex-end" gap={8}>
          <Button onClick={close} disabled={pending}>
            {t('common.cancel')}
          </Button>
          {file && !pending ? <Button onClick={reset}>{t('divisions.import.chooseAnother')}</Button> : null}
          <Button
            type="primary"
            data-testid="import-confirm"
            disabled={!file || !preview || pending}
            loading={pending && preview !== null}
            onClick={() => file && void run(file, false)}
          >
            {t('divisions.import.confirm')}
          </Button>
        </Flex>
      }
    >
      <Flex vertical gap={16}>
        <Steps
          size="small"
          current={step}
          items={[
            { title: t('divisions.import.stepChoose') },
            { title: t('divisions.import.stepCheck') },
            { title: t('divisions.import.stepImport') },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t('divisions.import.hint')}
        </Typography.Paragraph>

        <SheetFilePicker file={file} hint={t('divisions.import.dropHint')} onChoose={choose} />

        {pending ? (
          <div role="status" aria-live="polite" data-testid="import-progress">
            <Typography.Text>
              {preview ? t('divisions.import.importing') : t('divisions.import.checking')}
            </Typography.Text>
            <Progress percent={Math.round(progress * 100)} status="active" />
          </div>
        ) : null}

        {!pending && preview ? <ImportSummary result={preview} /> : null}

        {!pending && error ? <SheetImportProblem error={error} /> : null}
      </Flex>
    </Modal>
  );
}

function ImportSummary({ result }: { result: DivisionImportResult }) {
  const { t } = useTranslation();
  return (
    <div data-testid="import-summary">
      <Alert type="success" showIcon title={t('divisions.import.checkPassed')} style={{ marginBottom: 12 }} />
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('divisions.import.summaryTitle')}
      </Typography.Title>
      <Row gutter={[12, 12]}>
        <Col xs={12} sm={6}>
          <Statistic title={t('divisions.import.total')} value={result.total} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('divisions.import.created')} value={result.created} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('divisions.import.updated')} value={result.updated} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('divisions.import.unchanged')} value={result.unchanged} />
        </Col>
      </Row>
    </div>
  );
}
