import { formatMoneyCompact, monthLabel } from '../format.ts';
import type { BridgeSection, ReportModel } from '../model.ts';
import type { ChartSpec } from './chart-spec.ts';
import { chartFrame, MONEY_LABELS } from './chart-spec.ts';
import { CHART_COLOURS } from './palette.ts';

interface WaterfallBar {
  readonly order: number;
  readonly label: string;
  readonly kind: 'Total' | 'Increase' | 'Decrease';
  readonly low: number;
  readonly high: number;
  readonly text: string;
}

/** `+3.0k EUR` for an effect, `612.3k EUR` for a total. */
function barText(value: number, kind: 'total' | 'effect', currency: string): string {
  const text = formatMoneyCompact(value, currency);
  return kind === 'effect' && value > 0 ? `+${text}` : text;
}

/**
 * The bars of a waterfall: totals stand on the axis floor, each effect floats from the running
 * level before it to the level after it.
 */
function waterfall(section: BridgeSection, floor: number, currency: string): WaterfallBar[] {
  let level = 0;
  return section.bars.map((bar, order) => {
    const text = barText(bar.value, bar.kind, currency);
    if (bar.kind === 'total') {
      level = bar.value;
      return { order, label: bar.label, kind: 'Total', low: floor, high: bar.value, text };
    }
    const before = level;
    level += bar.value;
    return {
      order,
      label: bar.label,
      kind: bar.value < 0 ? 'Decrease' : 'Increase',
      low: Math.min(before, level),
      high: Math.max(before, level),
      text,
    };
  });
}

/** A round number at or below `value` (1, 2 or 5 times a power of ten steps). */
function niceFloor(value: number, span: number): number {
  if (span <= 0) return value;
  const magnitude = 10 ** Math.floor(Math.log10(span));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => span / s <= 10) ?? magnitude * 10;
  return Math.floor(value / step) * step;
}

/**
 * The volume / AOV bridge as a waterfall. The axis starts near the lowest level, not at zero, so
 * that effects of a few percent are visible; the subtitle says so, and every bar carries its
 * figure. `null` without bars.
 */
export function bridgeChart(section: BridgeSection, model: ReportModel): ChartSpec | null {
  if (section.bars.length === 0) return null;
  const levels: number[] = [];
  let level = 0;
  for (const bar of section.bars) {
    level = bar.kind === 'total' ? bar.value : level + bar.value;
    levels.push(level);
  }
  const lowest = Math.min(...levels);
  const highest = Math.max(...levels);
  const floor = Math.max(0, niceFloor(lowest - (highest - lowest), highest - lowest));
  const bars = waterfall(section, floor, model.currency);
  const title = `Revenue bridge, ${monthLabel(section.from)} to ${monthLabel(section.to)}`;
  const effects = section.bars
    .filter((b) => b.kind === 'effect')
    .map((b) => `${b.label} ${barText(b.value, 'effect', model.currency)}`);
  const alt =
    `Revenue bridge from ${monthLabel(section.from)} (${formatMoneyCompact(section.startRevenue, model.currency)}) ` +
    `to ${monthLabel(section.to)} (${formatMoneyCompact(section.endRevenue, model.currency)}): ${effects.join(', ')}.`;
  const note =
    floor > 0 ? `The axis starts at ${formatMoneyCompact(floor, model.currency)}, not at zero.` : undefined;
  return {
    id: 'bridge',
    title,
    alt,
    spec: {
      ...chartFrame(title, model.currency, undefined, note),
      data: { values: bars },
      encoding: {
        x: {
          field: 'label',
          type: 'ordinal',
          sort: null,
          title: null,
          axis: { labelAngle: 0, labelExpr: 'shopstatWrap(datum.value, 14)', labelLimit: 0, ticks: false },
        },
      },
      layer: [
        {
          mark: { type: 'bar', width: { band: 0.6 } },
          encoding: {
            y: {
              field: 'low',
              type: 'quantitative',
              title: `Revenue (${model.currency})`,
              scale: { zero: false, domainMin: floor, nice: false },
              axis: { labelExpr: MONEY_LABELS, tickCount: 5 },
            },
            y2: { field: 'high' },
            color: {
              field: 'kind',
              type: 'nominal',
              title: null,
              scale: {
                domain: ['Total', 'Increase', 'Decrease'],
                range: [CHART_COLOURS.neutral, CHART_COLOURS.increase, CHART_COLOURS.decrease],
              },
            },
          },
        },
        {
          mark: { type: 'text', dy: -7, fontWeight: 'bold' },
          encoding: {
            y: { field: 'high', type: 'quantitative' },
            text: { field: 'text', type: 'nominal' },
          },
        },
      ],
    },
  };
}
