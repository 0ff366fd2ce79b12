import { PlusOutlined } from '@ant-design/icons';
import { CONSENT_PURPOSES } from '@linli/common';
import { Alert, App, Button, Flex, Form, Input, Modal, Radio, Select, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { useResidentLabels } from '../hooks/use-resident-labels.ts';
import { useRecordConsent } from '../hooks/use-resident-mutations.ts';
import { useResidentConsents } from '../hooks/use-residents.ts';
import type { ConsentPurpose, ResidentDetail } from '../residents.types.ts';

const NOTE_MAX = 200;

interface ConsentValues {
  purpose: ConsentPurpose;
  given: boolean;
  note?: string;
}

/**
 * 个人信息处理同意: what the resident agreed to or withdrew, each record saying which staff member
 * wrote it down for them. Recording needs the session to be acting for this resident: consent is
 * the resident's own word, staff only note it.
 */
export function ConsentSection({ resident }: { resident: ResidentDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const { purposeName } = useResidentLabels();
  const consents = useResidentConsents(resident.id);
  const record = useRecordConsent(resident.id);
  const [open, setOpen] = useState(false);
  const [explain, setExplain] = useState(false);
  const [form] = Form.useForm<ConsentValues>();

  const close = () => {
    record.reset();
    setOpen(false);
  };

  return (
    <section aria-labelledby="resident-consents-title" data-testid="resident-consents">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={2} id="resident-consents-title" style={{ fontSize: 16, margin: 0 }}>
          {t('residents.consents.title')}
        </Typography.Title>
        {resident.abilities.update ? (
          <Button
            size="small"
            icon={<PlusOutlined aria-hidden />}
            data-testid="btn-record-consent"
            onClick={() => (resident.abilities.recordConsent ? setOpen(true) : setExplain(true))}
          >
            {t('residents.consents.record')}
          </Button>
        ) : null}
      </Flex>
      {explain && !resident.abilities.recordConsent ? (
        <Alert
          type="info"
          showIcon
          closable={{ onClose: () => setExplain(false) }}
          title={t('residents.consents.needsActingTitle')}
          description={t('residents.consents.needsActing')}
          style={{ marginBottom: 8 }}
          data-testid="consent-needs-acting"
        />
      ) : null}
      {consents.error ? (
        <ErrorAlert error={consents.error} onRetry={() => void consents.refetch()} />
      ) : (
        <Spin spinning={consents.isLoading}>
          {(consents.data?.items ?? []).length === 0 ? (
            <EmptyState description={t('residents.consents.empty')} />
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {consents.data?.items.map((c) => (
                <li key={c.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong>{purposeName(c.purpose)}</Typography.Text>
                    {c.given ? (
                      <Tag color="success">{t('residents.consents.given')}</Tag>
                    ) : (
                      <Tag color="default">{t('residents.consents.withdrawn')}</Tag>
                    )}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatDateTime(c.recordedAt, locale)}
                    </Typography.Text>
                  </Flex>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {c.onBehalfOfName
                      ? t('residents.consents.byFor', { staff: c.recordedByName, resident: c.onBehalfOfName })
                      : c.recordedByName}
                    {c.note ? ` · ${c.note}` : ''}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          )}
        </Spin>
      )}
      <Modal
        open={open}
        title={t('residents.consents.modalTitle', { name: resident.name })}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        onOk={() => form.submit()}
        onCancel={close}
        confirmLoading={record.isPending}
        destroyOnHidden
      >
        {record.error ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={record.error} />
          </div>
        ) : null}
        <Form<ConsentValues>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ given: true }}
          onFinish={(values) =>
            record.mutate(
              { purpose: values.purpose, given: values.given, note: values.note?.trim() || null },
              {
                onSuccess: () => {
                  void message.success(t('residents.consents.recorded'));
                  close();
                },
              },
            )
          }
        >
          <Form.Item
            name="purpose"
            label={t('residents.consents.purpose')}
            rules={[{ required: true, message: t('residents.consents.purposeRequired') }]}
          >
            <Select<ConsentPurpose>
              options={CONSENT_PURPOSES.map((p) => ({ value: p, label: purposeName(p) }))}
            />
          </Form.Item>
          <Form.Item name="given" label={t('residents.consents.givenLabel')}>
            <Radio.Group
              options={[
                { value: true, label: t('residents.consents.given') },
                { value: false, label: t('residents.consents.withdrawn') },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('residents.consents.note')}
            rules={[{ max: NOTE_MAX, message: t('residents.form.tooLong', { max: NOTE_MAX }) }]}
          >
            <Input.TextArea
              rows={2}
              maxLength={NOTE_MAX}
              placeholder={t('residents.consents.notePlaceholder')}
            />
          </Form.Item>
        </Form>
      </Modal>
    </section>
  );
}
