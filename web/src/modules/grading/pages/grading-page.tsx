import { PlusOutlined } from '@ant-design/icons';
import { beijingToday } from '@linli/common';
import {
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { ScoreSheet } from '../components/score-sheet.tsx';
import { EVALUATION_STATE_COLORS, type GradeEvaluation, type GradeRound } from '../grading.types.ts';
import {
  useApply,
  useCreateRound,
  useGradeEvaluations,
  useGradeRounds,
  useGradingDefaults,
} from '../hooks/use-grading.ts';

const KINDS = ['social_group', 'private_non_enterprise', 'foundation'] as const;

/** 等级评估: the rounds (district: create and run them; organizations: apply) and an organization's own evaluations. */
export function GradingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const rounds = useGradeRounds();
  const apply = useApply();
  const manage = can('grading:manage');
  const mine = useGradeEvaluations({ limit: 100 });
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<GradeRound> = [
    { key: 'year', title: t('grading.round.year'), dataIndex: 'year' },
    {
      key: 'title',
      title: t('grading.round.title'),
      render: (_, r) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'start' }}
          onClick={() => navigate(`/grading/rounds/${r.id}`)}
        >
          {r.title}
        </Button>
      ),
    },
    {
      key: 'kinds',
      title: t('grading.round.kinds'),
      responsive: ['lg'],
      render: (_, r) => r.kinds.map((k) => t(`grading.kinds.${k}`)).join('、'),
    },
    {
      key: 'window',
      title: t('grading.round.window'),
      responsive: ['md'],
      render: (_, r) =>
        t('grading.round.noticeUntil', { from: r.applicationsOpenOn, to: r.applicationsCloseOn }),
    },
    {
      key: 'state',
      title: t('grading.round.state'),
      render: (_, r) => <Tag>{t(`grading.roundStates.${r.state}`)}</Tag>,
    },
    {
      key: 'counts',
      title: t('grading.round.counts'),
      render: (_, r) => Object.values(r.counts).reduce((s, n) => s + n, 0),
    },
    {
      key: 'actions',
      title: '',
      render: (_, r) =>
        r.abilities.apply ? (
          <Button
            size="small"
            type="primary"
            data-testid={`btn-apply-${r.id}`}
            loading={apply.isPending}
            onClick={() =>
              apply.mutate(r.id, {
                onSuccess: (ev) => {
                  void message.success(t('grading.round.applied'));
                  navigate(`/grading/evaluations/${ev.id}`);
                },
                onError: (error) => void message.error(messageOf(error)),
              })
            }
          >
            {t('grading.round.apply')}
          </Button>
        ) : r.state === 'notice' || r.state === 'closed' ? (
          <Button size="small" onClick={() => navigate(`/grading/rounds/${r.id}/notice`)}>
            {t('grading.round.openNotice')}
          </Button>
        ) : null,
    },
  ];

  const evaluationColumns: TableColumnsType<GradeEvaluation> = [
    { key: 'round', title: t('grading.rounds'), dataIndex: 'roundTitle' },
    {
      key: 'state',
      title: t('grading.evaluation.state'),
      render: (_, e) => <Tag color={EVALUATION_STATE_COLORS[e.state]}>{t(`grading.states.${e.state}`)}</Tag>,
    },
    {
      key: 'grade',
      title: t('grading.evaluation.resultGrade'),
      render: (_, e) => e.resultGrade ?? e.proposedGrade ?? '—',
    },
    {
      key: 'open',
      title: '',
      render: (_, e) => (
        <Button
          size="small"
          data-testid={`open-evaluation-${e.id}`}
          onClick={() => navigate(`/grading/evaluations/${e.id}`)}
        >
          {t('grading.evaluation.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('grading.title')}
        subtitle={t('grading.subtitle')}
        extra={
          manage ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              data-testid="btn-new-round"
              onClick={() => setCreating(true)}
            >
              {t('grading.newRound')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        <Card size="small" title={t('grading.rounds')}>
          {rounds.error ? (
            <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} />
          ) : (
            <Table<GradeRound>
              data-testid="round-table"
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rounds.data?.items}
              loading={rounds.isLoading}
              pagination={false}
            />
          )}
        </Card>
        {can('grading:apply') ? (
          <Card size="small" title={t('grading.myEvaluations')}>
            <Table<GradeEvaluation>
              data-testid="my-evaluations"
              rowKey="id"
              size="small"
              columns={evaluationColumns}
              dataSource={mine.data?.items}
              loading={mine.isLoading}
              pagination={false}
            />
          </Card>
        ) : null}
      </Flex>
      {creating ? (
        <NewRoundModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            navigate(`/grading/rounds/${id}`);
          }}
        />
      ) : null}
    </>
  );
}

interface RoundForm {
  year: number;
  batchNo: number;
  title: string;
  kinds: string[];
  opensOn: Dayjs;
  closesOn: Dayjs;
  noticeWorkingDays: number;
  bands: Record<string, number>;
}

/** A new round: year and batch, kinds, application window, notice period and the editable grade bands. */
function NewRoundModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const defaults = useGradingDefaults(true);
  const create = useCreateRound();
  const [form] = Form.useForm<RoundForm>();
  const year = Number(beijingToday().slice(0, 4));
  const bands = defaults.data?.bands ?? [];
  return (
    <Modal
      open
      width={760}
      title={t('grading.newRound')}
      okText={t('grading.create')}
      okButtonProps={{ 'data-testid': 'btn-create-round', loading: create.isPending }}
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {defaults.data ? (
        <Form<RoundForm>
          form={form}
          layout="vertical"
          initialValues={{
            year,
            batchNo: 1,
            kinds: [...KINDS],
            noticeWorkingDays: 7,
            bands: Object.fromEntries(bands.map((b) => [b.grade, b.min])),
          }}
          onFinish={(v) =>
            create.mutate(
              {
                year: v.year,
                batchNo: v.batchNo,
                title: v.title,
                kinds: v.kinds as (typeof KINDS)[number][],
                applicationsOpenOn: v.opensOn.format('YYYY-MM-DD'),
                applicationsCloseOn: v.closesOn.format('YYYY-MM-DD'),
                noticeWorkingDays: v.noticeWorkingDays,
                bands: bands.map((b) => ({ grade: b.grade, min: v.bands[b.grade] ?? b.min })),
              },
              {
                onSuccess: (r) => {
                  void message.success(t('grading.created'));
                  onCreated(r.id);
                },
                onError: (error) => void message.error(messageOf(error)),
              },
            )
          }
        >
          <Flex wrap gap={12}>
            <Form.Item name="year" label={t('grading.round.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} data-testid="round-year" />
            </Form.Item>
            <Form.Item name="batchNo" label={t('grading.round.batchNo')} rules={[{ required: true }]}>
              <InputNumber min={1} max={99} data-testid="round-batch" />
            </Form.Item>
            <Form.Item
              name="noticeWorkingDays"
              label={t('grading.round.noticeDays')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={30} />
            </Form.Item>
          </Flex>
          <Form.Item name="title" label={t('grading.round.title')} rules={[{ required: true, max: 200 }]}>
            <Input data-testid="round-title" />
          </Form.Item>
          <Form.Item name="kinds" label={t('grading.round.kinds')} rules={[{ required: true }]}>
            <Checkbox.Group options={KINDS.map((k) => ({ value: k, label: t(`grading.kinds.${k}`) }))} />
          </Form.Item>
          <Flex wrap gap={12}>
            <Form.Item name="opensOn" label={t('grading.round.opensOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="round-opens" />
            </Form.Item>
            <Form.Item name="closesOn" label={t('grading.round.closesOn')} rules={[{ required: true }]}>
              <DatePicker data-testid="round-closes" />
            </Form.Item>
          </Flex>
          <Typography.Text strong>{t('grading.round.bands')}</Typography.Text>
          <Flex wrap gap={12} style={{ marginTop: 8 }}>
            {bands.map((b) => (
              <Form.Item
                key={b.grade}
                name={['bands', b.grade]}
                label={t('grading.round.bandMin', { grade: b.grade })}
                rules={[{ required: true }]}
              >
                <InputNumber min={0} max={1000} data-testid={`band-${b.grade}`} />
              </Form.Item>
            ))}
          </Flex>
          <Collapse
            size="small"
            items={(['association', 'service'] as const).map((key) => ({
              key,
              label: `${t('grading.round.templates')} · ${
                key === 'association'
                  ? `${t('grading.kinds.social_group')}/${t('grading.kinds.foundation')}`
                  : t('grading.kinds.private_non_enterprise')
              }`,
              children: <ScoreSheet template={defaults.data.templates[key]} scores={{}} readOnly />,
            }))}
          />
        </Form>
      ) : defaults.error ? (
        <ErrorAlert error={defaults.error} onRetry={() => void defaults.refetch()} />
      ) : null}
    </Modal>
  );
}
