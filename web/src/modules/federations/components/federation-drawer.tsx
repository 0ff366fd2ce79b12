import { beijingToday } from '@linli/common';
import {
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Modal,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import type { FederationMember, FederationMoveIn } from '../federations.types.ts';
import { useEndMembership, useFederation } from '../hooks/use-federations.ts';
import { AddMemberModal, EditFederationModal, MoveInModal } from './federation-forms.tsx';

/** Tag colours whose text keeps the 4.5:1 contrast. */
const ROLE_COLORS = { president: 'red', vice_president: 'magenta', member: 'default' } as const;

/** One federation: its record, the member table (current and former) and who moved in through it. */
export function FederationDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const detail = useFederation(id);
  const end = useEndMembership(id ?? '');
  const [adding, setAdding] = useState(false);
  const [movingIn, setMovingIn] = useState(false);
  const [editing, setEditing] = useState(false);
  const [leaving, setLeaving] = useState<FederationMember | null>(null);
  const [leftOn, setLeftOn] = useState(beijingToday());
  const f = detail.data;
  const none = t('common.none');

  const memberColumns: TableColumnsType<FederationMember> = [
    { key: 'organization', title: t('federations.members.organization'), dataIndex: 'organizationName' },
    {
      key: 'role',
      title: t('federations.members.role'),
      render: (_, m) => <Tag color={ROLE_COLORS[m.role]}>{t(`federations.roles.${m.role}`)}</Tag>,
    },
    { key: 'joinedOn', title: t('federations.members.joinedOn'), dataIndex: 'joinedOn' },
    {
      key: 'leftOn',
      title: t('federations.members.leftOn'),
      render: (_, m) => m.leftOn ?? t('federations.members.current'),
    },
    ...(f?.abilities.manageMembers
      ? [
          {
            key: 'actions',
            title: t('federations.members.actions'),
            render: (_: unknown, m: FederationMember) =>
              m.leftOn ? null : (
                <Button
                  size="small"
                  danger
                  onClick={() => setLeaving(m)}
                  data-testid={`btn-member-leave-${m.id}`}
                >
                  {t('federations.members.leave')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  const moveInColumns: TableColumnsType<FederationMoveIn> = [
    { key: 'organization', title: t('federations.moveIns.organization'), dataIndex: 'organizationName' },
    { key: 'movedInOn', title: t('federations.moveIns.movedInOn'), dataIndex: 'movedInOn' },
    { key: 'origin', title: t('federations.moveIns.origin'), dataIndex: 'origin' },
    {
      key: 'note',
      title: t('federations.moveIns.note'),
      responsive: ['md'],
      render: (_, m) => m.note ?? none,
    },
  ];

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={f?.name ?? t('common.loading')}
      size="large"
      data-testid="federation-drawer"
    >
      {detail.error ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {f ? (
        <Flex vertical gap={16}>
          <Flex wrap gap={8}>
            {f.abilities.manageMembers ? (
              <Button type="primary" onClick={() => setAdding(true)} data-testid="btn-member-add">
                {t('federations.members.add')}
              </Button>
            ) : null}
            {f.abilities.update ? (
              <Button onClick={() => setEditing(true)} data-testid="btn-federation-edit">
                {t('federations.edit')}
              </Button>
            ) : null}
            {f.abilities.recordMoveIn ? (
              <Button onClick={() => setMovingIn(true)} data-testid="btn-move-in">
                {t('federations.moveIns.record')}
              </Button>
            ) : null}
          </Flex>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('federations.columns.street')}>{f.divisionName}</Descriptions.Item>
            <Descriptions.Item label={t('federations.columns.kind')}>
              {t(`federations.kinds.${f.kind}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('federations.columns.lead')}>
              {f.leadOrganizationName ?? none}
            </Descriptions.Item>
            <Descriptions.Item label={t('federations.columns.foundedOn')}>{f.foundedOn}</Descriptions.Item>
            <Descriptions.Item label={t('federations.description')}>
              {f.description ?? none}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('federations.members.title', { count: f.memberCount })}
          </Typography.Title>
          <Table<FederationMember>
            data-testid="federation-members"
            rowKey="id"
            size="small"
            columns={memberColumns}
            dataSource={f.members}
            pagination={f.members.length > 10 ? { pageSize: 10, size: 'small' } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('federations.members.empty')} /> }}
          />
          <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
            {t('federations.moveIns.title', { count: f.moveInCount })}
          </Typography.Title>
          <Table<FederationMoveIn>
            data-testid="federation-move-ins"
            rowKey="id"
            size="small"
            columns={moveInColumns}
            dataSource={f.moveIns}
            pagination={f.moveIns.length > 10 ? { pageSize: 10, size: 'small' } : false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: <EmptyState description={t('federations.moveIns.empty')} /> }}
          />
          <AddMemberModal open={adding} onClose={() => setAdding(false)} federation={f} />
          <MoveInModal open={movingIn} onClose={() => setMovingIn(false)} federation={f} />
          <EditFederationModal open={editing} onClose={() => setEditing(false)} federation={f} />
          <Modal
            open={leaving !== null}
            title={t('federations.members.leaveTitle', { name: leaving?.organizationName ?? '' })}
            okText={t('federations.members.leave')}
            okButtonProps={
              { danger: true, loading: end.isPending, 'data-testid': 'btn-member-leave-submit' } as never
            }
            cancelText={t('common.cancel')}
            onCancel={() => setLeaving(null)}
            onOk={() =>
              leaving &&
              end.mutate(
                { memberId: leaving.id, leftOn },
                {
                  onSuccess: () => {
                    void message.success(t('federations.members.left'));
                    setLeaving(null);
                  },
                  onError: (error) => void message.error(messageOf(error)),
                },
              )
            }
          >
            <label htmlFor="member-left-on">{t('federations.members.leftOn')}</label>
            <Input
              id="member-left-on"
              type="date"
              value={leftOn}
              onChange={(e) => setLeftOn(e.target.value)}
            />
          </Modal>
        </Flex>
      ) : null}
    </Drawer>
  );
}
