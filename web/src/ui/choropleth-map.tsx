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
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../i18n/index.ts';

// Only what a choropleth draws; the rest of ECharts stays out of the bundle.
echarts.use([MapChart, TooltipComponent, VisualMapContinuousComponent, AriaComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<
  MapSeriesOption | TooltipComponentOption | VisualMapComponentOption | AriaComponentOption
>;
type GeoJsonInput = Parameters<typeof echarts.registerMap>[1];

/** A division's polygon as the divisions API serves it (properties carry at least code and name). */
export interface ChoroplethFeature {
  type: 'Feature';
  properties: { code: string; name: string };
  geometry: unknown;
}

export interface ChoroplethArea {
  /** Division code of the feature this value colours. */
  code: string;
  value: number;
  /** Tooltip lines under the area's name, already formatted. */
  details: string[];
}

interface ChoroplethMapProps {
  /** Unique per map kind and division, so ECharts' map registry never mixes two maps. */
  mapName: string;
  features: readonly ChoroplethFeature[];
  areas: readonly ChoroplethArea[];
  /** Low → high colour ramp. */
  colors: [string, string, string];
  /** Emphasis fill of the area under the pointer. */
  highlight: string;
  /** Counts: the colour scale starts at zero and labels show the value under the name. */
  counts?: boolean;
  /** Screen-reader label; without one the canvas is decorative (a table beside it carries the figures). */
  ariaLabel?: string;
  testId: string;
  onSelect: (code: string) => void;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

interface AreaDatum {
  name: string;
  value: number;
  divisionName: string;
  details: string[];
}

/**
 * Divisions drawn from their GeoJSON polygons (no tile server: works on an intranet), coloured by a
 * value, each labelled with its name; clicking one calls `onSelect` with its division code.
 */
export function ChoroplethMap({
  mapName,
  features,
  areas,
  colors,
  highlight,
  counts = false,
  ariaLabel,
  testId,
  onSelect,
}: ChoroplethMapProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<echarts.ECharts | null>(null);
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
    setChart(instance);
    instance.on('click', (params) => {
      if (typeof params.name === 'string' && params.name) onSelectRef.current(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      setChart(null);
    };
  }, [locale]);

  useEffect(() => {
    if (!chart) return;
    // Regions are keyed by division code, so two grids with the same name never collide.
    echarts.registerMap(mapName, { type: 'FeatureCollection', features } as unknown as GeoJsonInput);
    const byCode = new Map(areas.map((a) => [a.code, a]));
    const data: AreaDatum[] = features.map((f) => ({
      name: f.properties.code,
      divisionName: f.properties.name,
      value: byCode.get(f.properties.code)?.value ?? 0,
      details: byCode.get(f.properties.code)?.details ?? [],
    }));
    const names = new Map(data.map((d) => [d.name, d.divisionName]));
    const values = data.map((d) => d.value);
    const min = counts || values.length === 0 ? 0 : Math.min(...values);
    const max = values.length ? Math.max(...values) : 1;
    const narrow = (container.current?.clientWidth ?? 800) < 576;
    const option: Option = {
      aria: ariaLabel ? { enabled: true, label: { description: ariaLabel } } : { enabled: false },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const datum = (Array.isArray(params) ? params[0] : params)?.data as AreaDatum | undefined;
          if (!datum) return '';
          return [
            `<strong>${escapeHtml(datum.divisionName)}</strong>`,
            ...datum.details.map(escapeHtml),
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
        inRange: { color: colors },
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
            formatter: (params) => {
              const name = names.get(params.name) ?? params.name;
              return counts ? `${name}\n${String(params.value ?? 0)}` : name;
            },
            fontSize: narrow ? 10 : 12,
            color: '#1a1a1a',
            textBorderColor: '#ffffff',
            textBorderWidth: 2,
          },
          labelLayout: { hideOverlap: true },
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
          emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: highlight } },
          data,
        },
      ],
    };
    chart.setOption(option, { notMerge: true });
  }, [chart, mapName, features, areas, colors, highlight, counts, ariaLabel, t]);

  return (
    <div
      ref={container}
      className="grid-map-chart"
      data-testid={testId}
      {...(ariaLabel ? { role: 'img', 'aria-label': ariaLabel } : { 'aria-hidden': true })}
    />
  );
}
