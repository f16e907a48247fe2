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

/** What differs between the labelled horizontal bar charts (geography, data-quality funnel). */
export interface LabelledBarsOptions {
  readonly title: string;
  readonly currency: string;
  readonly height: number;
  /** One row per bar, in order, each with its category, value, `group` (colour) and `text` label. */
  readonly rows: readonly Record<string, string | number>[];
  readonly category: string;
  readonly value: string;
  readonly valueTitle: string;
  /** Room right of the longest bar for its label, as a factor of the largest value. */
  readonly headroom: number;
  readonly labelExpr: string;
  readonly tickCount: number;
  /** The groups and their colours. */
  readonly groups: readonly [string, string][];
}

/**
 * Horizontal bars, one per row in the order given, coloured by `group`, each labelled with its
 * `text` to the right of the bar.
 */
export function labelledBarsSpec(o: LabelledBarsOptions): TopLevelSpec {
  const largest = Math.max(...o.rows.map((r) => Number(r[o.value])));
  return {
    ...chartFrame(o.title, o.currency, o.height),
    data: { values: o.rows.map((r) => ({ ...r })) },
    encoding: {
      y: {
        field: o.category,
        type: 'nominal',
        sort: null,
        title: null,
        axis: { ticks: false, labelLimit: 160 },
      },
      x: {
        field: o.value,
        type: 'quantitative',
        title: o.valueTitle,
        scale: { domain: [0, largest * o.headroom] },
        axis: { labelExpr: o.labelExpr, tickCount: o.tickCount },
      },
    },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          color: {
            field: 'group',
            type: 'nominal',
            legend: null,
            scale: { domain: o.groups.map((g) => g[0]), range: o.groups.map((g) => g[1]) },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4 },
        encoding: { text: { field: 'text', type: 'nominal' } },
      },
    ],
  };
}
