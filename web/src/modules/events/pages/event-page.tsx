import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageHeader } from '../../../ui/page-header.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { EventView } from '../components/event-view.tsx';
import { useEvent } from '../hooks/use-events.ts';

/** 事件详情 (desk): everything about one event and the steps the user may take on it. */
export function EventPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const event = useEvent(id);
  if (event.error) return <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />;
  if (!event.data) return <PageLoading />;
  const e = event.data;
  return (
    <>
      <PageHeader
        title={t('events.event.title', { no: e.no })}
        subtitle={`${e.className} / ${e.categoryName} · ${e.communityName} ${e.gridName}`}
        extra={
          <Button icon={<ArrowLeftOutlined aria-hidden />} onClick={() => void navigate('/events')}>
            {t('events.event.back')}
          </Button>
        }
      />
      <EventView event={e} />
    </>
  );
}
