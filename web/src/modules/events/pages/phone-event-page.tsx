import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { EventView } from '../components/event-view.tsx';
import { useEvent } from '../hooks/use-events.ts';

/** 事件 (phone): the same event page in one column, the step to take on top (verify on site …). */
export function PhoneEventPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams<{ id: string }>();
  const event = useEvent(id);
  if (event.error) return <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />;
  if (!event.data) return <PageLoading />;
  const e = event.data;
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Button
        type="link"
        icon={<ArrowLeftOutlined aria-hidden />}
        style={{ paddingInline: 0 }}
        onClick={() => void navigate(-1)}
      >
        {t('common.back')}
      </Button>
      <Typography.Title level={1} style={{ fontSize: 20, margin: '4px 0 12px' }}>
        {t('events.event.title', { no: e.no })}
      </Typography.Title>
      <EventView event={e} compact />
    </div>
  );
}
