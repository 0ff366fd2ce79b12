import { beijingToday } from '@linli/common';
import { App, Checkbox, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import {
  FEDERATION_KINDS,
  type FederationDetail,
  type FederationKind,
  MEMBER_ROLES,
  type MemberRole,
} from '../federations.types.ts';
import {
  useAddMember,
  useCreateFederation,
  useRecordMoveIn,
  useStreetOptions,
  useUpdateFederation,
} from '../hooks/use-federations.ts';
import { OrganizationPicker } from './organization-picker.tsx';

interface ModalProps {
  open: boolean;
  onClose: () => void;
}

/** A plain date field: the browser's own picker, keyboard- and screen-reader friendly. */
const DateInput = (props: {
  value?: string;
  onChange?: (e: unknown) => void;
  testId: string;
  id?: string;
}) => (
  <Input id={props.id} type="date" value={props.value} onChange={props.onChange} data-testid={props.testId} />
);

export function CreateFederationModal(props: ModalProps & { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [form] = Form.useForm<{
    name: string;
    divisionCode: string;
    kind: FederationKind;
    foundedOn: string;
    leadOrganizationId?: string;
    description?: string;
  }>();
  const street = Form.useWatch('divisionCode', form);
  const streets = useStreetOptions(props.open);
  const create = useCreateFederation();
  return (
    <Modal
      open={props.open}
      title={t('federations.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'btn-federation-create-submit' } as never}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ foundedOn: beijingToday() }}
        onFinish={(v) =>
          create.mutate(
            {
              name: v.name.trim(),
              divisionCode: v.divisionCode,
              kind: v.kind,
              foundedOn: v.foundedOn,
              leadOrganizationId: v.leadOrganizationId ?? null,
              description: v.description?.trim() || null,
            },
            {
              onSuccess: (f) => {
                void message.success(t('federations.form.created', { name: f.name }));
                form.resetFields();
                props.onCreated(f.id);
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('federations.columns.name')}
          rules={[
            {
              required: true,
              min: 2,
              max: 100,
              whitespace: true,
              message: t('federations.form.nameRequired'),
            },
          ]}
        >
          <Input maxLength={100} data-testid="federation-form-name" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('federations.columns.street')}
          rules={[{ required: true, message: t('federations.form.streetRequired') }]}
        >
          <Select
            options={streets}
            data-testid="federation-form-street"
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('federations.columns.kind')}
          rules={[{ required: true, message: t('federations.form.kindRequired') }]}
        >
          <Select options={FEDERATION_KINDS.map((k) => ({ value: k, label: t(`federations.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="foundedOn"
          label={t('federations.columns.foundedOn')}
          rules={[{ required: true, message: t('federations.form.dateRequired') }]}
        >
          <DateInput testId="federation-form-founded" />
        </Form.Item>
        <Form.Item
          name="leadOrganizationId"
          label={t('federations.columns.lead')}
          extra={t('federations.form.leadHelp')}
        >
          <OrganizationPicker street={street} testId="federation-form-lead" allowClear />
        </Form.Item>
        <Form.Item name="description" label={t('federations.description')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AddMemberModal(props: ModalProps & { federation: FederationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [form] = Form.useForm<{ organizationId: string; role: MemberRole; joinedOn: string }>();
  const add = useAddMember(props.federation.id);
  return (
    <Modal
      open={props.open}
      title={t('federations.form.addMemberTitle', { name: props.federation.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: add.isPending, 'data-testid': 'btn-member-submit' } as never}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ role: 'member', joinedOn: beijingToday() }}
        onFinish={(v) =>
          add.mutate(v, {
            onSuccess: () => {
              void message.success(t('federations.form.memberAdded'));
              props.onClose();
            },
            onError: (error) => void message.error(messageOf(error)),
          })
        }
      >
        <Form.Item
          name="organizationId"
          label={t('federations.members.organization')}
          rules={[{ required: true, message: t('federations.form.organizationRequired') }]}
        >
          <OrganizationPicker street={props.federation.divisionCode} testId="member-form-organization" />
        </Form.Item>
        <Form.Item name="role" label={t('federations.members.role')} rules={[{ required: true }]}>
          <Select options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`federations.roles.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="joinedOn"
          label={t('federations.members.joinedOn')}
          rules={[{ required: true, message: t('federations.form.dateRequired') }]}
        >
          <DateInput testId="member-form-joined" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MoveInModal(props: ModalProps & { federation: FederationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const [form] = Form.useForm<{
    organizationId: string;
    movedInOn: string;
    origin: string;
    note?: string;
    joinAsMember: boolean;
  }>();
  const record = useRecordMoveIn(props.federation.id);
  return (
    <Modal
      open={props.open}
      title={t('federations.form.moveInTitle', { name: props.federation.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: record.isPending, 'data-testid': 'btn-move-in-submit' } as never}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ movedInOn: beijingToday(), joinAsMember: true }}
        onFinish={(v) =>
          record.mutate(
            { ...v, origin: v.origin.trim(), note: v.note?.trim() || null },
            {
              onSuccess: () => {
                void message.success(t('federations.form.movedIn'));
                props.onClose();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item
          name="organizationId"
          label={t('federations.moveIns.organization')}
          extra={t('federations.form.moveInHelp')}
          rules={[{ required: true, message: t('federations.form.organizationRequired') }]}
        >
          <OrganizationPicker street={props.federation.divisionCode} testId="move-in-form-organization" />
        </Form.Item>
        <Form.Item
          name="movedInOn"
          label={t('federations.moveIns.movedInOn')}
          rules={[{ required: true, message: t('federations.form.dateRequired') }]}
        >
          <DateInput testId="move-in-form-date" />
        </Form.Item>
        <Form.Item
          name="origin"
          label={t('federations.moveIns.origin')}
          rules={[
            {
              required: true,
              min: 2,
              max: 100,
              whitespace: true,
              message: t('federations.form.originRequired'),
            },
          ]}
        >
          <Input
            maxLength={100}
            placeholder={t('federations.form.originPlaceholder')}
            data-testid="move-in-form-origin"
          />
        </Form.Item>
        <Form.Item name="note" label={t('federations.moveIns.note')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="joinAsMember" valuePropName="checked">
          <Checkbox>{t('federations.form.joinAsMember')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function EditFederationModal(props: ModalProps & { federation: FederationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const f = props.federation;
  const [form] = Form.useForm<{
    name: string;
    kind: FederationKind;
    foundedOn: string;
    leadOrganizationId?: string;
    description?: string;
  }>();
  const update = useUpdateFederation(f.id);
  return (
    <Modal
      open={props.open}
      title={t('federations.form.editTitle', { name: f.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'btn-federation-edit-submit' } as never}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          name: f.name,
          kind: f.kind,
          foundedOn: f.foundedOn,
          leadOrganizationId: f.leadOrganizationId ?? undefined,
          description: f.description ?? '',
        }}
        onFinish={(v) =>
          update.mutate(
            {
              version: f.version,
              name: v.name.trim(),
              kind: v.kind,
              foundedOn: v.foundedOn,
              leadOrganizationId: v.leadOrganizationId ?? null,
              description: v.description?.trim() || null,
            },
            {
              onSuccess: () => {
                void message.success(t('federations.form.saved'));
                props.onClose();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('federations.columns.name')}
          rules={[
            {
              required: true,
              min: 2,
              max: 100,
              whitespace: true,
              message: t('federations.form.nameRequired'),
            },
          ]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label={t('federations.columns.kind')} rules={[{ required: true }]}>
          <Select options={FEDERATION_KINDS.map((k) => ({ value: k, label: t(`federations.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="foundedOn"
          label={t('federations.columns.foundedOn')}
          rules={[{ required: true, message: t('federations.form.dateRequired') }]}
        >
          <DateInput testId="federation-edit-founded" />
        </Form.Item>
        <Form.Item name="leadOrganizationId" label={t('federations.columns.lead')}>
          <OrganizationPicker street={f.divisionCode} testId="federation-edit-lead" allowClear />
        </Form.Item>
        <Form.Item name="description" label={t('federations.description')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
