import { formatCount } from '../format.ts';
import type { QualitySection, ReportModel } from '../model.ts';
import type { ChartSpec } from './chart-spec.ts';
import { labelledBarsSpec } from './chart-spec.ts';
import { CHART_COLOURS } from './palette.ts';

/**
 * The data-quality funnel: rows at each stage (raw rows read, bronze, quarantine, silver orders,
 * valid orders) as horizontal bars on a linear axis, each with its count. `null` without stages.
 */
export function qualityChart(section: QualitySection, model: ReportModel): ChartSpec | null {
  if (section.funnel.length === 0) return null;
  const rows = section.funnel.map((s, order) => ({
    order,
    stage: s.stage,
    rows: s.rows,
    text: formatCount(s.rows),
    group: /quarantine/i.test(s.stage) ? 'Quarantine' : 'Stage',
  }));
  const title = 'Rows through the data pipeline';
  const alt = `Rows at each data-quality stage: ${rows.map((r) => `${r.stage} ${r.text}`).join(', ')}.`;
  const height = Math.max(180, 70 + rows.length * 30);
  return {
    id: 'quality',
    title,
    alt,
    spec: labelledBarsSpec({
      title,
      currency: model.currency,
      height,
      rows,
      category: 'stage',
      value: 'rows',
      valueTitle: 'Rows',
      headroom: 1.15,
      labelExpr: 'shopstatCount(datum.value)',
      tickCount: 4,
      groups: [
        ['Stage', CHART_COLOURS.main],
        ['Quarantine', CHART_COLOURS.decrease],
      ],
    }),
  };
}
