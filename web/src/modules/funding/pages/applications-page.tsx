import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../ui/page-header.tsx';
import { ApplicationsTable } from '../components/applications-table.tsx';

/** 项目申报: an organization's own applications; the district's across all calls. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('funding.applications.title')} subtitle={t('funding.applications.subtitle')} />
      <Card size="small">
        <ApplicationsTable empty={t('funding.applications.empty')} />
      </Card>
    </>
  );
}
