import {
  ACTIVITY_CATEGORY_NAMES,
  AVAILABILITY,
  AVAILABILITY_NAMES,
  formatHours,
  formatPoints,
  HONOUR_TITLE_NAMES,
  pickLocale,
  SIGNUP_STATE_NAMES,
  SKILL_NAMES,
  SKILLS,
  TRANSFER_KIND_NAMES,
} from '@linli/common';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  List,
  Rate,
  Select,
  Space,
  Statistic,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../../app/api/api-error.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import {
  type Activity,
  useActivities,
  useActivity,
  useActivityAction,
  useDownloadCertificate,
  useHonours,
  useMyVolunteer,
  usePostings,
  useRegisterVolunteer,
  useServices,
  useStarLevels,
  useStatement,
  type Volunteer,
} from '../hooks/use-volunteers.ts';

const FIELD_OF_ERROR: Partial<Record<string, string>> = {
  'volunteer.invalidIdNumber': 'idNumber',
  'volunteer.duplicateIdNumber': 'idNumber',
  'volunteer.invalidPhone': 'phone',
  'volunteer.invalidDivision': 'divisionCode',
};

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** 志愿服务 (phone first): register, find activities near me, sign up, check in and out, my hours and points. */
export function VolunteerMePage() {
  const { t } = useTranslation();
  const me = useMyVolunteer();
  const notRegistered = me.error instanceof ApiError && me.error.code === 'volunteer.notRegistered';
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader title={t('volunteers.me.title')} subtitle={t('volunteers.me.subtitle')} />
      {me.isLoading ? null : notRegistered ? (
        <RegisterForm />
      ) : me.error ? (
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      ) : me.data ? (
        <Registered volunteer={me.data} />
      ) : null}
    </div>
  );
}

function RegisterForm() {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const register = useRegisterVolunteer();
  const errorMessage = useErrorMessage();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  return (
    <Card title={t('volunteers.me.registerTitle')}>
      <p>{t('volunteers.me.registerHint')}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ skills: [], availability: ['weekend'], divisionCode: '220106001001' }}
        onFinish={(values) =>
          register.mutate(values, {
            onSuccess: () => void message.success(t('volunteers.me.registered')),
            onError: (e) => {
              // A wrong ID number, phone or area is shown on its field; anything else as a message.
              const field = e instanceof ApiError ? FIELD_OF_ERROR[e.code] : undefined;
              if (field) form.setFields([{ name: field, errors: [errorMessage(e)] }]);
              else void message.error(errorMessage(e));
            },
          })
        }
      >
        <Form.Item name="name" label={t('volunteers.me.name')} rules={[{ required: true }]}>
          <Input autoComplete="name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('volunteers.me.idNumber')} rules={[{ required: true }]}>
          <Input inputMode="text" maxLength={18} />
        </Form.Item>
        <Form.Item name="phone" label={t('volunteers.me.phone')} rules={[{ required: true }]}>
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="skills" label={t('volunteers.me.skills')}>
          <Select
            mode="multiple"
            options={SKILLS.map((s) => ({ value: s, label: SKILL_NAMES[locale][s] }))}
          />
        </Form.Item>
        <Form.Item name="availability" label={t('volunteers.me.availability')}>
          <Select
            mode="multiple"
            options={AVAILABILITY.map((a) => ({ value: a, label: AVAILABILITY_NAMES[locale][a] }))}
          />
        </Form.Item>
        <Form.Item name="divisionCode" label={t('volunteers.me.divisionCode')} rules={[{ required: true }]}>
          <Input inputMode="numeric" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={register.isPending}>
          {t('volunteers.me.register')}
        </Button>
      </Form>
    </Card>
  );
}

/** Downloads a new hours certificate, then shows its number and the public page that checks it. */
function CertificateDownload({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const download = useDownloadCertificate();
  const issued = download.data?.code;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button
        loading={download.isPending}
        onClick={() =>
          download.mutate(volunteerId, {
            onSuccess: ({ file }) => void message.success(t('volunteers.me.certificateSaved', { file })),
            onError: (e) => void message.error(errorMessage(e)),
          })
        }
      >
        {t('volunteers.me.certificate')}
      </Button>
      {issued ? (
        <Alert
          type="info"
          showIcon
          data-testid="certificate-code"
          message={t('volunteers.me.certificateCode', { code: issued })}
          description={
            <>
              {t('volunteers.me.certificateHint')}
              <Link
                to={`/verify/certificate?code=${encodeURIComponent(issued)}`}
                style={{ textDecoration: 'underline' }}
              >
                {t('volunteers.me.certificateCheck')}
              </Link>
            </>
          }
        />
      ) : null}
    </Space>
  );
}

