import {
  formatChangeRatio,
  formatCount,
  formatMoney,
  formatMoneyCompact,
  formatPercent,
  formatPointChange,
  monthLabel,
} from '../format.ts';
import type { HeadlineSection, Kpi, ReportModel } from '../model.ts';
import type { DeltaView, KpiView } from './view.ts';

/** Figures where a rise is bad news; for the others a rise is good news. */
const LOWER_IS_BETTER: ReadonlySet<Kpi['id']> = new Set(['cancellation_rate', 'lost_revenue']);

/** A KPI's value: money whole from a thousand up (cents below), counts grouped, rates in %. */
export function kpiValue(unit: Kpi['unit'], value: number | null, currency: string): string {
  switch (unit) {
    case 'money':
      return formatMoney(value, currency, value !== null && Math.abs(value) >= 1000 ? 0 : 2);
    case 'count':
      return formatCount(value);
    case 'rate':
      return formatPercent(value);
  }
}

/** A signed absolute change: `+42.3k EUR`, `-740`, `+0.4 pp`. */
function signedChange(unit: Kpi['unit'], delta: number, currency: string): string {
  if (unit === 'rate') return formatPointChange(delta);
  const text = unit === 'money' ? formatMoneyCompact(delta, currency) : formatCount(delta);
  return delta > 0 ? `+${text}` : text;
}

/**
 * One comparison of a KPI: the direction by the sign of the change, in words and an arrow (not by
 * colour alone), the relative change where there is one, and the absolute change.
 */
export function deltaView(
  kpi: Kpi,
  delta: number | null,
  ratio: number | null,
  against: string,
  currency: string,
): DeltaView {
  if (delta === null) {
    return { direction: 'none', tone: 'neutral', arrow: '–', word: '', text: 'no comparison', against };
  }
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const better = LOWER_IS_BETTER.has(kpi.id) ? delta < 0 : delta > 0;
  const tone = direction === 'flat' ? 'neutral' : better ? 'good' : 'bad';
  const absolute = signedChange(kpi.unit, delta, currency);
  const text = kpi.unit !== 'rate' && ratio !== null ? `${formatChangeRatio(ratio)} (${absolute})` : absolute;
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '▬';
  const word = direction === 'up' ? 'up' : direction === 'down' ? 'down' : 'unchanged';
  return { direction, tone, arrow, word, text, against };
}

/** The headline section's KPI cards: each figure with its change vs last month and last year. */
export function kpiViews(section: HeadlineSection, model: ReportModel): KpiView[] {
  const lastMonth = `vs ${monthLabel(section.previousMonth)}`;
  const lastYear = `vs ${monthLabel(section.previousYear)}`;
  return section.kpis.map((kpi) => ({
    label: kpi.label,
    value: kpiValue(kpi.unit, kpi.value, model.currency),
    deltas: [
      deltaView(kpi, kpi.deltaMonth, kpi.deltaMonthRatio, lastMonth, model.currency),
      deltaView(kpi, kpi.deltaYear, kpi.deltaYearRatio, lastYear, model.currency),
    ],
  }));
}
