import { formatMoney } from '../format.ts';
import type { ReportModel, SeasonalSection } from '../model.ts';
import type { ChartSpec } from './chart-spec.ts';
import { chartFrame, MONEY_LABELS } from './chart-spec.ts';
import { CHART_COLOURS } from './palette.ts';

/** `customer spending per month by quarter` → `Customer spending per month by quarter`. */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The mean of each group as a point with its 95 % confidence interval as an error bar (groups
 * below two observations have a point and no bar). The axis does not start at zero: intervals are
 * read against each other, not against zero. `null` when no group has a mean.
 */
export function seasonalChart(section: SeasonalSection, model: ReportModel): ChartSpec | null {
  const money = (v: number | null) => formatMoney(v, model.currency);
  const rows = section.groups
    .filter((g) => g.mean !== null)
    .map((g, order) => ({
      order,
      group: g.group,
      mean: g.mean,
      ciLow: g.ciLow,
      ciHigh: g.ciHigh,
      text: money(g.mean),
    }));
  if (rows.length === 0) return null;
  const title = `${capitalise(section.question)}: mean with 95 % CI`;
  const alt =
    `Mean ${section.question} with 95 % confidence intervals: ` +
    section.groups
      .map(
        (g) =>
          `${g.group} ${money(g.mean)}` +
          (g.ciLow === null || g.ciHigh === null ? '' : ` (${money(g.ciLow)} to ${money(g.ciHigh)})`),
      )
      .join(', ') +
    '.';
  return {
    id: 'seasonal',
    title,
    alt,
    spec: {
      ...chartFrame(title, model.currency),
      data: { values: rows },
      encoding: {
        x: {
          field: 'group',
          type: 'ordinal',
          sort: null,
          title: null,
          axis: { labelAngle: 0, ticks: false },
        },
      },
      layer: [
        {
          transform: [{ filter: 'isValid(datum.ciLow) && isValid(datum.ciHigh)' }],
          mark: { type: 'rule', strokeWidth: 2, color: CHART_COLOURS.main },
          encoding: {
            y: {
              field: 'ciLow',
              type: 'quantitative',
              title: `Mean (${model.currency}), 95 % CI`,
              scale: { zero: false },
              axis: { labelExpr: MONEY_LABELS, tickCount: 5 },
            },
            y2: { field: 'ciHigh' },
          },
        },
        {
          transform: [{ filter: 'isValid(datum.ciLow) && isValid(datum.ciHigh)' }],
          mark: { type: 'tick', orient: 'horizontal', size: 18, thickness: 2, color: CHART_COLOURS.main },
          encoding: { y: { field: 'ciLow', type: 'quantitative' } },
        },
        {
          transform: [{ filter: 'isValid(datum.ciLow) && isValid(datum.ciHigh)' }],
          mark: { type: 'tick', orient: 'horizontal', size: 18, thickness: 2, color: CHART_COLOURS.main },
          encoding: { y: { field: 'ciHigh', type: 'quantitative' } },
        },
        {
          mark: { type: 'point', filled: true, size: 80, color: CHART_COLOURS.highlight, opacity: 1 },
          encoding: { y: { field: 'mean', type: 'quantitative' } },
        },
        {
          mark: { type: 'text', align: 'left', dx: 14 },
          encoding: { y: { field: 'mean', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
        },
      ],
    },
  };
}
