import {
  ageOn,
  beijingToday,
  checkResidentId,
  fieldProblemMessage,
  normalizeMobile,
  RESIDENT_TAGS,
} from '@linli/common';
import { Alert, App, Button, Drawer, Flex, Form, type FormRule, Input, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useResidentLabels } from '../hooks/use-resident-labels.ts';
import { useCreateResident, useUpdateResident } from '../hooks/use-resident-mutations.ts';
import type { ResidentDetail, ResidentTag } from '../residents.types.ts';
import { DivisionPicker } from './division-picker.tsx';

/** Same limits as the server's request schema (residents.schemas.ts). */
const NAME_MAX = 50;
const ADDRESS_MAX = 200;
const HOUSEHOLD_MAX = 50;

interface FormValues {
  name: string;
  idNumber?: string;
  phone?: string;
  divisionCode?: string;
  address?: string;
  householdNo?: string;
  tags?: ResidentTag[];
}

type Mode = { kind: 'create' } | { kind: 'edit'; resident: ResidentDetail };

interface ResidentFormDrawerProps {
  mode: Mode;
  open: boolean;
  onClose: () => void;
  onSaved?: (resident: ResidentDetail) => void;
}

function valuesOf(resident: ResidentDetail): FormValues {
  return {
    name: resident.name,
    divisionCode: resident.divisionCode,
    address: resident.address ?? '',
    householdNo: resident.householdNo ?? '',
    tags: resident.tags,
  };
}

/**
 * 新增居民 and 编辑 in one drawer. The ID number is checked as it is typed with the same GB 11643
 * checker the server uses, and the gender and birth date it encodes are shown. When editing, the
 * ID number and phone are not shown in full: leaving them empty keeps them.
 */
