import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Modal,
  Select,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { WorkflowHistory } from '../../../ui/workflow-history.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { ScoreSheet } from '../components/score-sheet.tsx';
import {
  EVALUATION_STATE_COLORS,
  type EvaluationTransitionBody,
  type GradeEvaluationDetail,
} from '../grading.types.ts';
import {
  useAssignEvaluators,
  useGradeEvaluation,
  useGradeEvaluators,
  useSaveSelfAssessment,
  useTransitionEvaluation,
} from '../hooks/use-grading.ts';

type Action = EvaluationTransitionBody['action'];
const ACTIONS: readonly Action[] = [
  'submit',
  'accept',
  'reject',
  'review',
  'publish',
  'appeal',
  'answerAppeal',
  'confirm',
];
/** Steps that ask for a comment (required) or an adjusted score first. */
const WITH_FORM: readonly Action[] = ['reject', 'review', 'appeal', 'answerAppeal'];
const COMMENT_REQUIRED: readonly Action[] = ['reject', 'appeal', 'answerAppeal'];

/** One organization's evaluation: eligibility, self-assessment, sheets, committee result, notice, 复核, grade. */
export function GradeEvaluationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const evaluation = useGradeEvaluation(id);
  if (evaluation.error)
    return <ErrorAlert error={evaluation.error} onRetry={() => void evaluation.refetch()} />;
  if (!evaluation.data) return <PageLoading />;
  const e = evaluation.data;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[{ title: <Link to="/grading">{t('grading.title')}</Link> }, { title: e.roundTitle }]}
          />
        }
        title={e.organizationName}
        subtitle={
          <Tag color={EVALUATION_STATE_COLORS[e.state]} data-testid="evaluation-state">
            {t(`grading.states.${e.state}`)}
          </Tag>
        }
        extra={<Actions evaluation={e} />}
      />
      <Flex vertical gap={16}>
        {!e.eligible ? (
          <Alert
            type="warning"
            showIcon
            message={t('grading.evaluation.eligibility')}
            description={e.eligibility.map((p) => p.text).join('；')}
          />
        ) : null}
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            data-testid="evaluation-result"
            items={[
              { key: 'self', label: t('grading.evaluation.selfTotal'), children: e.selfTotal ?? '—' },
              {
                key: 'eval',
                label: t('grading.evaluation.evaluatorScore'),
                children: e.evaluatorScore ?? '—',
              },
              {
                key: 'committee',
                label: t('grading.evaluation.committeeScore'),
                children: e.committeeScore ?? '—',
              },
              {
                key: 'proposed',
                label: t('grading.evaluation.proposedGrade'),
                children:
                  e.proposedGrade ?? (e.committeeScore === null ? '—' : t('grading.evaluation.noGrade')),
              },
              {
                key: 'notice',
                label: t('grading.round.notice'),
                children: e.noticeEndsOn ?? '—',
              },
              {
                key: 'result',
                label: t('grading.evaluation.resultGrade'),
                children: e.confirmedOn ? (
                  <span data-testid="result-grade">
                    {e.resultGrade ?? t('grading.evaluation.noGrade')}
                    {e.validUntil ? ` · ${t('grading.evaluation.validUntil')} ${e.validUntil}` : ''}
                  </span>
                ) : (
                  '—'
                ),
              },
              ...(e.appealReason
                ? [
                    {
                      key: 'appeal',
                      label: t('grading.evaluation.appeal'),
                      children: `${e.appealReason}（${t('grading.evaluation.appealDue', { date: e.appealDueOn })}）`,
                    },
                  ]
                : []),
              ...(e.appealAnswer
                ? [{ key: 'answer', label: t('grading.evaluation.appealAnswer'), children: e.appealAnswer }]
                : []),
            ]}
          />
        </Card>
        <SelfAssessment evaluation={e} />
        {e.assignments.length > 0 || e.abilities.assign ? <Assignments evaluation={e} /> : null}
        <Card size="small">
          <WorkflowHistory
            title={t('grading.evaluation.history')}
            entries={e.history}
            empty={t('grading.evaluation.noHistory')}
            testId="evaluation-history"
          />
        </Card>
      </Flex>
    </>
  );
}

