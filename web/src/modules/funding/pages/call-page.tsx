import { App, Breadcrumb, Button, Card, Descriptions, Flex, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { useErrorMessage } from '../../../ui/error-message.ts';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { ApplicationForm } from '../components/application-form.tsx';
import { ApplicationsTable } from '../components/applications-table.tsx';
import { Yuan } from '../components/money.tsx';
import { CallReviewPanel } from '../components/review-panel.tsx';
import { useCall, useTransitionCall } from '../hooks/use-funding.ts';
import { useFundingLabels } from '../hooks/use-funding-labels.ts';

/** One call: its terms, scoring template and needs, the district's open/close, applying, applications. */
export function CallPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const messageOf = useErrorMessage();
  const labels = useFundingLabels();
  const { can } = usePermissions();
  const call = useCall(id);
  const step = useTransitionCall(id);
  const [applying, setApplying] = useState(false);
  if (call.error) return <ErrorAlert error={call.error} onRetry={() => void call.refetch()} />;
  const c = call.data;
  if (!c) return <PageLoading />;
  const act = (action: 'open' | 'close') =>
    step.mutate(
      { action, version: c.version },
      {
        onSuccess: () => void message.success(t(`funding.calls.${action === 'open' ? 'opened' : 'closed'}`)),
        onError: (error) => void message.error(messageOf(error)),
      },
    );
  return (
    <>
      <PageHeader
        breadcrumb={
          <Breadcrumb
            items={[{ title: <Link to="/calls">{t('funding.calls.title')}</Link> }, { title: c.title }]}
          />
        }
        title={c.title}
        subtitle={
          <Space wrap>
            <Tag color={c.state === 'open' ? 'success' : undefined} data-testid="call-state">
              {c.state === 'open' && c.deadlinePassed
                ? t('funding.calls.deadlinePassed')
                : labels.callStates[c.state]}
            </Tag>
            {t('funding.calls.period', { opensOn: c.opensOn, closesOn: c.closesOn })}
          </Space>
        }
        extra={
          <>
            {c.abilities.open ? (
              <Button
                type="primary"
                loading={step.isPending}
                data-testid="btn-call-open"
                onClick={() => act('open')}
              >
                {t('funding.calls.open')}
              </Button>
            ) : null}
            {c.abilities.close ? (
              <Button loading={step.isPending} data-testid="btn-call-close" onClick={() => act('close')}>
                {t('funding.calls.close')}
              </Button>
            ) : null}
            {c.abilities.apply ? (
              <Button type="primary" data-testid="btn-apply" onClick={() => setApplying(true)}>
                {t('funding.calls.apply')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('funding.calls.fund')}>
              {c.fundName}（{labels.channels[c.channel]}）
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.calls.ceiling')}>
              <Yuan fen={c.budgetCeilingFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.calls.awardedTotal')}>
              <Yuan fen={c.awardedFen} />
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.focusArea')}>
              {c.focusAreas.map((a) => labels.focusAreas[a]).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.calls.eligibleKinds')}>
              {c.eligibleKinds.map((k) => labels.kinds[k]).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.calls.minGrade')}>
              {c.minGrade ?? t('funding.calls.noMinGrade')}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.calls.outsideAllowed')}>
              {c.outsideAllowed ? t('funding.calls.outsideYes') : t('funding.calls.outsideNo')}
            </Descriptions.Item>
            <Descriptions.Item label={t('funding.calls.priorityGrade')}>
              {t('funding.calls.priorityValue', { grade: c.priorityGrade })}
            </Descriptions.Item>
          </Descriptions>
          {c.description ? (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>
              {c.description}
            </Typography.Paragraph>
          ) : null}
        </Card>
        <Flex wrap gap={16}>
          <Card size="small" title={t('funding.calls.scoring')} style={{ flex: '1 1 280px', minWidth: 0 }}>
            <Table
              size="small"
              rowKey="name"
              pagination={false}
              dataSource={c.scoringTemplate}
              columns={[
                { key: 'n', title: t('funding.calls.criterion'), dataIndex: 'name' },
                { key: 'p', title: t('funding.calls.maxPoints'), dataIndex: 'maxPoints', align: 'right' },
              ]}
            />
          </Card>
          <Card size="small" title={t('funding.calls.needs')} style={{ flex: '1 1 280px', minWidth: 0 }}>
            <List
              size="small"
              dataSource={c.needs}
              locale={{ emptyText: <EmptyState description={t('funding.calls.noNeeds')} /> }}
              renderItem={(n) => (
                <List.Item>
                  <span>
                    {n.title} · {n.divisionName}
                  </span>
                  <Yuan fen={n.estimatedFen} />
                </List.Item>
              )}
            />
          </Card>
        </Flex>
        {can('review:manage') && c.state === 'closed' ? <CallReviewPanel key={c.id} callId={c.id} /> : null}
        {can('application:read') ? (
          <Card size="small" title={t('funding.applications.title')}>
            <ApplicationsTable
              callId={c.id}
              empty={
                c.abilities.apply
                  ? t('funding.applications.emptyCallApply')
                  : t('funding.applications.emptyCall')
              }
            />
          </Card>
        ) : null}
      </Flex>
      {applying ? <ApplicationForm call={c} onClose={() => setApplying(false)} /> : null}
    </>
  );
}
