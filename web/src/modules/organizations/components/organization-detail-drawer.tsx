import { ORGANIZATION_ACTIONS, type OrganizationAction } from '@linli/common';
import {
  App,
  Button,
  type ButtonProps,
  Descriptions,
  Drawer,
  Flex,
  Input,
  Modal,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { WorkflowHistory } from '../../../ui/workflow-history.tsx';
import { useOrganizationLabels } from '../hooks/use-organization-labels.ts';
import {
  useOrganization,
  useOrganizationHistory,
  useTransitionOrganization,
} from '../hooks/use-organizations.ts';
import { OrganizationAttachments } from './organization-attachments.tsx';
import { OrganizationFormDrawer } from './organization-form-drawer.tsx';
import { OrganizationFunding } from './organization-funding.tsx';
import { UsccVerificationModal } from './uscc-verification-modal.tsx';

/** Actions whose reason the server requires (the workflow's `comment: 'required'`). */
const REASON_REQUIRED: readonly OrganizationAction[] = ['return', 'suspend', 'deregister'];
const DESTRUCTIVE: readonly OrganizationAction[] = ['suspend', 'deregister', 'return'];

/**
 * One organization: its record (phone masked), the lifecycle buttons its abilities allow, its
 * history, its yearly funding and its filing materials; editing opens the form over it.
 */
export function OrganizationDetailDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useOrganizationLabels();
  const detail = useOrganization(id);
  const history = useOrganizationHistory(id);
  const transition = useTransitionOrganization(id ?? '');
  const [action, setAction] = useState<OrganizationAction | null>(null);
  const [comment, setComment] = useState('');
  const [editing, setEditing] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const o = detail.data;
  const none = t('common.none');

  const submit = () => {
    if (!o || !action) return;
    transition.mutate(
      { action, version: o.version, comment: comment.trim() || null },
      {
        onSuccess: () => {
          void message.success(t('organizations.done', { action: labels.actions[action] }));
          setAction(null);
          setComment('');
        },
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  };

  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      title={o?.name ?? t('common.loading')}
      size="large"
      data-testid="organization-drawer"
      extra={
        o ? (
          <Link to={`/organizations/${o.id}`} data-testid="organization-page-link">
            {t('organizationTimeline.open')}
          </Link>
        ) : null
      }
    >
      {detail.error ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {o ? (
        <Flex vertical gap={16}>
          <Flex wrap gap={8}>
            {ORGANIZATION_ACTIONS.filter((a) => o.abilities[a]).map((a) => (
              <Button
                key={a}
                danger={DESTRUCTIVE.includes(a)}
                type={DESTRUCTIVE.includes(a) ? 'default' : 'primary'}
                data-testid={`btn-organization-${a}`}
                onClick={() => setAction(a)}
              >
                {labels.actions[a]}
              </Button>
            ))}
            {o.abilities.update ? (
              <Button data-testid="btn-organization-edit" onClick={() => setEditing(true)}>
                {t('orgForms.edit')}
              </Button>
            ) : null}
            {o.abilities.verifyUscc ? (
              <Button data-testid="btn-organization-verify-uscc" onClick={() => setVerifying(true)}>
                {t('orgForms.verify.open')}
              </Button>
            ) : null}
          </Flex>
          <Tabs
            data-testid="organization-tabs"
            items={[
              {
                key: 'info',
                label: t('orgForms.tabs.info'),
                children: (
                  <Flex vertical gap={16}>
                    <Descriptions column={1} size="small" bordered>
                      <Descriptions.Item label={t('organizations.columns.kind')}>
                        {labels.kinds[o.kind]}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.columns.state')}>
                        <Tag data-testid="organization-state">{labels.states[o.state]}</Tag>
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.columns.uscc')}>
                        {o.uscc ? <code>{o.uscc}</code> : none}
                        {o.usccManualCheck ? (
                          <Typography.Text type="secondary">
                            {' '}
                            {t('organizations.manualCheck', {
                              name: o.usccManualCheck.byName,
                              note: o.usccManualCheck.note,
                            })}
                          </Typography.Text>
                        ) : null}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.columns.division')}>
                        {o.divisionName}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.columns.category')}>
                        {labels.categoryName(o.category)}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.columns.fields')}>
                        {o.fields.map(labels.fieldName).join('、')}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.legalRep')}>
                        {o.legalRepName ?? none}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.contactPhone')}>
                        {o.contactPhone ? <code>{o.contactPhone}</code> : none}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.address')}>
                        {o.address ?? none}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('orgForms.registrationAuthority')}>
                        {o.registrationAuthority ?? none}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('orgForms.serviceArea')}>
                        {o.serviceArea ?? none}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.registeredOn')}>
                        {o.registeredOn ?? o.filedOn ?? none}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.columns.venue')}>
                        {labels.venues[o.venue]}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.people')}>
                        {t('organizations.peopleValue', {
                          staff: o.staffCount,
                          volunteers: o.volunteerCount,
                        })}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('orgForms.tags')}>
                        {o.tags.length > 0 ? o.tags.map((tag) => <Tag key={tag}>{tag}</Tag>) : none}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('orgForms.fromOutside')}>
                        {o.fromOutside ? t('common.yes') : t('common.no')}
                      </Descriptions.Item>
                      <Descriptions.Item label={t('organizations.description')}>
                        {o.description ?? none}
                      </Descriptions.Item>
                    </Descriptions>
                    <WorkflowHistory
                      title={t('organizations.history')}
                      entries={history.data}
                      empty={t('organizations.noHistory')}
                      testId="organization-history"
                    />
                  </Flex>
                ),
              },
              {
                key: 'funding',
                label: t('orgForms.tabs.funding'),
                children: <OrganizationFunding organization={o} />,
              },
              {
                key: 'files',
                label: t('orgForms.tabs.files'),
                children: <OrganizationAttachments organization={o} />,
              },
            ]}
          />
        </Flex>
      ) : null}
      {o && editing ? (
        <OrganizationFormDrawer
          mode={{ kind: 'edit', organization: o }}
          open={editing}
          onClose={() => setEditing(false)}
        />
      ) : null}
      {o && verifying ? <UsccVerificationModal organization={o} onClose={() => setVerifying(false)} /> : null}
      <Modal
        open={action !== null}
        title={action ? labels.actions[action] : ''}
        okText={t('organizations.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={
          {
            danger: action !== null && DESTRUCTIVE.includes(action),
            disabled: action !== null && REASON_REQUIRED.includes(action) && comment.trim() === '',
            loading: transition.isPending,
            'data-testid': 'btn-organization-confirm',
          } as ButtonProps
        }
        onOk={submit}
        onCancel={() => setAction(null)}
      >
        <Typography.Paragraph>
          {action && o
            ? t('organizations.confirmText', { action: labels.actions[action], name: o.name })
            : null}
        </Typography.Paragraph>
        <Input.TextArea
          aria-label={t('organizations.comment')}
          placeholder={
            action && REASON_REQUIRED.includes(action)
              ? t('organizations.commentRequired')
              : t('organizations.comment')
          }
          value={comment}
          maxLength={500}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </Drawer>
  );
}
