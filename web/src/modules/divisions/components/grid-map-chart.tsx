import { MapChart, type MapSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  type AriaComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
  type VisualMapComponentOption,
  VisualMapContinuousComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../i18n/index.ts';
import { formatCount } from '../../../ui/format.ts';
import type { DivisionMap } from '../divisions.types.ts';

// Only what the grid map draws; the rest of ECharts stays out of the bundle.
echarts.use([MapChart, TooltipComponent, VisualMapContinuousComponent, AriaComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<
  MapSeriesOption | TooltipComponentOption | VisualMapComponentOption | AriaComponentOption
>;
type GeoJsonInput = Parameters<typeof echarts.registerMap>[1];

interface GridMapChartProps {
  map: DivisionMap;
  onSelect: (code: string) => void;
}

interface AreaDatum {
  name: string;
  value: number;
  divisionName: string;
  population: number | null;
  households: number | null;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/**
 * The children of a division drawn from their GeoJSON polygons (no tile server: works on an
 * intranet), coloured by population, each labelled with its name; clicking one opens it.
 */
export function GridMapChart({ map, onSelect }: GridMapChartProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  // One ECharts instance per mount (re-created when the language changes, for its built-in texts).
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, {
      renderer: 'canvas',
      locale: locale === 'zh-CN' ? 'ZH' : 'EN',
    });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.name === 'string' && params.name) onSelectRef.current(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [locale]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const mapName = `linli-division-${map.code}`;
    // Regions are keyed by division code, so two grids with the same name never collide.
    echarts.registerMap(mapName, {
      type: 'FeatureCollection',
      features: map.features,
    } as unknown as GeoJsonInput);

    const data: AreaDatum[] = map.features.map((feature) => ({
      name: feature.properties.code,
      value: feature.properties.population ?? 0,
      divisionName: feature.properties.name,
      population: feature.properties.population,
      households: feature.properties.households,
    }));
    const names = new Map(data.map((d) => [d.name, d.divisionName]));
    const values = data.map((d) => d.value);
    const min = values.length ? Math.min(...values) : 0;
    const max = values.length ? Math.max(...values) : 1;
    const narrow = (container.current?.clientWidth ?? 800) < 576;

    const option: Option = {
      aria: {
        enabled: true,
        label: { description: t('gridMap.chartLabel', { name: map.name, count: data.length }) },
      },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const item = Array.isArray(params) ? params[0] : params;
          const datum = item?.data as AreaDatum | undefined;
          if (!datum) return '';
          return [
            `<strong>${escapeHtml(datum.divisionName)}</strong>`,
            `${escapeHtml(t('gridMap.tooltipPopulation'))}: ${formatCount(datum.population, locale)}`,
            `${escapeHtml(t('gridMap.tooltipHouseholds'))}: ${formatCount(datum.households, locale)}`,
          ].join('<br/>');
        },
      },
      visualMap: {
        type: 'continuous',
        min,
        max: max > min ? max : min + 1,
        calculable: true,
        orient: narrow ? 'horizontal' : 'vertical',
        left: narrow ? 'center' : 8,
        bottom: 8,
        itemHeight: narrow ? 120 : 140,
        text: [t('gridMap.high'), t('gridMap.low')],
        textStyle: { color: '#333333' },
        inRange: { color: ['#e3edff', '#9cc0ff', '#4f86e8'] },
      },
      series: [
        {
          type: 'map',
          map: mapName,
          nameProperty: 'code',
          roam: true,
          layoutCenter: ['50%', narrow ? '45%' : '50%'],
          layoutSize: narrow ? '92%' : '95%',
          selectedMode: false,
          label: {
            show: true,
            formatter: (params) => names.get(params.name) ?? params.name,
            fontSize: narrow ? 10 : 12,
            color: '#1a1a1a',
            textBorderColor: '#ffffff',
            textBorderWidth: 2,
          },
          labelLayout: { hideOverlap: true },
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
          emphasis: {
            label: { show: true, fontWeight: 'bold' },
            itemStyle: { areaColor: '#ffd666', borderColor: '#ad4e00' },
          },
          data,
        },
      ],
    };
    instance.setOption(option, { notMerge: true });
  }, [map, t, locale]);

  return (
    <div
      ref={container}
      className="grid-map-chart"
      data-testid="grid-map-chart"
      role="img"
      aria-label={t('gridMap.chartLabel', { name: map.name, count: map.features.length })}
    />
  );
}
