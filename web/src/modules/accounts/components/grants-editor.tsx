import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  checkGrantShape,
  fieldProblemMessage,
  type GrantField,
  ROLE_GRANT_RULES,
  type Role,
  roleTierNames,
  SCOPE_TIER_LENGTH,
} from '@linli/common';
import { Button, Card, Flex, Form, type FormInstance, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { useGrantableRoles, useRoleName } from '../hooks/use-account-labels.ts';
import { DivisionPicker } from './division-picker.tsx';

export interface GrantValues {
  role?: Role;
  scopeCode?: string | null;
  /** Name of the scope as the server gave it, for display before any new choice. */
  scopeName?: string | null;
  department?: string | null;
  organizationId?: string | null;
}

/** The grants a form holds, as the API takes them (district-wide roles send no scope). */
export function grantsBody(values: GrantValues[] | undefined) {
  return (values ?? []).flatMap((g) =>
    g.role
      ? [
          {
            role: g.role,
            scopeCode: ROLE_GRANT_RULES[g.role].districtWide ? null : (g.scopeCode ?? null),
            department: g.department?.trim() || null,
            organizationId: g.organizationId?.trim() || null,
          },
        ]
      : [],
  );
}

/**
 * 授权: one row per role grant. The role list holds only what the user may grant; the scope,
 * department and organization inputs follow the role's rule from @linli/common, and each row is
 * checked by the same rule the server applies.
 */
export function GrantsEditor({ form, extraRoles = [] }: { form: FormInstance; extraRoles?: Role[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const roleName = useRoleName();
  const grantable = useGrantableRoles();
  const roles = [...new Set([...grantable, ...extraRoles])];

  /** A validator reporting the shared rule's problems for one field of grant row `index`. */
  const ruleFor = (index: number, field: GrantField) => ({
    validator: async () => {
      const grant = form.getFieldValue(['grants', index]) as GrantValues | undefined;
      if (!grant?.role) return;
      const checked = checkGrantShape(
        {
          ...grant,
          role: grant.role,
          scopeCode: ROLE_GRANT_RULES[grant.role].districtWide ? null : grant.scopeCode,
        },
        locale,
      );
      if (checked.ok) return;
      const problem = checked.problems.find((p) => p.field === field);
      if (problem) throw new Error(fieldProblemMessage(locale, problem.code, problem.params));
    },
  });

  return (
    <Form.List
      name="grants"
      rules={[
        {
          validator: async (_rule, grants: unknown[] | undefined) => {
            if (!grants || grants.length === 0) throw new Error(t('accounts.form.grantsRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={12} data-testid="grants-editor">
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              title={t('accounts.form.grantTitle', { n: index + 1 })}
              extra={
                <Button
                  type="text"
                  danger
                  icon={<MinusCircleOutlined aria-hidden />}
                  aria-label={t('accounts.form.removeGrant', { n: index + 1 })}
                  onClick={() => remove(field.name)}
                />
              }
            >
              <Form.Item
                name={[field.name, 'role']}
                label={t('accounts.form.role')}
                rules={[{ required: true, message: t('accounts.form.roleRequired') }]}
              >
                <Select<Role>
                  data-testid={`grant-role-${index}`}
                  placeholder={t('accounts.form.rolePlaceholder')}
                  options={roles.map((role) => ({ value: role, label: roleName(role) }))}
                  onChange={() =>
                    form.setFieldValue(['grants', field.name], {
                      ...form.getFieldValue(['grants', field.name]),
                      scopeCode: null,
                      scopeName: null,
                    })
                  }
                />
              </Form.Item>
              <Form.Item noStyle dependencies={[['grants', field.name, 'role']]}>
                {() => {
                  const role = form.getFieldValue(['grants', field.name, 'role']) as Role | undefined;
                  if (!role) return null;
                  const rule = ROLE_GRANT_RULES[role];
                  return (
                    <>
                      {rule.districtWide ? (
                        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
                          {t('accounts.form.districtWide')}
                        </Typography.Paragraph>
                      ) : (
                        <Form.Item
                          name={[field.name, 'scopeCode']}
                          label={t('accounts.form.scope')}
                          extra={t('accounts.form.scopeHelp', { levels: roleTierNames(locale, role) })}
                          rules={[ruleFor(field.name, 'scopeCode')]}
                          required
                        >
                          <DivisionPicker
                            data-testid={`grant-scope-${index}`}
                            lengths={rule.tiers.map((tier) => SCOPE_TIER_LENGTH[tier])}
                            currentName={form.getFieldValue(['grants', field.name, 'scopeName'])}
                          />
                        </Form.Item>
                      )}
                      {rule.department === 'required' ? (
                        <Form.Item
                          name={[field.name, 'department']}
                          label={t('accounts.form.department')}
                          rules={[ruleFor(field.name, 'department')]}
                          required
                        >
                          <Input
                            data-testid={`grant-department-${index}`}
                            placeholder={t('accounts.form.departmentPlaceholder')}
                            maxLength={64}
                          />
                        </Form.Item>
                      ) : null}
                      {rule.organization === 'optional' ? (
                        <Form.Item
                          name={[field.name, 'organizationId']}
                          label={t('accounts.form.organization')}
                          extra={t('accounts.form.organizationHelp')}
                          rules={[ruleFor(field.name, 'organizationId')]}
                        >
                          <Input maxLength={64} />
                        </Form.Item>
                      ) : null}
                    </>
                  );
                }}
              </Form.Item>
            </Card>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined aria-hidden />}
            data-testid="btn-add-grant"
            onClick={() => add({})}
          >
            {t('accounts.form.addGrant')}
          </Button>
          <Form.ErrorList errors={errors} />
        </Flex>
      )}
    </Form.List>
  );
}
