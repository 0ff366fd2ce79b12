import {
  EVALUATION_KIND_NAMES,
  FEEDBACK_ANSWER_NAMES,
  FEEDBACK_ANSWERS,
  type FeedbackAnswer,
} from '@linli/common';
import { App, Button, Card, Flex, Form, Input, List, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import type { FeedbackProject } from '../funding.types.ts';
import { useAnswerFeedback, useFeedbackProjects } from '../hooks/use-funding-extras.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';

/** 项目满意度评价 (phone first): the projects in my community under evaluation, and my answer to each. */
export function FeedbackPage() {
  const { t } = useTranslation();
  const projects = useFeedbackProjects();
  return (
    <>
      <PageHeader title={t('fundingExtras.feedback.title')} subtitle={t('fundingExtras.feedback.subtitle')} />
      {projects.error ? (
        <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
      ) : (
        <List
          data-testid="feedback-projects"
          loading={projects.isFetching && !projects.data}
          dataSource={projects.data ?? []}
          locale={{ emptyText: <EmptyState description={t('fundingExtras.feedback.empty')} /> }}
          renderItem={(p) => (
            <List.Item style={{ paddingInline: 0 }}>
              <ProjectCard project={p} />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

function ProjectCard({ project: p }: { project: FeedbackProject }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useFundingLabels();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const answer = useAnswerFeedback();
  const [form] = Form.useForm<{ answer: FeedbackAnswer; comment?: string }>();
  const names = FEEDBACK_ANSWER_NAMES[locale];
  return (
    <Card size="small" title={p.title} style={{ width: '100%' }} data-testid="feedback-project">
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        <Typography.Text>
          {t('fundingExtras.feedback.organization')}：{p.organizationName}
        </Typography.Text>
        <Typography.Text type="secondary">
          {t('fundingExtras.feedback.term')}：{p.startsOn} – {p.endsOn}
        </Typography.Text>
        <Flex wrap gap={4}>
          {p.focusArea ? <Tag>{labels.focusAreas[p.focusArea]}</Tag> : null}
          <Tag color="blue">
            {t('fundingExtras.feedback.round', {
              kind: EVALUATION_KIND_NAMES[locale][p.kind],
              round: p.round,
            })}
          </Tag>
        </Flex>
      </Flex>
      {p.myAnswer ? (
        <Flex vertical gap={4} data-testid="feedback-answered">
          <Typography.Text strong>
            {t('fundingExtras.feedback.answered', { answer: names[p.myAnswer.answer] })}
          </Typography.Text>
          {p.myAnswer.comment ? (
            <Typography.Text type="secondary">{p.myAnswer.comment}</Typography.Text>
          ) : null}
        </Flex>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            answer.mutate(
              {
                id: p.contractId,
                body: {
                  answer: v.answer,
                  comment: v.comment?.trim() || null,
                },
              },
              {
                onSuccess: () => void message.success(t('fundingExtras.feedback.submitted')),
                onError: (error) => void message.error(messageOf(error)),
              },
            )
          }
        >
          <Form.Item
            name="answer"
            label={t('fundingExtras.feedback.answer')}
            rules={[{ required: true, message: t('fundingExtras.feedback.required') }]}
          >
            <Radio.Group
              optionType="button"
              options={FEEDBACK_ANSWERS.map((a) => ({ value: a, label: names[a] }))}
            />
          </Form.Item>
          <Form.Item name="comment" label={t('fundingExtras.feedback.comment')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={answer.isPending}>
            {t('fundingExtras.feedback.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
