import type { EventAction } from '@linli/common';
import { Alert, App, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import type { EventDetail, EventTransitionBody } from '../events.types.ts';
import { useEventLabels } from '../hooks/use-event-labels.ts';
import { useDuplicates, useEventCategories, useTransitionEvent } from '../hooks/use-events.ts';
import { currentPosition } from '../location.ts';
import { PhotoPicker, type PickedPhoto } from './photo-picker.tsx';

interface Values {
  comment?: string;
  lead?: string;
  assists?: string[];
  result?: string;
  photos?: PickedPhoto[];
  rating?: 'satisfied' | 'basic' | 'unsatisfied';
  days?: number;
  into?: string;
}

/** Actions whose comment is the reason the workflow asks for. */
const REASON_REQUIRED: ReadonlySet<EventAction> = new Set([
  'reject',
  'return',
  'verifyFail',
  'requestExtension',
  'refuseExtension',
  'note',
]);
/** Actions taken on site, which record where the user stood when the browser may tell. */
const ON_SITE: ReadonlySet<EventAction> = new Set(['verifyPass', 'verifyFail', 'handle']);

/** Every department named in the category tree: the ones events are dispatched to. */
function useDepartmentOptions() {
  const tree = useEventCategories();
  return useMemo(() => {
    const names = new Set<string>();
    for (const c of tree.data ?? []) {
      if (c.department) names.add(c.department);
      for (const s of c.children) if (s.department) names.add(s.department);
    }
    return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN')).map((value) => ({ value, label: value }));
  }, [tree.data]);
}

function useCategoryDepartment(code: string): string | undefined {
  const tree = useEventCategories();
  return tree.data?.flatMap((c) => c.children).find((s) => s.code === code)?.department ?? undefined;
}

/**
 * The form of one workflow step: dispatch (lead and assisting departments), handle (result and
 * after-photos), verify, return, extension, merge, rate … A stale version (someone acted
 * meanwhile) shows 已被他人修改 and keeps what was typed; the page has the new version by then.
 */
export function EventActionModal({
  event,
  action,
  onClose,
}: {
  event: EventDetail;
  action: EventAction;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useEventLabels();
  const [form] = Form.useForm<Values>();
  const step = useTransitionEvent(event.id);
  const [conflict, setConflict] = useState(false);
  const departments = useDepartmentOptions();
  const categoryDepartment = useCategoryDepartment(event.categoryCode);
  const duplicates = useDuplicates(
    action === 'merge'
      ? { categoryCode: event.categoryCode, divisionCode: event.divisionCode, excludeId: event.id }
      : undefined,
  );
  const rating = Form.useWatch('rating', form);
  // The category's department is the usual lead; the tree may arrive after the form opened.
  useEffect(() => {
    if (action === 'dispatch' && categoryDepartment && !form.getFieldValue('lead'))
      form.setFieldValue('lead', categoryDepartment);
  }, [action, categoryDepartment, form]);

  const submit = async (v: Values) => {
    setConflict(false);
    const photoIds = v.photos?.map((p) => p.id);
    const data: NonNullable<EventTransitionBody['data']> = {};
    if (action === 'dispatch') {
      data.lead = v.lead;
      data.assists = (v.assists ?? []).filter((d) => d !== v.lead);
    }
    if (action === 'handle') data.result = v.result;
    if (photoIds?.length) data.photoIds = photoIds;
    if (action === 'rate') data.rating = v.rating;
    if (action === 'requestExtension') data.days = v.days;
    if (action === 'merge') data.into = v.into;
    if (ON_SITE.has(action)) Object.assign(data, await currentPosition());
    try {
      await step.mutateAsync({
        action,
        version: event.version,
        comment: v.comment?.trim() || null,
        ...(Object.keys(data).length ? { data } : {}),
      });
      void message.success(t('events.event.done', { action: labels.actions[action] }));
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.is('conflict.version')) setConflict(true);
    }
  };

  const reasonRequired = REASON_REQUIRED.has(action);
  const commentLabel = reasonRequired ? t('events.form.reason') : t('events.form.comment');
  const mergeOptions = (Array.isArray(duplicates.data) ? duplicates.data : []).map((d) => ({
    value: d.id,
    label: `${d.no} · ${d.description.slice(0, 30)}`,
  }));

  return (
    <Modal
      open
      title={labels.actions[action]}
      okText={t('events.form.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={step.isPending}
      okButtonProps={{ 'data-testid': 'btn-action-submit' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={520}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="event-action-form"
        initialValues={{ assists: [], photos: [] }}
        onFinish={(v) => void submit(v)}
      >
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            data-testid="event-conflict"
            title={t('events.event.conflict')}
            style={{ marginBottom: 16 }}
          />
        ) : step.error && !(step.error instanceof ApiError && step.error.status === 400) ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={step.error} />
          </div>
        ) : step.error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={messageOf(step.error)}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {action === 'dispatch' ? (
          <>
            <Form.Item
              name="lead"
              label={t('events.form.lead')}
              extra={t('events.form.departmentHint')}
              rules={[{ required: true, message: t('events.form.leadRequired') }]}
            >
              <Select showSearch options={departments} data-testid="dispatch-lead" />
            </Form.Item>
            <Form.Item name="assists" label={t('events.form.assists')}>
              <Select mode="multiple" options={departments} data-testid="dispatch-assists" />
            </Form.Item>
          </>
        ) : null}
        {action === 'handle' ? (
          <>
            <Form.Item
              name="result"
              label={t('events.form.result')}
              rules={[{ required: true, whitespace: true, message: t('events.form.resultRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="handle-result" />
            </Form.Item>
            <Form.Item name="photos" label={t('events.form.afterPhotos')}>
              <PhotoPicker testId="action-photo-input" />
            </Form.Item>
          </>
        ) : null}
        {action === 'verifyPass' || action === 'verifyFail' ? (
          <Form.Item name="photos" label={t('events.form.verifyPhotos')}>
            <PhotoPicker testId="action-photo-input" />
          </Form.Item>
        ) : null}
        {action === 'rate' ? (
          <Form.Item
            name="rating"
            label={t('events.form.rating')}
            extra={rating === 'unsatisfied' && event.reopened === 0 ? t('events.form.unsatisfiedHint') : null}
            rules={[{ required: true, message: t('events.form.ratingRequired') }]}
          >
            <Radio.Group options={labels.ratingOptions} data-testid="rate-rating" />
          </Form.Item>
        ) : null}
        {action === 'requestExtension' ? (
          <Form.Item
            name="days"
            label={t('events.form.days')}
            rules={[
              { required: true, type: 'integer', min: 1, max: 30, message: t('events.form.daysRequired') },
            ]}
          >
            <InputNumber min={1} max={30} precision={0} style={{ width: 120 }} />
          </Form.Item>
        ) : null}
        {action === 'merge' ? (
          <Form.Item
            name="into"
            label={t('events.form.into')}
            extra={t('events.form.intoHelp')}
            rules={[{ required: true, message: t('events.form.intoRequired') }]}
          >
            <Select
              options={mergeOptions}
              loading={duplicates.isLoading}
              notFoundContent={
                <Typography.Text type="secondary">{t('events.form.noCandidates')}</Typography.Text>
              }
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="comment"
          label={action === 'rate' ? t('events.form.ratingComment') : commentLabel}
          rules={
            reasonRequired
              ? [{ required: true, whitespace: true, message: t('events.form.reasonRequired') }]
              : []
          }
        >
          <Input.TextArea rows={2} maxLength={1000} data-testid="action-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
