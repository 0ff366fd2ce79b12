import { EditOutlined, EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Divider, Drawer, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { ActForResidentButton } from '../../auth/components/act-for-resident-button.tsx';
import { useActiveSession } from '../../auth/hooks/use-auth.ts';
import { useResidentLabels } from '../hooks/use-resident-labels.ts';
import { useResident } from '../hooks/use-residents.ts';
import type { ResidentDetail, ResidentReveal } from '../residents.types.ts';
import { ConsentSection } from './consent-section.tsx';
import { DeleteResidentButton } from './delete-resident-button.tsx';
import { ResidentFormDrawer } from './resident-form-drawer.tsx';
import { RevealModal } from './reveal-modal.tsx';

interface ResidentDetailDrawerProps {
  id: string | undefined;
  onClose: () => void;
}

/** One resident, masked; the full numbers only after 查看完整信息, for as long as the drawer stays open. */
export function ResidentDetailDrawer({ id, onClose }: ResidentDetailDrawerProps) {
  const { t } = useTranslation();
  const resident = useResident(id);
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={resident.data?.name ?? t('residents.detail.title')}
      size="min(640px, 100vw)"
      destroyOnHidden
      data-testid="resident-detail"
    >
      {resident.isLoading ? (
        <PageLoading />
      ) : resident.error ? (
        <ErrorAlert error={resident.error} onRetry={() => void resident.refetch()} />
      ) : resident.data ? (
        // Keyed by id: another resident's drawer never shows the previous one's revealed numbers.
        <DetailBody key={resident.data.id} resident={resident.data} onDeleted={onClose} />
      ) : null}
    </Drawer>
  );
}

type Dialog = 'reveal' | 'edit' | null;

function DetailBody({ resident, onDeleted }: { resident: ResidentDetail; onDeleted: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const session = useActiveSession();
  const { tagName, genderName } = useResidentLabels();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [revealed, setRevealed] = useState<ResidentReveal | null>(null);
  const none = t('common.none');
  const actingHere = session?.actingFor?.residentId === resident.id;

  const idNumber = revealed?.idNumber ?? resident.idNumber;
  const phone = revealed && 'phone' in revealed ? revealed.phone : resident.phone;

  return (
    <Flex vertical gap={16}>
      <Flex wrap gap={8}>
        {resident.abilities.reveal ? (
          revealed ? (
            <Button
              icon={<EyeInvisibleOutlined aria-hidden />}
              onClick={() => setRevealed(null)}
              data-testid="btn-hide"
            >
              {t('residents.detail.hide')}
            </Button>
          ) : (
            <Button
              icon={<EyeOutlined aria-hidden />}
              onClick={() => setDialog('reveal')}
              data-testid="btn-reveal"
            >
              {t('residents.detail.reveal')}
            </Button>
          )
        ) : null}
        {resident.abilities.update ? (
          <Button
            icon={<EditOutlined aria-hidden />}
            onClick={() => setDialog('edit')}
            data-testid="btn-resident-edit"
          >
            {t('residents.edit')}
          </Button>
        ) : null}
        {resident.abilities.act ? (
          <ActForResidentButton residentId={resident.id} name={resident.name} />
        ) : null}
        {resident.abilities.delete ? (
          <DeleteResidentButton resident={resident} onDeleted={onDeleted} />
        ) : null}
      </Flex>
      {actingHere ? <Tag color="processing">{t('residents.acting.current')}</Tag> : null}
      {revealed ? <Alert type="warning" showIcon title={t('residents.detail.revealed')} /> : null}
      <Descriptions
        size="small"
        bordered
        column={1}
        data-testid="resident-descriptions"
        items={[
          { key: 'name', label: t('residents.detail.name'), children: resident.name },
          { key: 'gender', label: t('residents.detail.gender'), children: genderName(resident.gender) },
          {
            key: 'age',
            label: t('residents.detail.age'),
            children: t('residents.age', { age: resident.age }),
          },
          {
            key: 'idNumber',
            label: t('residents.detail.idNumber'),
            children: <code data-testid="resident-id-number-value">{idNumber}</code>,
          },
          {
            key: 'phone',
            label: t('residents.detail.phone'),
            children: phone ? <code data-testid="resident-phone-value">{phone}</code> : none,
          },
          { key: 'address', label: t('residents.detail.address'), children: resident.address ?? none },
          {
            key: 'division',
            label: t('residents.detail.division'),
            children: `${resident.divisionName}（${resident.divisionCode}）`,
          },
          {
            key: 'householdNo',
            label: t('residents.detail.householdNo'),
            children: resident.householdNo ?? none,
          },
          {
            key: 'tags',
            label: t('residents.detail.tags'),
            children:
              resident.tags.length > 0 ? (
                <Flex wrap gap={4}>
                  {resident.tags.map((tag) => (
                    <Tag key={tag}>{tagName(tag)}</Tag>
                  ))}
                </Flex>
              ) : (
                none
              ),
          },
          {
            key: 'account',
            label: t('residents.detail.account'),
            children: resident.hasAccount
              ? t('residents.detail.accountLinked')
              : t('residents.detail.accountNone'),
          },
          { key: 'createdBy', label: t('residents.detail.createdBy'), children: resident.createdByName },
          {
            key: 'createdAt',
            label: t('residents.detail.createdAt'),
            children: formatDateTime(resident.createdAt, locale),
          },
          {
            key: 'updatedAt',
            label: t('residents.detail.updatedAt'),
            children: formatDateTime(resident.updatedAt, locale),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('residents.detail.maskedNote')}
      </Typography.Text>
      <Divider style={{ margin: 0 }} />
      <ConsentSection resident={resident} />
      <RevealModal
        residentId={resident.id}
        name={resident.name}
        hasPhone={resident.phone !== null}
        open={dialog === 'reveal'}
        onClose={() => setDialog(null)}
        onRevealed={setRevealed}
      />
      <ResidentFormDrawer
        mode={{ kind: 'edit', resident }}
        open={dialog === 'edit'}
        onClose={() => setDialog(null)}
        onSaved={() => setRevealed(null)}
      />
    </Flex>
  );
}
