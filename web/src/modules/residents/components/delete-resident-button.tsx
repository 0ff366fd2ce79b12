import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { useDeleteResident } from '../hooks/use-resident-mutations.ts';

interface DeleteResidentButtonProps {
  resident: { id: string; name: string; version: number };
  onDeleted?: () => void;
  /** A compact link-style button for table rows. */
  compact?: boolean;
}

/** 删除 with a confirmation naming the resident; the server refuses a resident who has an account. */
export function DeleteResidentButton({ resident, onDeleted, compact = false }: DeleteResidentButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const remove = useDeleteResident();

  return (
    <Popconfirm
      title={t('residents.deleteConfirm', { name: resident.name })}
      description={t('residents.deleteHint')}
      okText={t('residents.delete')}
      okButtonProps={{ danger: true, loading: remove.isPending }}
      cancelText={t('common.cancel')}
      onConfirm={() =>
        remove
          .mutateAsync(
            { id: resident.id, version: resident.version },
            {
              onSuccess: () => {
                void message.success(t('residents.deleted', { name: resident.name }));
                onDeleted?.();
              },
              onError: (error) => void message.error(messageOf(error)),
            },
          )
          // The error is shown above; the confirmation just closes.
          .catch(() => undefined)
      }
    >
      <Button
        danger
        type={compact ? 'link' : 'default'}
        size={compact ? 'small' : 'middle'}
        icon={compact ? undefined : <DeleteOutlined aria-hidden />}
        aria-label={compact ? t('residents.deleteNamed', { name: resident.name }) : undefined}
        data-testid="btn-resident-delete"
      >
        {t('residents.delete')}
      </Button>
    </Popconfirm>
  );
}
