import { normalizeDivisionCode } from '@linli/common';
import { Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../../ui/use-debounced-value.ts';
import { useDivisionSearch } from '../../divisions/hooks/use-division-search.ts';

interface DivisionPickerProps {
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  /** Code lengths that may be chosen (6, 9, 12, 15); any when absent. */
  lengths?: readonly number[];
  /** The name of the current value, shown before any search. */
  currentName?: string | null;
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
  'data-testid'?: string;
  style?: React.CSSProperties;
}

interface Option {
  value: string;
  label: string;
  path?: string;
}

/**
 * Chooses a division by name (search) or by typing its code (also the 12-digit statistical form);
 * only divisions of the allowed levels are offered. The server checks scope and existence again.
 */
export function DivisionPicker({
  id,
  value,
  onChange,
  lengths,
  currentName,
  placeholder,
  allowClear,
  style,
  ...rest
}: DivisionPickerProps) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const term = useDebouncedValue(input.trim(), 250);
  const byCode = /^\d+$/.test(term);
  const search = useDivisionSearch(byCode ? '' : term);
  const fits = (code: string) => !lengths || lengths.includes(code.length);

  // `fits` reads only `lengths`, which is listed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  const options = useMemo<Option[]>(() => {
    const out: Option[] = [];
    if (byCode) {
      const normalized = normalizeDivisionCode(term);
      if ('code' in normalized && fits(normalized.code))
        out.push({ value: normalized.code, label: normalized.code });
    } else {
      for (const hit of search.data?.items ?? []) {
        if (fits(hit.code)) out.push({ value: hit.code, label: `${hit.name} ${hit.code}`, path: hit.path });
      }
    }
    if (value && !out.some((o) => o.value === value))
      out.unshift({ value, label: currentName ? `${currentName} ${value}` : value });
    return out;
  }, [byCode, term, search.data, value, currentName, lengths]);

  return (
    <Select<string, Option>
      id={id}
      {...rest}
      style={style}
      value={value ?? null}
      allowClear={allowClear}
      placeholder={placeholder ?? t('accounts.divisionPicker.placeholder')}
      showSearch={{ filterOption: false, onSearch: setInput, searchValue: input }}
      loading={search.isFetching}
      options={options}
      notFoundContent={
        term
          ? search.isFetching
            ? t('common.loading')
            : t('accounts.divisionPicker.noMatch')
          : t('accounts.divisionPicker.typing')
      }
      optionRender={(option) => (
        <div>
          <div>{option.data.label}</div>
          {option.data.path ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {option.data.path}
            </Typography.Text>
          ) : null}
        </div>
      )}
      onChange={(code) => {
        setInput('');
        onChange?.(code ?? null);
      }}
    />
  );
}
