import type { Config, TopLevelSpec } from 'vega-lite';
import type { ChartId } from './chart.ts';
import { BASE_CONFIG } from './vega-svg.ts';

/** A chart before rendering: its Vega-Lite spec and the words that describe it. */
export interface ChartSpec {
  readonly id: ChartId;
  readonly title: string;
  readonly alt: string;
  readonly spec: TopLevelSpec;
}

/** The outer size of every chart in CSS pixels (the plot fits inside with its axes and title). */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;

/**
 * The frame every chart spec shares: size, fit-to-size, the base config and the model's currency
 * as the parameter `currency` (read by `shopstatMoney(value, currency)` in axis labels).
 */
export interface ChartFrame {
  title: string | { text: string; subtitle: string };
  width: number;
  height: number;
  autosize: { type: 'fit'; contains: 'padding' };
  config: Config;
  params: { name: string; value: string }[];
}

export function chartFrame(
  title: string,
  currency: string,
  height = CHART_HEIGHT,
  subtitle?: string,
): ChartFrame {
  return {
    title: subtitle === undefined ? title : { text: title, subtitle },
    width: CHART_WIDTH,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    config: BASE_CONFIG,
    params: [{ name: 'currency', value: currency }],
  };
}

/** An axis label expression that formats money compactly in the chart's currency. */
export const MONEY_LABELS = "datum.value === 0 ? '0' : shopstatMoney(datum.value, currency)";
