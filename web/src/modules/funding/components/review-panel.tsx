import { REVIEW_STATE_NAMES } from '@linli/common';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import {
  type RankingRow,
  useApplicationSheets,
  useAssignReviewers,
  useExportRanking,
  usePublishNotice,
  useRanking,
  useReturnReview,
  useReviewers,
} from '../hooks/use-reviews.ts';
import { Yuan } from './money.tsx';

const PAGE_SIZE = 20;

/**
 * The district's pre-assessment of a closed call (事前论证): assign a reviewer panel, follow the
 * sheets and the ranking (score plus the grade priority), export it, and publish the proposed
 * awards as a public notice.
 */
export function CallReviewPanel({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [page, setPage] = useState(1);
  const ranking = useRanking(callId, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, true);
  const r = ranking.data;
  const reviewers = useReviewers(Boolean(r?.abilities.assign));
  const assign = useAssignReviewers(callId);
  const exporter = useExportRanking(callId);
  const [panel, setPanel] = useState<string[]>([]);
  // Rows, not keys: the publish dialog lists picks from pages no longer loaded.
  const [selected, setSelected] = useState<RankingRow[]>([]);
  const [publishing, setPublishing] = useState(false);
  if (ranking.error) return <ErrorAlert error={ranking.error} onRetry={() => void ranking.refetch()} />;
  if (!r) return null;
  return (
    <Card
      size="small"
      title={t('review.panel.title')}
      data-testid="review-panel"
      extra={
        <Space wrap>
          {r.noticeId ? (
            <Link to={`/notices/${r.noticeId}`} data-testid="link-notice">
              {t('review.panel.viewNotice')}
            </Link>
          ) : null}
          <Button
            loading={exporter.isPending}
            onClick={() =>
              exporter.mutate(undefined, {
                onSuccess: (file) => void message.success(t('review.panel.exported', { file })),
                onError: (error) => void message.error(messageOf(error)),
              })
            }
          >
            {t('review.panel.export')}
          </Button>
          {r.abilities.publish ? (
            <Button
              type="primary"
              data-testid="btn-publish-notice"
              onClick={() =>
                selected.length === 0
                  ? void message.warning(t('review.panel.selectOne'))
                  : setPublishing(true)
              }
            >
              {t('review.panel.publish')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex vertical gap={12}>
        {r.abilities.assign ? (
          <Flex wrap gap={8} align="center">
            <Select
              mode="multiple"
              style={{ minWidth: 320, flex: '1 1 320px' }}
              aria-label={t('review.panel.reviewers')}
              placeholder={t('review.panel.reviewersHint')}
              value={panel}
              onChange={setPanel}
              loading={reviewers.isLoading}
              optionFilterProp="label"
              data-testid="select-reviewers"
              options={(reviewers.data ?? []).map((x) => ({ value: x.id, label: x.displayName }))}
            />
            <Button
              disabled={panel.length === 0}
              loading={assign.isPending}
              data-testid="btn-assign"
              onClick={() =>
                assign.mutate(
                  { reviewerIds: panel },
                  {
                    onSuccess: (res) => {
                      void message.success(t('review.panel.assigned', res));
                      setPanel([]);
                    },
                    onError: (error) => void message.error(messageOf(error)),
                  },
                )
              }
            >
              {t('review.panel.assign')}
            </Button>
          </Flex>
        ) : null}
        <Typography.Text type="secondary">
          {t('review.panel.rule', { grade: r.priorityGrade, bonus: r.priorityBonus })}
        </Typography.Text>
        <Typography.Text data-testid="ranking-counts">
          {t('review.panel.counts', {
            total: r.total,
            ranked: r.ranked,
            reviewed: r.reviewed,
            onNotice: r.onNotice,
          })}
        </Typography.Text>
        <Table
          size="small"
          rowKey="applicationId"
          data-testid="ranking-table"
          loading={ranking.isFetching}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: r.total,
            showSizeChanger: false,
            size: 'small',
            onChange: setPage,
          }}
          scroll={{ x: 'max-content' }}
          dataSource={r.items}
          rowSelection={
            r.abilities.publish
              ? {
                  preserveSelectedRowKeys: true,
                  selectedRowKeys: selected.map((x) => x.applicationId),
                  // In ranking order, as the notice lists them.
                  onChange: (_, rows) => setSelected([...rows].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))),
                  getCheckboxProps: (row) => ({ disabled: row.score === null, 'aria-label': row.title }),
                }
              : undefined
          }
          expandable={{ expandedRowRender: (row) => <Sheets applicationId={row.applicationId} /> }}
          columns={[
            { key: 'rank', title: t('review.panel.rank'), render: (_, x) => x.rank ?? '—', width: 60 },
            { key: 'title', title: t('funding.applications.projectTitle'), dataIndex: 'title' },
            {
              key: 'org',
              title: t('funding.applications.organization'),
              render: (_, x) => (
                <>
                  {x.organizationName}
                  {x.organizationGrade ? (
                    <Tag style={{ marginInlineStart: 6 }}>{x.organizationGrade}</Tag>
                  ) : null}
                  {x.priority ? <Tag color="gold">{t('review.panel.priority')}</Tag> : null}
                </>
              ),
            },
            {
              key: 'score',
              title: t('review.panel.score'),
              align: 'right',
              render: (_, x) => x.score ?? '—',
            },
            {
              key: 'rankingScore',
              title: t('review.panel.rankingScore'),
              align: 'right',
              render: (_, x) => x.rankingScore ?? '—',
            },
            {
              key: 'sheets',
              title: t('review.panel.sheets'),
              render: (_, x) => (
                <>
                  {t('review.panel.sheetsValue', { submitted: x.submitted, reviewers: x.reviewers })}
                  {x.conflicted > 0 ? (
                    <Tag style={{ marginInlineStart: 6 }}>
                      {t('review.panel.conflicted', { count: x.conflicted })}
                    </Tag>
                  ) : null}
                </>
              ),
            },
            {
              key: 'requested',
              title: t('funding.applications.requested'),
              align: 'right',
              render: (_, x) => <Yuan fen={x.requestedFen} />,
            },
            {
              key: 'notice',
              title: t('funding.applications.state'),
              render: (_, x) =>
                x.excluded ? (
                  <Tag color="red">{t('review.panel.excluded')}</Tag>
                ) : x.onNotice ? (
                  <Tag color="blue">{t('review.panel.onNotice')}</Tag>
                ) : null,
            },
          ]}
        />
      </Flex>
      {publishing ? (
        <PublishModal callId={callId} rows={selected} onClose={() => setPublishing(false)} />
      ) : null}
    </Card>
  );
}

/** One application's sheets with reviewers' names; the district returns a submitted one with a reason. */
function Sheets({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const sheets = useApplicationSheets(applicationId);
  const giveBack = useReturnReview();
  const [returning, setReturning] = useState<{ id: string; version: number } | null>(null);
  const [reason, setReason] = useState('');
  if (sheets.error) return <ErrorAlert error={sheets.error} onRetry={() => void sheets.refetch()} />;
  return (
    <>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={sheets.isLoading}
        dataSource={sheets.data ?? []}
        columns={[
          { key: 'reviewer', title: t('review.panel.reviewer'), dataIndex: 'reviewerName' },
          {
            key: 'state',
            title: t('funding.applications.state'),
            render: (_, s) => <Tag>{REVIEW_STATE_NAMES[locale][s.state]}</Tag>,
          },
          {
            key: 'scores',
            title: t('review.sheet.points'),
            render: (_, s) => (s.scores ?? []).join(' / ') || '—',
          },
          {
            key: 'total',
            title: t('review.myReviews.total'),
            align: 'right',
            render: (_, s) => s.totalPoints ?? '—',
          },
          {
            key: 'comment',
            title: t('review.sheet.comment'),
            render: (_, s) => (s.state === 'conflicted' ? s.conflictReason : s.comment) ?? '—',
          },
          {
            key: 'actions',
            title: t('funding.actions'),
            render: (_, s) =>
              s.abilities.return ? (
                <Button size="small" onClick={() => setReturning({ id: s.id, version: s.version })}>
                  {t('review.panel.returnSheet')}
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal
        open={returning !== null}
        title={t('review.panel.returnSheet')}
        okText={t('review.panel.returnSheet')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        confirmLoading={giveBack.isPending}
        onCancel={() => setReturning(null)}
        onOk={() =>
          returning &&
          giveBack.mutate(
            { ...returning, reason: reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('review.panel.returned'));
                setReturning(null);
                setReason('');
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form layout="vertical">
          <Form.Item label={t('review.panel.returnReason')} htmlFor="return-reason" required>
            <Input.TextArea
              id="return-reason"
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function PublishModal({
  callId,
  rows,
  onClose,
}: {
  callId: string;
  rows: RankingRow[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const publish = usePublishNotice(callId);
  const [form] = Form.useForm<{ workingDays: number; note?: string }>();
  return (
    <Modal
      open
      title={t('review.panel.publishTitle')}
      okText={t('review.panel.publish')}
      cancelText={t('common.cancel')}
      confirmLoading={publish.isPending}
      okButtonProps={{ 'data-testid': 'btn-publish-confirm' } as never}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('review.panel.publishHint')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="applicationId"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'title', title: t('funding.applications.projectTitle'), dataIndex: 'title' },
          { key: 'score', title: t('review.panel.rankingScore'), align: 'right', dataIndex: 'rankingScore' },
          {
            key: 'proposed',
            title: t('review.panel.proposed'),
            align: 'right',
            render: (_, x) => <Yuan fen={x.requestedFen} />,
          },
        ]}
      />
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        initialValues={{ workingDays: 5 }}
        onFinish={(v) =>
          publish.mutate(
            {
              applications: rows.map((x) => ({
                applicationId: x.applicationId,
                proposedFen: x.requestedFen,
              })),
              workingDays: v.workingDays,
              note: v.note || null,
            },
            {
              onSuccess: () => {
                void message.success(t('review.panel.published'));
                onClose();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item
          name="workingDays"
          label={t('review.panel.workingDays')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <InputNumber<number> min={1} max={30} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="note" label={t('review.panel.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
