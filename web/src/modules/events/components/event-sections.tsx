import type { EventAction } from '@linli/common';
import { Button, Descriptions, Flex, Image, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../i18n/index.ts';
import { formatDateTime } from '../../../ui/format.ts';
import type { EventDetail } from '../events.types.ts';
import { useEventLabels } from '../hooks/use-event-labels.ts';
import { EventStateText, OverdueMark } from './event-state.tsx';

const sectionTitle = { fontSize: 16, margin: '16px 0 8px' } as const;

/** The event's facts: what, where, who reported it, the current step and its deadline. */
export function EventFacts({ event, compact = false }: { event: EventDetail; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useEventLabels();
  const e = event;
  const lead = e.departments.find((d) => d.role === 'lead' && !d.releasedAt);
  return (
    <Descriptions
      size="small"
      bordered
      column={compact ? 1 : { xs: 1, sm: 2 }}
      data-testid="event-facts"
      styles={{ label: { whiteSpace: 'nowrap' } }}
    >
      <Descriptions.Item label={t('events.event.state')}>
        <Flex wrap gap={8} align="center">
          <EventStateText state={e.state} />
          {e.overdue && !e.dueAt ? <OverdueMark /> : null}
        </Flex>
      </Descriptions.Item>
      <Descriptions.Item label={t('events.event.category')}>
        {e.className} / {e.categoryName}
      </Descriptions.Item>
      <Descriptions.Item label={t('events.event.description')} span={compact ? 1 : 2}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{e.description}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('events.event.division')}>
        {e.communityName} {e.gridName}
      </Descriptions.Item>
      <Descriptions.Item label={t('events.event.address')}>
        {e.address ?? t('common.none')}
        {e.longitude !== null && e.latitude !== null ? (
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {t('events.event.coordinates', { lon: e.longitude, lat: e.latitude })}
          </Typography.Text>
        ) : null}
      </Descriptions.Item>
      <Descriptions.Item label={t('events.event.source')}>{labels.sources[e.source]}</Descriptions.Item>
      <Descriptions.Item label={t('events.event.reporter')}>
        {e.contactName ? `${e.contactName} ${e.contactPhone ?? ''}` : e.reporterName}
      </Descriptions.Item>
      <Descriptions.Item label={t('events.event.reportedAt')}>
        {formatDateTime(e.reportedAt, locale)}
      </Descriptions.Item>
      {e.step ? (
        <Descriptions.Item label={t('events.event.step')}>{labels.steps[e.step]}</Descriptions.Item>
      ) : null}
      {e.dueAt ? (
        <Descriptions.Item label={t('events.event.dueAt')}>
          {e.overdue ? <OverdueMark dueAt={e.dueAt} /> : formatDateTime(e.dueAt, locale)}
        </Descriptions.Item>
      ) : null}
      {lead ? (
        <Descriptions.Item label={t('events.desk.columns.department')}>{lead.department}</Descriptions.Item>
      ) : null}
      {e.handleResult ? (
        <Descriptions.Item label={t('events.form.result')} span={compact ? 1 : 2}>
          {e.handleResult}
        </Descriptions.Item>
      ) : null}
      {e.rating ? (
        <Descriptions.Item label={t('events.event.rating')}>
          {labels.ratings[e.rating]}
          {e.ratingComment ? ` · ${e.ratingComment}` : ''}
        </Descriptions.Item>
      ) : null}
      {e.mergedInto ? (
        <Descriptions.Item label={t('events.event.mergedInto')}>
          <Link to={`/events/${e.mergedInto.id}`}>{e.mergedInto.no}</Link>
        </Descriptions.Item>
      ) : null}
      {e.reopened > 0 ? (
        <Descriptions.Item label={t('events.event.state')}>
          {t('events.event.reopened', { count: e.reopened })}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );
}

/** Photos grouped by stage (report, after handling, verification); each opens full size. */
export function EventPhotos({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const labels = useEventLabels();
  const stages = (['report', 'handle', 'verify'] as const).filter((s) =>
    event.photos.some((p) => p.stage === s),
  );
  return (
    <section aria-labelledby="event-photos-title">
      <Typography.Title level={2} style={sectionTitle} id="event-photos-title">
        {t('events.event.photos')}
      </Typography.Title>
      {stages.length === 0 ? (
        <Typography.Text type="secondary">{t('events.event.noPhotos')}</Typography.Text>
      ) : (
        <Image.PreviewGroup>
          {stages.map((stage) => (
            <div key={stage} style={{ marginBottom: 8 }} data-testid={`photos-${stage}`}>
              <Typography.Text strong style={{ display: 'block', marginBottom: 4 }}>
                {labels.photoStages[stage]}
              </Typography.Text>
              <Flex wrap gap={8}>
                {event.photos
                  .filter((p) => p.stage === stage)
                  .map((p, index) => (
                    <Image
                      key={p.id}
                      src={p.url}
                      width={96}
                      height={96}
                      style={{ objectFit: 'cover', borderRadius: 4 }}
                      alt={t('events.event.photoAlt', { stage: labels.photoStages[stage], index: index + 1 })}
                    />
                  ))}
              </Flex>
            </div>
          ))}
        </Image.PreviewGroup>
      )}
    </section>
  );
}

/** 主办/协办 departments with when they were assigned, and any 退单 with its reason. */
export function EventDepartments({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useEventLabels();
  return (
    <section aria-labelledby="event-departments-title">
      <Typography.Title level={2} style={sectionTitle} id="event-departments-title">
        {t('events.event.departments')}
      </Typography.Title>
      {event.departments.length === 0 ? (
        <Typography.Text type="secondary">{t('events.event.noDepartments')}</Typography.Text>
      ) : (
        <List
          size="small"
          data-testid="event-departments"
          dataSource={event.departments}
          renderItem={(d) => (
            <List.Item>
              <span>
                <Typography.Text strong>{d.department}</Typography.Text> {labels.departmentRoles[d.role]} ·{' '}
                {formatDateTime(d.assignedAt, locale)}
                {d.returned ? (
                  <Typography.Text type="secondary">
                    {' '}
                    · {t('events.event.returned')}
                    {d.returnReason ? `：${d.returnReason}` : ''}
                  </Typography.Text>
                ) : null}
              </span>
            </List.Item>
          )}
        />
      )}
    </section>
  );
}

/** 延期申请: days asked, why, and the superior's decision. */
export function EventExtensions({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useEventLabels();
  if (event.extensions.length === 0) return null;
  return (
    <section aria-labelledby="event-extensions-title">
      <Typography.Title level={2} style={sectionTitle} id="event-extensions-title">
        {t('events.event.extensions')}
      </Typography.Title>
      <List
        size="small"
        dataSource={event.extensions}
        renderItem={(x) => (
          <List.Item>
            <div>
              <div>
                {x.department} · {t('events.event.extensionRow', { days: x.days, reason: x.reason })}
              </div>
              <Typography.Text type="secondary">
                {labels.extensionStates[x.state]} · {x.requestedByName}{' '}
                {formatDateTime(x.requestedAt, locale)}
                {x.decidedByName ? ` · ${x.decidedByName}` : ''}
                {x.decisionComment ? `：${x.decisionComment}` : ''}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </section>
  );
}

/** The positive steps first, so the button a user most likely wants is the primary one. */
const PRIMARY: ReadonlySet<EventAction> = new Set([
  'file',
  'dispatch',
  'handle',
  'verifyPass',
  'rate',
  'grantExtension',
]);
const DANGER: ReadonlySet<EventAction> = new Set(['reject', 'return', 'verifyFail', 'refuseExtension']);

/** One button per action the server says the caller may take now (`abilities`). */
export function EventActionButtons({
  event,
  onAction,
  block = false,
}: {
  event: EventDetail;
  onAction: (action: EventAction) => void;
  block?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useEventLabels();
  if (event.abilities.length === 0)
    return <Typography.Text type="secondary">{t('events.event.noActions')}</Typography.Text>;
  const ordered = [...event.abilities].sort((a, b) => Number(PRIMARY.has(b)) - Number(PRIMARY.has(a)));
  return (
    <Flex wrap gap={8} vertical={block} data-testid="event-actions">
      {ordered.map((action) => (
        <Button
          key={action}
          block={block}
          size={block ? 'large' : 'middle'}
          type={PRIMARY.has(action) ? 'primary' : 'default'}
          danger={DANGER.has(action)}
          data-testid={`btn-event-${action}`}
          onClick={() => onAction(action)}
        >
          {labels.actions[action]}
        </Button>
      ))}
    </Flex>
  );
}