export function ResidentFormDrawer({ mode, open, onClose, onSaved }: ResidentFormDrawerProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { tagName, genderName } = useResidentLabels();
  const [form] = Form.useForm<FormValues>();
  const [conflict, setConflict] = useState(false);
  const create = useCreateResident();
  const editing = mode.kind === 'edit' ? mode.resident : undefined;
  const update = useUpdateResident(editing?.id ?? '');
  const mutation = editing ? update : create;
  const idValue = Form.useWatch('idNumber', form);

  // After a 409 the detail is refetched; a new version refills the form so the change can be redone on top.
  const version = editing?.version;
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version on purpose
  useEffect(() => {
    if (open && editing) form.setFieldsValue(valuesOf(editing));
  }, [open, version]);

  const close = () => {
    setConflict(false);
    mutation.reset();
    onClose();
  };

  const identity = typeof idValue === 'string' && idValue.trim() ? checkResidentId(idValue) : undefined;
  const derived =
    identity?.ok === true
      ? t('residents.form.derived', {
          gender: genderName(identity.info.sex),
          birthDate: identity.info.birthDate,
          age: ageOn(identity.info.birthDate, beijingToday()),
        })
      : undefined;

  const idRules: FormRule[] = [
    ...(editing ? [] : [{ required: true, whitespace: true, message: t('residents.form.idNumberRequired') }]),
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || !value.trim()) return;
        const check = checkResidentId(value);
        if (!check.ok) throw new Error(fieldProblemMessage(locale, check.problem));
      },
    },
  ];
  const phoneRules: FormRule[] = [
    {
      validator: async (_rule, value: unknown) => {
        if (typeof value !== 'string' || !value.trim()) return;
        if (!normalizeMobile(value)) throw new Error(fieldProblemMessage(locale, 'phone.mobile'));
      },
    },
  ];

  const submit = async (values: FormValues) => {
    setConflict(false);
    const idNumber = values.idNumber?.trim();
    const phone = values.phone?.trim();
    const common = {
      name: values.name.trim(),
      divisionCode: values.divisionCode ?? '',
      address: values.address?.trim() || null,
      householdNo: values.householdNo?.trim() || null,
      tags: values.tags ?? [],
    };
    try {
      const saved = editing
        ? await update.mutateAsync({
            version: editing.version,
            ...common,
            ...(idNumber ? { idNumber } : {}),
            ...(phone ? { phone } : {}),
          })
        : await create.mutateAsync({ ...common, idNumber: idNumber ?? '', phone: phone || null });
      void message.success(
        editing ? t('residents.form.saved') : t('residents.form.created', { name: saved.name }),
      );
      close();
      onSaved?.(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) return;
      if (error.is('conflict.version')) setConflict(true);
      const field =
        error.is('resident.invalidIdNumber') || error.is('resident.duplicateIdNumber')
          ? 'idNumber'
          : error.is('resident.invalidPhone')
            ? 'phone'
            : error.is('resident.invalidDivision')
              ? 'divisionCode'
              : undefined;
      if (field) form.setFields([{ name: field, errors: [messageOf(error)] }]);
    }
  };

  return (
    <Drawer
      open={open}
      title={
        editing ? t('residents.form.editTitle', { name: editing.name }) : t('residents.form.createTitle')
      }
      onClose={close}
      size="min(560px, 100vw)"
      destroyOnHidden
      data-testid="resident-form"
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid="btn-resident-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={editing ? valuesOf(editing) : { tags: [] }}
        onFinish={(values) => void submit(values)}
        requiredMark
        preserve={false}
      >
        <Typography.Paragraph type="secondary">{t('residents.form.privacy')}</Typography.Paragraph>
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('residents.form.conflict')}
            style={{ marginBottom: 16 }}
          />
        ) : mutation.error && !(mutation.error instanceof ApiError && mutation.error.status === 400) ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        <Form.Item
          name="name"
          label={t('residents.form.name')}
          rules={[
            { required: true, whitespace: true, message: t('residents.form.nameRequired') },
            { max: NAME_MAX, message: t('residents.form.nameTooLong', { max: NAME_MAX }) },
          ]}
        >
          <Input autoComplete="off" data-testid="resident-name" />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('residents.form.idNumber')}
          rules={idRules}
          validateDebounce={200}
          extra={
            derived ? (
              <span data-testid="resident-derived">{derived}</span>
            ) : editing ? (
              t('residents.form.keep', { masked: editing.idNumber })
            ) : (
              t('residents.form.idNumberHelp')
            )
          }
        >
          <Input autoComplete="off" maxLength={18} spellCheck={false} data-testid="resident-id-number" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('residents.form.phone')}
          rules={phoneRules}
          validateDebounce={200}
          extra={editing?.phone ? t('residents.form.keep', { masked: editing.phone }) : undefined}
        >
          <Input inputMode="tel" autoComplete="off" maxLength={20} data-testid="resident-phone" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('residents.form.division')}
          rules={[{ required: true, message: t('residents.form.divisionRequired') }]}
        >
          <DivisionPicker
            homeOnly
            valueName={editing?.divisionName}
            placeholder={t('residents.form.divisionPlaceholder')}
            data-testid="resident-division"
          />
        </Form.Item>
        <Form.Item
          name="address"
          label={t('residents.form.address')}
          rules={[{ max: ADDRESS_MAX, message: t('residents.form.tooLong', { max: ADDRESS_MAX }) }]}
        >
          <Input
            autoComplete="off"
            placeholder={t('residents.form.addressPlaceholder')}
            data-testid="resident-address"
          />
        </Form.Item>
        <Form.Item
          name="householdNo"
          label={t('residents.form.householdNo')}
          rules={[{ max: HOUSEHOLD_MAX, message: t('residents.form.tooLong', { max: HOUSEHOLD_MAX }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="tags" label={t('residents.form.tags')}>
          <Select<ResidentTag[]>
            mode="multiple"
            allowClear
            placeholder={t('residents.form.tagsPlaceholder')}
            options={RESIDENT_TAGS.map((tag) => ({ value: tag, label: tagName(tag) }))}
          />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
