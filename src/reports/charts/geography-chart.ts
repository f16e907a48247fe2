import { formatPercent, monthLabel } from '../format.ts';
import type { GeographySection, ReportModel } from '../model.ts';
import type { ChartSpec } from './chart-spec.ts';
import { labelledBarsSpec } from './chart-spec.ts';
import { CHART_COLOURS } from './palette.ts';

/**
 * The top countries' shares of the month's revenue as horizontal bars, the rest as one grey
 * "others" bar. `null` when no member has a share.
 */
export function geographyChart(section: GeographySection, model: ReportModel): ChartSpec | null {
  const rows = section.members
    .filter((m) => m.revenueShare !== null)
    .map((m, order) => ({ order, member: m.member, share: m.revenueShare ?? 0, group: 'Country' }));
  if (rows.length === 0) return null;
  const others = section.others;
  if (others !== null && others.revenueShare !== null && others.count > 0) {
    rows.push({
      order: rows.length,
      member: `${others.count} other ${others.count === 1 ? 'country' : 'countries'}`,
      share: others.revenueShare,
      group: 'Others',
    });
  }
  const labelled = rows.map((r) => ({ ...r, text: formatPercent(r.share) }));
  const title = `Revenue share by country, ${monthLabel(model.month)}`;
  const alt = `Share of ${monthLabel(model.month)} revenue by country: ${labelled
    .map((r) => `${r.member} ${r.text}`)
    .join(', ')}.`;
  const height = Math.max(180, 70 + labelled.length * 26);
  return {
    id: 'geography',
    title,
    alt,
    spec: labelledBarsSpec({
      title,
      currency: model.currency,
      height,
      rows: labelled,
      category: 'member',
      value: 'share',
      valueTitle: 'Share of revenue',
      headroom: 1.12,
      labelExpr: 'shopstatPercent(datum.value)',
      tickCount: 5,
      groups: [
        ['Country', CHART_COLOURS.main],
        ['Others', CHART_COLOURS.neutral],
      ],
    }),
  };
}
