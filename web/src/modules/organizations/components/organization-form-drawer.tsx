import {
  checkUscc,
  fieldProblemMessage,
  isRegisteredKind,
  normalizeMobile,
  ORGANIZATION_KINDS,
  ORGANIZATION_VENUES,
  type OrganizationKind,
  type OrganizationVenue,
} from '@linli/common';
import {
  Alert,
  App,
  Button,
  Col,
  Drawer,
  Flex,
  Form,
  type FormRule,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { useOrganizationLabels } from '../hooks/use-organization-labels.ts';
import { useCreateOrganization, useUpdateOrganization } from '../hooks/use-organizations.ts';
import type { OrganizationDetail } from '../organizations.types.ts';
import { OrganizationDivisionPicker } from './organization-division-picker.tsx';

/** Same limits as the server's request schema (organizations.schemas.ts). */
const MAX = { name: 100, authority: 100, person: 50, phone: 20, text: 200, description: 2000, tag: 20 };

interface FormValues {
  kind: OrganizationKind;
  name: string;
  uscc?: string;
  usccManualNote?: string;
  registrationAuthority?: string;
  registeredOn?: string;
  filedOn?: string;
  legalRepName?: string;
  contactPhone?: string;
  address?: string;
  divisionCode?: string;
  fields: string[];
  category?: string;
  serviceArea?: string;
  staffCount?: number | null;
  volunteerCount?: number | null;
  venue: OrganizationVenue;
  tags: string[];
  fromOutside: boolean;
  description?: string;
}

/** Form fields a server field error (`body.uscc`) or a record-level problem code belongs to. */
const FIELD_OF_CODE: Record<string, keyof FormValues> = {
  'organization.invalidUscc': 'uscc',
  'organization.usccRequired': 'uscc',
  'organization.duplicateUscc': 'uscc',
  'organization.invalidDivision': 'divisionCode',
  'organization.invalidPhone': 'contactPhone',
};

function valuesOf(o: OrganizationDetail): FormValues {
  return {
    kind: o.kind,
    name: o.name,
    uscc: o.uscc ?? '',
    registrationAuthority: o.registrationAuthority ?? '',
    registeredOn: o.registeredOn ?? '',
    filedOn: o.filedOn ?? '',
    legalRepName: o.legalRepName ?? '',
    contactPhone: '',
    address: o.address ?? '',
    divisionCode: o.divisionCode,
    fields: o.fields,
    category: o.category,
    serviceArea: o.serviceArea ?? '',
    staffCount: o.staffCount,
    volunteerCount: o.volunteerCount,
    venue: o.venue,
    tags: o.tags,
    fromOutside: o.fromOutside,
    description: o.description ?? '',
  };
}

const text = (value: string | undefined) => value?.trim() || null;

type Mode = { kind: 'create' } | { kind: 'edit'; organization: OrganizationDetail };

/**
 * 新建 / 编辑 a social organization. The credit code is checked as it is typed with the same
 * GB 32100 checker the server uses; the server's per-field problems land on their fields. Whoever
 * may not register organizations files a community organization (the kind is fixed). Editing sends
 * the version the form was filled from: if someone else saved in between, the user is told and
 * keeps what they typed.
 */
export function OrganizationFormDrawer({
  mode,
  open,
  onClose,
  onSaved,
}: {
  mode: Mode;
  open: boolean;
  onClose: () => void;
  onSaved?: (organization: OrganizationDetail) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useOrganizationLabels();
  const { can } = usePermissions();
  const [form] = Form.useForm<FormValues>();
  const editing = mode.kind === 'edit' ? mode.organization : undefined;
  const [baseVersion, setBaseVersion] = useState(editing?.version);
  const [conflict, setConflict] = useState(false);
  const create = useCreateOrganization();
  const update = useUpdateOrganization(editing?.id ?? '');
  const mutation = editing ? update : create;
  const registrar = can('organization:register');
  const kind = Form.useWatch('kind', form) ?? editing?.kind ?? 'community_org';
  const uscc = Form.useWatch('uscc', form);
  const registered = isRegisteredKind(kind);
  const usccProblem = typeof uscc === 'string' && uscc.trim() ? checkUscc(uscc) : undefined;
  // A legacy code failing only its check character may be kept with the district's note (人工核验).
  const manualAllowed =
    !editing &&
    registrar &&
    registered &&
    usccProblem?.ok === false &&
    usccProblem.problem === 'uscc.checksum';

  const close = () => {
    setConflict(false);
    mutation.reset();
    onClose();
  };

  const reload = () => {
    if (!editing) return;
    form.setFieldsValue(valuesOf(editing));
    setBaseVersion(editing.version);
    setConflict(false);
  };

  const usccRules: FormRule[] = [
    { required: registered, whitespace: true, message: t('orgForms.usccRequired') },
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || !value.trim()) return;
        const check = checkUscc(value);
        if (check.ok) return;
        if (
          check.problem === 'uscc.checksum' &&
          form.getFieldValue('usccManualNote')?.trim() &&
          manualAllowed
        )
          return;
        throw new Error(t('orgForms.usccProblem', { problem: fieldProblemMessage(locale, check.problem) }));
      },
    },
  ];
  const phoneRules: FormRule[] = [
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || !value.trim()) return;
        const digits = value.replace(/[\s-]/g, '');
        if (!normalizeMobile(value) && !/^0\d{9,11}$/.test(digits))
          throw new Error(t('orgForms.phoneInvalid'));
      },
    },
  ];

  const submit = async (values: FormValues) => {
    setConflict(false);
    const body = {
      name: values.name.trim(),
      divisionCode: values.divisionCode ?? '',
      fields: values.fields,
      category: values.category ?? '',
      uscc: text(values.uscc),
      registrationAuthority: text(values.registrationAuthority),
      registeredOn: text(values.registeredOn),
      filedOn: text(values.filedOn),
      legalRepName: text(values.legalRepName),
      address: text(values.address),
      serviceArea: text(values.serviceArea),
      staffCount: values.staffCount ?? 0,
      volunteerCount: values.volunteerCount ?? 0,
      venue: values.venue,
      tags: values.tags.map((tag) => tag.trim()).filter(Boolean),
      fromOutside: values.fromOutside,
      description: text(values.description),
    };
    const phone = values.contactPhone?.trim();
    try {
      const saved = editing
        ? await update.mutateAsync({
            version: baseVersion ?? editing.version,
            ...body,
            // Left empty, the stored (masked) number stays; a new one replaces it.
            ...(phone ? { contactPhone: phone } : {}),
          })
        : await create.mutateAsync({
            kind: registrar ? values.kind : 'community_org',
            ...body,
            contactPhone: phone || null,
            ...(manualAllowed && values.usccManualNote?.trim()
              ? { usccManualNote: values.usccManualNote.trim() }
              : {}),
          });
      void message.success(
        editing ? t('orgForms.saved', { name: saved.name }) : t('orgForms.created', { name: saved.name }),
      );
      close();
      onSaved?.(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) return;
      if (error.is('conflict.version')) {
        setConflict(true);
        return;
      }
      const fieldErrors = new Map<keyof FormValues, string[]>();
      for (const e of error.errors) {
        const name = e.field.replace(/^body\./, '').split('.')[0] as keyof FormValues;
        if (name in body || name === 'contactPhone' || name === 'kind')
          fieldErrors.set(name, [...(fieldErrors.get(name) ?? []), e.message]);
      }
      const byCode = FIELD_OF_CODE[error.code];
      if (fieldErrors.size === 0 && byCode) fieldErrors.set(byCode, [messageOf(error)]);
      form.setFields([...fieldErrors].map(([name, errors]) => ({ name, errors })));
    }
  };

  const kindOptions = ORGANIZATION_KINDS.filter((k) => registrar || k === 'community_org').map((k) => ({
    value: k,
    label: labels.kinds[k],
  }));
  const half = { xs: 24, sm: 12 };

  return (
    <Drawer
      open={open}
      title={
        editing
          ? t('orgForms.editTitle', { name: editing.name })
          : registrar
            ? t('orgForms.createTitle')
            : t('orgForms.fileTitle')
      }
      onClose={close}
      size="min(720px, 100vw)"
      destroyOnHidden
      data-testid="organization-form"
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid="btn-organization-save"
          >
            {editing ? t('common.save') : registrar ? t('orgForms.create') : t('orgForms.file')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? valuesOf(editing)
            : {
                kind: 'community_org',
                fields: [],
                tags: [],
                venue: 'none',
                fromOutside: false,
                staffCount: 0,
                volunteerCount: 0,
              }
        }
        onFinish={(values) => void submit(values)}
        requiredMark
      >
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            data-testid="organization-conflict"
            title={t('orgForms.conflict')}
            action={
              <Button size="small" onClick={reload}>
                {t('orgForms.reload')}
              </Button>
            }
            style={{ marginBottom: 16 }}
          />
        ) : mutation.error && !(mutation.error instanceof ApiError && mutation.error.status === 400) ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        {!registrar && !editing ? (
          <Typography.Paragraph type="secondary">{t('orgForms.fileHint')}</Typography.Paragraph>
        ) : null}
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item name="kind" label={t('organizations.columns.kind')} rules={[{ required: true }]}>
              <Select
                options={kindOptions}
                disabled={Boolean(editing) || !registrar}
                data-testid="organization-kind"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="name"
              label={t('orgForms.name')}
              rules={[
                { required: true, whitespace: true, message: t('orgForms.nameRequired') },
                { min: 2, max: MAX.name, message: t('orgForms.nameLength', { max: MAX.name }) },
              ]}
            >
              <Input autoComplete="off" data-testid="organization-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="uscc"
              label={t('organizations.columns.uscc')}
              rules={usccRules}
              dependencies={['kind', 'usccManualNote']}
              validateDebounce={200}
              extra={registered ? t('orgForms.usccHelp') : t('orgForms.usccOptional')}
            >
              <Input autoComplete="off" maxLength={30} spellCheck={false} data-testid="organization-uscc" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="registrationAuthority"
              label={t('orgForms.registrationAuthority')}
              rules={[{ max: MAX.authority, message: t('orgForms.tooLong', { max: MAX.authority }) }]}
            >
              <Input autoComplete="off" placeholder={t('orgForms.registrationAuthorityPlaceholder')} />
            </Form.Item>
          </Col>
          {manualAllowed ? (
            <Col span={24}>
              <Form.Item
                name="usccManualNote"
                label={t('orgForms.manualNote')}
                extra={t('orgForms.manualNoteHelp')}
                rules={[{ min: 2, max: MAX.text, message: t('orgForms.manualNoteLength') }]}
              >
                <Input autoComplete="off" data-testid="organization-uscc-note" />
              </Form.Item>
            </Col>
          ) : null}
          <Col {...half}>
            <Form.Item name="registeredOn" label={t('orgForms.registeredOn')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="filedOn" label={t('orgForms.filedOn')}>
              <Input type="date" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="legalRepName"
              label={t('organizations.legalRep')}
              rules={[{ max: MAX.person, message: t('orgForms.tooLong', { max: MAX.person }) }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="contactPhone"
              label={t('organizations.contactPhone')}
              rules={phoneRules}
              validateDebounce={200}
              extra={
                editing?.contactPhone ? t('orgForms.phoneKeep', { masked: editing.contactPhone }) : undefined
              }
            >
              <Input
                inputMode="tel"
                autoComplete="off"
                maxLength={MAX.phone}
                data-testid="organization-phone"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="divisionCode"
              label={t('organizations.columns.division')}
              rules={[{ required: true, message: t('orgForms.divisionRequired') }]}
            >
              <OrganizationDivisionPicker
                valueName={editing?.divisionName}
                placeholder={t('orgForms.divisionPlaceholder')}
                data-testid="organization-division"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="address"
              label={t('organizations.address')}
              rules={[{ max: MAX.text, message: t('orgForms.tooLong', { max: MAX.text }) }]}
            >
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="fields"
              label={t('organizations.columns.fields')}
              rules={[{ required: true, type: 'array', min: 1, message: t('orgForms.fieldsRequired') }]}
            >
              <Select
                mode="multiple"
                allowClear
                options={labels.fieldOptions}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="organization-fields"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item
              name="category"
              label={t('organizations.columns.category')}
              rules={[{ required: true, message: t('orgForms.categoryRequired') }]}
            >
              <Select
                options={labels.categoryOptions}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="organization-category"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="serviceArea"
              label={t('orgForms.serviceArea')}
              rules={[{ max: MAX.text, message: t('orgForms.tooLong', { max: MAX.text }) }]}
            >
              <Input autoComplete="off" placeholder={t('orgForms.serviceAreaPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="staffCount" label={t('orgForms.staffCount')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="volunteerCount" label={t('orgForms.volunteerCount')}>
              <InputNumber min={0} max={1000000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="venue" label={t('organizations.columns.venue')}>
              <Select options={ORGANIZATION_VENUES.map((v) => ({ value: v, label: labels.venues[v] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              name="tags"
              label={t('orgForms.tags')}
              rules={[
                {
                  validator: async (_rule, value: unknown) => {
                    if (Array.isArray(value) && value.some((tag) => String(tag).trim().length > MAX.tag))
                      throw new Error(t('orgForms.tagTooLong', { max: MAX.tag }));
                  },
                },
              ]}
            >
              <Select
                mode="tags"
                tokenSeparators={[',', '，', '、']}
                placeholder={t('orgForms.tagsPlaceholder')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="fromOutside" label={t('orgForms.fromOutside')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="description"
              label={t('organizations.description')}
              rules={[{ max: MAX.description, message: t('orgForms.tooLong', { max: MAX.description }) }]}
            >
              <Input.TextArea rows={3} showCount maxLength={MAX.description} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
