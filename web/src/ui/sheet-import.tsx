import { InboxOutlined } from '@ant-design/icons';
import { App, Flex, Table, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, localizeFieldError, type ProblemFieldError } from '../app/api/api-error.ts';
import { useLocale } from '../i18n/index.ts';
import { formatBytes } from './download.ts';
import { ErrorAlert } from './error-alert.tsx';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The parts every Excel import dialog shares: choosing the .xlsx file, and the refusal with its
 * table of bad rows (row number, column, problem in the user's language). Each module keeps its
 * own steps and summary.
 */
export function SheetFilePicker({
  file,
  hint,
  onChoose,
}: {
  file: File | null;
  hint: string;
  onChoose: (file: File) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  if (file) {
    return (
      <Typography.Text>
        {t('sheetImport.chosen', { name: file.name, size: formatBytes(file.size) })}
      </Typography.Text>
    );
  }
  return (
    <Upload.Dragger
      accept={`.xlsx,${XLSX_MIME}`}
      multiple={false}
      showUploadList={false}
      beforeUpload={(chosen) => {
        if (chosen.name.toLowerCase().endsWith('.xlsx')) onChoose(chosen);
        else void message.error(t('sheetImport.onlyXlsx'));
        return Upload.LIST_IGNORE;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined aria-hidden />
      </p>
      <p className="ant-upload-text">{t('sheetImport.drop')}</p>
      <p className="ant-upload-hint">{hint}</p>
    </Upload.Dragger>
  );
}

export function SheetImportProblem({ error }: { error: Error }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = error instanceof ApiError ? error.errors : [];
  return (
    <Flex vertical gap={12} data-testid="import-errors">
      <ErrorAlert error={error} />
      {rows.length > 0 ? (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('sheetImport.errorsTitle')}
          </Typography.Title>
          <Table<ProblemFieldError & { key: number }>
            size="small"
            dataSource={rows.map((row, key) => ({ ...row, key }))}
            pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
            columns={[
              {
                key: 'row',
                title: t('sheetImport.row'),
                dataIndex: 'row',
                width: 88,
                render: (row: number | undefined) =>
                  row === undefined ? '' : t('sheetImport.rowValue', { row }),
              },
              { key: 'field', title: t('sheetImport.field'), dataIndex: 'field', width: 112 },
              {
                key: 'message',
                title: t('sheetImport.message'),
                render: (_value, row) => localizeFieldError(row, locale),
              },
            ]}
          />
        </>
      ) : null}
    </Flex>
  );
}
