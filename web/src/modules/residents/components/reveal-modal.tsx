import { type ButtonProps, Checkbox, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useRevealResident } from '../hooks/use-resident-mutations.ts';
import type { ResidentReveal, RevealBody } from '../residents.types.ts';

type RevealField = RevealBody['fields'][number];

interface RevealModalProps {
  residentId: string;
  name: string;
  hasPhone: boolean;
  open: boolean;
  onClose: () => void;
  onRevealed: (values: ResidentReveal) => void;
}

/** Same limits as the server's reveal body: the reason goes to the audit log. */
const REASON_MIN = 2;
const REASON_MAX = 200;

/** 查看完整信息: asks which numbers and why; the server logs the reason before it answers. */
export function RevealModal({ residentId, name, hasPhone, open, onClose, onRevealed }: RevealModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ fields: RevealField[]; reason: string }>();
  const reveal = useRevealResident(residentId);
  const options = [
    { value: 'idNumber' as const, label: t('residents.reveal.idNumber') },
    ...(hasPhone ? [{ value: 'phone' as const, label: t('residents.reveal.phone') }] : []),
  ];

  const close = () => {
    reveal.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('residents.reveal.title', { name })}
      okText={t('residents.reveal.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={reveal.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'btn-reveal-submit' } as ButtonProps}
    >
      <Typography.Paragraph type="secondary">{t('residents.reveal.intro')}</Typography.Paragraph>
      {reveal.error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={reveal.error} />
        </div>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ fields: options.map((o) => o.value), reason: '' }}
        onFinish={(values) =>
          reveal.mutate(
            { fields: values.fields, reason: values.reason.trim() },
            {
              onSuccess: (result) => {
                onRevealed(result);
                close();
              },
            },
          )
        }
      >
        <Form.Item
          name="fields"
          label={t('residents.reveal.fields')}
          // A validator, not `required`: antd puts aria-required on the control, which a checkbox
          // group's plain div may not carry (axe: aria-allowed-attr).
          rules={[
            {
              validator: (_rule, value: RevealField[] | undefined) =>
                value?.length
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('residents.reveal.fieldsRequired'))),
            },
          ]}
        >
          <Checkbox.Group options={options} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('residents.reveal.reason')}
          rules={[
            { required: true, whitespace: true, message: t('residents.reveal.reasonRequired') },
            {
              min: REASON_MIN,
              max: REASON_MAX,
              message: t('residents.reveal.reasonLength', { min: REASON_MIN, max: REASON_MAX }),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={REASON_MAX}
            showCount
            placeholder={t('residents.reveal.reasonPlaceholder')}
            data-testid="reveal-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
