import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { formatYuan } from '@linli/common';
import { App, Button, Drawer, Flex, Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import type { ApplicationDetail, CallSummary } from '../funding.types.ts';
import {
  useCreateApplication,
  useOrganizationOptions,
  useTransitionApplication,
  useUpdateApplication,
} from '../hooks/use-funding.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';
import { ApplicationAttachments } from './application-attachments.tsx';
import { toFen, YuanInput } from './money.tsx';

interface Values {
  organizationId?: string;
  title: string;
  focusArea: ApplicationDetail['focusArea'];
  plan: string;
  outcomes: string;
  lines: Array<{ item: string; amountYuan: number }>;
}

/**
 * The application form (申报书): budget lines, plan and outcomes. Saving keeps a draft; "save and
 * submit" also submits it (the server refuses after the call's closing day, Beijing time).
 */
export function ApplicationForm({
  call,
  application,
  onClose,
}: {
  call: Pick<CallSummary, 'id' | 'title' | 'focusAreas' | 'budgetCeilingFen'>;
  application?: ApplicationDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const { can } = usePermissions();
  const [form] = Form.useForm<Values>();
  const create = useCreateApplication();
  const update = useUpdateApplication();
  const submit = useTransitionApplication();
  const lines = Form.useWatch('lines', form) ?? [];
  const total = lines.reduce((sum, l) => sum + toFen(l?.amountYuan), 0);
  // The district enters an application for an organization; an organization applies for itself.
  const forOrganization = can('fund:write') && !application;

  const save = async (v: Values, andSubmit: boolean) => {
    const body = {
      title: v.title,
      focusArea: v.focusArea,
      plan: v.plan,
      outcomes: v.outcomes,
      budgetLines: v.lines.map((l) => ({ item: l.item, amountFen: toFen(l.amountYuan) })),
    };
    try {
      const saved = application
        ? await update.mutateAsync({ id: application.id, body: { version: application.version, ...body } })
        : await create.mutateAsync({
            callId: call.id,
            ...(v.organizationId ? { organizationId: v.organizationId } : {}),
            ...body,
          });
      if (andSubmit)
        await submit.mutateAsync({ id: saved.id, body: { action: 'submit', version: saved.version } });
      void message.success(
        andSubmit ? t('funding.applications.submitted') : t('funding.applications.draftSaved'),
      );
      onClose();
    } catch (error) {
      void message.error(messageOf(error));
    }
  };

  const pending = create.isPending || update.isPending || submit.isPending;
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={t('funding.applications.formTitle', { call: call.title })}
      destroyOnHidden
      extra={
        <Space wrap>
          <Button
            loading={pending}
            data-testid="btn-application-save"
            onClick={() => void form.validateFields().then((v) => save(v, false))}
          >
            {t('funding.applications.saveDraft')}
          </Button>
          <Button
            type="primary"
            loading={pending}
            data-testid="btn-application-submit"
            onClick={() => void form.validateFields().then((v) => save(v, true))}
          >
            {t('funding.applications.saveAndSubmit')}
          </Button>
        </Space>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="application-form"
        initialValues={
          application
            ? {
                title: application.title,
                focusArea: application.focusArea,
                plan: application.plan,
                outcomes: application.outcomes,
                lines: application.budgetLines.map((l) => ({ item: l.item, amountYuan: l.amountFen / 100 })),
              }
            : { focusArea: call.focusAreas[0], lines: [{ item: '', amountYuan: undefined }] }
        }
      >
        {forOrganization ? (
          <Form.Item
            name="organizationId"
            label={t('funding.applications.organizationId')}
            extra={t('funding.applications.organizationIdHint')}
            rules={[{ required: true, message: t('funding.required') }]}
          >
            <OrganizationSelect />
          </Form.Item>
        ) : null}
        <Form.Item
          name="title"
          label={t('funding.applications.projectTitle')}
          rules={[{ required: true, min: 2, max: 100, message: t('funding.nameRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="focusArea"
          label={t('funding.focusArea')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Select options={call.focusAreas.map((value) => ({ value, label: labels.focusAreas[value] }))} />
        </Form.Item>
        <Form.Item
          name="plan"
          label={t('funding.applications.plan')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Input.TextArea rows={4} maxLength={8000} />
        </Form.Item>
        <Form.Item
          name="outcomes"
          label={t('funding.applications.outcomes')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('funding.applications.budgetLines')}
        </Typography.Title>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8}>
              {fields.map((field, i) => (
                <Flex key={field.key} gap={8} align="start" wrap>
                  <Form.Item
                    name={[field.name, 'item']}
                    style={{ flex: '2 1 160px', marginBottom: 0 }}
                    rules={[{ required: true, message: t('funding.required') }]}
                  >
                    <Input
                      placeholder={t('funding.applications.lineItem')}
                      aria-label={`${t('funding.applications.lineItem')} ${i + 1}`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'amountYuan']}
                    style={{ flex: '1 1 120px', marginBottom: 0 }}
                    rules={[{ required: true, message: t('funding.required') }]}
                  >
                    <YuanInput
                      placeholder={t('funding.applications.lineAmount')}
                      aria-label={`${t('funding.applications.lineAmount')} ${i + 1}`}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('funding.applications.removeLine')}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add({ item: '' })}>
                {t('funding.applications.addLine')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Typography.Paragraph style={{ marginTop: 12 }} data-testid="application-total">
          {t('funding.applications.total', {
            total: formatYuan(total),
            ceiling: formatYuan(call.budgetCeilingFen),
          })}
        </Typography.Paragraph>
        {application ? (
          <ApplicationAttachments source={{ kind: 'application', id: application.id }} editable />
        ) : (
          <Typography.Paragraph type="secondary">
            {t('fundingExtras.attachments.saveFirst')}
          </Typography.Paragraph>
        )}
      </Form>
    </Drawer>
  );
}

/** Searches the registry by name; the value is the organization's id. */
function OrganizationSelect(props: { value?: string; onChange?: (id: string) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const options = useOrganizationOptions(q.trim());
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('funding.applications.organizationIdHint')}
      loading={options.isFetching}
      options={(options.data?.items ?? []).map((o) => ({
        value: o.id,
        label: `${o.name}${o.grade ? ` · ${o.grade}` : ''}${o.fromOutside ? ` · ${t('funding.applications.outside')}` : ''}`,
      }))}
    />
  );
}
