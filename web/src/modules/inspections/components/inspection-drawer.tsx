import { App, Button, Descriptions, Drawer, Flex, Form, Input, Modal, Radio, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { WorkflowHistory } from '../../../ui/workflow-history.tsx';
import { useInspection, useTransitionInspection } from '../hooks/use-inspections.ts';
import {
  INSPECTION_ACTIONS,
  INSPECTION_RESULTS,
  type InspectionAction,
  type InspectionResult,
  RESULT_COLORS,
  STATE_COLORS,
} from '../inspections.types.ts';

/** One year's inspection of one organization: the report, the review buttons its abilities allow, its history. */
export function InspectionDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const _locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const detail = useInspection(id);
  const transition = useTransitionInspection(id ?? '');
  const [action, setAction] = useState<InspectionAction | null>(null);
  const [form] = Form.useForm<{
    result?: InspectionResult;
    findings?: string;
    comment?: string;
    reportSummary?: string;
  }>();
  const i = detail.data;
  const none = t('common.none');

  const submit = (v: {
    result?: InspectionResult;
    findings?: string;
    comment?: string;
    reportSummary?: string;
  }) => {
    if (!i || !action) return;
    transition.mutate(
      {
        action,
        version: i.version,
        comment: v.comment?.trim() || null,
        ...(action === 'review' ? { result: v.result, findings: v.findings?.trim() || null } : {}),
        ...(action === 'resubmit' && v.reportSummary !== undefined
          ? { reportSummary: v.reportSummary.trim() || null }
          : {}),
      },
      {
        onSuccess: () => {
          void message.success(t('inspections.done', { action: t(`inspections.actions.${action}`) }));
          setAction(null);
          form.resetFields();
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  };

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={
        i ? t('inspections.drawerTitle', { name: i.organizationName, year: i.year }) : t('common.loading')
      }
      size="large"
      data-testid="inspection-drawer"
    >
      {detail.error ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {i ? (
        <Flex vertical gap={16}>
          <Flex wrap gap={8}>
            {INSPECTION_ACTIONS.filter((a) => i.abilities[a]).map((a) => (
              <Button
                key={a}
                type={a === 'return' ? 'default' : 'primary'}
                danger={a === 'return'}
                data-testid={`btn-inspection-${a}`}
                onClick={() => setAction(a)}
              >
                {t(`inspections.actions.${a}`)}
              </Button>
            ))}
          </Flex>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('inspections.columns.state')}>
              <Tag color={STATE_COLORS[i.state]} data-testid="inspection-state">
                {t(`inspections.states.${i.state}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.columns.division')}>{i.divisionName}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.columns.submittedOn')}>
              {i.submittedOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.reportSummary')}>
              {i.reportSummary ?? none}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.columns.simplified')}>
              {i.simplified
                ? t('inspections.simplifiedYes', { grade: i.gradeAtSubmission ?? '' })
                : t('inspections.simplifiedNo')}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.columns.result')}>
              {i.result ? (
                <Tag color={RESULT_COLORS[i.result]} data-testid="inspection-result">
                  {t(`inspections.results.${i.result}`)}
                </Tag>
              ) : (
                none
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('inspections.findings')}>{i.findings ?? none}</Descriptions.Item>
            <Descriptions.Item label={t('inspections.inspector')}>
              {i.inspectorName ? `${i.inspectorName}（${i.reviewedOn ?? ''}）` : none}
            </Descriptions.Item>
          </Descriptions>
          <WorkflowHistory
            title={t('inspections.history')}
            entries={i.history}
            empty={t('inspections.noHistory')}
          />
          <Modal
            open={action !== null}
            title={action ? t(`inspections.actions.${action}`) : ''}
            okText={t('common.save')}
            cancelText={t('common.cancel')}
            okButtonProps={
              { loading: transition.isPending, 'data-testid': 'btn-inspection-confirm' } as never
            }
            onOk={() => form.submit()}
            onCancel={() => setAction(null)}
            destroyOnHidden
          >
            <Form form={form} layout="vertical" onFinish={submit}>
              {action === 'review' ? (
                <>
                  <Form.Item
                    name="result"
                    label={t('inspections.columns.result')}
                    rules={[{ required: true, message: t('inspections.resultRequired') }]}
                  >
                    <Radio.Group
                      data-testid="inspection-result-choice"
                      options={INSPECTION_RESULTS.map((r) => ({
                        value: r,
                        label: t(`inspections.results.${r}`),
                      }))}
                    />
                  </Form.Item>
                  <Form.Item name="findings" label={t('inspections.findings')}>
                    <Input.TextArea rows={3} maxLength={2000} data-testid="inspection-findings" />
                  </Form.Item>
                </>
              ) : null}
              {action === 'resubmit' ? (
                <Form.Item name="reportSummary" label={t('inspections.reportSummary')}>
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              ) : null}
              <Form.Item
                name="comment"
                label={t(action === 'return' ? 'inspections.returnReason' : 'inspections.comment')}
                rules={
                  action === 'return'
                    ? [{ required: true, whitespace: true, message: t('inspections.returnReasonRequired') }]
                    : []
                }
              >
                <Input.TextArea rows={2} maxLength={500} data-testid="inspection-comment" />
              </Form.Item>
            </Form>
          </Modal>
        </Flex>
      ) : null}
    </Drawer>
  );
}
