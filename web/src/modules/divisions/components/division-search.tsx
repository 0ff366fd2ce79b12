import { SearchOutlined } from '@ant-design/icons';
import { Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDebouncedValue } from '../../../ui/use-debounced-value.ts';
import { divisionPaths } from '../divisions.paths.ts';
import { useDivisionLabels } from '../hooks/use-division-labels.ts';
import { useDivisionSearch } from '../hooks/use-division-search.ts';

/** Name search over the whole tree; choosing a hit opens that division. */
export function DivisionSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { levelName } = useDivisionLabels();
  const [input, setInput] = useState('');
  const term = useDebouncedValue(input, 250);
  const search = useDivisionSearch(term);

  const options = (search.data?.items ?? []).map((hit) => ({
    value: hit.code,
    label: hit.name,
    hit,
  }));

  return (
    <Select
      data-testid="division-search"
      aria-label={t('divisions.searchLabel')}
      placeholder={t('divisions.searchPlaceholder')}
      style={{ width: '100%' }}
      value={null}
      suffixIcon={<SearchOutlined aria-hidden />}
      showSearch={{ filterOption: false, onSearch: setInput, searchValue: input }}
      loading={search.isFetching}
      options={input.trim() ? options : []}
      notFoundContent={
        input.trim()
          ? search.isFetching
            ? t('common.loading')
            : t('divisions.searchNoResult')
          : t('divisions.searchTyping')
      }
      optionRender={(option) => (
        <div>
          <div>
            {option.data.hit.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {levelName(option.data.hit.level)}
            </Typography.Text>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {option.data.hit.path}
          </Typography.Text>
        </div>
      )}
      onChange={(code: string | null) => {
        if (!code) return;
        setInput('');
        navigate(divisionPaths.browser(code));
      }}
    />
  );
}
