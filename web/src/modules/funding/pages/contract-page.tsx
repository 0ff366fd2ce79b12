import { FilePdfOutlined } from '@ant-design/icons';
import { EVALUATION_KIND_NAMES, EVALUATION_RESULT_NAMES, TRANCHE_GATE_NAMES } from '@linli/common';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { WorkflowHistory } from '../../../ui/workflow-history.tsx';
import { ContractStateTag } from '../components/contract-state-tag.tsx';
import { FeedbackTally } from '../components/feedback-tally.tsx';
import { Yuan } from '../components/money.tsx';
import {
  type ContractDetail,
  contractPhotoUrl,
  useContract,
  useContractProgress,
  useDownloadContractPdf,
  useReportRectification,
  useTransitionContract,
} from '../hooks/use-contracts.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';

type Rectification = ContractDetail['rectifications'][number];

/**
 * One contract: its terms, the tranches (paid or pending), evaluations with their site visits and
 * samples, rectification requests and the history; each role sees the buttons of its next step
 * (district: sign, terminate; organization: start, final acceptance, rectification; evaluator: evaluate).
 */
export function ContractPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const contract = useContract(id);
  const transition = useTransitionContract(id);
  const progress = useContractProgress(id);
  const report = useReportRectification(id);
  const pdf = useDownloadContractPdf(id);
  const [terminating, setTerminating] = useState(false);
  const [reporting, setReporting] = useState<Rectification | null>(null);
  const [terminateForm] = Form.useForm<{ comment: string }>();
  const [reportForm] = Form.useForm<{ report: string }>();
  if (contract.error) return <ErrorAlert error={contract.error} onRetry={() => void contract.refetch()} />;
  const c = contract.data;
  if (!c) return <PageLoading />;

  const done = (text: string) => ({
    onSuccess: () => void message.success(text),
    onError: (error: unknown) => void message.error(messageOf(error)),
  });
  const kindName = (kind: 'mid' | 'final') => EVALUATION_KIND_NAMES[locale][kind];
  const pending = transition.isPending || progress.isPending;

  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[{ title: <Link to="/contracts">{t('contracts.title')}</Link> }, { title: c.title }]}
          />
        }
        title={c.title}
        subtitle={
          <Space wrap>
            <ContractStateTag state={c.state} testId="contract-state" />
            {c.organizationName}
          </Space>
        }
        extra={
          <>
            {c.abilities.sign ? (
              <Button
                type="primary"
                loading={pending}
                data-testid="btn-contract-sign"
                onClick={() =>
                  transition.mutate(
                    { action: 'sign', version: c.version },
                    done(t('contracts.detail.signed')),
                  )
                }
              >
                {t('contracts.detail.sign')}
              </Button>
            ) : null}
            {c.abilities.start ? (
              <Button
                type="primary"
                loading={pending}
                data-testid="btn-contract-start"
                onClick={() =>
                  progress.mutate(
                    { action: 'start', version: c.version },
                    done(t('contracts.detail.started')),
                  )
                }
              >
                {t('contracts.detail.start')}
              </Button>
            ) : null}
            {c.abilities.requestFinal ? (
              <Button
                type="primary"
                loading={pending}
                data-testid="btn-contract-request-final"
                onClick={() =>
                  progress.mutate(
                    { action: 'request_final', version: c.version },
                    done(t('contracts.detail.requested')),
                  )
                }
              >
                {t('contracts.detail.requestFinal')}
              </Button>
            ) : null}
            {c.abilities.evaluate ? (
              <Button
                type="primary"
                data-testid="btn-contract-evaluate"
                onClick={() => void navigate(`/contracts/${c.id}/evaluate`)}
              >
                {t('contracts.detail.evaluate', { kind: kindName(c.abilities.evaluate) })}
              </Button>
            ) : null}
            <Button
              icon={<FilePdfOutlined aria-hidden />}
              loading={pdf.isPending}
              data-testid="btn-contract-pdf"
              onClick={() =>
                pdf.mutate(undefined, { onError: (error) => void message.error(messageOf(error)) })
              }
            >
              {t('contracts.detail.pdf')}
            </Button>
            {c.abilities.terminate ? (
              <Button danger data-testid="btn-contract-terminate" onClick={() => setTerminating(true)}>
                {t('contracts.detail.terminate')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title={t('contracts.detail.facts')}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('contracts.fund')}>{c.fundName}</Descriptions.Item>
            <Descriptions.Item label={t('funding.focusArea')}>
              {c.focusArea ? labels.focusAreas[c.focusArea] : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('contracts.term')}>
              {t('contracts.termValue', { startsOn: c.startsOn, endsOn: c.endsOn })}
            </Descriptions.Item>
            <Descriptions.Item label={t('contracts.awarded')}>
              <Yuan fen={c.awardedFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('contracts.amount')}>
              <Yuan fen={c.amountFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('contracts.paid')}>
              <span data-testid="contract-paid">
                <Yuan fen={c.paidFen} />
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('contracts.evaluator')}>{c.evaluatorName}</Descriptions.Item>
            {c.signedAt ? (
              <Descriptions.Item label={t('contracts.detail.signedAt')}>
                {formatDateTime(c.signedAt, locale)}
              </Descriptions.Item>
            ) : null}
            {c.closedAt ? (
              <Descriptions.Item label={t('contracts.detail.closedAt')}>
                {formatDateTime(c.closedAt, locale)}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          <Typography.Text strong>{t('contracts.detail.deliverables')}</Typography.Text>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.deliverables}</Typography.Paragraph>
        </Card>
        <Flex wrap gap={16}>
          <Card
            size="small"
            title={t('contracts.detail.tranches')}
            style={{ flex: '2 1 360px', minWidth: 0 }}
          >
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="contract-tranches"
              dataSource={c.tranches}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'seq', title: '#', render: (_, x) => t('contracts.detail.seq', { n: x.seq }) },
                {
                  key: 'gate',
                  title: t('contracts.detail.gate'),
                  render: (_, x) => TRANCHE_GATE_NAMES[locale][x.gate],
                },
                {
                  key: 'pct',
                  title: t('contracts.detail.percent'),
                  align: 'right',
                  render: (_, x) => `${x.percent}%`,
                },
                {
                  key: 'amount',
                  title: t('contracts.detail.amount'),
                  align: 'right',
                  render: (_, x) => <Yuan fen={x.amountFen} />,
                },
                {
                  key: 'paid',
                  title: t('contracts.detail.paidAt'),
                  render: (_, x) =>
                    x.paidAt ? (
                      <Space size={4}>
                        <Tag color="success">{t('contracts.detail.paidTag')}</Tag>
                        {formatDateTime(x.paidAt, locale)}
                      </Space>
                    ) : (
                      <Tag>{t('contracts.detail.pending')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('contracts.detail.milestones')}
            style={{ flex: '1 1 240px', minWidth: 0 }}
          >
            <List
              size="small"
              dataSource={c.milestones}
              locale={{ emptyText: <EmptyState description={t('contracts.detail.noMilestones')} /> }}
              renderItem={(m) => (
                <List.Item>
                  <span>{m.name}</span>
                  <span>{m.dueOn}</span>
                </List.Item>
              )}
            />
          </Card>
        </Flex>
        <Card size="small" title={t('contracts.detail.evaluations')}>
          {c.evaluations.length === 0 ? (
            <Typography.Text type="secondary">{t('contracts.detail.noEvaluations')}</Typography.Text>
          ) : (
            <Flex vertical gap={12} data-testid="contract-evaluations">
              {c.evaluations.map((e) => {
                const photos = c.photos.filter((p) => p.evaluationId === e.id);
                return (
                  <Card
                    key={e.id}
                    size="small"
                    type="inner"
                    title={
                      <Space wrap>
                        {t('contracts.detail.evaluationHeading', {
                          kind: kindName(e.kind),
                          round: e.round,
                          result: EVALUATION_RESULT_NAMES[locale][e.result],
                        })}
                        <Tag color={e.result === 'pass' ? 'success' : 'error'}>
                          {EVALUATION_RESULT_NAMES[locale][e.result]}
                        </Tag>
                      </Space>
                    }
                    extra={`${e.evaluatorName} · ${formatDateTime(e.at, locale)}`}
                  >
                    <Typography.Paragraph style={{ marginBottom: 4 }}>
                      {t('contracts.detail.score', { score: e.score, max: e.maxScore })}
                      {' · '}
                      {e.indicators.map((i) => `${i.name} ${i.score}/${i.maxScore}`).join('；')}
                    </Typography.Paragraph>
                    <Typography.Paragraph style={{ marginBottom: 4 }}>
                      {t('contracts.detail.satisfaction', {
                        rate: e.satisfactionRate,
                        asked: e.sampleAsked,
                        satisfied: e.sampleSatisfied,
                      })}
                    </Typography.Paragraph>
                    <Typography.Paragraph style={{ marginBottom: 4 }}>
                      {t('contracts.detail.visit', { visitedOn: e.visitedOn, place: e.visitPlace })}
                      {e.visitNotes ? `：${e.visitNotes}` : ''}
                    </Typography.Paragraph>
                    <Typography.Paragraph
                      style={{ marginBottom: photos.length ? 4 : 0, whiteSpace: 'pre-wrap' }}
                    >
                      <Typography.Text strong>{t('contracts.detail.findings')}：</Typography.Text>
                      {e.findings}
                    </Typography.Paragraph>
                    {photos.length > 0 ? (
                      <Space wrap>
                        {t('contracts.detail.photos')}：
                        {photos.map((p) => (
                          <a key={p.id} href={contractPhotoUrl(c.id, p.id)} target="_blank" rel="noreferrer">
                            {p.filename}
                          </a>
                        ))}
                      </Space>
                    ) : null}
                  </Card>
                );
              })}
            </Flex>
          )}
        </Card>
        <Card size="small">
          <FeedbackTally contractId={c.id} />
        </Card>
        {c.rectifications.length > 0 ? (
          <Card size="small" title={t('contracts.detail.rectifications')}>
            <Table<Rectification>
              size="small"
              rowKey="id"
              pagination={false}
              data-testid="contract-rectifications"
              dataSource={c.rectifications}
              scroll={{ x: 'max-content' }}
              columns={[
                { key: 'item', title: t('contracts.detail.item'), dataIndex: 'item' },
                { key: 'due', title: t('contracts.detail.dueOn'), dataIndex: 'dueOn' },
                {
                  key: 'state',
                  title: t('contracts.state'),
                  render: (_, r) =>
                    r.reportedAt ? (
                      <span>
                        <Tag color="success">{t('contracts.detail.reportedTag')}</Tag>
                        {r.report}
                      </span>
                    ) : c.abilities.reportRectification ? (
                      <Button size="small" onClick={() => setReporting(r)}>
                        {t('contracts.detail.report')}
                      </Button>
                    ) : (
                      <Tag color="warning">{t('contracts.detail.openTag')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
        ) : null}
        <Card size="small">
          <WorkflowHistory
            title={t('contracts.detail.history')}
            entries={c.history}
            empty={t('contracts.detail.noHistory')}
            testId="contract-history"
          />
        </Card>
      </Flex>
      <Modal
        open={terminating}
        title={t('contracts.detail.terminateTitle')}
        okText={t('contracts.detail.terminate')}
        okButtonProps={{ danger: true, loading: transition.isPending }}
        onCancel={() => setTerminating(false)}
        destroyOnHidden
        onOk={() =>
          void terminateForm.validateFields().then((v) =>
            transition.mutate(
              { action: 'terminate', version: c.version, comment: v.comment },
              {
                onSuccess: () => {
                  setTerminating(false);
                  void message.success(t('contracts.detail.terminated'));
                },
                onError: (error) => void message.error(messageOf(error)),
              },
            ),
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('contracts.detail.terminateHint')}</Typography.Paragraph>
        <Form form={terminateForm} layout="vertical">
          <Form.Item
            name="comment"
            label={t('contracts.detail.terminateReason')}
            rules={[{ required: true, whitespace: true, message: t('contracts.detail.terminateRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={reporting !== null}
        title={reporting ? t('contracts.detail.reportTitle', { item: reporting.item }) : ''}
        okText={t('contracts.detail.report')}
        okButtonProps={{ loading: report.isPending }}
        onCancel={() => setReporting(null)}
        destroyOnHidden
        onOk={() =>
          void reportForm.validateFields().then((v) =>
            report.mutate(
              { rectificationId: reporting?.id ?? '', version: c.version, report: v.report },
              {
                onSuccess: () => {
                  setReporting(null);
                  void message.success(t('contracts.detail.reportDone'));
                },
                onError: (error) => void message.error(messageOf(error)),
              },
            ),
          )
        }
      >
        <Form form={reportForm} layout="vertical">
          <Form.Item
            name="report"
            label={t('contracts.detail.reportLabel')}
            rules={[{ required: true, whitespace: true, message: t('contracts.detail.reportRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