function Registered({ volunteer }: { volunteer: Volunteer }) {
  const { t } = useTranslation();
  const stars = useStarLevels();
  // Scanning the organizer's QR code opens /volunteer?activity=…&code=… with the code filled in.
  const [params] = useSearchParams();
  const scanned = params.get('activity');
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {scanned ? <ScannedActivity id={scanned} code={params.get('code') ?? ''} /> : null}
      <Card size="small">
        <Space wrap size="large">
          <Statistic
            title={t('volunteers.me.hours')}
            value={t('volunteers.me.hoursValue', { hours: formatHours(volunteer.confirmedMinutes) })}
          />
          <Statistic title={t('volunteers.me.points')} value={formatPoints(volunteer.pointsBalance)} />
          <div>
            <div>{t('volunteers.me.stars')}</div>
            {volunteer.stars > 0 ? (
              <Rate disabled value={volunteer.stars} />
            ) : (
              <span>{t('volunteers.me.noStars', { hours: stars.data?.hours[0] ?? 100 })}</span>
            )}
          </div>
        </Space>
      </Card>
      <Honours volunteerId={volunteer.id} />
      <Tabs
        items={[
          {
            key: 'activities',
            label: t('volunteers.me.tabs.activities'),
            children: <ActivityList divisionCode={volunteer.divisionCode} />,
          },
          { key: 'mine', label: t('volunteers.me.tabs.mine'), children: <ActivityList mine /> },
          {
            key: 'hours',
            label: t('volunteers.me.tabs.hours'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {volunteer.confirmedMinutes > 0 ? <CertificateDownload volunteerId={volunteer.id} /> : null}
                <Services volunteerId={volunteer.id} />
              </Space>
            ),
          },
          {
            key: 'points',
            label: t('volunteers.me.tabs.points'),
            children: <Points volunteer={volunteer} />,
          },
        ]}
      />
    </Space>
  );
}

function ActivityList({ divisionCode, mine }: { divisionCode?: string; mine?: boolean }) {
  const { t } = useTranslation();
  // Near me: the street of my service area, my own community first.
  const activities = useActivities(
    mine
      ? { mine: 'signed_up', when: 'all' }
      : { divisionCode: divisionCode?.slice(0, 9), near: divisionCode, when: 'upcoming' },
  );
  if (activities.error)
    return <ErrorAlert error={activities.error} onRetry={() => void activities.refetch()} />;
  return (
    <List
      data-testid={mine ? 'my-activities' : 'nearby-activities'}
      loading={activities.isLoading}
      dataSource={activities.data?.items ?? []}
      locale={{ emptyText: <Empty description={t('volunteers.me.noActivities')} /> }}
      renderItem={(a) => (
        <List.Item>
          <ActivityCard activity={a} />
        </List.Item>
      )}
    />
  );
}

function ScannedActivity({ id, code }: { id: string; code: string }) {
  const activity = useActivity(id);
  if (activity.error) return <ErrorAlert error={activity.error} onRetry={() => void activity.refetch()} />;
  return activity.data ? <ActivityCard activity={activity.data} initialCode={code} /> : null;
}

