/**
 * An indicator's series as an Apache ECharts line chart: one line per region, a point per
 * observation. Tooltips are drawn on the canvas (richText), so no report-derived string ever
 * reaches innerHTML.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SeriesPoint } from '../api.ts';
import { formatPointTime, formatValue } from '../format.ts';
import { useI18n } from '../i18n.tsx';

const CONFLICT_RED = '#c0392b';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

export function SeriesChart({
  points,
  conflicted,
  onSelect,
}: {
  points: SeriesPoint[];
  /** Indexes of points that are a side of a conflict. */
  conflicted: ReadonlySet<number>;
  onSelect: (index: number) => void;
}) {
  const { lang } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    if (!container.current) return;
    const instance = echarts.init(container.current, undefined, { renderer: 'canvas', locale: lang === 'zh' ? 'ZH' : 'EN' });
    chart.current = instance;
    instance.on('click', (event) => {
      const data = event.data as { index?: number } | undefined;
      if (typeof data?.index === 'number') select.current(data.index);
    });
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, [lang]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    const regionName = (r: string | null) => r ?? (lang === 'zh' ? '未注明地区' : 'region n/a');
    const regions = [...new Set(points.map((p) => regionName(p.region)))];
    const dated = points.map((p, index) => ({ p, index })).filter(({ p }) => p.date);
    instance.setOption(
      {
        animation: false,
        grid: { left: 64, right: 24, top: 36, bottom: 48 },
        legend: { top: 4, data: regions },
        tooltip: {
          trigger: 'item',
          renderMode: 'richText',
          formatter: (param: unknown) => {
            const data = (param as { data?: { index?: number } }).data;
            const p = typeof data?.index === 'number' ? points[data.index] : null;
            if (!p) return '';
            const sources = p.sourceTotal ?? p.sources.length;
            return `${formatPointTime(p, lang)}\n${formatValue(p, lang)}\n${regionName(p.region)} · ${sources} ${lang === 'zh' ? '个来源' : sources === 1 ? 'source' : 'sources'}`;
          },
        },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', scale: true, name: points[0]?.unit ?? '' },
        dataZoom: points.length > 30 ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }] : [],
        series: regions.map((region) => ({
          name: region,
          type: 'line',
          showSymbol: true,
          symbolSize: 8,
          connectNulls: true,
          data: dated
            .filter(({ p }) => regionName(p.region) === region)
            .map(({ p, index }) => ({
              value: [p.date, p.value],
              index,
              symbolSize: 6 + Math.min(8, (p.sourceTotal ?? p.sources.length) * 2),
              ...(conflicted.has(index) && { itemStyle: { color: CONFLICT_RED, borderColor: CONFLICT_RED } }),
            })),
        })),
      },
      { notMerge: true },
    );
  }, [points, conflicted, lang]);

  return <div ref={container} className="series-chart" data-testid="series-chart" />;
}
