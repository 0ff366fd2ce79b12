import {
  INCUBATION_ACTIONS,
  INCUBATION_REASON_ACTIONS,
  INCUBATION_SERVICE_TYPES,
  type IncubationAction,
  type IncubationServiceType,
} from '@linli/common';
import {
  App,
  Button,
  type ButtonProps,
  DatePicker,
  Descriptions,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { WorkflowHistory } from '../../../ui/workflow-history.tsx';
import { STATE_COLORS, useIncubationLabels } from '../hooks/use-incubation-labels.ts';
import { useIncubation, useTransitionIncubation, useUpdateIncubationPlan } from '../hooks/use-incubations.ts';
import type { IncubationPlan } from '../incubation.types.ts';

const DESTRUCTIVE: readonly IncubationAction[] = ['reject', 'exit'];
const DATE = 'YYYY-MM-DD';

type PlanItem = 'mentor' | 'milestone' | 'service';

interface ItemValues {
  name?: string;
  expertise?: string;
  title?: string;
  dueOn?: Dayjs;
  type?: IncubationServiceType;
  servedOn?: Dayjs;
  hours?: number | null;
  amountYuan?: number | null;
  note?: string;
}

/** One record: the application, the stage buttons its abilities allow, the plan and the stage history. */
export function IncubationDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useIncubationLabels();
  const detail = useIncubation(id);
  const transition = useTransitionIncubation(id ?? '');
  const savePlan = useUpdateIncubationPlan(id ?? '');
  const [action, setAction] = useState<IncubationAction | null>(null);
  const [comment, setComment] = useState('');
  const [adding, setAdding] = useState<PlanItem | null>(null);
  const [form] = Form.useForm<ItemValues>();
  const r = detail.data;
  const none = t('common.none');
  const editable = r?.abilities.editPlan ?? false;

  const submitAction = () => {
    if (!r || !action) return;
    transition.mutate(
      { action, version: r.version, comment: comment.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('incubation.detail.actionDone', { action: labels.actions[action] }));
          setAction(null);
          setComment('');
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  };

  /** Saves the whole plan with the version shown; a stale version is refused (409) with a clear message. */
  const save = (plan: IncubationPlan, after?: () => void) => {
    if (!r) return;
    savePlan.mutate(
      { version: r.version, ...plan },
      {
        onSuccess: () => {
          void message.success(t('incubation.detail.planSaved'));
          after?.();
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  };

  const addItem = (values: ItemValues) => {
    if (!r || !adding) return;
    const plan = r.plan;
    const next: IncubationPlan =
      adding === 'mentor'
        ? {
            ...plan,
            mentors: [...plan.mentors, { name: values.name!.trim(), expertise: values.expertise!.trim() }],
          }
        : adding === 'milestone'
          ? {
              ...plan,
              milestones: [
                ...plan.milestones,
                { title: values.title!.trim(), dueOn: values.dueOn!.format(DATE), doneOn: null },
              ],
            }
          : {
              ...plan,
              services: [
                ...plan.services,
                {
                  type: values.type!,
                  servedOn: values.servedOn!.format(DATE),
                  hours: values.hours ?? null,
                  amountFen: values.amountYuan == null ? null : Math.round(values.amountYuan * 100),
                  note: values.note?.trim() || null,
                },
              ],
            };
    save(next, () => {
      setAdding(null);
      form.resetFields();
    });
  };

  const without = <K extends keyof IncubationPlan>(key: K, index: number): IncubationPlan =>
    r ? { ...r.plan, [key]: r.plan[key].filter((_, i) => i !== index) } : ({} as IncubationPlan);

  const removeButton = (key: keyof IncubationPlan, index: number) =>
    editable ? (
      <Button key="remove" type="link" size="small" danger onClick={() => save(without(key, index))}>
        {t('incubation.detail.remove')}
      </Button>
    ) : null;

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={r?.organizationName ?? t('common.loading')}
      size="large"
      data-testid="incubation-drawer"
    >
      {detail.error ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {r ? (
        <Flex vertical gap={16}>
          <Flex wrap gap={8}>
            {INCUBATION_ACTIONS.filter((a) => r.abilities[a]).map((a) => (
              <Button
                key={a}
                danger={DESTRUCTIVE.includes(a)}
                type={DESTRUCTIVE.includes(a) ? 'default' : 'primary'}
                data-testid={`btn-incubation-${a}`}
                onClick={() => setAction(a)}
              >
                {labels.actions[a]}
              </Button>
            ))}
          </Flex>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('incubation.columns.state')}>
              <Tag color={STATE_COLORS[r.state]} data-testid="incubation-state">
                {labels.states[r.state]}
              </Tag>
              {r.queuePosition !== null ? t('incubation.queue', { n: r.queuePosition }) : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('incubation.columns.class')}>
              {labels.classes[r.priorityClass]}
            </Descriptions.Item>
            <Descriptions.Item label={t('incubation.detail.organization')}>
              {labels.kinds[r.organizationKind]} · {labels.category(r.organizationCategory)} ·{' '}
              {r.divisionName}
            </Descriptions.Item>
            <Descriptions.Item label={t('incubation.columns.branch')}>{r.branchName}</Descriptions.Item>
            <Descriptions.Item label={t('incubation.detail.applicant')}>{r.applicantName}</Descriptions.Item>
            <Descriptions.Item label={t('incubation.detail.purpose')}>{r.purpose}</Descriptions.Item>
            <Descriptions.Item label={t('incubation.detail.needs')}>
              {r.needs.map((n) => labels.needs[n]).join('、') || none}
              {r.needsNote ? <div>{r.needsNote}</div> : null}
            </Descriptions.Item>
            <Descriptions.Item label={t('incubation.detail.dates')}>
              {t('incubation.detail.datesValue', {
                applied: r.appliedOn,
                admitted: r.admittedOn ?? none,
                started: r.startedOn ?? none,
                ended: r.endedOn ?? none,
              })}
            </Descriptions.Item>
          </Descriptions>

          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('incubation.detail.plan')}
          </Typography.Title>
          {!editable ? (
            <Typography.Text type="secondary">{t('incubation.detail.planReadOnly')}</Typography.Text>
          ) : null}
          <PlanSection
            title={t('incubation.detail.mentors')}
            empty={t('incubation.detail.noMentors')}
            addLabel={editable ? t('incubation.detail.addMentor') : null}
            testId="incubation-mentors"
            onAdd={() => setAdding('mentor')}
            items={r.plan.mentors.map((m, i) => ({
              key: `m${i}`,
              title: m.name,
              description: m.expertise,
              actions: [removeButton('mentors', i)],
            }))}
          />
          <PlanSection
            title={t('incubation.detail.milestones')}
            empty={t('incubation.detail.noMilestones')}
            addLabel={editable ? t('incubation.detail.addMilestone') : null}
            testId="incubation-milestones"
            onAdd={() => setAdding('milestone')}
            items={r.plan.milestones.map((m, i) => ({
              key: `s${i}`,
              title: m.title,
              description: m.doneOn
                ? t('incubation.detail.doneOn', { date: m.doneOn })
                : t('incubation.detail.dueOn', { date: m.dueOn }),
              actions: [
                editable && !m.doneOn ? (
                  <Button
                    key="done"
                    type="link"
                    size="small"
                    data-testid="btn-incubation-milestone-done"
                    onClick={() =>
                      save({
                        ...r.plan,
                        milestones: r.plan.milestones.map((x, j) =>
                          j === i ? { ...x, doneOn: dayjs().format(DATE) } : x,
                        ),
                      })
                    }
                  >
                    {t('incubation.detail.markDone')}
                  </Button>
                ) : null,
                removeButton('milestones', i),
              ],
            }))}
          />
          <PlanSection
            title={t('incubation.detail.services')}
            empty={t('incubation.detail.noServices')}
            addLabel={editable ? t('incubation.detail.addService') : null}
            testId="incubation-services"
            onAdd={() => setAdding('service')}
            items={r.plan.services.map((s, i) => ({
              key: `v${i}`,
              title: `${labels.serviceTypes[s.type]} · ${s.servedOn}`,
              description: [
                s.hours === null ? null : t('incubation.detail.hours', { hours: s.hours }),
                s.amountFen === null
                  ? null
                  : t('incubation.detail.amount', { yuan: (s.amountFen / 100).toFixed(2) }),
                s.note,
              ]
                .filter(Boolean)
                .join('；'),
              actions: [removeButton('services', i)],
            }))}
          />

          <WorkflowHistory
            title={t('incubation.detail.history')}
            entries={r.history}
            empty={t('incubation.detail.noHistory')}
            testId="incubation-history"
          />
        </Flex>
      ) : null}

      <Modal
        open={action !== null}
        title={action ? labels.actions[action] : ''}
        okText={t('incubation.detail.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={
          {
            danger: action !== null && DESTRUCTIVE.includes(action),
            disabled: action !== null && INCUBATION_REASON_ACTIONS.includes(action) && comment.trim() === '',
            loading: transition.isPending,
            'data-testid': 'btn-incubation-confirm',
          } as ButtonProps
        }
        onOk={submitAction}
        onCancel={() => setAction(null)}
      >
        <Typography.Paragraph>
          {action && r
            ? t('incubation.detail.confirmText', { action: labels.actions[action], name: r.organizationName })
            : null}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label={t('incubation.detail.comment')}
          placeholder={
            action && INCUBATION_REASON_ACTIONS.includes(action)
              ? t('incubation.detail.commentRequired')
              : t('incubation.detail.comment')
          }
          value={comment}
          maxLength={500}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>

      <Modal
        open={adding !== null}
        title={
          adding === 'mentor'
            ? t('incubation.detail.addMentor')
            : adding === 'milestone'
              ? t('incubation.detail.addMilestone')
              : t('incubation.detail.addService')
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={
          { loading: savePlan.isPending, 'data-testid': 'btn-incubation-item-save' } as ButtonProps
        }
        onOk={() => form.submit()}
        onCancel={() => setAdding(null)}
        destroyOnHidden
      >
        <ItemForm form={form} kind={adding} onFinish={addItem} />
      </Modal>
    </Drawer>
  );
}

function PlanSection(props: {
  title: string;
  empty: string;
  addLabel: string | null;
  testId: string;
  onAdd: () => void;
  items: Array<{ key: string; title: string; description: string; actions: ReactNode[] }>;
}) {
  return (
    <div data-testid={props.testId}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 4 }}>
        <Typography.Title level={3} style={{ fontSize: 14, margin: 0 }}>
          {props.title}
        </Typography.Title>
        {props.addLabel ? (
          <Button size="small" onClick={props.onAdd} data-testid={`${props.testId}-add`}>
            {props.addLabel}
          </Button>
        ) : null}
      </Flex>
      <List
        size="small"
        bordered
        locale={{ emptyText: props.empty }}
        dataSource={props.items}
        renderItem={(item) => (
          <List.Item key={item.key} actions={item.actions.filter(Boolean)}>
            <List.Item.Meta title={item.title} description={item.description} />
          </List.Item>
        )}
      />
    </div>
  );
}

function ItemForm(props: {
  form: ReturnType<typeof Form.useForm<ItemValues>>[0];
  kind: PlanItem | null;
  onFinish: (values: ItemValues) => void;
}) {
  const { t } = useTranslation();
  const labels = useIncubationLabels();
  const required = [{ required: true, whitespace: true, message: t('incubation.required') }];
  const requiredDate = [{ required: true, message: t('incubation.required') }];
  return (
    <Form<ItemValues>
      form={props.form}
      layout="vertical"
      onFinish={props.onFinish}
      initialValues={{ type: 'training', servedOn: dayjs(), dueOn: dayjs().add(1, 'month') }}
    >
      {props.kind === 'mentor' ? (
        <>
          <Form.Item name="name" label={t('incubation.mentor.name')} rules={required}>
            <Input maxLength={50} data-testid="incubation-mentor-name" />
          </Form.Item>
          <Form.Item name="expertise" label={t('incubation.mentor.expertise')} rules={required}>
            <Input maxLength={100} data-testid="incubation-mentor-expertise" />
          </Form.Item>
        </>
      ) : null}
      {props.kind === 'milestone' ? (
        <>
          <Form.Item name="title" label={t('incubation.milestone.title')} rules={required}>
            <Input maxLength={100} data-testid="incubation-milestone-title" />
          </Form.Item>
          <Form.Item name="dueOn" label={t('incubation.milestone.dueOn')} rules={requiredDate}>
            <DatePicker style={{ width: '100%' }} format={DATE} allowClear={false} />
          </Form.Item>
        </>
      ) : null}
      {props.kind === 'service' ? (
        <>
          <Form.Item name="type" label={t('incubation.service.type')} rules={requiredDate}>
            <Select
              data-testid="incubation-service-type"
              options={INCUBATION_SERVICE_TYPES.map((v) => ({ value: v, label: labels.serviceTypes[v] }))}
            />
          </Form.Item>
          <Form.Item name="servedOn" label={t('incubation.service.servedOn')} rules={requiredDate}>
            <DatePicker style={{ width: '100%' }} format={DATE} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="hours"
            label={t('incubation.service.hours')}
            dependencies={['amountYuan']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value != null || getFieldValue('amountYuan') != null
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('incubation.service.measureRequired'))),
              }),
            ]}
          >
            <InputNumber
              min={0.1}
              max={10000}
              step={0.5}
              precision={1}
              style={{ width: '100%' }}
              data-testid="incubation-service-hours"
            />
          </Form.Item>
          <Form.Item name="amountYuan" label={t('incubation.service.amount')}>
            <InputNumber min={0} max={1_000_000_000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('incubation.service.note')}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      ) : null}
    </Form>
  );
}
