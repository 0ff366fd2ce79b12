import {
  HONOUR_TITLE_NAMES,
  HONOUR_TITLE_SUBJECTS,
  HONOUR_TITLES,
  type HonourSubject,
  type HonourTitle,
  pickLocale,
} from '@linli/common';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import {
  exportHonours,
  PAGE_SIZE,
  useCreateHonour,
  useHonours,
  useTeams,
  useVolunteerList,
} from '../hooks/use-volunteers.ts';

const thisYear = () =>
  Number(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric' }));

/** 荣誉表彰: honours given to volunteers and teams in the caller's scope, by year; Excel export. */
export function HonoursTab() {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const [year, setYear] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const honours = useHonours({ year, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const [giving, setGiving] = useState(false);
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" onClick={() => setGiving(true)}>
          {t('volunteers.honours.give')}
        </Button>
        <InputNumber
          aria-label={t('volunteers.honours.year')}
          placeholder={t('volunteers.honours.year')}
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => {
            setYear(v ?? undefined);
            setPage(1);
          }}
        />
        <Button
          onClick={() =>
            exportHonours({ year }).then(
              (file) => void message.success(t('volunteers.admin.exported', { file })),
              (e) => void message.error(errorMessage(e)),
            )
          }
        >
          {t('volunteers.admin.export')}
        </Button>
      </Space>
      {honours.error ? <ErrorAlert error={honours.error} onRetry={() => void honours.refetch()} /> : null}
      <Table
        rowKey="id"
        loading={honours.isLoading}
        dataSource={honours.data?.items ?? []}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: honours.data?.total ?? 0,
          onChange: setPage,
        }}
        scroll={{ x: true }}
        columns={[
          { key: 'year', title: t('volunteers.honours.year'), dataIndex: 'year' },
          {
            key: 'title',
            title: t('volunteers.honours.title'),
            render: (_, h) => HONOUR_TITLE_NAMES[locale][h.title],
          },
          { key: 'subject', title: t('volunteers.honours.subject'), dataIndex: 'subjectName' },
          { key: 'division', title: t('volunteers.admin.columns.division'), dataIndex: 'divisionName' },
          { key: 'reason', title: t('volunteers.honours.reason'), dataIndex: 'reason' },
          { key: 'by', title: t('volunteers.honours.by'), dataIndex: 'awardedByDivisionName' },
        ]}
      />
      {giving ? <GiveModal onClose={() => setGiving(false)} /> : null}
    </Space>
  );
}

function GiveModal({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = pickLocale(i18n.language);
  const [form] = Form.useForm();
  const [subject, setSubject] = useState<HonourSubject>('volunteer');
  const [q, setQ] = useState('');
  const volunteers = useVolunteerList(q, 1);
  const teams = useTeams(q, 1);
  const create = useCreateHonour();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const titles = HONOUR_TITLES.filter((h) => HONOUR_TITLE_SUBJECTS[h].includes(subject));
  return (
    <Modal
      open
      title={t('volunteers.honours.give')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ title: 'outstanding_volunteer', year: thisYear() }}
        onFinish={(v: { subjectId: string; title: HonourTitle; year: number; reason: string }) =>
          create.mutate(
            { subjectKind: subject, ...v },
            {
              onSuccess: () => {
                void message.success(t('volunteers.honours.given'));
                onClose();
              },
              onError: (e) => void message.error(errorMessage(e)),
            },
          )
        }
      >
        <Form.Item label={t('volunteers.honours.subject')}>
          <Radio.Group
            value={subject}
            onChange={(e) => {
              const next = e.target.value as HonourSubject;
              setSubject(next);
              setQ('');
              form.setFieldsValue({
                subjectId: undefined,
                title: next === 'volunteer' ? 'outstanding_volunteer' : 'outstanding_team',
              });
            }}
            options={[
              { value: 'volunteer', label: t('volunteers.admin.volunteer') },
              { value: 'team', label: t('volunteers.admin.columns.team') },
            ]}
          />
        </Form.Item>
        <Form.Item name="subjectId" label={t('volunteers.honours.subjectName')} rules={[{ required: true }]}>
          <Select
            showSearch
            filterOption={false}
            onSearch={setQ}
            placeholder={t('volunteers.awards.search')}
            options={
              subject === 'volunteer'
                ? (volunteers.data?.items ?? []).map((v) => ({
                    value: v.id,
                    label: `${v.name} · ${v.volunteerNo} · ${v.divisionName}`,
                  }))
                : (teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))
            }
          />
        </Form.Item>
        <Form.Item name="title" label={t('volunteers.honours.title')} rules={[{ required: true }]}>
          <Select options={titles.map((h) => ({ value: h, label: HONOUR_TITLE_NAMES[locale][h] }))} />
        </Form.Item>
        <Form.Item name="year" label={t('volunteers.honours.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
        <Form.Item name="reason" label={t('volunteers.honours.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
