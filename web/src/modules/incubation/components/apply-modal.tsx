import { INCUBATION_NEEDS, type IncubationNeed } from '@linli/common';
import { App, type ButtonProps, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useDebouncedValue } from '../../../ui/use-debounced-value.ts';
import { useIncubationLabels } from '../hooks/use-incubation-labels.ts';
import { useCreateIncubation, useIncubationCandidates } from '../hooks/use-incubations.ts';
import type { IncubationCounts } from '../incubation.types.ts';

interface ApplyValues {
  organizationId: string;
  branchCode?: string;
  applicantName: string;
  purpose: string;
  needs: IncubationNeed[];
  needsNote?: string;
}

/** 新建入孵申请: an organization of the registry that may apply, where it applies, who, what and what it needs. */
export function ApplyModal(props: {
  open: boolean;
  branches: IncubationCounts['branches'];
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useIncubationLabels();
  const [form] = Form.useForm<ApplyValues>();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const candidates = useIncubationCandidates(q, props.open);
  const create = useCreateIncubation();

  const submit = (values: ApplyValues) =>
    create.mutate(
      {
        organizationId: values.organizationId,
        branchCode: values.branchCode ?? null,
        applicantName: values.applicantName.trim(),
        purpose: values.purpose.trim(),
        needs: values.needs ?? [],
        needsNote: values.needsNote?.trim() || null,
      },
      {
        onSuccess: (created) => {
          void message.success(t('incubation.form.created', { name: created.organizationName }));
          form.resetFields();
          props.onCreated(created.id);
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );

  return (
    <Modal
      open={props.open}
      title={t('incubation.form.title')}
      okText={t('incubation.form.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={
        { loading: create.isPending, 'data-testid': 'btn-incubation-apply-submit' } as ButtonProps
      }
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form<ApplyValues> form={form} layout="vertical" onFinish={submit} initialValues={{ needs: [] }}>
        <Form.Item
          name="organizationId"
          label={t('incubation.form.organization')}
          rules={[{ required: true, message: t('incubation.form.organizationRequired') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            data-testid="incubation-apply-organization"
            placeholder={t('incubation.form.organizationPlaceholder')}
            loading={candidates.isFetching}
            notFoundContent={candidates.isFetching ? null : t('incubation.form.noCandidates')}
            options={(candidates.data ?? []).map((c) => ({
              value: c.id,
              label: `${c.name}（${c.divisionName} · ${labels.classes[c.priorityClass]}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="branchCode"
          label={t('incubation.form.branch')}
          extra={t('incubation.form.branchHelp')}
        >
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={props.branches
              .filter((b) => b.code !== null)
              .map((b) => ({ value: b.code, label: b.name }))}
          />
        </Form.Item>
        <Form.Item
          name="applicantName"
          label={t('incubation.form.applicant')}
          rules={[
            {
              required: true,
              min: 2,
              max: 50,
              whitespace: true,
              message: t('incubation.form.applicantRequired'),
            },
          ]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('incubation.form.purpose')}
          rules={[
            {
              required: true,
              min: 2,
              max: 1000,
              whitespace: true,
              message: t('incubation.form.purposeRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Form.Item name="needs" label={t('incubation.form.needs')}>
          <Checkbox.Group options={INCUBATION_NEEDS.map((n) => ({ value: n, label: labels.needs[n] }))} />
        </Form.Item>
        <Form.Item name="needsNote" label={t('incubation.form.needsNote')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
