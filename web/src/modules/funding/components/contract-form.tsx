import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  beijingToday,
  DEFAULT_TRANCHES,
  formatYuan,
  TRANCHE_GATE_NAMES,
  TRANCHE_GATES,
  type TrancheGate,
} from '@linli/common';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useContractEvaluators, useContracts, useCreateContract } from '../hooks/use-contracts.ts';
import { useApplications } from '../hooks/use-funding.ts';
import { toFen, YuanInput } from './money.tsx';

interface Values {
  applicationId: string;
  amountYuan?: number | null;
  term: [Dayjs, Dayjs];
  deliverables: string;
  milestones: Array<{ name: string; due: Dayjs }>;
  tranches: Array<{ gate: TrancheGate; percent: number }>;
  evaluatorAccountId: string;
}

/** The district drafts a contract from an awarded project: term, amount, deliverables, milestones, tranches, evaluator. */
export function ContractForm({ onClose, onSaved }: { onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [form] = Form.useForm<Values>();
  const awarded = useApplications({ state: 'awarded', limit: 100 });
  const evaluators = useContractEvaluators(true);
  // Projects already under contract are left out of the choice (the server refuses a second one anyway).
  const contracted = new Set((useContracts({ limit: 100 }).data?.items ?? []).map((c) => c.applicationId));
  const create = useCreateContract();
  const tranches = Form.useWatch('tranches', form) ?? [];
  const total = tranches.reduce((s, x) => s + (x?.percent ?? 0), 0);
  const today = dayjs(beijingToday());

  const save = async (v: Values) => {
    try {
      const saved = await create.mutateAsync({
        applicationId: v.applicationId,
        ...(v.amountYuan ? { amountFen: toFen(v.amountYuan) } : {}),
        startsOn: v.term[0].format('YYYY-MM-DD'),
        endsOn: v.term[1].format('YYYY-MM-DD'),
        deliverables: v.deliverables,
        milestones: (v.milestones ?? []).map((m) => ({ name: m.name, dueOn: m.due.format('YYYY-MM-DD') })),
        tranches: v.tranches,
        evaluatorAccountId: v.evaluatorAccountId,
      });
      void message.success(t('contracts.form.saved'));
      onSaved(saved.id);
    } catch (error) {
      void message.error(messageOf(error));
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={t('contracts.form.title')}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={create.isPending}
          data-testid="btn-contract-save"
          onClick={() => void form.validateFields().then(save)}
        >
          {t('contracts.form.submit')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="contract-form"
        initialValues={{
          term: [today, today.add(1, 'year').subtract(1, 'day')],
          milestones: [],
          tranches: DEFAULT_TRANCHES.map((x) => ({ ...x })),
        }}
      >
        <Form.Item
          name="applicationId"
          label={t('contracts.form.application')}
          rules={[{ required: true, message: t('contracts.form.applicationRequired') }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            loading={awarded.isLoading}
            options={(awarded.data?.items ?? [])
              .filter((a) => !contracted.has(a.id))
              .map((a) => ({
                value: a.id,
                label: `${a.title} · ${a.organizationName} · ¥${formatYuan(a.awardedFen ?? 0)}`,
              }))}
          />
        </Form.Item>
        <Form.Item
          name="amountYuan"
          label={t('contracts.form.amount')}
          extra={t('contracts.form.amountHint')}
        >
          <YuanInput />
        </Form.Item>
        <Form.Item
          name="term"
          label={t('contracts.term')}
          rules={[{ required: true, message: t('contracts.form.dateRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="deliverables"
          label={t('contracts.form.deliverables')}
          rules={[{ required: true, whitespace: true, message: t('contracts.form.deliverablesRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <Typography.Text strong>{t('contracts.form.milestones')}</Typography.Text>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item
                    name={[f.name, 'name']}
                    style={{ flex: 2 }}
                    rules={[{ required: true, whitespace: true, message: t('contracts.form.milestoneName') }]}
                  >
                    <Input
                      placeholder={t('contracts.form.milestoneName')}
                      aria-label={t('contracts.form.milestoneName')}
                      maxLength={100}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'due']}
                    style={{ flex: 1 }}
                    rules={[{ required: true, message: t('contracts.form.dateRequired') }]}
                  >
                    <DatePicker style={{ width: '100%' }} aria-label={t('contracts.form.milestoneDue')} />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('contracts.form.remove')}
                    onClick={() => remove(f.name)}
                  />
                </Flex>
              ))}
              <Button icon={<PlusOutlined aria-hidden />} onClick={() => add()} style={{ marginBottom: 16 }}>
                {t('contracts.form.addMilestone')}
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Typography.Text strong>{t('contracts.form.tranches')}</Typography.Text>{' '}
          <Typography.Text type={total === 100 ? 'secondary' : 'danger'}>
            {t('contracts.form.percentTotal', { total })}
          </Typography.Text>
        </div>
        <Form.List name="tranches">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} align="start">
                  <Form.Item name={[f.name, 'gate']} style={{ flex: 2 }} rules={[{ required: true }]}>
                    <Select
                      aria-label={t('contracts.form.gate')}
                      options={TRANCHE_GATES.map((g) => ({ value: g, label: TRANCHE_GATE_NAMES[locale][g] }))}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'percent']} style={{ flex: 1 }} rules={[{ required: true }]}>
                    <InputNumber
                      min={1}
                      max={100}
                      precision={0}
                      suffix="%"
                      style={{ width: '100%' }}
                      aria-label={t('contracts.form.percent')}
                    />
                  </Form.Item>
                  <Button
                    icon={<DeleteOutlined aria-hidden />}
                    aria-label={t('contracts.form.remove')}
                    disabled={fields.length === 1}
                    onClick={() => remove(f.name)}
                  />
                </Flex>
              ))}
              <Button
                icon={<PlusOutlined aria-hidden />}
                onClick={() => add({ gate: 'final', percent: 10 })}
                style={{ marginBottom: 16 }}
              >
                {t('contracts.form.addTranche')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item
          name="evaluatorAccountId"
          label={t('contracts.form.evaluator')}
          rules={[{ required: true, message: t('contracts.form.evaluatorRequired') }]}
        >
          <Select
            loading={evaluators.isLoading}
            options={(evaluators.data ?? []).map((e) => ({ value: e.id, label: e.name }))}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
