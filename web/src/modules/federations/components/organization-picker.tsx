import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../ui/use-debounced-value.ts';
import { useStreetOrganizations } from '../hooks/use-federations.ts';

/** Searches the registry within one street; federations take members and move-ins of their street only. */
export function OrganizationPicker(props: {
  street: string | undefined;
  value?: string;
  onChange?: (value: string | undefined) => void;
  testId: string;
  id?: string;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const options = useStreetOrganizations(props.street, q, true);
  return (
    <Select
      id={props.id}
      value={props.value}
      onChange={props.onChange}
      allowClear={props.allowClear}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      data-testid={props.testId}
      placeholder={t('federations.form.organizationPlaceholder')}
      loading={options.isFetching}
      notFoundContent={options.isFetching ? null : t('federations.form.noOrganizations')}
      options={(options.data?.items ?? []).map((o) => ({
        value: o.id,
        label: `${o.name}（${o.divisionName}）`,
      }))}
    />
  );
}
