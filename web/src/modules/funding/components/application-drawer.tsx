import { App, Button, Descriptions, Drawer, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import type { ApplicationDetail } from '../funding.types.ts';
import { useApplication, useAwardApplication, useTransitionApplication } from '../hooks/use-funding.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';
import { ApplicationAttachments } from './application-attachments.tsx';
import { ApplicationForm } from './application-form.tsx';
import { toFen, Yuan, YuanInput } from './money.tsx';
import { ReviewResult } from './review-result.tsx';

/** One application: its budget lines, plan and outcomes, with the steps the caller may take now. */
export function ApplicationDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const application = useApplication(id);
  const step = useTransitionApplication();
  const [editing, setEditing] = useState(false);
  const [awarding, setAwarding] = useState(false);
  const a = application.data;

  const act = (action: 'submit' | 'withdraw') => {
    if (!a) return;
    const run = () =>
      step.mutate(
        { id: a.id, body: { action, version: a.version } },
        {
          onSuccess: () =>
            void message.success(
              t(`funding.applications.${action === 'submit' ? 'submitted' : 'withdrawn'}`),
            ),
          onError: (error) => void message.error(messageOf(error)),
        },
      );
    if (action === 'withdraw')
      modal.confirm({
        title: t('funding.applications.withdrawConfirm'),
        okText: t('funding.applications.withdraw'),
        cancelText: t('common.cancel'),
        onOk: run,
      });
    else run();
  };

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size="large"
      title={a?.title ?? t('common.loading')}
      data-testid="application-drawer"
      destroyOnHidden
      extra={
        a ? (
          <Space wrap>
            {a.abilities.update ? (
              <Button onClick={() => setEditing(true)}>{t('funding.edit')}</Button>
            ) : null}
            {a.abilities.submit ? (
              <Button type="primary" loading={step.isPending} onClick={() => act('submit')}>
                {t('funding.applications.submit')}
              </Button>
            ) : null}
            {a.abilities.withdraw ? (
              <Button danger loading={step.isPending} onClick={() => act('withdraw')}>
                {t('funding.applications.withdraw')}
              </Button>
            ) : null}
            {a.abilities.award ? (
              <Button type="primary" data-testid="btn-award" onClick={() => setAwarding(true)}>
                {t('funding.applications.award')}
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      {a ? (
        <>
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label={t('funding.applications.state')}>
              <Tag color={a.state === 'awarded' ? 'success' : a.state === 'submitted' ? 'blue' : undefined}>
                {labels.applicationStates[a.state]}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.applications.organization')}>
              {a.organizationName}
              {a.organizationGrade ? <Tag style={{ marginInlineStart: 8 }}>{a.organizationGrade}</Tag> : null}
              {a.fromOutside ? <Tag color="purple">{t('funding.applications.outside')}</Tag> : null}
              {a.priority ? <Tag color="gold">{t('funding.applications.priority')}</Tag> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.calls.call')}>{a.callTitle}</Descriptions.Item>
            <Descriptions.Item label={t('funding.focusArea')}>
              {labels.focusAreas[a.focusArea]}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.applications.requested')}>
              <Yuan fen={a.requestedFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.applications.awarded')}>
              <Yuan fen={a.awardedFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.calls.closesOn')}>{a.callClosesOn}</Descriptions.Item>
            <Descriptions.Item label={t('funding.applications.submittedAt')}>
              {a.submittedAt ? formatDateTime(a.submittedAt, locale) : '—'}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {t('funding.applications.budgetLines')}
          </Typography.Title>
          <Table
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={a.budgetLines}
            columns={[
              { key: 'item', title: t('funding.applications.lineItem'), dataIndex: 'item' },
              {
                key: 'amount',
                title: t('funding.applications.lineAmount'),
                align: 'right',
                render: (_, l) => <Yuan fen={l.amountFen} />,
              },
            ]}
          />
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 16 }}>
            {t('funding.applications.plan')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.plan}</Typography.Paragraph>
          <Typography.Title level={2} style={{ fontSize: 16 }}>
            {t('funding.applications.outcomes')}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{a.outcomes}</Typography.Paragraph>
          <ApplicationAttachments source={{ kind: 'application', id: a.id }} editable={a.abilities.update} />
          {a.state === 'submitted' || a.state === 'awarded' ? <ReviewResult applicationId={a.id} /> : null}
        </>
      ) : null}
      {editing && a ? (
        <ApplicationForm
          call={{
            id: a.callId,
            title: a.callTitle,
            focusAreas: [a.focusArea],
            budgetCeilingFen: a.budgetCeilingFen,
          }}
          application={a}
          onClose={() => setEditing(false)}
        />
      ) : null}
      {awarding && a ? <AwardModal application={a} onClose={() => setAwarding(false)} /> : null}
    </Drawer>
  );
}

function AwardModal({ application, onClose }: { application: ApplicationDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const award = useAwardApplication();
  const [form] = Form.useForm<{ amountYuan: number; comment?: string }>();
  return (
    <Modal
      open
      title={t('funding.applications.awardTitle', { title: application.title })}
      okText={t('funding.applications.award')}
      cancelText={t('common.cancel')}
      confirmLoading={award.isPending}
      okButtonProps={{ 'data-testid': 'btn-award-confirm' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="award-form"
        initialValues={{ amountYuan: application.requestedFen / 100 }}
        onFinish={(v) =>
          award.mutate(
            {
              id: application.id,
              body: {
                version: application.version,
                amountFen: toFen(v.amountYuan),
                comment: v.comment || null,
              },
            },
            {
              onSuccess: () => {
                void message.success(t('funding.applications.awardedMessage'));
                onClose();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item
          name="amountYuan"
          label={t('funding.applications.awardAmount')}
          extra={t('funding.applications.awardHint')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <YuanInput />
        </Form.Item>
        <Form.Item name="comment" label={t('funding.applications.comment')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
