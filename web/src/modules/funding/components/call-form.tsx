import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { beijingToday, formatYuan, ORGANIZATION_GRADES, ORGANIZATION_KINDS } from '@linli/common';
import { App, Button, DatePicker, Drawer, Flex, Form, Input, InputNumber, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import type { CallSummary } from '../funding.types.ts';
import { useCreateCall, useFunds, useNeeds } from '../hooks/use-funding.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';
import { toFen, YuanInput } from './money.tsx';

interface Values {
  title: string;
  description?: string;
  fundId: string;
  ceilingYuan: number;
  focusAreas: CallSummary['focusAreas'];
  eligibleKinds: CallSummary['eligibleKinds'];
  minGrade?: CallSummary['minGrade'];
  outsideAllowed: boolean;
  priorityGrade: CallSummary['priorityGrade'];
  dates: [Dayjs, Dayjs];
  criteria: Array<{ name: string; maxPoints: number }>;
  needIds?: string[];
}

/** The district drafts a call: fund and ceiling, eligibility (R3.2, R4.4), scoring template, dates, needs. */
export function CallForm({ onClose, onSaved }: { onClose: () => void; onSaved: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const [form] = Form.useForm<Values>();
  const year = Number(beijingToday().slice(0, 4));
  const funds = useFunds({ year, limit: 100 });
  const needs = useNeeds({ unassigned: true, limit: 100 });
  const create = useCreateCall();
  const save = (v: Values) =>
    create.mutate(
      {
        title: v.title,
        description: v.description || null,
        fundId: v.fundId,
        budgetCeilingFen: toFen(v.ceilingYuan),
        focusAreas: v.focusAreas,
        eligibleKinds: v.eligibleKinds,
        minGrade: v.minGrade ?? null,
        outsideAllowed: v.outsideAllowed,
        priorityGrade: v.priorityGrade,
        scoringTemplate: v.criteria,
        opensOn: v.dates[0].format('YYYY-MM-DD'),
        closesOn: v.dates[1].format('YYYY-MM-DD'),
        needIds: v.needIds ?? [],
      },
      {
        onSuccess: (call) => {
          void message.success(t('funding.calls.created'));
          onClose();
          onSaved(call.id);
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  const today = dayjs(beijingToday());
  return (
    <Drawer
      open
      onClose={onClose}
      size="large"
      title={t('funding.calls.create')}
      destroyOnHidden
      extra={
        <Button
          type="primary"
          loading={create.isPending}
          data-testid="btn-call-save"
          onClick={() => form.submit()}
        >
          {t('common.save')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="call-form"
        onFinish={save}
        initialValues={{
          eligibleKinds: [...ORGANIZATION_KINDS],
          outsideAllowed: true,
          priorityGrade: '3A',
          focusAreas: [],
          dates: [today, today.add(30, 'day')],
          criteria: [
            { name: t('funding.calls.defaultCriteria.fit'), maxPoints: 30 },
            { name: t('funding.calls.defaultCriteria.design'), maxPoints: 30 },
            { name: t('funding.calls.defaultCriteria.capacity'), maxPoints: 20 },
            { name: t('funding.calls.defaultCriteria.budget'), maxPoints: 20 },
          ],
        }}
      >
        <Form.Item
          name="title"
          label={t('funding.calls.call')}
          rules={[{ required: true, min: 2, max: 100, message: t('funding.nameRule') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="fundId"
          label={t('funding.calls.fund')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Select
            loading={funds.isFetching}
            notFoundContent={t('funding.calls.noFund')}
            options={(funds.data?.items ?? []).map((f) => ({
              value: f.id,
              label: `${f.name}（${labels.channels[f.channel]}，${t('funding.funds.remaining')} ¥${formatYuan(f.remainingFen)}）`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="ceilingYuan"
          label={t('funding.calls.ceilingYuan')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <YuanInput />
        </Form.Item>
        <Form.Item
          name="focusAreas"
          label={t('funding.focusArea')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Select mode="multiple" options={labels.focusOptions} />
        </Form.Item>
        <Form.Item
          name="dates"
          label={t('funding.calls.dates')}
          extra={t('funding.calls.datesHint')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="eligibleKinds"
          label={t('funding.calls.eligibleKinds')}
          rules={[{ required: true, message: t('funding.required') }]}
        >
          <Select
            mode="multiple"
            options={ORGANIZATION_KINDS.map((value) => ({ value, label: labels.kinds[value] }))}
          />
        </Form.Item>
        <Flex wrap gap={16}>
          <Form.Item name="minGrade" label={t('funding.calls.minGrade')} style={{ flex: '1 1 140px' }}>
            <Select allowClear options={ORGANIZATION_GRADES.map((g) => ({ value: g, label: g }))} />
          </Form.Item>
          <Form.Item
            name="priorityGrade"
            label={t('funding.calls.priorityGrade')}
            extra={t('funding.calls.priorityHint')}
            style={{ flex: '1 1 140px' }}
          >
            <Select options={ORGANIZATION_GRADES.map((g) => ({ value: g, label: g }))} />
          </Form.Item>
          <Form.Item
            name="outsideAllowed"
            label={t('funding.calls.outsideAllowed')}
            valuePropName="checked"
            style={{ flex: '1 1 140px' }}
          >
            <Switch />
          </Form.Item>
        </Flex>
        <Form.Item name="needIds" label={t('funding.calls.needs')} extra={t('funding.calls.needsHint')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={(needs.data?.items ?? []).map((n) => ({
              value: n.id,
              label: `${n.title}（${n.divisionName}）`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('funding.calls.scoring')} required>
          <Form.List name="criteria">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, i) => (
                  <Flex key={field.key} gap={8} wrap>
                    <Form.Item
                      name={[field.name, 'name']}
                      style={{ flex: '2 1 160px', marginBottom: 0 }}
                      rules={[{ required: true, message: t('funding.required') }]}
                    >
                      <Input
                        aria-label={`${t('funding.calls.criterion')} ${i + 1}`}
                        placeholder={t('funding.calls.criterion')}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'maxPoints']}
                      style={{ flex: '1 1 100px', marginBottom: 0 }}
                      rules={[{ required: true, message: t('funding.required') }]}
                    >
                      <InputNumber<number>
                        min={1}
                        max={100}
                        aria-label={`${t('funding.calls.maxPoints')} ${i + 1}`}
                        placeholder={t('funding.calls.maxPoints')}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined aria-hidden />}
                      aria-label={t('funding.calls.removeCriterion')}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add()}>
                  {t('funding.calls.addCriterion')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="description" label={t('funding.calls.description')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
