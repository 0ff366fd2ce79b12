import { UserSwitchOutlined } from '@ant-design/icons';
import { Alert, App, Button, type ButtonProps, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useActing } from '../hooks/use-acting.ts';
import { useActiveSession } from '../hooks/use-auth.ts';

/** The server's limits on the reason (auth.schemas.ts ActingBody, acting.service.ts). */
const REASON_MIN = 2;
const REASON_MAX = 200;

interface ActForResidentButtonProps {
  residentId: string;
  /** The resident's name, for the dialog and the messages. */
  name: string;
  size?: ButtonProps['size'];
  type?: ButtonProps['type'];
  /** Called once acting has started (e.g. to go to the resident's page). */
  onStarted?: () => void;
}

/**
 * 为该居民代办: opens a dialog asking why (2–200 characters), then puts the session into acting
 * mode for this resident; the layout's banner shows it until 结束代办. Place it where the
 * resident row's `abilities.act` is true (the server decides who may act for whom).
 */
export function ActForResidentButton({ residentId, name, size, type, onStarted }: ActForResidentButtonProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        size={size}
        type={type}
        icon={<UserSwitchOutlined aria-hidden />}
        onClick={() => setOpen(true)}
        data-testid="act-for-resident"
      >
        {t('auth.acting.start')}
      </Button>
      <ActForResidentModal
        residentId={residentId}
        name={name}
        open={open}
        onClose={() => setOpen(false)}
        onStarted={onStarted}
      />
    </>
  );
}

interface ActForResidentModalProps {
  residentId: string;
  name: string;
  open: boolean;
  onClose: () => void;
  onStarted?: () => void;
}

/** The reason dialog on its own, for pages that open it from a menu rather than from the button. */
export function ActForResidentModal({
  residentId,
  name,
  open,
  onClose,
  onStarted,
}: ActForResidentModalProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const session = useActiveSession();
  const { actingFor, start, starting } = useActing();
  const [form] = Form.useForm<{ reason: string }>();
  const staff = session?.account.displayName ?? '';
  const other = actingFor && actingFor.residentId !== residentId ? actingFor.residentName : null;

  const close = () => {
    starting.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('auth.acting.modalTitle', { name })}
      okText={t('auth.acting.confirm')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={starting.isPending}
      okButtonProps={{ 'data-testid': 'acting-confirm' } as ButtonProps}
      destroyOnHidden
    >
      <Form<{ reason: string }>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={starting.isPending}
        onFinish={(values) =>
          void start(residentId, values.reason)
            .then(() => {
              void message.success(t('auth.acting.started', { name }));
              close();
              onStarted?.();
            })
            .catch(() => {
              // Shown in the dialog from the mutation's error.
            })
        }
      >
        <Flex vertical gap={12} style={{ marginBottom: 12 }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('auth.acting.explain', { staff, name })}
          </Typography.Paragraph>
          {other ? <Alert type="info" showIcon title={t('auth.acting.replaces', { name: other })} /> : null}
          {starting.error ? <ErrorAlert error={starting.error} /> : null}
        </Flex>
        <Form.Item
          name="reason"
          label={t('auth.acting.reason')}
          rules={[
            { required: true, whitespace: true, message: t('auth.acting.reasonRequired') },
            {
              validator: (_rule, value: string | undefined) => {
                const length = (value ?? '').trim().length;
                return length === 0 || (length >= REASON_MIN && length <= REASON_MAX)
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t('auth.acting.reasonLength', { min: REASON_MIN, max: REASON_MAX })),
                    );
              },
            },
          ]}
        >
          <Input.TextArea
            data-testid="acting-reason"
            placeholder={t('auth.acting.reasonPlaceholder')}
            autoSize={{ minRows: 2, maxRows: 5 }}
            showCount
            maxLength={REASON_MAX}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
