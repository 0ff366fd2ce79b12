import { Descriptions, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../audit.types.ts';

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose value differs between `before` and `after` (either may be absent). */
function changedFields(entry: AuditEntry): FieldChange[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function showValue(value: unknown, none: string) {
  if (value === undefined || value === null || value === '') return none;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The expanded row of the audit table: changed fields before/after, and the entry's chain hash. */
export function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const changes = changedFields(entry);
  const columns: TableColumnsType<FieldChange> = [
    {
      key: 'field',
      title: t('audit.details.field'),
      dataIndex: 'field',
      render: (f: string) => <code>{f}</code>,
    },
    { key: 'before', title: t('audit.details.before'), render: (_, row) => showValue(row.before, none) },
    { key: 'after', title: t('audit.details.after'), render: (_, row) => showValue(row.after, none) },
  ];

  return (
    // A definite width: inside the table's max-content layout a percentage width would feed back into it.
    <Flex vertical gap={12} style={{ width: 'min(960px, 80vw)' }} data-testid={`audit-details-${entry.seq}`}>
      {changes.length > 0 ? (
        <Table<FieldChange>
          data-testid="audit-changes"
          rowKey="field"
          size="small"
          bordered
          pagination={false}
          columns={columns}
          dataSource={changes}
          title={() => t('audit.details.changes')}
          style={{ maxWidth: 720 }}
        />
      ) : (
        <Typography.Text type="secondary">{t('audit.details.noChanges')}</Typography.Text>
      )}
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'seq', label: t('audit.details.seq'), children: entry.seq },
          {
            key: 'hash',
            label: t('audit.details.hash'),
            children: (
              <Typography.Text
                code
                copyable={{ text: entry.hash }}
                data-testid="audit-hash"
                title={entry.hash}
              >
                {entry.hash.length > 16 ? `${entry.hash.slice(0, 16)}…` : entry.hash}
              </Typography.Text>
            ),
          },
          {
            key: 'divisionCode',
            label: t('audit.details.divisionCode'),
            children: entry.divisionCode ?? none,
          },
          {
            key: 'onBehalfOf',
            label: t('audit.details.onBehalfOf'),
            children: entry.onBehalfOf
              ? t('audit.details.onBehalfOfValue', {
                  name: entry.onBehalfName ?? '',
                  id: entry.onBehalfOf,
                  reason: entry.onBehalfReason ?? '',
                })
              : none,
          },
          {
            key: 'userAgent',
            label: t('audit.details.userAgent'),
            span: 'filled',
            children: entry.userAgent ?? none,
          },
        ]}
      />
    </Flex>
  );
}
