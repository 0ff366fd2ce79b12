import { EVALUATION_KIND_NAMES, FEEDBACK_ANSWER_NAMES, satisfactionRate } from '@linli/common';
import { Button, Flex, List, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useContractFeedback } from '../hooks/use-funding-extras.ts';

/**
 * What residents answered online about a project (满意 / 基本满意 / 不满意): the open round's tally,
 * which the evaluator may take as its satisfaction sample, earlier rounds and the latest comments.
 */
export function FeedbackTally({
  contractId,
  onUse,
}: {
  contractId: string;
  onUse?: (sample: { asked: number; satisfied: number }) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const feedback = useContractFeedback(contractId);
  if (feedback.error) return <ErrorAlert error={feedback.error} onRetry={() => void feedback.refetch()} />;
  const f = feedback.data;
  if (!f) return null;
  const names = FEEDBACK_ANSWER_NAMES[locale];
  const roundName = (r: { kind: 'mid' | 'final'; round: number }) =>
    t('fundingExtras.feedback.round', { kind: EVALUATION_KIND_NAMES[locale][r.kind], round: r.round });
  return (
    <Flex vertical gap={8} data-testid="feedback-tally">
      <Typography.Text strong>{t('fundingExtras.feedback.tallyTitle')}</Typography.Text>
      <Typography.Text type="secondary">{t('fundingExtras.feedback.tallyHint')}</Typography.Text>
      {f.open ? (
        <Flex wrap gap={24} align="center">
          <Tag>{roundName(f.open)}</Tag>
          <Statistic title={names.satisfied} value={f.open.satisfied} />
          <Statistic title={names.basically} value={f.open.basically} />
          <Statistic title={names.dissatisfied} value={f.open.dissatisfied} />
          <Statistic
            title={t('contracts.evaluation.rate', {
              rate: satisfactionRate(f.open.sampleAsked, f.open.sampleSatisfied),
            })}
            value={t('fundingExtras.feedback.total', { total: f.open.total })}
          />
          {onUse && f.open.total > 0 ? (
            <Button
              data-testid="btn-use-feedback"
              onClick={() => onUse({ asked: f.open!.sampleAsked, satisfied: f.open!.sampleSatisfied })}
            >
              {t('fundingExtras.feedback.useTally')}
            </Button>
          ) : null}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('fundingExtras.feedback.noOpen')}</Typography.Text>
      )}
      {f.rounds.length > 0 ? (
        <Table
          size="small"
          rowKey={(r) => `${r.kind}-${r.round}`}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={f.rounds}
          columns={[
            { key: 'r', title: t('fundingExtras.feedback.roundsTitle'), render: (_, r) => roundName(r) },
            { key: 's', title: names.satisfied, align: 'right', dataIndex: 'satisfied' },
            { key: 'b', title: names.basically, align: 'right', dataIndex: 'basically' },
            { key: 'd', title: names.dissatisfied, align: 'right', dataIndex: 'dissatisfied' },
          ]}
        />
      ) : null}
      {f.comments.length > 0 ? (
        <List
          size="small"
          header={t('fundingExtras.feedback.comments')}
          dataSource={f.comments}
          renderItem={(c) => (
            <List.Item>
              <Flex vertical>
                <Typography.Text>{c.comment}</Typography.Text>
                <Typography.Text type="secondary">
                  {names[c.answer]} · {roundName(c)} · {formatDateTime(c.at, locale)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
    </Flex>
  );
}
