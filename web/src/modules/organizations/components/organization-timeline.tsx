import { Checkbox, Flex, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/empty-state.tsx';
import { ErrorAlert } from '../../../ui/error-alert.tsx';
import { PageLoading } from '../../../ui/page-loading.tsx';
import { useOrganizationTimeline } from '../hooks/use-organization-timeline.ts';

const KIND_COLORS: Record<string, string> = {
  lifecycle: 'blue',
  record: 'default',
  filing: 'cyan',
  inspection: 'gold',
  incubation: 'green',
  federation: 'purple',
  project: 'geekblue',
  evaluation: 'orange',
  activity: 'magenta',
};

/** One organization's timeline (lifecycle, edits, filing, inspections, incubation, federations…), with a filter by source. */
export function OrganizationTimeline({ id }: { id: string }) {
  const { t } = useTranslation();
  const timeline = useOrganizationTimeline(id);
  const kinds = useMemo(() => [...new Set((timeline.data ?? []).map((e) => e.kind))], [timeline.data]);
  const [hidden, setHidden] = useState<string[]>([]);
  if (timeline.error) return <ErrorAlert error={timeline.error} onRetry={() => void timeline.refetch()} />;
  if (!timeline.data) return <PageLoading />;
  const shown = timeline.data.filter((e) => !hidden.includes(e.kind));
  return (
    <Flex vertical gap={12}>
      {kinds.length > 1 ? (
        <Checkbox.Group
          aria-label={t('organizationTimeline.filter')}
          options={kinds.map((k) => ({ value: k, label: t(`organizationTimeline.kinds.${k}`) }))}
          value={kinds.filter((k) => !hidden.includes(k))}
          onChange={(checked) => setHidden(kinds.filter((k) => !checked.includes(k)))}
        />
      ) : null}
      {shown.length === 0 ? (
        <EmptyState description={t('organizationTimeline.empty')} />
      ) : (
        <Timeline
          data-testid="organization-timeline"
          items={shown.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: KIND_COLORS[e.kind] ?? 'gray',
            children: (
              <>
                <Flex wrap gap={8} align="center">
                  <Typography.Text strong>{e.title}</Typography.Text>
                  <Tag>{t(`organizationTimeline.kinds.${e.kind}`)}</Tag>
                </Flex>
                <Typography.Text type="secondary">
                  {[e.actorName, new Date(e.at).toLocaleString()].filter(Boolean).join(' · ')}
                </Typography.Text>
                {e.detail ? <div>{e.detail}</div> : null}
              </>
            ),
          }))}
        />
      )}
    </Flex>
  );
}
