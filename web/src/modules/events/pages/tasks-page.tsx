import { FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../ui/page-header.tsx';
import { useActiveSession, usePermissions } from '../../auth/hooks/use-auth.ts';
import { EventCards } from '../components/event-cards.tsx';
import { useEvents } from '../hooks/use-events.ts';

const PAGE_SIZE = 10;

/**
 * 我的任务 (phone first): the events waiting for this user — a grid member's verifications in
 * their grids, a department's events to handle — as the server decides from who may act now.
 */
export function TasksPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useActiveSession();
  const { can } = usePermissions();
  const [page, setPage] = useState(1);
  const tasks = useEvents({ mine: 'tasks', sort: 'dueAt', page, pageSize: PAGE_SIZE });
  const roles = new Set(session?.roles.map((r) => r.role));
  const subtitle =
    roles.has('grid_member') || roles.has('grid_leader')
      ? t('events.tasks.subtitleGrid')
      : roles.has('department_staff')
        ? t('events.tasks.subtitleDept')
        : t('events.tasks.subtitle');
  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <PageHeader
        title={t('events.tasks.title')}
        subtitle={subtitle}
        extra={
          can('event:report') ? (
            <Flex gap={8} wrap>
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => void navigate('/m/report')}
              >
                {t('events.tasks.report')}
              </Button>
              <Button icon={<FileTextOutlined aria-hidden />} onClick={() => void navigate('/m/mine')}>
                {t('events.tasks.mine')}
              </Button>
            </Flex>
          ) : null
        }
      />
      <EventCards
        testId="task-list"
        query={tasks}
        empty={t('events.tasks.empty')}
        actionLabel={() => t('events.tasks.open')}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
      />
    </div>
  );
}
