import { ClearOutlined } from '@ant-design/icons';
import { RESIDENT_TAGS } from '@linli/common';
import { Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResidentFilters } from '../hooks/use-resident-filters.ts';
import { useResidentLabels } from '../hooks/use-resident-labels.ts';
import type { ResidentTag } from '../residents.types.ts';
import { DivisionPicker } from './division-picker.tsx';

interface ResidentFilterBarProps {
  filters: ResidentFilters;
  update: (change: Partial<ResidentFilters>) => void;
  reset: () => void;
}

/** 姓名 · 身份证号 · 手机号 · 所属区划 · 标签. ID number and phone find a resident by the full number only. */
export function ResidentFilterBar({ filters, update, reset }: ResidentFilterBarProps) {
  const { t } = useTranslation();
  const { tagName } = useResidentLabels();
  const filtered = Boolean(
    filters.q || filters.idNumber || filters.phone || filters.divisionCode || filters.tag,
  );

  return (
    <Form
      layout="inline"
      component="search"
      aria-label={t('residents.filters.label')}
      data-testid="resident-filters"
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item label={t('residents.filters.name')} htmlFor="resident-filter-name">
        <Input.Search
          // Remounted when the URL changes (reset, back/forward) so the box shows the active filter.
          key={`q-${filters.q}`}
          id="resident-filter-name"
          data-testid="resident-filter-name"
          allowClear
          defaultValue={filters.q}
          placeholder={t('residents.filters.namePlaceholder')}
          style={{ width: 160 }}
          onSearch={(value) => update({ q: value.trim() })}
        />
      </Form.Item>
      <Form.Item label={t('residents.filters.idNumber')} htmlFor="resident-filter-id">
        <Input.Search
          key={`id-${filters.idNumber}`}
          id="resident-filter-id"
          data-testid="resident-filter-id"
          allowClear
          autoComplete="off"
          defaultValue={filters.idNumber}
          placeholder={t('residents.filters.idNumberPlaceholder')}
          style={{ width: 220 }}
          onSearch={(value) => update({ idNumber: value.trim() })}
        />
      </Form.Item>
      <Form.Item label={t('residents.filters.phone')} htmlFor="resident-filter-phone">
        <Input.Search
          key={`phone-${filters.phone}`}
          id="resident-filter-phone"
          data-testid="resident-filter-phone"
          allowClear
          autoComplete="off"
          inputMode="tel"
          defaultValue={filters.phone}
          placeholder={t('residents.filters.phonePlaceholder')}
          style={{ width: 170 }}
          onSearch={(value) => update({ phone: value.trim() })}
        />
      </Form.Item>
      <Form.Item label={t('residents.filters.division')} htmlFor="resident-filter-division">
        <DivisionPicker
          id="resident-filter-division"
          data-testid="resident-filter-division"
          allowClear
          value={filters.divisionCode}
          placeholder={t('residents.filters.anyDivision')}
          style={{ width: 200 }}
          onChange={(divisionCode) => update({ divisionCode })}
        />
      </Form.Item>
      <Form.Item label={t('residents.filters.tag')} htmlFor="resident-filter-tag">
        <Select<ResidentTag>
          id="resident-filter-tag"
          data-testid="resident-filter-tag"
          allowClear
          value={filters.tag}
          placeholder={t('residents.filters.anyTag')}
          options={RESIDENT_TAGS.map((tag) => ({ value: tag, label: tagName(tag) }))}
          style={{ width: 130 }}
          onChange={(tag) => update({ tag })}
        />
      </Form.Item>
      {filtered ? (
        <Form.Item>
          <Button icon={<ClearOutlined aria-hidden />} data-testid="btn-resident-reset" onClick={reset}>
            {t('residents.filters.reset')}
          </Button>
        </Form.Item>
      ) : null}
    </Form>
  );
}