function Honours({ volunteerId }: { volunteerId: string }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const honours = useHonours({ volunteerId, limit: 20 });
  const items = honours.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('volunteers.me.honours')} data-testid="my-honours">
      <List
        dataSource={items}
        renderItem={(h) => (
          <List.Item>
            <List.Item.Meta
              title={`${h.year} ${HONOUR_TITLE_NAMES[locale][h.title]}`}
              description={`${h.awardedByDivisionName} · ${h.reason}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

function ActivityCard({ activity: a, initialCode = '' }: { activity: Activity; initialCode?: string }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const action = useActivityAction();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [code, setCode] = useState(initialCode);
  const run = (kind: 'signup' | 'cancel' | 'check-in' | 'check-out') =>
    action.mutate({ id: a.id, action: kind, code }, { onError: (e) => void message.error(errorMessage(e)) });
  const s = a.mySignup;
  return (
    <Card
      size="small"
      style={{ width: '100%', marginBottom: 12 }}
      title={a.title}
      data-testid="activity-card"
    >
      <p>
        <Tag>{ACTIVITY_CATEGORY_NAMES[locale][a.category]}</Tag>
        {a.programName ? <Tag>{a.programName}</Tag> : null}
        {a.state === 'cancelled' ? <Tag>{t('volunteers.me.activityCancelled')}</Tag> : null}
        {t('volunteers.me.slots', { signedUp: a.signedUp, slots: a.slots })}
      </p>
      <p>
        {when(a.startsAt)} – {when(a.endsAt)}
      </p>
      <p>
        {a.divisionName} · {a.address}
      </p>
      {s && s.state !== 'cancelled' ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Tag>
            {s.state === 'waiting'
              ? t('volunteers.me.waiting', { position: s.waitingPosition })
              : SIGNUP_STATE_NAMES[locale][s.state]}
          </Tag>
          {s.checkedInAt ? <span>{t('volunteers.me.checkedIn', { time: when(s.checkedInAt) })}</span> : null}
          {s.checkedOutAt ? (
            <span>{t('volunteers.me.checkedOut', { time: when(s.checkedOutAt) })}</span>
          ) : null}
          {s.confirmedMinutes ? (
            <Tag>{t('volunteers.me.confirmed', { hours: formatHours(s.confirmedMinutes) })}</Tag>
          ) : null}
          {a.state === 'published' && s.state === 'signed_up' && !s.checkedOutAt ? (
            <Space.Compact style={{ width: '100%' }}>
              <Input
                aria-label={t('volunteers.me.code')}
                placeholder={t('volunteers.me.codePlaceholder')}
                inputMode="numeric"
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.target.value)}
              />
              <Button
                type="primary"
                loading={action.isPending}
                onClick={() => run(s.checkedInAt ? 'check-out' : 'check-in')}
              >
                {s.checkedInAt ? t('volunteers.me.checkOut') : t('volunteers.me.checkIn')}
              </Button>
            </Space.Compact>
          ) : null}
          {a.state === 'published' && !s.checkedInAt ? (
            <Button danger onClick={() => run('cancel')}>
              {t('volunteers.me.cancel')}
            </Button>
          ) : null}
        </Space>
      ) : a.abilities.signUp ? (
        <Button type="primary" block loading={action.isPending} onClick={() => run('signup')}>
          {t('volunteers.me.signUp')}
        </Button>
      ) : null}
    </Card>
  );
}

function Services({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  const services = useServices(volunteerId);
  return (
    <List
      loading={services.isLoading}
      dataSource={services.data?.items ?? []}
      // Typography sets a readable colour; the list's own empty text is too faint (axe colour contrast).
      locale={{ emptyText: <Typography.Text>{t('volunteers.me.noRecords')}</Typography.Text> }}
      renderItem={(s) => (
        <List.Item>
          <List.Item.Meta
            title={s.activityTitle}
            description={`${s.servedOn} · ${s.kind === 'reversal' ? `${t('volunteers.me.reversal')}：${s.reason ?? ''}` : s.confirmedByName}`}
          />
          <span>{t('volunteers.me.hoursValue', { hours: formatHours(s.minutes) })}</span>
        </List.Item>
      )}
    />
  );
}

function Points({ volunteer }: { volunteer: Volunteer }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const postings = usePostings(volunteer.pointsAccountId);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Statistic
        title={t('volunteers.me.balance')}
        value={formatPoints(volunteer.pointsBalance)}
        data-testid="points-balance"
      />
      <MonthStatement accountId={volunteer.pointsAccountId} />
      <List
        loading={postings.isLoading}
        dataSource={postings.data?.items ?? []}
        // Typography sets a readable colour; the list's own empty text is too faint (axe colour contrast).
        locale={{ emptyText: <Typography.Text>{t('volunteers.me.noRecords')}</Typography.Text> }}
        renderItem={(p) => (
          <List.Item>
            <List.Item.Meta
              title={TRANSFER_KIND_NAMES[locale][p.kind]}
              description={`${when(p.at)} ${p.memo ?? ''}`}
            />
            <span>{(p.amount > 0 ? '+' : '') + formatPoints(p.amount)}</span>
          </List.Item>
        )}
      />
    </Space>
  );
}

/** The month statement: opening, earned, spent, closing (Beijing months). */
function MonthStatement({ accountId }: { accountId: string | null }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(() => dayjs().format('YYYY-MM'));
  const statement = useStatement(accountId, month);
  const s = statement.data;
  return (
    <Card size="small" title={t('volunteers.me.statement')}>
      <DatePicker
        picker="month"
        aria-label={t('volunteers.me.statementMonth')}
        value={dayjs(`${month}-01`)}
        allowClear={false}
        onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        style={{ marginBottom: 8 }}
      />
      {s ? (
        <Descriptions size="small" column={2} data-testid="points-statement">
          <Descriptions.Item label={t('volunteers.me.opening')}>{formatPoints(s.opening)}</Descriptions.Item>
          <Descriptions.Item label={t('volunteers.me.earned')}>{formatPoints(s.earned)}</Descriptions.Item>
          <Descriptions.Item label={t('volunteers.me.spent')}>{formatPoints(s.spent)}</Descriptions.Item>
          <Descriptions.Item label={t('volunteers.me.closing')}>{formatPoints(s.closing)}</Descriptions.Item>
        </Descriptions>
      ) : null}
    </Card>
  );
}
