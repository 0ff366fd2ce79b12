import {
  EVENT_STEPS,
  type EventStep,
  eventCategoryParent,
  TIME_LIMIT_UNITS,
  type TimeLimitUnit,
} from '@linli/common';
import {
  Alert,
  App,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import type { EventCategory, StepLimits } from '../event-categories.types.ts';
import { useCreateCategory, useUpdateCategory } from '../hooks/use-event-categories.ts';

interface FormValues {
  code: string;
  name: string;
  nameEn: string;
  description?: string;
  department?: string;
  sortOrder: number;
  active: boolean;
  limits?: Record<EventStep, { amount: number; unit: TimeLimitUnit }>;
}

const DEFAULT_LIMITS: StepLimits = {
  accept: { amount: 30, unit: 'work_minutes' },
  dispatch: { amount: 60, unit: 'work_minutes' },
  handle: { amount: 5, unit: 'work_days' },
  verify: { amount: 1, unit: 'work_days' },
};

/** What the form edits: an existing category, or a new class or subclass with a suggested code. */
export type CategoryTarget = { kind: 'edit'; category: EventCategory } | { kind: 'new'; code: string };

/**
 * Edits one category: names, and for a subclass its department and the four step limits. The page
 * keys it by category and version, so opening another category starts a fresh form.
 */
export function CategoryForm({
  target,
  onSaved,
}: {
  target: CategoryTarget;
  onSaved: (saved: EventCategory) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const [conflict, setConflict] = useState(false);
  const editing = target.kind === 'edit' ? target.category : null;
  const code = Form.useWatch('code', form) ?? (editing?.code || (target.kind === 'new' ? target.code : ''));
  const isSub = (editing?.parentCode ?? eventCategoryParent(code)) !== null && code.length === 4;

  const initialValues: Partial<FormValues> = editing
    ? {
        code: editing.code,
        name: editing.name,
        nameEn: editing.nameEn,
        description: editing.description ?? '',
        department: editing.department ?? '',
        sortOrder: editing.sortOrder,
        active: editing.active,
        limits: editing.limits ?? DEFAULT_LIMITS,
      }
    : {
        code: target.kind === 'new' ? target.code : '',
        sortOrder: 100,
        active: true,
        limits: DEFAULT_LIMITS,
      };

  const submit = async (values: FormValues) => {
    setConflict(false);
    const sub = values.code.length === 4;
    try {
      const saved = editing
        ? await update.mutateAsync({
            code: editing.code,
            body: {
              version: editing.version,
              name: values.name.trim(),
              nameEn: values.nameEn.trim(),
              description: values.description?.trim() || null,
              sortOrder: values.sortOrder,
              active: values.active,
              ...(sub ? { department: values.department?.trim() ?? '', limits: values.limits } : {}),
            },
          })
        : await create.mutateAsync({
            code: values.code.trim(),
            name: values.name.trim(),
            nameEn: values.nameEn.trim(),
            description: values.description?.trim() || null,
            sortOrder: values.sortOrder,
            ...(sub ? { department: values.department?.trim() ?? '', limits: values.limits } : {}),
          });
      void message.success(
        t(editing ? 'eventCategories.form.saved' : 'eventCategories.form.created', { name: saved.name }),
      );
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.is('conflict.version')) setConflict(true);
    }
  };

  const error = create.error ?? update.error;
  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => void submit(v)}
      data-testid="category-form"
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('eventCategories.form.conflict')}
        />
      ) : error && !(error instanceof ApiError && error.is('conflict.version')) ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={error} />
        </div>
      ) : null}
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item
            name="code"
            label={t('eventCategories.form.code')}
            extra={editing ? undefined : t('eventCategories.form.codeHelp')}
            rules={[
              { required: true, pattern: /^\d{2}(\d{2})?$/, message: t('eventCategories.form.codeHelp') },
            ]}
          >
            <Input disabled={Boolean(editing)} maxLength={4} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item
            name="name"
            label={t('eventCategories.form.name')}
            rules={[
              { required: true, whitespace: true, max: 30, message: t('eventCategories.form.required') },
            ]}
          >
            <Input maxLength={30} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="nameEn"
        label={t('eventCategories.form.nameEn')}
        rules={[{ required: true, whitespace: true, max: 80, message: t('eventCategories.form.required') }]}
      >
        <Input maxLength={80} />
      </Form.Item>
      <Form.Item name="description" label={t('eventCategories.form.description')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
      {isSub ? (
        <>
          <Form.Item
            name="department"
            label={t('eventCategories.form.department')}
            extra={t('eventCategories.form.departmentHelp')}
            rules={[
              { required: true, whitespace: true, max: 30, message: t('eventCategories.form.required') },
            ]}
          >
            <Input maxLength={30} />
          </Form.Item>
          <Typography.Text strong>{t('eventCategories.form.limits')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('eventCategories.form.limitsHelp')}
          </Typography.Paragraph>
          {EVENT_STEPS.map((step) => (
            <Flex key={step} gap={8} align="baseline" wrap>
              <Typography.Text style={{ width: 48 }}>{t(`eventCategories.steps.${step}`)}</Typography.Text>
              <Form.Item
                name={['limits', step, 'amount']}
                rules={[
                  { required: true, type: 'integer', min: 1, message: t('eventCategories.form.amountRule') },
                ]}
              >
                <InputNumber
                  min={1}
                  precision={0}
                  style={{ width: 110 }}
                  aria-label={t('eventCategories.form.amountOf', {
                    step: t(`eventCategories.steps.${step}`),
                  })}
                  data-testid={`limit-${step}-amount`}
                />
              </Form.Item>
              <Form.Item name={['limits', step, 'unit']} rules={[{ required: true }]}>
                <Select<TimeLimitUnit>
                  style={{ width: 130 }}
                  aria-label={t('eventCategories.form.unitOf', { step: t(`eventCategories.steps.${step}`) })}
                  options={TIME_LIMIT_UNITS.map((u) => ({
                    value: u,
                    label: t(`eventCategories.units.${u}`),
                  }))}
                />
              </Form.Item>
            </Flex>
          ))}
        </>
      ) : null}
      <Row gutter={12}>
        <Col xs={12}>
          <Form.Item name="sortOrder" label={t('eventCategories.form.sortOrder')}>
            <InputNumber min={0} max={10000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {editing ? (
          <Col xs={12}>
            <Form.Item
              name="active"
              label={t('eventCategories.form.active')}
              valuePropName="checked"
              extra={editing.parentCode === null ? t('eventCategories.form.activeHelp') : undefined}
            >
              <Switch />
            </Form.Item>
          </Col>
        ) : null}
      </Row>
      <Button
        type="primary"
        htmlType="submit"
        loading={create.isPending || update.isPending}
        data-testid="btn-category-save"
      >
        {editing ? t('common.save') : t('eventCategories.form.create')}
      </Button>
    </Form>
  );
}
