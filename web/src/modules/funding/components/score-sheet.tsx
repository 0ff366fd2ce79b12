import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { type ReviewDetail, useSaveSheet, useTransitionReview } from '../hooks/use-reviews.ts';

/** A failed validation is shown on the fields themselves. */
const fieldsShowProblems = () => undefined;

/**
 * A reviewer's sheet: the conflict-of-interest declaration first; after "no conflict" a score per
 * criterion of the call's template (0…max, one decimal) and a comment, saved and then submitted
 * (locked). A recusal or a submitted sheet is shown read-only.
 */
export function ScoreSheet({ review }: { review: ReviewDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message, modal } = App.useApp();
  const messageOf = useErrorMessage();
  const step = useTransitionReview(review.id);
  const save = useSaveSheet(review.id);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState(false);
  const [form] = Form.useForm<{ scores: Array<number | null>; comment?: string }>();
  const scores = Form.useWatch('scores', form) ?? review.scores ?? [];
  const total = scores.reduce<number>((s, p) => s + (p ?? 0), 0);
  const fail = (error: unknown) => void message.error(messageOf(error));

  const declare = (action: 'declareNone' | 'declareConflict') => {
    if (action === 'declareConflict' && !reason.trim()) {
      setReasonError(true);
      return;
    }
    step.mutate(
      {
        action,
        version: review.version,
        ...(action === 'declareConflict' ? { comment: reason.trim() } : {}),
      },
      { onError: fail },
    );
  };

  const submit = () =>
    form.validateFields().then((v) => {
      modal.confirm({
        title: t('review.sheet.submitConfirm'),
        okText: t('review.sheet.submit'),
        cancelText: t('common.cancel'),
        onOk: () =>
          save
            .mutateAsync({
              version: review.version,
              scores: v.scores.map((p) => p ?? 0),
              comment: v.comment || null,
            })
            .then((saved) => step.mutateAsync({ action: 'submit', version: saved.version }))
            .then(() => void message.success(t('review.sheet.submitted')))
            .catch(fail),
      });
    }, fieldsShowProblems);

  if (review.state === 'conflicted')
    return (
      <Alert
        type="info"
        showIcon
        data-testid="sheet-conflicted"
        message={t('review.sheet.conflicted', { reason: review.conflictReason ?? '' })}
      />
    );

  if (review.abilities.declare)
    return (
      <Card size="small" title={t('review.sheet.declareTitle')} data-testid="coi-card">
        <Typography.Paragraph type="secondary">{t('review.sheet.declareHint')}</Typography.Paragraph>
        <Flex vertical gap={12}>
          <Button
            type="primary"
            loading={step.isPending}
            data-testid="btn-declare-none"
            onClick={() => declare('declareNone')}
          >
            {t('review.sheet.declareNone')}
          </Button>
          <Form.Item
            label={t('review.sheet.conflictReason')}
            htmlFor="coi-reason"
            layout="vertical"
            validateStatus={reasonError ? 'error' : undefined}
            help={reasonError ? t('review.sheet.conflictReasonRequired') : undefined}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              id="coi-reason"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setReasonError(false);
              }}
            />
          </Form.Item>
          <Button danger loading={step.isPending} onClick={() => declare('declareConflict')}>
            {t('review.sheet.declareConflict')}
          </Button>
        </Flex>
      </Card>
    );

  const editable = review.abilities.score;
  return (
    <Card
      size="small"
      title={t('review.sheet.total', { total: Number(total.toFixed(1)), max: review.maxTotal })}
      data-testid="score-sheet"
    >
      {review.state === 'submitted' && review.submittedAt ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('review.sheet.locked', { at: formatDateTime(review.submittedAt, locale) })}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        disabled={!editable}
        initialValues={{
          scores: review.scores ?? review.scoringTemplate.map(() => null),
          comment: review.comment ?? '',
        }}
      >
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={review.scoringTemplate.map((c, i) => ({ ...c, i }))}
          columns={[
            { key: 'name', title: t('review.sheet.criterion'), dataIndex: 'name' },
            {
              key: 'max',
              title: t('review.sheet.maxPoints'),
              dataIndex: 'maxPoints',
              align: 'right',
              width: 80,
            },
            {
              key: 'points',
              title: t('review.sheet.points'),
              width: 140,
              render: (_, c) => (
                <Form.Item
                  name={['scores', c.i]}
                  style={{ marginBottom: 0 }}
                  rules={[{ required: true, message: t('funding.required') }]}
                >
                  <InputNumber<number>
                    min={0}
                    max={c.maxPoints}
                    precision={1}
                    step={1}
                    aria-label={`${c.name} ${t('review.sheet.points')}`}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Form.Item name="comment" label={t('review.sheet.comment')} style={{ marginTop: 12 }}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
      {editable ? (
        <Space>
          <Button
            loading={save.isPending}
            onClick={() =>
              void form.validateFields().then(
                (v) =>
                  save.mutate(
                    {
                      version: review.version,
                      scores: v.scores.map((p) => p ?? 0),
                      comment: v.comment || null,
                    },
                    { onSuccess: () => void message.success(t('review.sheet.saved')), onError: fail },
                  ),
                fieldsShowProblems,
              )
            }
          >
            {t('review.sheet.save')}
          </Button>
          <Button
            type="primary"
            data-testid="btn-submit-sheet"
            loading={step.isPending}
            onClick={() => void submit()}
          >
            {t('review.sheet.submit')}
          </Button>
        </Space>
      ) : null}
    </Card>
  );
}
