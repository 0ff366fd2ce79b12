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
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { DivisionFeature } from '../../divisions/divisions.types.ts';
import { useDivisionMap } from '../../divisions/hooks/use-division-map.ts';
import type { EventMap } from '../events.types.ts';

echarts.use([MapChart, TooltipComponent, VisualMapContinuousComponent, AriaComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<
  MapSeriesOption | TooltipComponentOption | VisualMapComponentOption | AriaComponentOption
>;
type GeoJsonInput = Parameters<typeof echarts.registerMap>[1];

interface AreaDatum {
  name: string;
  value: number;
  divisionName: string;
  overdue: number;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);

/**
 * The division's children (a street's communities, a community's grids; a grid itself) drawn from
 * their boundaries and coloured by open events, each area summing the grids inside it. Clicking an
 * area opens its open events. The table beside it carries the same numbers for keyboards and
 * screen readers, so the canvas is decorative for them.
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
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  const features: DivisionFeature[] = useMemo(() => {
    if (!map.data) return [];
    if (map.data.features.length > 0) return map.data.features;
    return map.data.outline ? [map.data.outline] : [];
  }, [map.data]);

  useEffect(() => {
    const el = container.current;
    if (!el || features.length === 0) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
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
  }, [features.length]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance || features.length === 0) return;
    const mapName = `linli-events-${code}`;
    echarts.registerMap(mapName, { type: 'FeatureCollection', features } as unknown as GeoJsonInput);
    const data: AreaDatum[] = features.map((f) => {
      const inside = grids.filter((g) => g.divisionCode.startsWith(f.properties.code));
      return {
        name: f.properties.code,
        divisionName: f.properties.name,
        value: inside.reduce((sum, g) => sum + g.open, 0),
        overdue: inside.reduce((sum, g) => sum + g.overdue, 0),
      };
    });
    const names = new Map(data.map((d) => [d.name, d.divisionName]));
    const max = Math.max(1, ...data.map((d) => d.value));
    const narrow = (container.current?.clientWidth ?? 800) < 576;
    const option: Option = {
      aria: { enabled: false },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => {
          const datum = (Array.isArray(params) ? params[0] : params)?.data as AreaDatum | undefined;
          if (!datum) return '';
          return [
            `<strong>${escapeHtml(datum.divisionName)}</strong>`,
            `${escapeHtml(t('events.map.open'))}: ${datum.value}`,
            `${escapeHtml(t('events.map.overdue'))}: ${datum.overdue}`,
          ].join('<br/>');
        },
      },
      visualMap: {
        type: 'continuous',
        min: 0,
        max,
        calculable: true,
        orient: narrow ? 'horizontal' : 'vertical',
        left: narrow ? 'center' : 8,
        bottom: 8,
        itemHeight: narrow ? 120 : 140,
        text: [t('gridMap.high'), t('gridMap.low')],
        textStyle: { color: '#333333' },
        inRange: { color: ['#fff7e6', '#ffc069', '#d4380d'] },
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
            formatter: (params) => `${names.get(params.name) ?? params.name}\n${String(params.value ?? 0)}`,
            fontSize: narrow ? 10 : 12,
            color: '#1a1a1a',
            textBorderColor: '#ffffff',
            textBorderWidth: 2,
          },
          labelLayout: { hideOverlap: true },
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
          emphasis: { label: { show: true, fontWeight: 'bold' }, itemStyle: { areaColor: '#9cc0ff' } },
          data,
        },
      ],
    };
    instance.setOption(option, { notMerge: true });
  }, [features, grids, code, t]);

  if (features.length === 0) return null;
  return <div ref={container} className="grid-map-chart" data-testid="event-map-chart" aria-hidden="true" />;
}
