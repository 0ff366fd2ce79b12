import { ClearOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditAction, useAuditFilters } from '../hooks/use-audit-filters.ts';
import { useAuditLabels } from '../hooks/use-audit-labels.ts';

const DAY_FORMAT = 'YYYY-MM-DD';
type SuccessChoice = 'all' | 'true' | 'false';

/** 操作人 · 操作 · 结果 · 时间 filters of the audit page; every change lands in the URL. */
export function AuditFilterBar() {
  const { t } = useTranslation();
  const { filters, update, reset } = useAuditFilters();
  const { actionLabel } = useAuditLabels();
  const actionOptions = (Object.keys(AUDIT_ACTIONS) as AuditAction[]).map((action) => ({
    value: action,
    label: actionLabel(action),
  }));
  const successOptions: { value: SuccessChoice; label: string }[] = [
    { value: 'all', label: t('audit.results.all') },
    { value: 'true', label: t('audit.results.success') },
    { value: 'false', label: t('audit.results.failure') },
  ];
  const filtered = Boolean(filters.actor || filters.action || filters.success || filters.from || filters.to);

  return (
    <Form
      layout="inline"
      component="search"
      aria-label={t('audit.filters.label')}
      data-testid="audit-filters"
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item label={t('audit.filters.actor')} htmlFor="audit-filter-actor">
        <Input.Search
          // Remounted when the URL changes (reset, back/forward) so the box shows the active filter.
          key={filters.actor}
          id="audit-filter-actor"
          data-testid="audit-filter-actor"
          allowClear
          defaultValue={filters.actor}
          placeholder={t('audit.filters.actorPlaceholder')}
          style={{ width: 180 }}
          onSearch={(value) => update({ actor: value.trim() })}
        />
      </Form.Item>
      <Form.Item label={t('audit.filters.action')} htmlFor="audit-filter-action">
        <Select<AuditAction>
          id="audit-filter-action"
          data-testid="audit-filter-action"
          allowClear
          value={filters.action}
          placeholder={t('audit.filters.anyAction')}
          options={actionOptions}
          style={{ width: 160 }}
          onChange={(action) => update({ action })}
        />
      </Form.Item>
      <Form.Item label={t('audit.filters.success')} htmlFor="audit-filter-success">
        <Select<SuccessChoice>
          id="audit-filter-success"
          data-testid="audit-filter-success"
          value={filters.success ?? 'all'}
          options={successOptions}
          style={{ width: 100 }}
          onChange={(choice) => update({ success: choice === 'all' ? undefined : choice })}
        />
      </Form.Item>
      <Form.Item label={t('audit.filters.time')} htmlFor="audit-filter-time">
        <DatePicker.RangePicker
          id={{ start: 'audit-filter-time' }}
          data-testid="audit-filter-time"
          allowEmpty={[true, true]}
          placeholder={[t('audit.filters.startDay'), t('audit.filters.endDay')]}
          value={[
            filters.from ? dayjs(filters.from, DAY_FORMAT) : null,
            filters.to ? dayjs(filters.to, DAY_FORMAT) : null,
          ]}
          onChange={(days) =>
            update({
              from: days?.[0]?.format(DAY_FORMAT) ?? undefined,
              to: days?.[1]?.format(DAY_FORMAT) ?? undefined,
            })
          }
        />
      </Form.Item>
      {filtered ? (
        <Form.Item>
          <Button icon={<ClearOutlined aria-hidden />} data-testid="btn-audit-reset" onClick={reset}>
            {t('audit.filters.reset')}
          </Button>
        </Form.Item>
      ) : null}
    </Form>
  );
}
