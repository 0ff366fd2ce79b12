import { OBJECTION_STATE_NAMES } from '@linli/common';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { Yuan } from '../components/money.tsx';
import { type Objection, useAnswerObjection, useFileObjection, useNotice } from '../hooks/use-reviews.ts';

/**
 * One public notice: the ranked proposed awards; during the period anyone signed in objects to a
 * listed project; the district sees every objection and answers it, others see their own.
 */
export function NoticePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const { can } = usePermissions();
  const notice = useNotice(id);
  const [objecting, setObjecting] = useState<{ applicationId: string; title: string } | null>(null);
  const [answering, setAnswering] = useState<Objection | null>(null);
  if (notice.error) return <ErrorAlert error={notice.error} onRetry={() => void notice.refetch()} />;
  const n = notice.data;
  if (!n) return <PageLoading />;
  const manage = can('review:manage');
  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[{ title: <Link to="/notices">{t('review.notices.title')}</Link> }, { title: n.title }]}
          />
        }
        title={n.title}
        subtitle={
          <>
            {n.running ? (
              <Tag color="processing">{t('review.notices.running')}</Tag>
            ) : (
              <Tag>{t('review.notices.ended')}</Tag>
            )}
            {t('review.notices.periodValue', {
              from: formatDateTime(n.publishedAt, locale),
              to: formatDateTime(n.endsAt, locale),
              days: n.workingDays,
            })}
          </>
        }
      />
      <Flex vertical gap={16}>
        {n.note ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.note}</Typography.Paragraph>
        ) : null}
        <Table
          rowKey="applicationId"
          size="middle"
          data-testid="notice-entries"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={n.entries}
          columns={[
            { key: 'pos', title: t('review.notices.position'), dataIndex: 'position', width: 60 },
            {
              key: 'title',
              title: t('review.notices.project'),
              render: (_, e) => (
                <>
                  {e.title}
                  {e.excluded ? (
                    <Tag color="red" style={{ marginInlineStart: 6 }}>
                      {t('review.notices.excluded')}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            { key: 'org', title: t('review.notices.organization'), dataIndex: 'organizationName' },
            { key: 'score', title: t('review.notices.score'), dataIndex: 'rankingScore', align: 'right' },
            {
              key: 'proposed',
              title: t('review.notices.proposed'),
              align: 'right',
              render: (_, e) => <Yuan fen={e.proposedFen} />,
            },
            ...(n.abilities.object
              ? [
                  {
                    key: 'object',
                    title: t('funding.actions'),
                    render: (_: unknown, e: (typeof n.entries)[number]) =>
                      e.excluded ? null : (
                        <Button
                          size="small"
                          aria-label={`${t('review.notices.object')}：${e.title}`}
                          onClick={() => setObjecting({ applicationId: e.applicationId, title: e.title })}
                        >
                          {t('review.notices.object')}
                        </Button>
                      ),
                  },
                ]
              : []),
          ]}
        />
        <Card
          size="small"
          title={manage ? t('review.notices.objections') : t('review.notices.myObjections')}
          data-testid="objections"
        >
          <List
            dataSource={n.objections}
            locale={{ emptyText: <EmptyState description={t('review.notices.noObjections')} /> }}
            renderItem={(o) => (
              <List.Item
                actions={
                  o.abilities.answer
                    ? [
                        <Button key="answer" size="small" type="primary" onClick={() => setAnswering(o)}>
                          {t('review.notices.answer')}
                        </Button>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <>
                      {o.applicationTitle}{' '}
                      <Tag
                        color={
                          o.state === 'pending' ? 'processing' : o.state === 'upheld' ? 'red' : undefined
                        }
                      >
                        {OBJECTION_STATE_NAMES[locale][o.state]}
                      </Tag>
                    </>
                  }
                  description={
                    <>
                      <div>
                        {t('review.notices.filedBy')}：{o.filedByName} · {formatDateTime(o.createdAt, locale)}
                      </div>
                      <div style={{ whiteSpace: 'pre-wrap' }}>{o.reason}</div>
                      {o.reply ? (
                        <div style={{ whiteSpace: 'pre-wrap' }}>
                          {t('review.notices.reply')}（{o.answeredByName}）：{o.reply}
                        </div>
                      ) : null}
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      </Flex>
      {objecting ? (
        <ObjectModal noticeId={n.id} target={objecting} onClose={() => setObjecting(null)} />
      ) : null}
      {answering ? <AnswerModal objection={answering} onClose={() => setAnswering(null)} /> : null}
    </>
  );
}

function ObjectModal({
  noticeId,
  target,
  onClose,
}: {
  noticeId: string;
  target: { applicationId: string; title: string };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const file = useFileObjection(noticeId);
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open
      title={t('review.notices.objectTitle', { title: target.title })}
      okText={t('review.notices.object')}
      cancelText={t('common.cancel')}
      confirmLoading={file.isPending}
      okButtonProps={{ 'data-testid': 'btn-object-confirm' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          file.mutate(
            { applicationId: target.applicationId, reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('review.notices.filed'));
                onClose();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('review.notices.reason')}
          extra={t('review.notices.reasonHint')}
          rules={[{ required: true, min: 5, whitespace: true, message: t('review.notices.reasonHint') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerModal({ objection, onClose }: { objection: Objection; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const answer = useAnswerObjection();
  const [form] = Form.useForm<{ action: 'uphold' | 'dismiss'; reply: string }>();
  return (
    <Modal
      open
      title={t('review.notices.answerTitle')}
      okText={t('review.notices.answer')}
      cancelText={t('common.cancel')}
      confirmLoading={answer.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{objection.reason}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ action: 'dismiss' }}
        onFinish={(v) =>
          answer.mutate(
            {
              id: objection.id,
              body: { action: v.action, version: objection.version, reply: v.reply.trim() },
            },
            {
              onSuccess: () => {
                void message.success(t('review.notices.answered'));
                onClose();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item name="action" label={t('review.notices.answer')}>
          <Radio.Group
            options={[
              { value: 'dismiss', label: t('review.notices.dismiss') },
              { value: 'uphold', label: t('review.notices.uphold') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reply"
          label={t('review.notices.reply')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('funding.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
