import { Cascader } from 'antd';
import { useMemo } from 'react';
import { useLocale } from '../../../i18n/index.ts';
import { useEventCategories } from '../hooks/use-events.ts';

interface CategoryPickerProps {
  value?: string | undefined;
  onChange?: (code: string | undefined) => void;
  /** `leaf`: a subclass only (what an event is); `any`: a class or a subclass (a filter). */
  pick: 'leaf' | 'any';
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

/** 大类 → 小类 from the configured category tree (active ones), by their code. */
export function CategoryPicker({ value, onChange, pick, ...rest }: CategoryPickerProps) {
  const locale = useLocale();
  const tree = useEventCategories();
  const options = useMemo(
    () =>
      (tree.data ?? [])
        .filter((c) => c.active)
        .map((c) => ({
          value: c.code,
          label: locale === 'zh-CN' ? c.name : c.nameEn,
          children: c.children
            .filter((s) => s.active)
            .map((s) => ({ value: s.code, label: locale === 'zh-CN' ? s.name : s.nameEn })),
        })),
    [tree.data, locale],
  );
  const path = value ? (value.length === 4 ? [value.slice(0, 2), value] : [value]) : undefined;
  return (
    <Cascader
      {...rest}
      options={options}
      value={path}
      loading={tree.isLoading}
      changeOnSelect={pick === 'any'}
      showSearch
      onChange={(codes) => onChange?.(codes?.length ? String(codes[codes.length - 1]) : undefined)}
    />
  );
}
