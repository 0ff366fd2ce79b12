import { ClockCircleOutlined } from '@ant-design/icons';
import type { EventState } from '@linli/common';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import { useEventLabels } from '../hooks/use-event-labels.ts';

const STATUS: Record<EventState, 'default' | 'processing' | 'success' | 'warning' | 'error'> = {
  reported: 'warning',
  filed: 'processing',
  dispatched: 'processing',
  handled: 'warning',
  closed: 'success',
  rated: 'success',
  not_filed: 'default',
  merged: 'default',
};

/** The state as a coloured dot and plain text (coloured tags fail the contrast check). */
export function EventStateText({ state }: { state: EventState }) {
  const labels = useEventLabels();
  return <Badge status={STATUS[state]} text={labels.states[state]} />;
}

/** A dark red that keeps 4.5:1 contrast on white and on the table's row hover. */
const OVERDUE_COLOR = '#a8071a';

/** 已逾期 with a clock icon, readable without colour; with the missed deadline when given. */
export function OverdueMark({ dueAt }: { dueAt?: string | null | undefined }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <span style={{ color: OVERDUE_COLOR, fontWeight: 600, whiteSpace: 'nowrap' }} data-testid="overdue-mark">
      <ClockCircleOutlined aria-hidden />{' '}
      {dueAt ? t('events.overdueSince', { due: formatDateTime(dueAt, locale) }) : t('events.overdue')}
    </span>
  );
}
