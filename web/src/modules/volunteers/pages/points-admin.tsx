import { ACTIVITY_CATEGORIES, ACTIVITY_CATEGORY_NAMES, formatPoints, pickLocale } from '@linli/common';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useActiveSession, usePermissions } from '../../auth/hooks/use-auth.ts';
import {
  exportAwards,
  PAGE_SIZE,
  useAward,
  useAwards,
  useFundPool,
  usePointsAccount,
  usePointsRules,
  usePrograms,
  useSaveRule,
  useStarLevels,
  useTeamAward,
  useTeams,
  useVolunteerList,
} from '../hooks/use-volunteers.ts';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 2.5 points as typed → 250 hundredths. */
const hundredths = (points: number) => Math.round(points * 100);

/** Points rules by program and category (default 1 hour = 1 point) and the star thresholds in use. */
export function RulesTab() {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const { can } = usePermissions();
  const rules = usePointsRules();
  const programs = usePrograms();
  const stars = useStarLevels();
  const save = useSaveRule();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [form] = Form.useForm();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph>{t('volunteers.rules.hint')}</Typography.Paragraph>
      {stars.data ? (
        <Typography.Paragraph data-testid="star-levels">
          {t('volunteers.rules.stars', { hours: stars.data.hours.join(' / ') })}
        </Typography.Paragraph>
      ) : null}
      {rules.error ? <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      <Table
        rowKey="id"
        loading={rules.isLoading}
        dataSource={rules.data ?? []}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: t('volunteers.rules.none') }}
        columns={[
          {
            key: 'program',
            title: t('volunteers.admin.program'),
            render: (_, r) => r.programName ?? t('volunteers.rules.anyProgram'),
          },
          {
            key: 'category',
            title: t('volunteers.admin.category'),
            render: (_, r) =>
              r.category ? ACTIVITY_CATEGORY_NAMES[locale][r.category] : t('volunteers.rules.anyCategory'),
          },
          {
            key: 'rate',
            title: t('volunteers.rules.perHour'),
            render: (_, r) => formatPoints(r.pointsPerHour),
          },
          { key: 'updated', title: t('volunteers.rules.updatedAt'), render: (_, r) => when(r.updatedAt) },
        ]}
      />
      {can('points:write') ? (
        <Card size="small" title={t('volunteers.rules.set')}>
          <Form
            form={form}
            layout="inline"
            initialValues={{ perHour: 1 }}
            onFinish={(v: {
              programId?: string;
              category?: (typeof ACTIVITY_CATEGORIES)[number];
              perHour: number;
            }) =>
              save.mutate(
                {
                  programId: v.programId ?? null,
                  category: v.category ?? null,
                  pointsPerHour: hundredths(v.perHour),
                },
                {
                  onSuccess: () => void message.success(t('volunteers.rules.saved')),
                  onError: (e) => void message.error(errorMessage(e)),
                },
              )
            }
          >
            <Form.Item name="programId" label={t('volunteers.admin.program')}>
              <Select
                allowClear
                style={{ minWidth: 160 }}
                placeholder={t('volunteers.rules.anyProgram')}
                options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
            <Form.Item name="category" label={t('volunteers.admin.category')}>
              <Select
                allowClear
                style={{ minWidth: 160 }}
                placeholder={t('volunteers.rules.anyCategory')}
                options={ACTIVITY_CATEGORIES.map((c) => ({
                  value: c,
                  label: ACTIVITY_CATEGORY_NAMES[locale][c],
                }))}
              />
            </Form.Item>
            <Form.Item name="perHour" label={t('volunteers.rules.perHour')} rules={[{ required: true }]}>
              <InputNumber min={0} max={1000} step={0.5} precision={2} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('volunteers.rules.save')}
            </Button>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}

