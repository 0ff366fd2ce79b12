import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { ChoroplethMap } from '../../../ui/choropleth-map.tsx';
import { formatCount } from '../../../ui/format.ts';
import type { DivisionMap } from '../divisions.types.ts';

const POPULATION_COLORS: [string, string, string] = ['#e3edff', '#9cc0ff', '#4f86e8'];

/** The children of a division coloured by population; clicking one opens it. */
export function GridMapChart({ map, onSelect }: { map: DivisionMap; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const areas = useMemo(
    () =>
      map.features.map((f) => ({
        code: f.properties.code,
        value: f.properties.population ?? 0,
        details: [
          `${t('gridMap.tooltipPopulation')}: ${formatCount(f.properties.population, locale)}`,
          `${t('gridMap.tooltipHouseholds')}: ${formatCount(f.properties.households, locale)}`,
        ],
      })),
    [map.features, t, locale],
  );
  return (
    <ChoroplethMap
      mapName={`linli-division-${map.code}`}
      features={map.features}
      areas={areas}
      colors={POPULATION_COLORS}
      highlight="#ffd666"
      ariaLabel={t('gridMap.chartLabel', { name: map.name, count: map.features.length })}
      testId="grid-map-chart"
      onSelect={onSelect}
    />
  );
}
