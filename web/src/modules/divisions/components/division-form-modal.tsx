import {
  COMMUNITY_TYPES,
  canStandUnder,
  codeProblemToField,
  fieldProblemMessage,
  levelsForCode,
  normalizeDivisionCode,
  parentCodeOf,
} from '@linli/common';
import { Alert, App, Form, type FormRule, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import type { CommunityType, DivisionDetail, DivisionLevel } from '../divisions.types.ts';
import { useDivisionLabels } from '../hooks/use-division-labels.ts';
import { useCreateDivision, useUpdateDivision } from '../hooks/use-division-mutations.ts';

/** Same limits as the server's request schema (divisions.schemas.ts). */
const NAME_MAX = 100;
const URBAN_RURAL_CODE = /^[0-9]{3}$/;
const COMMUNITY_LEVELS: readonly DivisionLevel[] = ['community', 'village'];

interface FormValues {
  code?: string;
  name: string;
  population?: number | null;
  households?: number | null;
  communityType?: CommunityType | null;
  urbanRuralCode?: string | null;
}

type Mode = { kind: 'create'; parent: DivisionDetail } | { kind: 'edit'; division: DivisionDetail };

interface DivisionFormModalProps {
  mode: Mode;
  open: boolean;
  onClose: () => void;
  /** Called with the saved division (e.g. to navigate to a newly created one). */
  onSaved?: (division: DivisionDetail) => void;
}

function valuesOf(division: DivisionDetail): FormValues {
  return {
    name: division.name,
    population: division.population,
    households: division.households,
    communityType: division.communityType,
    urbanRuralCode: division.urbanRuralCode,
  };
}

/** Form fields a server validation error points at: "body/name" or "/name" → "name". */
function fieldOf(pointer: string): keyof FormValues | undefined {
  const name = pointer.replace(/^body/, '').replace(/^\//, '').split('/')[0];
  const known: readonly string[] = [
    'code',
    'name',
    'population',
    'households',
    'communityType',
    'urbanRuralCode',
  ];
  return name && known.includes(name) ? (name as keyof FormValues) : undefined;
}

/** 新建下级 and 编辑 in one modal; validation mirrors the server's so most mistakes never leave the browser. */
export function DivisionFormModal({ mode, open, onClose, onSaved }: DivisionFormModalProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const { levelName, communityTypeName } = useDivisionLabels();
  const [form] = Form.useForm<FormValues>();
  const [conflict, setConflict] = useState(false);
  const create = useCreateDivision();
  const update = useUpdateDivision(mode.kind === 'edit' ? mode.division.code : '');
  const mutation = mode.kind === 'create' ? create : update;
  const codeValue = Form.useWatch('code', form);

  const editing = mode.kind === 'edit' ? mode.division : undefined;
  const parent = mode.kind === 'create' ? mode.parent : undefined;

  // After a 409 the detail is refetched; show the newer values so the user can redo the change on top of them.
  const version = editing?.version;
  // Only a new version (or reopening) resets the fields, not every re-render of the same row.
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed on the version on purpose
  useEffect(() => {
    if (open && editing && version !== undefined) form.setFieldsValue(valuesOf(editing));
  }, [open, version]);

  const close = () => {
    setConflict(false);
    mutation.reset();
    onClose();
  };

  const childLevel = (() => {
    if (!parent || typeof codeValue !== 'string') return undefined;
    const normalized = normalizeDivisionCode(codeValue);
    return 'code' in normalized ? levelsForCode(normalized.code)[0] : undefined;
  })();
  const level = editing?.level ?? childLevel;
  const showCommunityFields = level
    ? COMMUNITY_LEVELS.includes(level)
    : parent !== undefined && COMMUNITY_LEVELS.some((l) => canStandUnder(l, parent.level));

  const codeRules: FormRule[] = parent
    ? [
        { required: true, whitespace: true, message: t('divisions.form.codeRequired') },
        {
          validator: async (_rule, value: unknown) => {
            if (typeof value !== 'string' || !value.trim()) return;
            const normalized = normalizeDivisionCode(value);
            if ('problem' in normalized) {
              const { code, params } = codeProblemToField(normalized.problem);
              throw new Error(
                t('divisions.form.fieldProblem', {
                  field: t('divisions.form.code'),
                  message: fieldProblemMessage(locale, code, params),
                }),
              );
            }
            if (parentCodeOf(normalized.code) !== parent.code) {
              throw new Error(t('divisions.form.codePrefix', { parent: parent.code }));
            }
            const childLevelOfCode = levelsForCode(normalized.code)[0];
            if (childLevelOfCode && !canStandUnder(childLevelOfCode, parent.level)) {
              throw new Error(
                t('divisions.form.codeLevel', {
                  code: normalized.code,
                  level: levelName(childLevelOfCode),
                  parentLevel: levelName(parent.level),
                }),
              );
            }
          },
        },
      ]
    : [];

  const wholeNumber: FormRule = {
    validator: async (_rule, value: unknown) => {
      if (value === null || value === undefined) return;
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new Error(t('divisions.form.wholeNumber'));
      }
    },
  };

  const submit = async (values: FormValues) => {
    setConflict(false);
    const common = {
      name: values.name.trim(),
      population: values.population ?? null,
      households: values.households ?? null,
      ...(showCommunityFields
        ? {
            communityType: values.communityType ?? null,
            urbanRuralCode: values.urbanRuralCode?.trim() || null,
          }
        : {}),
    };
    try {
      const saved =
        mode.kind === 'create'
          ? await create.mutateAsync({ code: (values.code ?? '').trim(), ...common })
          : await update.mutateAsync({ version: mode.division.version, ...common });
      void message.success(
        mode.kind === 'create'
          ? t('divisions.form.created', { name: saved.name })
          : t('divisions.form.saved'),
      );
      close();
      onSaved?.(saved);
    } catch (error) {
      if (!(error instanceof ApiError)) return;
      if (error.is('conflict.version')) setConflict(true);
      if (
        error.is('division.exists') ||
        error.is('division.invalidCode') ||
        error.is('division.codeParentMismatch')
      ) {
        form.setFields([{ name: 'code', errors: [messageOf(error)] }]);
      }
      const fieldErrors = error.errors.flatMap((fe) => {
        const name = fieldOf(fe.field);
        return name ? [{ name, errors: [fe.message] }] : [];
      });
      if (fieldErrors.length > 0) form.setFields(fieldErrors);
    }
  };

  const title =
    mode.kind === 'create'
      ? t('divisions.form.createTitle', { parent: mode.parent.name })
      : t('divisions.form.editTitle', { name: mode.division.name });
  const codeLength = parent ? parent.code.length + 3 : 0;

  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        initialValues={editing ? valuesOf(editing) : { code: parent?.code ?? '' }}
        onFinish={(values) => void submit(values)}
        requiredMark
        preserve={false}
      >
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('divisions.form.conflict')}
            style={{ marginBottom: 16 }}
          />
        ) : mutation.error ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        {parent ? (
          <Form.Item
            name="code"
            label={t('divisions.form.code')}
            extra={t('divisions.form.codeHelp', { parent: parent.code, length: codeLength })}
            rules={codeRules}
            validateDebounce={300}
          >
            <Input inputMode="numeric" autoComplete="off" maxLength={15} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="name"
          label={t('divisions.form.name')}
          rules={[
            { required: true, whitespace: true, message: t('divisions.form.nameRequired') },
            { max: NAME_MAX, message: t('divisions.form.nameTooLong', { max: NAME_MAX }) },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="population" label={t('divisions.form.population')} rules={[wholeNumber]}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="households" label={t('divisions.form.households')} rules={[wholeNumber]}>
          <InputNumber min={0} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        {showCommunityFields ? (
          <>
            <Form.Item name="communityType" label={t('divisions.form.communityType')}>
              <Select<CommunityType>
                allowClear
                placeholder={t('divisions.form.communityTypePlaceholder')}
                options={COMMUNITY_TYPES.map((type) => ({ value: type, label: communityTypeName(type) }))}
              />
            </Form.Item>
            <Form.Item
              name="urbanRuralCode"
              label={t('divisions.form.urbanRuralCode')}
              extra={t('divisions.form.urbanRuralCodeHelp')}
              rules={[{ pattern: URBAN_RURAL_CODE, message: t('divisions.form.urbanRuralCodeInvalid') }]}
            >
              <Input inputMode="numeric" maxLength={3} autoComplete="off" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
