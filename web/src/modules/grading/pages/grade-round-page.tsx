import { DownloadOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Flex, Table, type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { EVALUATION_STATE_COLORS, type GradeEvaluation } from '../grading.types.ts';
import {
  useExportRound,
  useGradeEvaluations,
  useGradeRound,
  useTransitionRound,
} from '../hooks/use-grading.ts';

const ROUND_ACTIONS = ['open', 'startScoring', 'publishNotice', 'close'] as const;

/** One round: its rules, its steps, and every applicant with eligibility, scores and grade. */
export function GradeRoundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const navigate = useNavigate();
  const round = useGradeRound(id);
  const evaluations = useGradeEvaluations({ roundId: id, limit: 100 });
  const step = useTransitionRound(id);
  const exporter = useExportRound();
  if (round.error) return <ErrorAlert error={round.error} onRetry={() => void round.refetch()} />;
  if (!round.data) return <PageLoading />;
  const r = round.data;

  const columns: TableColumnsType<GradeEvaluation> = [
    {
      key: 'organization',
      title: t('grading.evaluation.organization'),
      render: (_, e) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => navigate(`/grading/evaluations/${e.id}`)}
        >
          {e.organizationName}
        </Button>
      ),
    },
    {
      key: 'state',
      title: t('grading.evaluation.state'),
      render: (_, e) => <Tag color={EVALUATION_STATE_COLORS[e.state]}>{t(`grading.states.${e.state}`)}</Tag>,
    },
    {
      key: 'eligibility',
      title: t('grading.evaluation.eligibility'),
      responsive: ['md'],
      render: (_, e) =>
        e.eligible ? t('grading.evaluation.eligible') : e.eligibility.map((p) => p.text).join('；'),
    },
    { key: 'self', title: t('grading.evaluation.selfTotal'), dataIndex: 'selfTotal', responsive: ['lg'] },
    {
      key: 'evaluators',
      title: t('grading.evaluation.evaluatorScore'),
      dataIndex: 'evaluatorScore',
      responsive: ['lg'],
    },
    { key: 'committee', title: t('grading.evaluation.committeeScore'), dataIndex: 'committeeScore' },
    {
      key: 'grade',
      title: t('grading.evaluation.proposedGrade'),
      render: (_, e) =>
        e.resultGrade ??
        e.proposedGrade ??
        (e.committeeScore === null ? '—' : t('grading.evaluation.noGrade')),
    },
  ];

  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[{ title: <Link to="/grading">{t('grading.title')}</Link> }, { title: r.title }]}
          />
        }
        title={r.title}
        subtitle={<Tag>{t(`grading.roundStates.${r.state}`)}</Tag>}
        extra={
          <>
            {ROUND_ACTIONS.filter((a) => r.abilities[a]).map((a) => (
              <Button
                key={a}
                type="primary"
                data-testid={`btn-round-${a}`}
                loading={step.isPending}
                onClick={() =>
                  step.mutate(
                    { action: a, version: r.version },
                    {
                      onSuccess: () => void message.success(t('grading.evaluation.done')),
                      onError: (error) => void message.error(messageOf(error)),
                    },
                  )
                }
              >
                {t(`grading.roundActions.${a}`)}
              </Button>
            ))}
            {r.noticePublishedOn ? (
              <Button
                data-testid="link-round-notice"
                onClick={() => navigate(`/grading/rounds/${r.id}/notice`)}
              >
                {t('grading.round.openNotice')}
              </Button>
            ) : null}
            {r.abilities.edit || r.abilities.close || r.state !== 'draft' ? (
              <Button
                icon={<DownloadOutlined aria-hidden />}
                data-testid="btn-round-export"
                loading={exporter.isPending}
                onClick={() =>
                  exporter.mutate(r.id, {
                    onSuccess: (file) => void message.success(t('grading.round.exported', { file })),
                    onError: (error) => void message.error(messageOf(error)),
                  })
                }
              >
                {t('grading.round.export')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              {
                key: 'kinds',
                label: t('grading.round.kinds'),
                children: r.kinds.map((k) => t(`grading.kinds.${k}`)).join('、'),
              },
              {
                key: 'window',
                label: t('grading.round.window'),
                children: t('grading.round.noticeUntil', {
                  from: r.applicationsOpenOn,
                  to: r.applicationsCloseOn,
                }),
              },
              { key: 'noticeDays', label: t('grading.round.noticeDays'), children: r.noticeWorkingDays },
              {
                key: 'notice',
                label: t('grading.round.notice'),
                children: r.noticePublishedOn
                  ? t('grading.round.noticeUntil', { from: r.noticePublishedOn, to: r.noticeEndsOn })
                  : '—',
              },
              {
                key: 'bands',
                label: t('grading.round.bands'),
                children: r.bands.map((b) => `${b.grade} ≥ ${b.min}`).join('，'),
              },
            ]}
          />
        </Card>
        <Card size="small">
          {evaluations.error ? (
            <ErrorAlert error={evaluations.error} onRetry={() => void evaluations.refetch()} />
          ) : (
            <Table<GradeEvaluation>
              data-testid="round-evaluations"
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={evaluations.data?.items}
              loading={evaluations.isLoading}
              pagination={false}
            />
          )}
        </Card>
      </Flex>
    </>
  );
}
