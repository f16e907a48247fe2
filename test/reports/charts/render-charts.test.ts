import { describe, expect, it } from 'vitest';
import { CHART_IDS, type Chart, chartToPng, renderCharts } from '../../../src/reports/charts/index.ts';
import { wrapWords } from '../../../src/reports/charts/vega-svg.ts';
import type { ReportModel, ReportSection } from '../../../src/reports/model.ts';
import { FIXTURE_MODEL, FIXTURE_MODEL_OMITTED } from '../fixtures/model.ts';

function byId(charts: readonly Chart[], id: Chart['id']): Chart {
  const chart = charts.find((c) => c.id === id);
  if (chart === undefined) throw new Error(`no chart ${id}`);
  return chart;
}

function withSection(model: ReportModel, section: ReportSection): ReportModel {
  return { ...model, sections: model.sections.map((s) => (s.id === section.id ? section : s)) };
}

describe('renderCharts', () => {
  it('renders one chart per charted section, in section order, each an SVG with a viewBox', async () => {
    const charts = await renderCharts(FIXTURE_MODEL);
    expect(charts.map((c) => c.id)).toEqual([...CHART_IDS]);
    for (const chart of charts) {
      expect(chart.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(chart.svg).toContain(`viewBox="0 0 ${chart.width} ${chart.height}"`);
      expect(chart.svg).toContain('role="img"');
      expect(chart.svg.endsWith('</svg>')).toBe(true);
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.height).toBeGreaterThan(100);
      expect(chart.title.length).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same model gives byte-identical SVG', async () => {
    const first = await renderCharts(FIXTURE_MODEL);
    const second = await renderCharts(FIXTURE_MODEL);
    expect(second.map((c) => c.svg)).toEqual(first.map((c) => c.svg));
    for (const chart of first) expect(chart.svg).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
  });

  it('says in the alt text what each chart shows, with its key figure, and puts it in the SVG title', async () => {
    const charts = await renderCharts(FIXTURE_MODEL);
    // The fixture's trend point of 2025-10: orders 8000 + 21 * 120 = 10,520 at AOV 62.25 → 654,870 EUR.
    expect(byId(charts, 'trend').alt).toContain(
      'Revenue by month from January 2024 to December 2025; October 2025: 654.9k EUR',
    );
    expect(byId(charts, 'bridge').alt).toBe(
      'Revenue bridge from September 2025 (655.0k EUR) to October 2025 (612.3k EUR): ' +
        'Orders (volume) -45.7k EUR, AOV within channels +2.0k EUR, Channel mix +1.0k EUR.',
    );
    expect(byId(charts, 'channels').alt).toContain('mobile 76.00 EUR per customer, AOV 62.30 EUR');
    expect(byId(charts, 'geography').alt).toContain('IN 62.0 %');
    expect(byId(charts, 'geography').alt).toContain('4 other countries 10.0 %');
    expect(byId(charts, 'seasonal').alt).toContain('Q4 78.80 EUR (77.90 EUR to 79.70 EUR)');
    expect(byId(charts, 'quality').alt).toContain('raw rows read 1,254,000');
    for (const chart of charts) {
      expect(chart.svg).toContain(
        `<title>${chart.alt.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>`,
      );
    }
  });

  it('escapes labels from data: a member named <script>alert(1)</script> never appears as markup', async () => {
    const charts = await renderCharts(FIXTURE_MODEL);
    const geography = byId(charts, 'geography');
    expect(geography.svg).toContain('&lt;script&gt;alert(1)');
    for (const chart of charts) {
      expect(chart.svg).not.toMatch(/<script/i);
      expect(chart.svg).not.toMatch(/<(foreignObject|iframe|a)\b/i);
      expect(chart.svg).not.toMatch(/\son\w+=/i);
    }
  });

  it('writes axes in the model currency', async () => {
    const charts = await renderCharts({ ...FIXTURE_MODEL, currency: 'BRL' });
    expect(byId(charts, 'trend').svg).toMatch(/>\d+(\.\d)?k BRL</);
    expect(byId(charts, 'trend').svg).not.toContain('EUR');
    expect(byId(charts, 'bridge').alt).toContain('655.0k BRL');
  });

  it('gives each chart its own clip-path and gradient ids, so charts inlined in one page never collide', async () => {
    const charts = await renderCharts(FIXTURE_MODEL);
    for (const chart of charts) {
      for (const [, id] of chart.svg.matchAll(/\bid="([^"]+)"/g))
        expect(id).toMatch(new RegExp(`^chart-${chart.id}-`));
    }
  });

  it('renders no chart for an omitted section', async () => {
    const charts = await renderCharts(FIXTURE_MODEL_OMITTED);
    expect(charts.map((c) => c.id)).toEqual(['trend', 'bridge', 'geography', 'seasonal', 'quality']);
  });

  it('renders no chart for a present section with nothing to plot, and nothing for no sections', async () => {
    const trend = FIXTURE_MODEL.sections.find((s) => s.id === 'trend');
    if (trend?.id !== 'trend' || trend.status !== 'present') throw new Error('fixture has a trend');
    const empty = withSection(FIXTURE_MODEL, { ...trend, points: [] });
    expect((await renderCharts(empty)).map((c) => c.id)).not.toContain('trend');
    expect(await renderCharts({ ...FIXTURE_MODEL, sections: [] })).toEqual([]);
  });

  it('draws a seasonal group without a confidence interval as a point only', async () => {
    const seasonal = FIXTURE_MODEL.sections.find((s) => s.id === 'seasonal');
    if (seasonal?.id !== 'seasonal' || seasonal.status !== 'present') throw new Error('fixture has seasonal');
    const groups = [
      ...seasonal.groups.slice(0, 3),
      { group: 'Q4', n: 1, mean: 80, median: 80, ciLow: null, ciHigh: null },
    ];
    const charts = await renderCharts(withSection(FIXTURE_MODEL, { ...seasonal, groups }));
    expect(byId(charts, 'seasonal').alt).toContain('Q4 80.00 EUR.');
  });

  it('renders a chart in well under 100 ms once Vega is warm', async () => {
    await renderCharts(FIXTURE_MODEL);
    const start = performance.now();
    const charts = await renderCharts(FIXTURE_MODEL);
    const perChart = (performance.now() - start) / charts.length;
    console.log(`chart render: ${perChart.toFixed(1)} ms a chart (${charts.length} charts)`);
    expect(perChart).toBeLessThan(100);
  });
});

describe('chartToPng', () => {
  it('gives PNG bytes of the chart at twice its size by default', async () => {
    const [chart] = await renderCharts(FIXTURE_MODEL);
    if (chart === undefined) throw new Error('no chart');
    const png = chartToPng(chart);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    // IHDR width and height at bytes 16 and 20.
    expect(view.getUint32(16)).toBe(chart.width * 2);
    expect(view.getUint32(20)).toBe(chart.height * 2);
    expect(png.byteLength).toBeGreaterThan(5_000);
    expect(png.byteLength).toBeLessThan(1_000_000);
    const small = chartToPng(chart, 1);
    expect(new DataView(small.buffer, small.byteOffset, small.byteLength).getUint32(16)).toBe(chart.width);
  });

  it('refuses a scale that is not a positive number, naming it', async () => {
    const [chart] = await renderCharts(FIXTURE_MODEL);
    if (chart === undefined) throw new Error('no chart');
    expect(() => chartToPng(chart, 0)).toThrow(/chartToPng needs a scale in \(0, 8\], got 0/);
    expect(() => chartToPng(chart, Number.NaN)).toThrow(/got NaN/);
  });
});

describe('wrapWords', () => {
  it('breaks at spaces within the width and keeps a long word whole', () => {
    expect(wrapWords('AOV within channels', 14)).toEqual(['AOV within', 'channels']);
    expect(wrapWords('Supercalifragilistic word', 10)).toEqual(['Supercalifragilistic', 'word']);
    expect(wrapWords('', 10)).toEqual(['']);
  });
});
