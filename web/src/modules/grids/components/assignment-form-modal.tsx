import { normalizeMobile } from '@linli/common';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useCreateAssignment, useGridDuties } from '../hooks/use-grids.ts';

const DATE = 'YYYY-MM-DD';

interface FormValues {
  dutyCode: string;
  personName: string;
  phone?: string;
  accountUsername?: string;
  fromDate: Dayjs;
  note?: string;
}

/** Which form field an error code belongs to, so the message shows under it. */
const FIELD_OF_CODE: Partial<Record<string, keyof FormValues>> = {
  'grid.invalidDuty': 'dutyCode',
  'grid.leaderExists': 'dutyCode',
  'grid.invalidPhone': 'phone',
  'grid.invalidAccount': 'accountUsername',
  'grid.invalidDates': 'fromDate',
};

/** 安排人员: puts a person on this grid in a duty from a date (today by default). */
export function AssignmentFormModal({
  gridCode,
  open,
  onClose,
}: {
  gridCode: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [form] = Form.useForm<FormValues>();
  const duties = useGridDuties();
  const create = useCreateAssignment();

  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };

  const submit = async (values: FormValues) => {
    try {
      const saved = await create.mutateAsync({
        gridCode,
        dutyCode: values.dutyCode,
        personName: values.personName.trim(),
        phone: values.phone?.trim() || null,
        accountUsername: values.accountUsername?.trim() || null,
        fromDate: values.fromDate.format(DATE),
        note: values.note?.trim() || null,
      });
      void message.success(t('grids.form.created', { name: saved.personName, duty: saved.dutyName }));
      close();
    } catch (error) {
      if (!(error instanceof ApiError)) return;
      const field = FIELD_OF_CODE[error.code];
      if (field) form.setFields([{ name: field, errors: [messageOf(error)] }]);
    }
  };

  const fieldError = create.error instanceof ApiError && FIELD_OF_CODE[create.error.code] !== undefined;
  return (
    <Modal
      open={open}
      title={t('grids.form.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'btn-assignment-save' } as Record<string, string>}
    >
      {create.error && !fieldError && !(create.error instanceof ApiError && create.error.status === 400) ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={create.error} />
        </div>
      ) : null}
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={{ fromDate: dayjs(), dutyCode: 'member' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item
          name="dutyCode"
          label={t('grids.form.duty')}
          rules={[{ required: true, message: t('grids.form.required') }]}
        >
          <Select
            aria-label={t('grids.form.duty')}
            data-testid="assignment-duty"
            loading={duties.isLoading}
            options={(duties.data ?? [])
              .filter((d) => d.active)
              .map((d) => ({ value: d.code, label: locale === 'zh-CN' ? d.name : d.nameEn }))}
          />
        </Form.Item>
        <Form.Item
          name="personName"
          label={t('grids.form.name')}
          rules={[{ required: true, whitespace: true, max: 50, message: t('grids.form.required') }]}
        >
          <Input maxLength={50} autoComplete="off" data-testid="assignment-name" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('grids.form.phone')}
          extra={t('grids.form.phoneHelp')}
          rules={[
            {
              validator: (_, value?: string) =>
                !value?.trim() || normalizeMobile(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('grids.form.invalidPhone'))),
            },
          ]}
        >
          <Input inputMode="tel" maxLength={20} autoComplete="off" data-testid="assignment-phone" />
        </Form.Item>
        <Form.Item name="accountUsername" label={t('grids.form.account')} extra={t('grids.form.accountHelp')}>
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="fromDate"
          label={t('grids.form.fromDate')}
          rules={[{ required: true, message: t('grids.form.required') }]}
        >
          <DatePicker style={{ width: '100%' }} format={DATE} allowClear={false} />
        </Form.Item>
        <Form.Item name="note" label={t('grids.form.note')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
