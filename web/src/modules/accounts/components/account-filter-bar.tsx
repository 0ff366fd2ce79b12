import { ClearOutlined } from '@ant-design/icons';
import { ACCOUNT_STATUSES, type AccountStatus, ROLES, type Role } from '@linli/common';
import { Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccountFilters } from '../hooks/use-account-filters.ts';
import { useRoleName } from '../hooks/use-account-labels.ts';
import { DivisionPicker } from './division-picker.tsx';

/** 搜索 · 角色 · 所属区划 · 状态 filters of the account page; every change lands in the URL. */
export function AccountFilterBar() {
  const { t } = useTranslation();
  const roleName = useRoleName();
  const { filters, update, reset } = useAccountFilters();
  const filtered = Boolean(filters.q || filters.role || filters.divisionCode || filters.status);

  return (
    <Form
      layout="inline"
      component="search"
      aria-label={t('accounts.filters.label')}
      data-testid="account-filters"
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item label={t('accounts.filters.q')} htmlFor="account-filter-q">
        <Input.Search
          // Remounted when the URL changes (reset, back/forward) so the box shows the active filter.
          key={filters.q}
          id="account-filter-q"
          data-testid="account-filter-q"
          allowClear
          defaultValue={filters.q}
          placeholder={t('accounts.filters.qPlaceholder')}
          style={{ width: 200 }}
          onSearch={(value) => update({ q: value.trim() })}
        />
      </Form.Item>
      <Form.Item label={t('accounts.filters.role')} htmlFor="account-filter-role">
        <Select<Role>
          id="account-filter-role"
          data-testid="account-filter-role"
          allowClear
          value={filters.role}
          placeholder={t('accounts.filters.anyRole')}
          options={ROLES.map((role) => ({ value: role, label: roleName(role) }))}
          style={{ width: 180 }}
          onChange={(role) => update({ role })}
        />
      </Form.Item>
      <Form.Item label={t('accounts.filters.division')} htmlFor="account-filter-division">
        <DivisionPicker
          id="account-filter-division"
          data-testid="account-filter-division"
          allowClear
          value={filters.divisionCode ?? null}
          placeholder={t('accounts.filters.anyDivision')}
          style={{ width: 220 }}
          onChange={(code) => update({ divisionCode: code ?? undefined })}
        />
      </Form.Item>
      <Form.Item label={t('accounts.filters.status')} htmlFor="account-filter-status">
        <Select<AccountStatus>
          id="account-filter-status"
          data-testid="account-filter-status"
          allowClear
          value={filters.status}
          placeholder={t('accounts.filters.anyStatus')}
          options={ACCOUNT_STATUSES.map((status) => ({
            value: status,
            label: t(`accounts.status.${status}`),
          }))}
          style={{ width: 120 }}
          onChange={(status) => update({ status })}
        />
      </Form.Item>
      {filtered ? (
        <Form.Item>
          <Button
            icon={<ClearOutlined aria-hidden />}
            data-testid="btn-account-filters-reset"
            onClick={reset}
          >
            {t('accounts.filters.reset')}
          </Button>
        </Form.Item>
      ) : null}
    </Form>
  );
}
