import { UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { OrganizationImportModal } from './organization-import-modal.tsx';

/** 导入名录 in the registry's header, for those who may import (district and streets); nothing otherwise. */
export function OrganizationImportButton() {
  const { t } = useTranslation();
  const { can } = usePermissions();
  const [open, setOpen] = useState(false);
  if (!can('organization:import')) return null;
  return (
    <>
      <Button
        icon={<UploadOutlined aria-hidden />}
        data-testid="btn-organization-import"
        onClick={() => setOpen(true)}
      >
        {t('organizationImport.button')}
      </Button>
      <OrganizationImportModal open={open} onClose={() => setOpen(false)} />
    </>
  );
}
