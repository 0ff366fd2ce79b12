import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface IssuedPassword {
  username: string;
  displayName: string;
  password: string;
  /** Why it was issued: a new account or a reset. */
  kind: 'created' | 'reset';
}

/**
 * The temporary password, shown once: the server keeps only its hash, so closing this dialog is
 * the last chance to copy it. The user must change it at first sign-in.
 */
export function TemporaryPasswordModal({
  issued,
  onClose,
}: {
  issued: IssuedPassword | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={issued !== null}
      title={
        issued?.kind === 'reset' ? t('accounts.password.resetTitle') : t('accounts.password.createdTitle')
      }
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" data-testid="temporary-password-done" onClick={onClose}>
          {t('accounts.password.done')}
        </Button>
      }
    >
      {issued ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('accounts.password.warning')}
            style={{ marginBottom: 16 }}
          />
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('accounts.columns.username')}>
              {issued.username}（{issued.displayName}）
            </Descriptions.Item>
            <Descriptions.Item label={t('accounts.password.label')}>
              <Typography.Text
                code
                copyable={{ tooltips: [t('accounts.password.copy'), t('accounts.password.copied')] }}
                data-testid="temporary-password"
                style={{ fontSize: 16 }}
              >
                {issued.password}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            {t('accounts.password.mustChange')}
          </Typography.Paragraph>
        </>
      ) : null}
    </Modal>
  );
}
