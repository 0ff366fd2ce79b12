import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../ui/page-header.tsx';
import { usePermissions } from '../../auth/hooks/use-auth.ts';
import { EventCards } from '../components/event-cards.tsx';
import { useEvents } from '../hooks/use-events.ts';

const PAGE_SIZE = 10;

/** 我的上报 (phone first): a resident's (or member's) own reports, how far each is, and rating when closed. */
export function MinePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = usePermissions();
  const [page, setPage] = useState(1);
  const mine = useEvents({ mine: 'reported', page, pageSize: PAGE_SIZE });
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader
        title={t('events.mine.title')}
        subtitle={t('events.mine.subtitle')}
        extra={
          can('event:report') ? (
            <Button
              type="primary"
              icon={<PlusOutlined aria-hidden />}
              onClick={() => void navigate('/m/report')}
            >
              {t('events.tasks.report')}
            </Button>
          ) : null
        }
      />
      <EventCards
        testId="mine-list"
        query={mine}
        empty={t('events.mine.empty')}
        actionLabel={(e) => (e.state === 'closed' ? t('events.mine.rate') : t('events.tasks.open'))}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
      />
    </div>
  );
}
