import { Breadcrumb, Card, Descriptions, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { OrganizationTimeline } from '../components/organization-timeline.tsx';
import { useOrganizationLabels } from '../hooks/use-organization-labels.ts';
import { useOrganization } from '../hooks/use-organizations.ts';

/** One organization's own page (issue #4 item 7): who it is, and everything that happened to it. */
export function OrganizationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const labels = useOrganizationLabels();
  const detail = useOrganization(id);
  const o = detail.data;
  const none = t('common.none');
  const breadcrumb = (
    <Breadcrumb
      items={[
        { title: <Link to="/organizations">{t('organizations.title')}</Link> },
        { title: o?.name ?? id },
      ]}
    />
  );
  if (detail.error)
    return (
      <>
        <PageHeader title={t('organizations.title')} breadcrumb={breadcrumb} />
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );
  if (!o) return <PageLoading />;
  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={o.name}
        breadcrumb={breadcrumb}
        subtitle={
          <Flex wrap gap={8} component="span">
            <Tag>{labels.kinds[o.kind]}</Tag>
            <Tag data-testid="organization-page-state">{labels.states[o.state]}</Tag>
            {o.grade ? <Tag>{o.grade}</Tag> : null}
            {o.fromOutside ? <Tag>{t('organizationTimeline.fromOutside')}</Tag> : null}
          </Flex>
        }
      />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('organizations.columns.uscc')}>
            {o.uscc ? <code>{o.uscc}</code> : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('organizations.columns.division')}>{o.divisionName}</Descriptions.Item>
          <Descriptions.Item label={t('organizations.columns.category')}>
            {labels.categories[o.category] ?? o.category}
          </Descriptions.Item>
          <Descriptions.Item label={t('organizations.columns.fields')}>
            {o.fields.map((f) => labels.fields[f] ?? f).join('、') || none}
          </Descriptions.Item>
          <Descriptions.Item label={t('organizations.legalRep')}>{o.legalRepName ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('organizations.registeredOn')}>
            {o.registeredOn ?? o.filedOn ?? none}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('organizationTimeline.title')}>
        <OrganizationTimeline id={o.id} />
      </Card>
    </Flex>
  );
}