function SelfAssessment({ evaluation: e }: { evaluation: GradeEvaluationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const save = useSaveSelfAssessment(e.id);
  const [scores, setScores] = useState<Record<string, number>>(e.selfScores);
  return (
    <Card
      size="small"
      title={t('grading.evaluation.selfAssessment')}
      extra={
        e.abilities.selfAssess ? (
          <Button
            data-testid="btn-save-self"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { version: e.version, scores },
                {
                  onSuccess: () => void message.success(t('grading.evaluation.saved')),
                  onError: (error) => void message.error(messageOf(error)),
                },
              )
            }
          >
            {t('grading.evaluation.saveSelf')}
          </Button>
        ) : null
      }
    >
      <ScoreSheet
        template={e.template}
        scores={e.abilities.selfAssess ? scores : e.selfScores}
        onChange={setScores}
        readOnly={!e.abilities.selfAssess}
        testId="self-sheet"
      />
    </Card>
  );
}

function Assignments({ evaluation: e }: { evaluation: GradeEvaluationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { can } = usePermissions();
  const evaluators = useGradeEvaluators(e.abilities.assign && can('grading:manage'));
  const assign = useAssignEvaluators(e.id);
  const [chosen, setChosen] = useState<string[]>([]);
  return (
    <Card size="small" title={t('grading.evaluation.assignments')}>
      {e.abilities.assign ? (
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select
            mode="multiple"
            style={{ minWidth: 280 }}
            aria-label={t('grading.evaluation.chooseEvaluators')}
            placeholder={t('grading.evaluation.chooseEvaluators')}
            data-testid="evaluator-select"
            value={chosen}
            onChange={setChosen}
            options={(evaluators.data ?? []).map((a) => ({ value: a.id, label: a.displayName }))}
          />
          <Button
            data-testid="btn-assign"
            disabled={chosen.length === 0}
            loading={assign.isPending}
            onClick={() =>
              assign.mutate(chosen, {
                onSuccess: () => {
                  setChosen([]);
                  void message.success(t('grading.evaluation.done'));
                },
                onError: (error) => void message.error(messageOf(error)),
              })
            }
          >
            {t('grading.evaluation.assign')}
          </Button>
        </Flex>
      ) : null}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={e.assignments}
        locale={{ emptyText: t('grading.evaluation.noAssignments') }}
        columns={[
          { key: 'name', title: t('grading.evaluation.assignments'), dataIndex: 'evaluatorName' },
          {
            key: 'total',
            title: t('grading.evaluation.evaluatorScore'),
            render: (_, a) => (a.submittedAt ? a.total : t('grading.evaluation.sheetPending')),
          },
          { key: 'opinion', title: t('grading.sheets.opinion'), dataIndex: 'opinion', responsive: ['md'] },
        ]}
      />
    </Card>
  );
}

function Actions({ evaluation: e }: { evaluation: GradeEvaluationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const step = useTransitionEvaluation(e.id);
  const [asking, setAsking] = useState<Action | null>(null);
  const [comment, setComment] = useState('');
  const [score, setScore] = useState<number | null>(null);
  const run = (action: Action) =>
    step.mutate(
      {
        action,
        version: e.version,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        ...(score !== null ? { committeeScore: score } : {}),
      },
      {
        onSuccess: () => {
          setAsking(null);
          setComment('');
          setScore(null);
          void message.success(t('grading.evaluation.done'));
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  return (
    <>
      {ACTIONS.filter((a) => e.abilities[a]).map((a) => (
        <Button
          key={a}
          type={a === 'reject' ? 'default' : 'primary'}
          danger={a === 'reject'}
          data-testid={`btn-evaluation-${a}`}
          loading={step.isPending && asking === null}
          onClick={() => (WITH_FORM.includes(a) ? setAsking(a) : run(a))}
        >
          {t(`grading.actions.${a}`)}
        </Button>
      ))}
      {asking ? (
        <Modal
          open
          title={t(`grading.actions.${asking}`)}
          okButtonProps={{
            'data-testid': 'btn-evaluation-confirm-step',
            loading: step.isPending,
            disabled: COMMENT_REQUIRED.includes(asking) && !comment.trim(),
          }}
          onCancel={() => setAsking(null)}
          onOk={() => run(asking)}
        >
          <Flex vertical gap={12}>
            {asking === 'review' || asking === 'answerAppeal' ? (
              <InputNumber
                style={{ width: 240 }}
                min={0}
                max={1000}
                aria-label={t('grading.evaluation.adjustScore')}
                placeholder={t('grading.evaluation.adjustScore')}
                data-testid="committee-score"
                value={score}
                onChange={(v) => setScore(v)}
              />
            ) : null}
            <Input.TextArea
              rows={3}
              maxLength={2000}
              aria-label={t('grading.evaluation.comment')}
              placeholder={t('grading.evaluation.comment')}
              data-testid="step-comment"
              value={comment}
              onChange={(ev) => setComment(ev.target.value)}
            />
          </Flex>
        </Modal>
      ) : null}
    </>
  );
}
