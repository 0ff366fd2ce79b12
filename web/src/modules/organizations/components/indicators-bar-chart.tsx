import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  type AriaComponentOption,
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useLocale } from '../../../i18n/index.ts';

// Only what the indicator bars draw; the rest of ECharts stays out of the bundle.
echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

type Option = echarts.ComposeOption<
  BarSeriesOption | GridComponentOption | TooltipComponentOption | AriaComponentOption
>;

export interface BarItem {
  label: string;
  value: number;
}

interface IndicatorsBarChartProps {
  /** What the chart shows, for screen readers (the figures are also in the card's text). */
  label: string;
  items: BarItem[];
  /** Shares are drawn as percentages; counts and rates as they are. */
  percent?: boolean;
  testId?: string;
}

/** Horizontal bars, longest label list first from the top, sized to the number of bars. */
export function IndicatorsBarChart({ label, items, percent = false, testId }: IndicatorsBarChartProps) {
  const locale = useLocale();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, {
      renderer: 'canvas',
      locale: locale === 'zh-CN' ? 'ZH' : 'EN',
    });
    chart.current = instance;
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
    const number = new Intl.NumberFormat(locale, {
      style: percent ? 'percent' : 'decimal',
      maximumFractionDigits: percent ? 1 : 2,
    });
    const reversed = [...items].reverse();
    const option: Option = {
      aria: { enabled: true, label: { description: label } },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        confine: true,
        valueFormatter: (value) => number.format(Number(value)),
      },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: {
        type: 'value',
        axisLabel: { formatter: (value: number) => number.format(value), hideOverlap: true },
      },
      yAxis: {
        type: 'category',
        data: reversed.map((i) => i.label),
        axisLabel: { width: 96, overflow: 'truncate', color: '#333333' },
      },
      series: [
        {
          type: 'bar',
          data: reversed.map((i) => i.value),
          itemStyle: { color: '#4f86e8' },
          barMaxWidth: 18,
          label: {
            show: true,
            position: 'right',
            color: '#1a1a1a',
            formatter: (params) => number.format(Number(params.value)),
          },
        },
      ],
    };
    instance.setOption(option, { notMerge: true });
  }, [items, percent, label, locale]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={label}
      data-testid={testId}
      style={{ width: '100%', height: Math.max(120, items.length * 28 + 32) }}
    />
  );
}
