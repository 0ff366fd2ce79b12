import {
  DeleteOutlined,
  DownloadOutlined,
  DownOutlined,
  EditOutlined,
  EnvironmentOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { CHILD_LEVELS } from '@linli/common';
import { App, Button, Dropdown, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { divisionPaths } from '../divisions.paths.ts';
import type { DivisionDetail } from '../divisions.types.ts';
import { useExportDivisions } from '../hooks/use-division-export.ts';
import { useDeleteDivision } from '../hooks/use-division-mutations.ts';
import { DivisionFormModal } from './division-form-modal.tsx';
import { ImportModal } from './import-modal.tsx';

type OpenModal = 'import' | 'create' | 'edit' | null;

/**
 * 网格地图 · 导出 Excel · 导入 Excel · 新建下级 · 编辑 · 删除 for one division. Import needs
 * `division:write`; the others follow the division's `abilities` from the server.
 */
export function DivisionActions({ division }: { division: DivisionDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const exporter = useExportDivisions();
  const [modal, setModal] = useState<OpenModal>(null);
  const mapAvailable = division.childrenWithBoundary > 0;
  const canHaveChildren = CHILD_LEVELS[division.level].length > 0;
  const canWrite = usePermissions().can('division:write');
  const { abilities } = division;
  const remover = useDeleteDivision(division.code);

  const remove = () =>
    remover.mutate(division.version, {
      onSuccess: () => {
        void message.success(t('divisions.actions.deleted', { name: division.name }));
        navigate(divisionPaths.browser(division.parentCode ?? undefined));
      },
      onError: (error) => void message.error(messageOf(error)),
    });

  const exportTree = (boundaries: boolean) => {
    exporter.mutate(
      { root: division.code, boundaries },
      {
        onSuccess: (file) => void message.success(t('divisions.actions.exported', { file })),
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  };

  return (
    <>
      {mapAvailable ? (
        <Button
          type="primary"
          icon={<EnvironmentOutlined aria-hidden />}
          data-testid="btn-grid-map"
          onClick={() => navigate(divisionPaths.map(division.code))}
        >
          {t('divisions.actions.gridMap')}
        </Button>
      ) : null}
      <Space.Compact>
        <Button
          icon={<DownloadOutlined aria-hidden />}
          data-testid="btn-export"
          loading={exporter.isPending}
          onClick={() => exportTree(false)}
        >
          {exporter.isPending ? t('divisions.actions.exporting') : t('divisions.actions.export')}
        </Button>
        <Dropdown
          trigger={['click']}
          menu={{
            items: [{ key: 'boundaries', label: t('divisions.actions.exportWithBoundaries') }],
            onClick: () => exportTree(true),
          }}
        >
          <Button
            icon={<DownOutlined aria-hidden />}
            aria-label={t('divisions.actions.exportMore')}
            disabled={exporter.isPending}
          />
        </Dropdown>
      </Space.Compact>
      {canWrite ? (
        <>
          <Button
            icon={<UploadOutlined aria-hidden />}
            data-testid="btn-import"
            onClick={() => setModal('import')}
          >
            {t('divisions.actions.import')}
          </Button>
          {canHaveChildren && abilities.createChild ? (
            <Button
              icon={<PlusOutlined aria-hidden />}
              data-testid="btn-create-child"
              onClick={() => setModal('create')}
            >
              {t('divisions.actions.createChild')}
            </Button>
          ) : null}
          {abilities.update ? (
            <Button
              icon={<EditOutlined aria-hidden />}
              data-testid="btn-edit"
              onClick={() => setModal('edit')}
            >
              {t('divisions.actions.edit')}
            </Button>
          ) : null}
          {abilities.delete ? (
            <Popconfirm
              title={t('divisions.actions.deleteConfirm', { name: division.name })}
              okText={t('divisions.actions.delete')}
              okButtonProps={{ danger: true }}
              onConfirm={remove}
            >
              <Button
                danger
                icon={<DeleteOutlined aria-hidden />}
                data-testid="btn-delete"
                loading={remover.isPending}
              >
                {t('divisions.actions.delete')}
              </Button>
            </Popconfirm>
          ) : null}

          <ImportModal open={modal === 'import'} onClose={() => setModal(null)} />
          <DivisionFormModal
            mode={{ kind: 'create', parent: division }}
            open={modal === 'create'}
            onClose={() => setModal(null)}
            onSaved={(created) => navigate(divisionPaths.browser(created.code))}
          />
          <DivisionFormModal
            mode={{ kind: 'edit', division }}
            open={modal === 'edit'}
            onClose={() => setModal(null)}
          />
        </>
      ) : null}
    </>
  );
}
