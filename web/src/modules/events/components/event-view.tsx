import type { EventAction } from '@linli/common';
import { Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { WorkflowHistory } from '../../../ui/workflow-history.tsx';
import type { EventDetail } from '../events.types.ts';
import { EventActionModal } from './event-action-modal.tsx';
import {
  EventActionButtons,
  EventDepartments,
  EventExtensions,
  EventFacts,
  EventPhotos,
} from './event-sections.tsx';

/**
 * One event: the actions the caller may take now, then its facts, photos, departments, extension
 * requests and full history. `compact` is the phone layout: one column, big buttons on top.
 */
export function EventView({ event, compact = false }: { event: EventDetail; compact?: boolean }) {
  const { t } = useTranslation();
  const [action, setAction] = useState<EventAction | null>(null);
  const actions = (
    <Card size="small" title={<Typography.Text strong>{t('events.event.actions')}</Typography.Text>}>
      <EventActionButtons event={event} onAction={setAction} block={compact} />
    </Card>
  );
  return (
    <Flex vertical gap={16}>
      {actions}
      <Card size="small">
        <EventFacts event={event} compact={compact} />
        <EventPhotos event={event} />
        <EventDepartments event={event} />
        <EventExtensions event={event} />
      </Card>
      <Card size="small">
        <WorkflowHistory
          title={t('events.event.history')}
          entries={event.history}
          empty={t('events.event.historyEmpty')}
          testId="event-history"
        />
      </Card>
      {action ? <EventActionModal event={event} action={action} onClose={() => setAction(null)} /> : null}
    </Flex>
  );
}