/** District awards: the award pool, awarding a volunteer or a team's members, and the list of awards. */
export function AwardsTab() {
  const { t } = useTranslation();
  const session = useActiveSession();
  const district = session?.roles.find((g) => g.scopeCode)?.scopeCode?.slice(0, 6) ?? null;
  const pool = usePointsAccount(district ? `award-pool:${district}` : null);
  const [page, setPage] = useState(1);
  const awards = useAwards(page);
  const [awarding, setAwarding] = useState(false);
  const [funding, setFunding] = useState(false);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap align="end" size="large">
        <Statistic
          title={t('volunteers.awards.pool')}
          value={pool.data ? formatPoints(pool.data.balance) : '—'}
          data-testid="award-pool"
        />
        <Button type="primary" onClick={() => setAwarding(true)}>
          {t('volunteers.awards.award')}
        </Button>
        <Button onClick={() => setFunding(true)} disabled={!district}>
          {t('volunteers.awards.fund')}
        </Button>
        <Button
          onClick={() =>
            exportAwards().then(
              (file) => void message.success(t('volunteers.admin.exported', { file })),
              (e) => void message.error(errorMessage(e)),
            )
          }
        >
          {t('volunteers.admin.export')}
        </Button>
      </Space>
      {awards.error ? <ErrorAlert error={awards.error} onRetry={() => void awards.refetch()} /> : null}
      <Table
        rowKey="postingId"
        loading={awards.isLoading}
        dataSource={awards.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: awards.data?.total ?? 0, onChange: setPage }}
        scroll={{ x: true }}
        columns={[
          { key: 'at', title: t('volunteers.awards.at'), render: (_, a) => when(a.at) },
          { key: 'name', title: t('volunteers.admin.columns.name'), dataIndex: 'volunteerName' },
          { key: 'division', title: t('volunteers.admin.columns.division'), dataIndex: 'divisionName' },
          {
            key: 'points',
            title: t('volunteers.admin.columns.points'),
            render: (_, a) => formatPoints(a.points),
          },
          { key: 'reason', title: t('volunteers.awards.reason'), render: (_, a) => a.reason ?? '' },
          { key: 'team', title: t('volunteers.admin.columns.team'), render: (_, a) => a.teamName ?? '—' },
          { key: 'actor', title: t('volunteers.awards.actor'), dataIndex: 'actorName' },
        ]}
      />
      {awarding ? <AwardModal onClose={() => setAwarding(false)} /> : null}
      {funding && district ? <FundModal district={district} onClose={() => setFunding(false)} /> : null}
    </Space>
  );
}

function AwardModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  // One request key per opened form: a double click or a retry posts once.
  const [key] = useState(() => `award-${crypto.randomUUID()}`);
  const [target, setTarget] = useState<'volunteer' | 'team'>('volunteer');
  const [q, setQ] = useState('');
  const volunteers = useVolunteerList(q, 1);
  const teams = useTeams(q, 1);
  const award = useAward();
  const teamAward = useTeamAward();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const done = {
    onSuccess: () => {
      void message.success(t('volunteers.awards.done'));
      onClose();
    },
    onError: (e: unknown) => void message.error(errorMessage(e)),
  };
  return (
    <Modal
      open
      title={t('volunteers.awards.award')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={award.isPending || teamAward.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { subjectId: string; points: number; reason: string }) =>
          target === 'volunteer'
            ? award.mutate(
                {
                  volunteerId: v.subjectId,
                  points: hundredths(v.points),
                  reason: v.reason,
                  idempotencyKey: key,
                },
                done,
              )
            : teamAward.mutate(
                { teamId: v.subjectId, points: hundredths(v.points), reason: v.reason, idempotencyKey: key },
                done,
              )
        }
      >
        <Form.Item label={t('volunteers.awards.target')}>
          <Radio.Group
            value={target}
            onChange={(e) => {
              setTarget(e.target.value);
              setQ('');
              form.setFieldValue('subjectId', undefined);
            }}
            options={[
              { value: 'volunteer', label: t('volunteers.awards.toVolunteer') },
              { value: 'team', label: t('volunteers.awards.toTeam') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="subjectId"
          label={
            target === 'volunteer' ? t('volunteers.admin.volunteer') : t('volunteers.admin.columns.team')
          }
          rules={[{ required: true }]}
          extra={target === 'team' ? t('volunteers.awards.teamHint') : undefined}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            placeholder={t('volunteers.awards.search')}
            options={
              target === 'volunteer'
                ? (volunteers.data?.items ?? []).map((v) => ({
                    value: v.id,
                    label: `${v.name} · ${v.volunteerNo} · ${v.divisionName}`,
                  }))
                : (teams.data?.items ?? []).map((team) => ({
                    value: team.id,
                    label: `${team.name}（${team.members}）`,
                  }))
            }
          />
        </Form.Item>
        <Form.Item
          name="points"
          label={target === 'volunteer' ? t('volunteers.awards.points') : t('volunteers.awards.pointsEach')}
          rules={[{ required: true }]}
        >
          <InputNumber min={0.01} max={10000} precision={2} />
        </Form.Item>
        <Form.Item name="reason" label={t('volunteers.awards.reason')} rules={[{ required: true }]}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function FundModal({ district, onClose }: { district: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [key] = useState(() => `pool-${crypto.randomUUID()}`);
  const fund = useFundPool();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  return (
    <Modal
      open
      title={t('volunteers.awards.fund')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={fund.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v: { points: number; memo: string }) =>
          fund.mutate(
            { districtCode: district, points: hundredths(v.points), memo: v.memo, idempotencyKey: key },
            {
              onSuccess: () => {
                void message.success(t('volunteers.awards.funded'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item name="points" label={t('volunteers.awards.points')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1000000} precision={2} />
        </Form.Item>
        <Form.Item name="memo" label={t('volunteers.awards.memo')} rules={[{ required: true }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
