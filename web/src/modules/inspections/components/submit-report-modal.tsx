import { beijingToday } from '@linli/common';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useDebouncedValue } from '../../../ui/use-debounced-value.ts';
import { useCreateInspection, useRegisteredOrganizations } from '../hooks/use-inspections.ts';

interface Values {
  organizationId: string;
  year: number;
  submittedOn: string;
  reportSummary?: string;
}

/** 报送年度报告: an organization submits its own report, or the district enters one received on paper. */
export function SubmitReportModal(props: {
  open: boolean;
  years: number[];
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const organizations = useRegisteredOrganizations(q, props.open);
  const create = useCreateInspection();
  return (
    <Modal
      open={props.open}
      title={t('inspections.submit.title')}
      okText={t('inspections.submit.ok')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'btn-inspection-submit' } as never}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ year: props.years[0], submittedOn: beijingToday() }}
        onFinish={(v) =>
          create.mutate(
            { ...v, reportSummary: v.reportSummary?.trim() || null },
            {
              onSuccess: (created) => {
                void message.success(t('inspections.submit.done', { name: created.organizationName }));
                form.resetFields();
                props.onCreated(created.id);
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item
          name="organizationId"
          label={t('inspections.columns.organization')}
          extra={t('inspections.submit.organizationHelp')}
          rules={[{ required: true, message: t('inspections.submit.organizationRequired') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            data-testid="inspection-submit-organization"
            loading={organizations.isFetching}
            options={(organizations.data?.items ?? []).map((o) => ({
              value: o.id,
              label: `${o.name}（${o.divisionName}）`,
            }))}
          />
        </Form.Item>
        <Form.Item name="year" label={t('inspections.columns.year')} rules={[{ required: true }]}>
          <Select
            options={props.years.map((y) => ({ value: y, label: t('inspections.yearLabel', { year: y }) }))}
          />
        </Form.Item>
        <Form.Item
          name="submittedOn"
          label={t('inspections.columns.submittedOn')}
          rules={[{ required: true }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item name="reportSummary" label={t('inspections.reportSummary')}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('inspections.submit.summaryPlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
