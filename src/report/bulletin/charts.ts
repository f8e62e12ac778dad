// The bulletin's charts, drawn on the server without a browser: ECharts renders SVG (SSR), resvg
// rasterises it to PNG with a CJK font that ships in an npm package (@embedpdf/fonts-sc, Noto Sans
// Hans OTF), so the labels are Chinese on any machine — no system font is assumed or loaded.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { EChartsOption } from 'echarts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
const FONT_FILES = [path.join(FONT_DIR, 'NotoSansHans-Regular.otf'), path.join(FONT_DIR, 'NotoSansHans-Bold.otf')];
const FAMILY = 'Noto Sans Hans';

export interface Png { data: Buffer; width: number; height: number }

/** Render an ECharts option at width × height CSS pixels to a PNG at `scale` (2 = sharp in print). */
export function renderChart(option: EChartsOption, width: number, height: number, scale = 2): Png {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: FAMILY }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FAMILY, sansSerifFamily: FAMILY },
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  }).render().asPng();
  return { data: png, width, height };
}

const monthTick = (m: string) => `${Number(m.slice(5))}月`;

/** 12 months of accidents (line) and deaths (bars). */
export function trendChart(trend: { month: string; accidents: number; deaths: number }[]): Png {
  return renderChart({
    title: { text: '近12个月全市道路交通事故起数与死亡人数', left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0, data: ['事故起数', '死亡人数'] },
    grid: { left: 50, right: 50, top: 45, bottom: 50 },
    xAxis: { type: 'category', data: trend.map((t) => monthTick(t.month)) },
    yAxis: [{ type: 'value', name: '起', minInterval: 1 }, { type: 'value', name: '人', minInterval: 1 }],
    series: [
      { name: '事故起数', type: 'line', data: trend.map((t) => t.accidents), label: { show: true, fontSize: 10 }, lineStyle: { width: 2 } },
      { name: '死亡人数', type: 'bar', yAxisIndex: 1, data: trend.map((t) => t.deaths), barWidth: 14, itemStyle: { color: '#c0392b' } },
    ],
  }, 640, 300);
}

/** Per unit: this month's accidents, last month's, and next month's forecast with its 80% interval. */
export function unitChart(rows: { name: string; accidents: number; previous: number; expected?: number; low?: number; high?: number }[]): Png {
  const names = rows.map((r) => shortName(r.name));
  const hasForecast = rows.some((r) => r.expected !== undefined);
  return renderChart({
    title: { text: '各单位事故起数（本月、上月）与下月预测', left: 'center', textStyle: { fontSize: 15 } },
    legend: { bottom: 0 },
    grid: { left: 45, right: 20, top: 45, bottom: 95 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 40, fontSize: 11, interval: 0 } },
    yAxis: { type: 'value', name: '起', minInterval: 1 },
    series: [
      { name: '本月', type: 'bar', data: rows.map((r) => r.accidents), itemStyle: { color: '#2f5597' } },
      { name: '上月', type: 'bar', data: rows.map((r) => r.previous), itemStyle: { color: '#9dc3e6' } },
      ...(hasForecast ? [
        { name: '下月预测', type: 'line' as const, data: rows.map((r) => r.expected ?? null), symbol: 'diamond', symbolSize: 9, lineStyle: { opacity: 0 }, itemStyle: { color: '#c55a11' } },
        { name: '80%区间上限', type: 'line' as const, data: rows.map((r) => r.high ?? null), symbol: 'triangle', symbolSize: 6, lineStyle: { opacity: 0 }, itemStyle: { color: '#f4b183' } },
      ] : []),
    ],
  }, 640, 340);
}

/** 晋中公安交警支队直属一大队 → 直属一大队; 太谷交警大队 → 太谷大队 (keeps the axis readable). */
export function shortName(name: string): string {
  return name.replace(/^.*支队(?=.)/, '').replace('交警大队', '大队');
}
