import { checkUscc, fieldProblemMessage } from '@linli/common';
import { App, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api/api-error.ts';
import { useLocale } from '../../../i18n/index.ts';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useVerifyUscc } from '../hooks/use-organizations.ts';
import type { OrganizationDetail } from '../organizations.types.ts';

interface Values {
  uscc: string;
  note: string;
}

/**
 * 人工核验 (district admin): keeps a legacy credit code that fails only its check character, with
 * the evidence it was checked against. A code that passes the check needs no verification.
 */
export function UsccVerificationModal({
  organization,
  onClose,
}: {
  organization: OrganizationDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const verify = useVerifyUscc(organization.id);
  const [form] = Form.useForm<Values>();

  const submit = async () => {
    const values = await form.validateFields();
    try {
      await verify.mutateAsync({
        version: organization.version,
        uscc: values.uscc.trim(),
        note: values.note.trim(),
      });
      void message.success(t('orgForms.verify.done'));
      onClose();
    } catch (error) {
      if (
        error instanceof ApiError &&
        (error.is('organization.invalidUscc') ||
          error.is('organization.usccValid') ||
          error.is('organization.duplicateUscc'))
      )
        form.setFields([{ name: 'uscc', errors: [messageOf(error)] }]);
      else void message.error(messageOf(error));
    }
  };

  return (
    <Modal
      open
      title={t('orgForms.verify.title')}
      okText={t('orgForms.verify.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: verify.isPending, 'data-testid': 'btn-uscc-verify' } as never}
      onOk={() => void submit()}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('orgForms.verify.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ uscc: organization.uscc ?? '', note: '' }}>
        <Form.Item
          name="uscc"
          label={t('organizations.columns.uscc')}
          rules={[
            { required: true, whitespace: true, message: t('orgForms.usccRequired') },
            {
              validator: async (_rule, value: unknown) => {
                if (typeof value !== 'string' || !value.trim()) return;
                const check = checkUscc(value);
                if (!check.ok && check.problem === 'uscc.format')
                  throw new Error(fieldProblemMessage(locale, check.problem));
              },
            },
          ]}
        >
          <Input autoComplete="off" maxLength={30} spellCheck={false} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('orgForms.manualNote')}
          extra={t('orgForms.manualNoteHelp')}
          rules={[
            { required: true, whitespace: true, min: 2, max: 200, message: t('orgForms.manualNoteLength') },
          ]}
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
