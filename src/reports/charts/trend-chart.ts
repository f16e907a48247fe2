import { formatMoneyCompact, monthLabel } from '../format.ts';
import type { ReportModel, TrendSection } from '../model.ts';
import type { ChartSpec } from './chart-spec.ts';
import { chartFrame, MONEY_LABELS } from './chart-spec.ts';
import { CHART_COLOURS } from './palette.ts';

/**
 * Revenue by month as bars, the report month in the highlight colour (and named in the legend).
 * `null` without months.
 */
export function trendChart(section: TrendSection, model: ReportModel): ChartSpec | null {
  const points = section.points;
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) return null;
  const current = points.find((p) => p.month === model.month);
  const highest = points.reduce((a, b) => (b.revenue > a.revenue ? b : a), first);
  const money = (v: number) => formatMoneyCompact(v, model.currency);
  const title = `Revenue by month, ${monthLabel(first.month)} to ${monthLabel(last.month)}`;
  const alt =
    `Revenue by month from ${monthLabel(first.month)} to ${monthLabel(last.month)}` +
    (current === undefined ? '' : `; ${monthLabel(current.month)}: ${money(current.revenue)}`) +
    `; highest ${monthLabel(highest.month)}: ${money(highest.revenue)}.`;
  const reportLabel = `${monthLabel(model.month)} (report month)`;
  const data = points.map((p) => ({
    month: p.month,
    revenue: p.revenue,
    which: p.month === model.month ? reportLabel : 'Other months',
  }));
  // Every third month labelled, counting back from the last, so the newest month always is.
  const labelled = points.filter((_, i) => (points.length - 1 - i) % 3 === 0).map((p) => p.month);
  return {
    id: 'trend',
    title,
    alt,
    spec: {
      ...chartFrame(title, model.currency),
      data: { values: data },
      mark: { type: 'bar' },
      encoding: {
        x: {
          field: 'month',
          type: 'ordinal',
          sort: null,
          title: null,
          axis: { values: labelled, labelExpr: 'shopstatMonth(datum.value)', labelAngle: 0, ticks: false },
        },
        y: {
          field: 'revenue',
          type: 'quantitative',
          title: `Revenue (${model.currency})`,
          axis: { labelExpr: MONEY_LABELS, tickCount: 5 },
        },
        color: {
          field: 'which',
          type: 'nominal',
          title: null,
          scale: {
            domain: ['Other months', reportLabel],
            range: [CHART_COLOURS.main, CHART_COLOURS.highlight],
          },
        },
      },
    },
  };
}
