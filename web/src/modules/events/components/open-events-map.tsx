import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ChoroplethMap } from '../../../ui/choropleth-map.tsx';
import type { DivisionFeature } from '../../divisions/divisions.types.ts';
import { useDivisionMap } from '../../divisions/hooks/use-division-map.ts';
import type { EventMap } from '../events.types.ts';

const EVENT_COLORS: [string, string, string] = ['#fff7e6', '#ffc069', '#d4380d'];

/**
 * The division's children (a street's communities, a community's grids; a grid itself) coloured by
 * open events, each area summing the grids inside it. Clicking an area opens its open events. The
 * table beside it carries the same numbers for keyboards and screen readers, so the canvas is
 * decorative for them.
 */
export function OpenEventsMap({
  code,
  grids,
  onSelect,
}: {
  code: string;
  grids: EventMap['grids'];
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const map = useDivisionMap(code);
  const features: DivisionFeature[] = useMemo(() => {
    if (!map.data) return [];
    if (map.data.features.length > 0) return map.data.features;
    return map.data.outline ? [map.data.outline] : [];
  }, [map.data]);
  const areas = useMemo(
    () =>
      features.map((f) => {
        const inside = grids.filter((g) => g.divisionCode.startsWith(f.properties.code));
        const open = inside.reduce((sum, g) => sum + g.open, 0);
        const overdue = inside.reduce((sum, g) => sum + g.overdue, 0);
        return {
          code: f.properties.code,
          value: open,
          details: [`${t('events.map.open')}: ${open}`, `${t('events.map.overdue')}: ${overdue}`],
        };
      }),
    [features, grids, t],
  );
  if (features.length === 0) return null;
  return (
    <ChoroplethMap
      mapName={`linli-events-${code}`}
      features={features}
      areas={areas}
      colors={EVENT_COLORS}
      highlight="#9cc0ff"
      counts
      testId="event-map-chart"
      onSelect={onSelect}
    />
  );
}
