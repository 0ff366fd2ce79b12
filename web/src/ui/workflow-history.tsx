import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocale } from '../i18n/index.ts';
import { formatDateTime } from './format.ts';

/** One step of a record's workflow history (server: `workflow_history`), as every module returns it. */
export interface WorkflowHistoryEntry {
  id: number | string;
  actionName: string;
  actorName: string | null;
  at: string;
  comment: string | null;
}

/** The heading and the steps of a record's workflow, newest first, or a line saying there are none. */
export function WorkflowHistory({
  title,
  entries,
  empty,
  testId,
}: {
  title: ReactNode;
  entries: readonly WorkflowHistoryEntry[] | undefined;
  empty: ReactNode;
  testId?: string;
}) {
  const locale = useLocale();
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
        {title}
      </Typography.Title>
      {entries && entries.length > 0 ? (
        <Timeline
          data-testid={testId}
          items={entries.map((h) => ({
            key: h.id,
            content: (
              <>
                <Typography.Text strong>{h.actionName}</Typography.Text>{' '}
                <Typography.Text type="secondary">
                  {[h.actorName, formatDateTime(h.at, locale)].filter(Boolean).join(' · ')}
                </Typography.Text>
                {h.comment ? <div>{h.comment}</div> : null}
              </>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">{empty}</Typography.Text>
      )}
    </>
  );
}
