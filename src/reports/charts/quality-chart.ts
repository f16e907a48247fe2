import { formatCount } from '../format.ts';
import type { QualitySection, ReportModel } from '../model.ts';
import type { ChartSpec } from './chart-spec.ts';
import { chartFrame } from './chart-spec.ts';
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
    spec: {
      ...chartFrame(title, model.currency, height),
      data: { values: rows },
      encoding: {
        y: {
          field: 'stage',
          type: 'nominal',
          sort: null,
          title: null,
          axis: { ticks: false, labelLimit: 160 },
        },
        x: {
          field: 'rows',
          type: 'quantitative',
          title: 'Rows',
          scale: { domain: [0, Math.max(...rows.map((r) => r.rows)) * 1.15] },
          axis: { labelExpr: 'shopstatCount(datum.value)', tickCount: 4 },
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
              scale: { domain: ['Stage', 'Quarantine'], range: [CHART_COLOURS.main, CHART_COLOURS.decrease] },
            },
          },
        },
        {
          mark: { type: 'text', align: 'left', dx: 4 },
          encoding: { text: { field: 'text', type: 'nominal' } },
        },
      ],
    },
  };
}
