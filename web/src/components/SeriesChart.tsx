/**
 * An indicator's series as an Apache ECharts line chart: one line per region and kind of period
 * (a 1—4月 total and a 1—5月 total are points of one line; a year's total and a cumulative figure
 * are not), a point per observation, a time axis in days at the finest, 万/亿 on the value axis. Tooltips are drawn on the canvas (richText), so no report-derived string ever
 * reaches innerHTML.
 */
import { useEffect, useRef, type RefObject } from 'react';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { SeriesPoint } from '../api.ts';
import { formatNumber, formatPointTime, formatValue, periodKind, periodKindLabel } from '../format.ts';
import { useI18n } from '../i18n.tsx';

const CONFLICT_RED = '#c0392b';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

type Lang = ReturnType<typeof useI18n>['lang'];

/** One line per region and kind of period; the kind is named only when a region has several. */
function lineNamer(points: SeriesPoint[], regionName: (r: string | null) => string, lang: Lang): (p: SeriesPoint) => string {
  const kinds = new Map<string, Set<string>>();
  for (const p of points) {
    const r = regionName(p.region);
    if (!kinds.has(r)) kinds.set(r, new Set());
    kinds.get(r)!.add(periodKind(p.period));
  }
  return (p: SeriesPoint) => {
    const r = regionName(p.region);
    return kinds.get(r)!.size > 1 ? `${r} · ${periodKindLabel(periodKind(p.period), lang)}` : r;
  };
}

/** The chart's option for a series: lines, tooltips drawn on the canvas, axes, zoom for long series. */
function seriesOption(points: SeriesPoint[], conflicted: ReadonlySet<number>, lang: Lang) {
  const regionName = (r: string | null) => r ?? (lang === 'zh' ? '未注明地区' : 'region n/a');
  const lineName = lineNamer(points, regionName, lang);
  const regions = [...new Set(points.map(lineName))];
  const dated = points.map((p, index) => ({ p, index })).filter(({ p }) => p.date);
  return {
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
    // Dates, never hours: a figure is of a day at the finest.
    xAxis: { type: 'time', minInterval: 24 * 3600 * 1000, axisLabel: { formatter: '{yyyy}-{MM}-{dd}', hideOverlap: true } },
    yAxis: { type: 'value', scale: true, name: points[0]?.unit ?? '', axisLabel: { formatter: (v: number) => formatNumber(v, lang) } },
    dataZoom: points.length > 30 ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }] : [],
    series: regions.map((region) => ({
      name: region,
      type: 'line',
      showSymbol: true,
      symbolSize: 8,
      connectNulls: false,
      data: dated
        .filter(({ p }) => lineName(p) === region)
        .map(({ p, index }) => ({
          value: [p.date, p.value],
          index,
          symbolSize: 6 + Math.min(8, (p.sourceTotal ?? p.sources.length) * 2),
          ...(conflicted.has(index) && { itemStyle: { color: CONFLICT_RED, borderColor: CONFLICT_RED } }),
        })),
    })),
  };
}

/** An ECharts instance on `container` for the page's language; a click on a point selects it. */
function useChart(container: RefObject<HTMLDivElement | null>, lang: Lang, onSelect: (index: number) => void) {
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
  }, [container, lang]);
  return chart;
}

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
  const chart = useChart(container, lang, onSelect);
  useEffect(() => {
    chart.current?.setOption(seriesOption(points, conflicted, lang), { notMerge: true });
  }, [chart, points, conflicted, lang]);

  return <div ref={container} className="series-chart" data-testid="series-chart" />;
}
