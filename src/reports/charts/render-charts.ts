import type { ReportModel, ReportSection } from '../model.ts';
import { bridgeChart } from './bridge-chart.ts';
import { channelsChart } from './channels-chart.ts';
import type { Chart } from './chart.ts';
import type { ChartSpec } from './chart-spec.ts';
import { geographyChart } from './geography-chart.ts';
import { qualityChart } from './quality-chart.ts';
import { seasonalChart } from './seasonal-chart.ts';
import { trendChart } from './trend-chart.ts';
import { renderVegaLiteSvg } from './vega-svg.ts';

/** The chart spec of one section, `null` for an omitted section, one without a chart or no data. */
export function chartSpecFor(section: ReportSection, model: ReportModel): ChartSpec | null {
  if (section.status === 'omitted') return null;
  switch (section.id) {
    case 'trend':
      return trendChart(section, model);
    case 'bridge':
      return bridgeChart(section, model);
    case 'channels':
      return channelsChart(section, model);
    case 'geography':
      return geographyChart(section, model);
    case 'seasonal':
      return seasonalChart(section, model);
    case 'quality':
      return qualityChart(section, model);
    case 'headline':
    case 'cancellations':
      return null;
  }
}

/**
 * Every chart whose section is present, in the model's section order, rendered to SVG in Node
 * (Vega-Lite → Vega, renderer `'none'`, `view.toSVG()`): no browser, no canvas. A present section
 * with nothing to plot (no months, no stages, no group mean) has no chart. Same model → the same
 * SVG bytes: no ids, dates or randomness enter the output.
 *
 * @example
 * const charts = await renderCharts(model);
 * charts.map((c) => c.id); // ['trend', 'bridge', 'channels', 'geography', 'seasonal', 'quality']
 */
export async function renderCharts(model: ReportModel): Promise<Chart[]> {
  const charts: Chart[] = [];
  for (const section of model.sections) {
    const spec = chartSpecFor(section, model);
    if (spec === null) continue;
    const { svg, width, height } = await renderVegaLiteSvg(spec.spec, spec.alt, `chart-${spec.id}-`);
    charts.push({ id: spec.id, title: spec.title, alt: spec.alt, svg, width, height });
  }
  return charts;
}
