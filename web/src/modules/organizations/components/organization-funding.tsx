import { PlusOutlined } from '@ant-design/icons';
import { beijingToday, FUNDING_SOURCES, type FundingSource, selfFundingShare } from '@linli/common';
import {
  Alert,
  App,
  Button,
  Flex,
  Form,
  InputNumber,
  Modal,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useOrganizationLabels } from '../hooks/use-organization-labels.ts';
import { useSaveFunding } from '../hooks/use-organizations.ts';
import type { OrganizationDetail } from '../organizations.types.ts';

type Amounts = Record<FundingSource, number>;
interface YearRow {
  year: number;
  amounts: Amounts;
  total: number;
  share: number | null;
}

const zero = (): Amounts => ({ government_purchase: 0, grants: 0, donations: 0, fees: 0, other: 0 });

/** Fen as yuan with two decimals, grouped the Chinese way (12,345.60). */
const yuan = (fen: number) =>
  (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function byYear(funding: OrganizationDetail['funding']): YearRow[] {
  const years = new Map<number, Amounts>();
  for (const f of funding) {
    const amounts = years.get(f.year) ?? zero();
    amounts[f.source] = f.amountFen;
    years.set(f.year, amounts);
  }
  return [...years]
    .sort(([a], [b]) => b - a)
    .map(([year, amounts]) => ({
      year,
      amounts,
      total: FUNDING_SOURCES.reduce((sum, s) => sum + amounts[s], 0),
      share: selfFundingShare(amounts),
    }));
}

/**
 * 经费来源 (R6.2): income by year and source, with the self-funding share (own income — fees,
 * donations, other — over all income; defined once in @linli/common). Amounts are entered in yuan
 * and travel in fen.
 */
export function OrganizationFunding({ organization }: { organization: OrganizationDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useOrganizationLabels();
  const save = useSaveFunding(organization.id);
  const [editing, setEditing] = useState<{ year: number; isNew: boolean } | null>(null);
  const [form] = Form.useForm<{ year: number } & Amounts>();
  const [conflict, setConflict] = useState(false);
  const rows = byYear(organization.funding);
  const canEdit = organization.abilities.editFunding;

  const open = (row: YearRow | null) => {
    setConflict(false);
    save.reset();
    const year = row?.year ?? Number(beijingToday().slice(0, 4));
    const amounts = row?.amounts ?? zero();
    form.setFieldsValue({
      year,
      ...(Object.fromEntries(FUNDING_SOURCES.map((s) => [s, amounts[s] / 100])) as Amounts),
    });
    setEditing({ year, isNew: row === null });
  };

  const submit = async () => {
    const values = await form.validateFields();
    const amountsFen = Object.fromEntries(
      FUNDING_SOURCES.map((s) => [s, Math.round((values[s] ?? 0) * 100)]),
    ) as Amounts;
    try {
      await save.mutateAsync({ year: values.year, body: { version: organization.version, amountsFen } });
      void message.success(t('orgForms.funding.saved', { year: values.year }));
      setEditing(null);
    } catch (error) {
      if (error instanceof ApiError && error.is('conflict.version')) setConflict(true);
      else void message.error(messageOf(error));
    }
  };

  const columns: TableColumnsType<YearRow> = [
    { key: 'year', title: t('orgForms.funding.year'), dataIndex: 'year', fixed: 'left', width: 72 },
    ...FUNDING_SOURCES.map((s) => ({
      key: s,
      title: labels.fundingSources[s],
      align: 'right' as const,
      render: (_: unknown, r: YearRow) => yuan(r.amounts[s]),
    })),
    {
      key: 'total',
      title: t('orgForms.funding.total'),
      align: 'right',
      render: (_, r) => <Typography.Text strong>{yuan(r.total)}</Typography.Text>,
    },
    {
      key: 'share',
      title: t('orgForms.funding.share'),
      align: 'right',
      render: (_, r) => (r.share === null ? t('common.none') : `${(r.share * 100).toFixed(1)}%`),
    },
    ...(canEdit
      ? [
          {
            key: 'edit',
            title: t('orgForms.funding.actions'),
            render: (_: unknown, r: YearRow) => (
              <Button
                size="small"
                type="link"
                onClick={() => open(r)}
                aria-label={t('orgForms.funding.editYear', { year: r.year })}
              >
                {t('orgForms.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12} data-testid="organization-funding">
      <Typography.Text type="secondary">{t('orgForms.funding.hint')}</Typography.Text>
      {canEdit ? (
        <div>
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => open(null)}
            data-testid="btn-funding-add"
          >
            {t('orgForms.funding.add')}
          </Button>
        </div>
      ) : null}
      <Table<YearRow>
        rowKey="year"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{
          emptyText: (
            <EmptyState
              description={canEdit ? t('orgForms.funding.emptyEditable') : t('orgForms.funding.empty')}
            />
          ),
        }}
      />
      <Modal
        open={editing !== null}
        title={
          editing?.isNew ? t('orgForms.funding.add') : t('orgForms.funding.editYear', { year: editing?.year })
        }
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'btn-funding-save' } as never}
        onOk={() => void submit()}
        onCancel={() => setEditing(null)}
        destroyOnHidden
      >
        {conflict ? (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('orgForms.conflict')}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <Form form={form} layout="vertical">
          <Form.Item
            name="year"
            label={t('orgForms.funding.year')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 1990,
                max: 2100,
                message: t('orgForms.funding.yearRange'),
              },
            ]}
          >
            <InputNumber
              min={1990}
              max={2100}
              precision={0}
              disabled={!editing?.isNew}
              style={{ width: '100%' }}
            />
          </Form.Item>
          {FUNDING_SOURCES.map((s) => (
            <Form.Item
              key={s}
              name={s}
              label={t('orgForms.funding.amount', { source: labels.fundingSources[s] })}
              rules={[{ type: 'number', min: 0, message: t('orgForms.funding.nonNegative') }]}
            >
              <InputNumber<number>
                min={0}
                max={1_000_000_000}
                precision={2}
                step={100}
                style={{ width: '100%' }}
                data-testid={`funding-${s}`}
              />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </Flex>
  );
}
