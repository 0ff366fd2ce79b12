import {
  ACTIVITY_CATEGORIES,
  ACTIVITY_CATEGORY_NAMES,
  formatHours,
  formatPoints,
  PUBLISHER_KIND_NAMES,
  PUBLISHER_KINDS,
  pickLocale,
  SIGNUP_STATE_NAMES,
} from '@linli/common';
import {
  App,
  Button,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  QRCode,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import {
  exportStats,
  exportVolunteers,
  PAGE_SIZE,
  type Roster,
  type StatGroup,
  useActivities,
  useCancelActivity,
  useConfirmHours,
  useCorrectHours,
  useCreateActivity,
  useLeaderboard,
  usePrograms,
  useRecordAttendance,
  useRoster,
  useStats,
  useTeams,
  useUpdateActivity,
  useVolunteerList,
} from '../hooks/use-volunteers.ts';
import { HonoursTab } from './honours-admin.tsx';
import { AwardsTab, RulesTab } from './points-admin.tsx';

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 志愿服务管理: organizers publish activities, keep rosters and confirm hours; staff see volunteers and statistics. */
export function VolunteerAdminPage() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  return (
    <>
      <PageHeader title={t('volunteers.admin.title')} subtitle={t('volunteers.admin.subtitle')} />
      <Tabs
        items={[
          {
            key: 'activities',
            label: t('volunteers.admin.tabs.activities'),
            children: <OrganizedActivities />,
          },
          ...(can('volunteer:write')
            ? [
                { key: 'volunteers', label: t('volunteers.admin.tabs.volunteers'), children: <Volunteers /> },
                { key: 'teams', label: t('volunteers.admin.tabs.teams'), children: <Teams /> },
                { key: 'ranking', label: t('volunteers.admin.tabs.ranking'), children: <Ranking /> },
                { key: 'stats', label: t('volunteers.admin.tabs.stats'), children: <Stats /> },
                { key: 'honours', label: t('volunteers.admin.tabs.honours'), children: <HonoursTab /> },
                { key: 'rules', label: t('volunteers.admin.tabs.rules'), children: <RulesTab /> },
              ]
            : []),
          ...(can('points:write')
            ? [{ key: 'awards', label: t('volunteers.admin.tabs.awards'), children: <AwardsTab /> }]
            : []),
        ]}
      />
    </>
  );
}

function OrganizedActivities() {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const [when_, setWhen] = useState<'upcoming' | 'past'>('upcoming');
  const activities = useActivities({ mine: 'organized', when: when_ });
  const [publishing, setPublishing] = useState(false);
  const [rosterId, setRosterId] = useState<string | null>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" onClick={() => setPublishing(true)}>
          {t('volunteers.admin.publish')}
        </Button>
        <Segmented
          value={when_}
          onChange={(v) => setWhen(v as 'upcoming' | 'past')}
          options={[
            { value: 'upcoming', label: t('volunteers.me.tabs.activities') },
            { value: 'past', label: t('volunteers.me.tabs.hours') },
          ]}
        />
      </Space>
      {activities.error ? (
        <ErrorAlert error={activities.error} onRetry={() => void activities.refetch()} />
      ) : null}
      <Table
        rowKey="id"
        loading={activities.isLoading}
        dataSource={activities.data?.items ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { key: 'title', title: t('volunteers.admin.activityTitle'), dataIndex: 'title' },
          {
            key: 'category',
            title: t('volunteers.admin.category'),
            render: (_, a) => ACTIVITY_CATEGORY_NAMES[locale][a.category],
          },
          { key: 'startsAt', title: t('volunteers.admin.startsAt'), render: (_, a) => when(a.startsAt) },
          { key: 'slots', title: t('volunteers.admin.slots'), render: (_, a) => `${a.signedUp}/${a.slots}` },
          {
            key: 'roster',
            title: '',
            render: (_, a) => (
              <Button
                onClick={() => setRosterId(a.id)}
                aria-label={`${t('volunteers.admin.roster')} ${a.title}`}
              >
                {t('volunteers.admin.roster')}
              </Button>
            ),
          },
        ]}
      />
      <PublishModal open={publishing} onClose={() => setPublishing(false)} />
      <RosterDrawer id={rosterId} onClose={() => setRosterId(null)} />
    </Space>
  );
}

function PublishModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const [form] = Form.useForm();
  const { can } = usePermissions();
  const programs = usePrograms();
  const create = useCreateActivity();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  return (
    <Modal
      open={open}
      title={t('volunteers.admin.publish')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          category: 'elderly_care',
          slots: 10,
          publisherKind: can('volunteer:write') ? 'community' : 'organization',
        }}
        onFinish={(v: {
          title: string;
          publisherKind: (typeof PUBLISHER_KINDS)[number];
          publisherName?: string;
          category: (typeof ACTIVITY_CATEGORIES)[number];
          programId?: string;
          divisionCode: string;
          address: string;
          range: [Dayjs, Dayjs];
          slots: number;
          requirements?: string;
        }) =>
          create.mutate(
            {
              title: v.title,
              category: v.category,
              programId: v.programId ?? null,
              publisherKind: v.publisherKind,
              publisherName: v.publisherName ?? null,
              divisionCode: v.divisionCode,
              address: v.address,
              startsAt: v.range[0].toISOString(),
              endsAt: v.range[1].toISOString(),
              slots: v.slots,
              requirements: v.requirements ?? null,
            },
            {
              onSuccess: () => {
                void message.success(t('volunteers.admin.published'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item
          name="title"
          label={t('volunteers.admin.activityTitle')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="publisherKind" label={t('volunteers.admin.publisher')}>
          <Select
            options={PUBLISHER_KINDS.filter((k) => k !== 'team').map((k) => ({
              value: k,
              label: PUBLISHER_KIND_NAMES[locale][k],
            }))}
          />
        </Form.Item>
        <Form.Item noStyle dependencies={['publisherKind']}>
          {({ getFieldValue }) =>
            getFieldValue('publisherKind') === 'studio' ? (
              <Form.Item
                name="publisherName"
                label={t('volunteers.admin.studioName')}
                rules={[{ required: true }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
        <Form.Item name="category" label={t('volunteers.admin.category')}>
          <Select
            options={ACTIVITY_CATEGORIES.map((c) => ({
              value: c,
              label: ACTIVITY_CATEGORY_NAMES[locale][c],
            }))}
          />
        </Form.Item>
        <Form.Item name="programId" label={t('volunteers.admin.program')}>
          <Select allowClear options={(programs.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('volunteers.admin.divisionCode')}
          rules={[{ required: true }]}
        >
          <Input inputMode="numeric" />
        </Form.Item>
        <Form.Item name="address" label={t('volunteers.admin.address')} rules={[{ required: true, min: 2 }]}>
          <Input />
        </Form.Item>
        <Form.Item
          name="range"
          label={`${t('volunteers.admin.startsAt')} – ${t('volunteers.admin.endsAt')}`}
          rules={[{ required: true }]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="slots" label={t('volunteers.admin.slots')} rules={[{ required: true }]}>
          <InputNumber min={1} max={10000} />
        </Form.Item>
        <Form.Item name="requirements" label={t('volunteers.admin.requirements')}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RosterDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const roster = useRoster(id);
  const cancel = useCancelActivity();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [cancelling, setCancelling] = useState(false);
  const [editing, setEditing] = useState(false);
  const [reason, setReason] = useState('');
  const a = roster.data?.activity;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      width={820}
      title={a ? `${t('volunteers.admin.roster')} · ${a.title}` : ''}
    >
      {roster.error ? <ErrorAlert error={roster.error} onRetry={() => void roster.refetch()} /> : null}
      {a?.checkInCode ? (
        <Space align="center" style={{ marginBottom: 16 }}>
          <QRCode
            value={`${window.location.origin}/volunteer?activity=${a.id}&code=${a.checkInCode}`}
            size={140}
          />
          <div>
            <div>{t('volunteers.admin.checkInCode')}</div>
            <Typography.Title level={2} data-testid="check-in-code" style={{ margin: 0, letterSpacing: 4 }}>
              {a.checkInCode}
            </Typography.Title>
            <div>{t('volunteers.admin.qrHint')}</div>
            <Typography.Text type="secondary">{t('volunteers.admin.codeRotates')}</Typography.Text>
          </div>
        </Space>
      ) : null}
      {roster.data ? <RosterTable roster={roster.data} /> : null}
      {a && a.state === 'published' ? (
        <Space style={{ marginTop: 16 }}>
          {Date.parse(a.startsAt) > Date.now() ? (
            <Button onClick={() => setEditing(true)}>{t('volunteers.admin.edit')}</Button>
          ) : null}
          <Button danger onClick={() => setCancelling(true)}>
            {t('volunteers.admin.cancelActivity')}
          </Button>
        </Space>
      ) : a ? (
        <Tag style={{ marginTop: 16 }}>{t('volunteers.admin.cancelled')}</Tag>
      ) : null}
      {editing && a ? <EditModal activity={a} onClose={() => setEditing(false)} /> : null}
      <Modal
        open={cancelling}
        title={t('volunteers.admin.cancelActivity')}
        confirmLoading={cancel.isPending}
        onCancel={() => setCancelling(false)}
        onOk={() =>
          a &&
          cancel.mutate(
            { id: a.id, version: a.version, reason },
            {
              onSuccess: () => {
                setCancelling(false);
                setReason('');
              },
              onError: (err) => void message.error(errorMessage(err)),
            },
          )
        }
      >
        <Form layout="vertical">
          <Form.Item label={t('volunteers.admin.cancelReason')} required>
            <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

/**
 * Edits an activity before it starts. Places cannot drop below those signed up (the server refuses
 * and says why); everyone signed up or waiting is notified of the change.
 */
function EditModal({ activity: a, onClose }: { activity: Roster['activity']; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const update = useUpdateActivity();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  return (
    <Modal
      open
      title={t('volunteers.admin.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: a.title,
          address: a.address,
          range: [dayjs(a.startsAt), dayjs(a.endsAt)],
          slots: a.slots,
          requirements: a.requirements ?? '',
        }}
        onFinish={(v: {
          title: string;
          address: string;
          range: [Dayjs, Dayjs];
          slots: number;
          requirements: string;
        }) =>
          update.mutate(
            {
              id: a.id,
              version: a.version,
              title: v.title,
              address: v.address,
              startsAt: v.range[0].toISOString(),
              endsAt: v.range[1].toISOString(),
              slots: v.slots,
              requirements: v.requirements.trim() || null,
            },
            {
              onSuccess: () => {
                void message.success(t('volunteers.admin.edited'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item
          name="title"
          label={t('volunteers.admin.activityTitle')}
          rules={[{ required: true, min: 2 }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('volunteers.admin.address')} rules={[{ required: true, min: 2 }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="range"
          label={`${t('volunteers.admin.startsAt')} – ${t('volunteers.admin.endsAt')}`}
          rules={[{ required: true }]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="slots"
          label={t('volunteers.admin.slots')}
          rules={[{ required: true }]}
          extra={t('volunteers.admin.slotsHint', { signedUp: a.signedUp })}
        >
          <InputNumber min={1} max={10000} />
        </Form.Item>
        <Form.Item name="requirements" label={t('volunteers.admin.requirements')}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
        <Typography.Text type="secondary">{t('volunteers.admin.editNotice')}</Typography.Text>
      </Form>
    </Modal>
  );
}

function RosterTable({ roster }: { roster: Roster }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const confirm = useConfirmHours();
  const correct = useCorrectHours();
  const attendance = useRecordAttendance();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [minutes, setMinutes] = useState<Record<string, number | null>>({});
  const [correcting, setCorrecting] = useState<{ id: string; minutes: number } | null>(null);
  const [reason, setReason] = useState('');
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={roster.entries}
        scroll={{ x: true }}
        columns={[
          {
            key: 'name',
            title: t('volunteers.admin.volunteer'),
            render: (_, e) => `${e.volunteerName} ${e.phone}`,
          },
          {
            key: 'state',
            title: t('volunteers.admin.state'),
            render: (_, e) => SIGNUP_STATE_NAMES[locale][e.state],
          },
          {
            key: 'attendance',
            title: t('volunteers.admin.attendance'),
            render: (_, e) => {
              const next = !e.checkedInAt ? 'check_in' : !e.checkedOutAt ? 'check_out' : null;
              return (
                <Space wrap>
                  <span>{`${e.checkedInAt ? when(e.checkedInAt) : '—'} / ${e.checkedOutAt ? when(e.checkedOutAt) : '—'}`}</span>
                  {e.state === 'signed_up' && !e.service && next ? (
                    <Button
                      size="small"
                      aria-label={`${t(`volunteers.admin.${next === 'check_in' ? 'checkInFor' : 'checkOutFor'}`)} ${e.volunteerName}`}
                      loading={attendance.isPending}
                      onClick={() =>
                        attendance.mutate(
                          { id: roster.activity.id, signupId: e.id, action: next },
                          { onError: (err) => void message.error(errorMessage(err)) },
                        )
                      }
                    >
                      {t(`volunteers.admin.${next === 'check_in' ? 'checkInFor' : 'checkOutFor'}`)}
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
          {
            key: 'hours',
            title: t('volunteers.admin.minutes'),
            render: (_, e) =>
              e.service ? (
                <Space>
                  <Tag>
                    {formatHours(e.service.minutes)} h · {formatPoints(e.service.points)}
                  </Tag>
                  <Button
                    size="small"
                    onClick={() => setCorrecting({ id: e.service!.id, minutes: e.service!.minutes })}
                  >
                    {t('volunteers.admin.correct')}
                  </Button>
                </Space>
              ) : e.state === 'signed_up' ? (
                <Space.Compact>
                  <InputNumber
                    aria-label={`${t('volunteers.admin.minutes')} ${e.volunteerName}`}
                    min={1}
                    max={1440}
                    value={minutes[e.id] ?? e.proposedMinutes}
                    onChange={(v) => setMinutes({ ...minutes, [e.id]: v })}
                  />
                  <Button
                    type="primary"
                    loading={confirm.isPending}
                    onClick={() => {
                      const value = minutes[e.id] ?? e.proposedMinutes;
                      if (!value) return;
                      confirm.mutate(
                        { id: roster.activity.id, signupId: e.id, minutes: value },
                        {
                          onSuccess: () => void message.success(t('volunteers.admin.confirmedOk')),
                          onError: (err) => void message.error(errorMessage(err)),
                        },
                      );
                    }}
                  >
                    {t('volunteers.admin.confirm')}
                  </Button>
                </Space.Compact>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!correcting}
        title={t('volunteers.admin.correct')}
        onCancel={() => setCorrecting(null)}
        confirmLoading={correct.isPending}
        onOk={() =>
          correcting &&
          correct.mutate(
            { id: correcting.id, minutes: correcting.minutes, reason },
            {
              onSuccess: () => {
                setCorrecting(null);
                setReason('');
              },
              onError: (err) => void message.error(errorMessage(err)),
            },
          )
        }
      >
        <Form layout="vertical">
          <Form.Item label={t('volunteers.admin.correctMinutes')}>
            <InputNumber
              min={0}
              max={1440}
              value={correcting?.minutes}
              onChange={(v) => correcting && setCorrecting({ ...correcting, minutes: v ?? 0 })}
            />
          </Form.Item>
          <Form.Item label={t('volunteers.admin.correctReason')} required>
            <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function Volunteers() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useVolunteerList(q, page);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('volunteers.admin.search')}
          onSearch={(v) => {
            setQ(v);
            setPage(1);
          }}
          style={{ width: 240 }}
        />
        <Button
          onClick={() =>
            exportVolunteers().then(
              (file) => void message.success(t('volunteers.admin.exported', { file })),
              (e) => void message.error(errorMessage(e)),
            )
          }
        >
          {t('volunteers.admin.export')}
        </Button>
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Table
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage }}
        scroll={{ x: true }}
        columns={[
          { key: 'name', title: t('volunteers.admin.columns.name'), dataIndex: 'name' },
          { key: 'no', title: t('volunteers.admin.columns.no'), dataIndex: 'volunteerNo' },
          { key: 'division', title: t('volunteers.admin.columns.division'), dataIndex: 'divisionName' },
          {
            key: 'hours',
            title: t('volunteers.admin.columns.hours'),
            render: (_, v) => formatHours(v.confirmedMinutes),
          },
          {
            key: 'stars',
            title: t('volunteers.admin.columns.stars'),
            render: (_, v) => '★'.repeat(v.stars) || '—',
          },
          {
            key: 'points',
            title: t('volunteers.admin.columns.points'),
            render: (_, v) => formatPoints(v.pointsBalance),
          },
        ]}
      />
    </Space>
  );
}

function Stats() {
  const { t } = useTranslation();
  const [group, setGroup] = useState<StatGroup>('month');
  const stats = useStats(group);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const totals = stats.data?.totals;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented
          value={group}
          onChange={(v) => setGroup(v as StatGroup)}
          options={(['month', 'program', 'street'] as const).map((g) => ({
            value: g,
            label: t(`volunteers.admin.group.${g}`),
          }))}
        />
        <Button
          onClick={() =>
            exportStats(group).then(
              (file) => void message.success(t('volunteers.admin.exported', { file })),
              (e) => void message.error(errorMessage(e)),
            )
          }
        >
          {t('volunteers.admin.export')}
        </Button>
      </Space>
      {totals ? (
        <Typography.Text>
          {t('volunteers.admin.totals', { ...totals, hours: formatHours(totals.minutes) })}
        </Typography.Text>
      ) : null}
      {stats.error ? <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} /> : null}
      <Table
        rowKey="key"
        loading={stats.isLoading}
        dataSource={stats.data?.rows ?? []}
        pagination={false}
        columns={[
          { key: 'label', title: t('volunteers.admin.columns.key'), dataIndex: 'label' },
          { key: 'services', title: t('volunteers.admin.columns.services'), dataIndex: 'services' },
          { key: 'volunteers', title: t('volunteers.admin.columns.volunteers'), dataIndex: 'volunteers' },
          {
            key: 'hours',
            title: t('volunteers.admin.columns.hours'),
            render: (_, r) => formatHours(r.minutes),
          },
          {
            key: 'points',
            title: t('volunteers.admin.columns.points'),
            render: (_, r) => formatPoints(r.points),
          },
        ]}
      />
    </Space>
  );
}

function Teams() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const teams = useTeams(q, page);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={t('volunteers.admin.search')}
        onSearch={(v) => {
          setQ(v);
          setPage(1);
        }}
        style={{ width: 240 }}
      />
      {teams.error ? <ErrorAlert error={teams.error} onRetry={() => void teams.refetch()} /> : null}
      <Typography.Text>{t('volunteers.admin.teamTotal', { total: teams.data?.total ?? 0 })}</Typography.Text>
      <Table
        rowKey="id"
        loading={teams.isLoading}
        dataSource={teams.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: teams.data?.total ?? 0, onChange: setPage }}
        scroll={{ x: true }}
        columns={[
          { key: 'name', title: t('volunteers.admin.columns.team'), dataIndex: 'name' },
          { key: 'program', title: t('volunteers.admin.program'), render: (_, r) => r.programName ?? '—' },
          { key: 'division', title: t('volunteers.admin.columns.division'), dataIndex: 'divisionName' },
          { key: 'members', title: t('volunteers.admin.columns.volunteers'), dataIndex: 'members' },
        ]}
      />
    </Space>
  );
}

function Ranking() {
  const { t } = useTranslation();
  const [divisionCode, setDivisionCode] = useState<string | undefined>(undefined);
  const board = useLeaderboard(divisionCode);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        inputMode="numeric"
        placeholder={t('volunteers.admin.rankingScope')}
        onSearch={(v) => setDivisionCode(v.trim() || undefined)}
        style={{ width: 280 }}
      />
      {board.error ? <ErrorAlert error={board.error} onRetry={() => void board.refetch()} /> : null}
      <Table
        rowKey="volunteerId"
        loading={board.isLoading}
        dataSource={board.data?.items ?? []}
        pagination={false}
        columns={[
          { key: 'rank', title: '#', dataIndex: 'rank' },
          { key: 'name', title: t('volunteers.admin.columns.name'), dataIndex: 'nameMasked' },
          { key: 'division', title: t('volunteers.admin.columns.division'), dataIndex: 'divisionName' },
          {
            key: 'hours',
            title: t('volunteers.admin.columns.hours'),
            render: (_, r) => formatHours(r.minutes),
          },
          {
            key: 'stars',
            title: t('volunteers.admin.columns.stars'),
            render: (_, r) => '★'.repeat(r.stars) || '—',
          },
        ]}
      />
    </Space>
  );
}
