import { describe, expect, it } from 'vitest';
import { type Chart, renderCharts } from '../../../src/reports/charts/index.ts';
import { renderHtmlReport } from '../../../src/reports/html/index.ts';
import type { ReportModel } from '../../../src/reports/model.ts';
import { FIXTURE_MODEL, FIXTURE_MODEL_OMITTED } from '../fixtures/model.ts';

async function report(model: ReportModel, charts?: readonly Chart[]): Promise<string> {
  return renderHtmlReport(model, { charts: charts ?? (await renderCharts(model)) });
}

/** Every start tag of the page with its attributes. Data text is escaped, so `<` only opens our tags. */
function startTags(html: string): { name: string; attrs: Map<string, string> }[] {
  return [...html.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: (m[1] ?? '').toLowerCase(),
    attrs: new Map(
      [...(m[2] ?? '').matchAll(/([^\s=]+)(?:="([^"]*)")?/g)].map((a) => [
        (a[1] ?? '').toLowerCase(),
        a[2] ?? '',
      ]),
    ),
  }));
}

/** The text of the `<style>` element. */
function css(html: string): string {
  return /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
}

describe('renderHtmlReport', () => {
  it('renders the full review as in its snapshot (fixed data, the model’s own generation time)', async () => {
    await expect(await report(FIXTURE_MODEL)).toMatchFileSnapshot('__snapshots__/fixture-model.html');
  });

  it('renders the review with omitted sections as in its snapshot', async () => {
    await expect(await report(FIXTURE_MODEL_OMITTED)).toMatchFileSnapshot(
      '__snapshots__/fixture-model-omitted.html',
    );
  });

  it('is the same page twice: no clock, no randomness', async () => {
    expect(await report(FIXTURE_MODEL)).toBe(await report(FIXTURE_MODEL));
  });

  it('shows <script>alert(1)</script> only escaped, and the page has no script at all', async () => {
    const html = await report(FIXTURE_MODEL);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script/i);
    expect(startTags(html).filter((t) => [...t.attrs.keys()].some((k) => k.startsWith('on')))).toEqual([]);
    expect(html).not.toMatch(/javascript:/i);
  });

  it('shows =HYPERLINK(...) as text in a table cell, not as a link', async () => {
    const html = await report(FIXTURE_MODEL);
    // Handlebars escapes `=` too; the browser test reads it back as the text =HYPERLINK("http://x").
    expect(html).toContain('<th scope="row">&#x3D;HYPERLINK(&quot;http://x&quot;)</th>');
    expect(
      startTags(html)
        .filter((t) => t.name === 'a')
        .map((t) => t.attrs.get('href')),
    ).not.toContain('http://x');
  });

  it('makes no external reference: no link, script, iframe, import, or http(s) or // URL in src, href or url()', async () => {
    const html = await report(FIXTURE_MODEL);
    const tags = startTags(html);
    expect(
      tags.filter((t) => ['link', 'script', 'iframe', 'object', 'embed', 'img', 'base'].includes(t.name)),
    ).toEqual([]);
    const urls = tags.flatMap((t) =>
      ['src', 'href', 'xlink:href', 'srcset', 'action', 'poster', 'data'].flatMap((a) =>
        t.attrs.has(a) ? [t.attrs.get(a) ?? ''] : [],
      ),
    );
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^#[\w-]+$/);
    expect(css(html)).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:|\/\/)/i);
    expect(html).not.toMatch(/@font-face/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
  });

  it('has one h1, an h2 for each present section, scoped table headers and captions', async () => {
    const html = await report(FIXTURE_MODEL);
    const tags = startTags(html);
    expect(tags.filter((t) => t.name === 'h1')).toHaveLength(1);
    const h2 = [...html.matchAll(/<h2 id="([\w-]+)-title">/g)].map((m) => m[1]);
    expect(h2).toEqual([
      'findings',
      'headline',
      'trend',
      'bridge',
      'channels',
      'geography',
      'cancellations',
      'seasonal',
      'quality',
      'manifest',
    ]);
    const th = tags.filter((t) => t.name === 'th');
    expect(th.length).toBeGreaterThan(50);
    for (const t of th) expect(['col', 'row']).toContain(t.attrs.get('scope'));
    expect(tags.filter((t) => t.name === 'table').length).toBe(
      tags.filter((t) => t.name === 'caption').length,
    );
  });

  it('embeds each chart as an image with the alt text as its name', async () => {
    const charts = await renderCharts(FIXTURE_MODEL);
    const html = await report(FIXTURE_MODEL, charts);
    const svgs = startTags(html).filter((t) => t.name === 'svg');
    expect(svgs).toHaveLength(charts.length);
    for (const svg of svgs) {
      expect(svg.attrs.get('role')).toBe('img');
      expect(svg.attrs.get('viewbox')).toMatch(/^0 0 \d+ \d+$/);
    }
    expect(html).toContain(
      'aria-label="Revenue bridge from September 2025 (655.0k EUR) to October 2025 (612.3k EUR): Orders (volume) -45.7k EUR, AOV within channels +2.0k EUR, Channel mix +1.0k EUR."',
    );
  });

  it('lists ranked findings with a strength badge, most important first', async () => {
    const html = await report({ ...FIXTURE_MODEL, findings: [...FIXTURE_MODEL.findings].reverse() });
    const headlines = [
      ...html.matchAll(/<p class="finding-headline">([^<]*)<span class="badge badge-([\w-]+)">/g),
    ];
    expect(headlines.map((m) => m[1]?.slice(0, 24))).toEqual([
      'Revenue fell 6.5 % vs Se',
      'Customers are concentrat',
      'Mobile outperforms web i',
      'Seasonal spending differ',
    ]);
    expect(headlines.map((m) => m[2])).toEqual(['descriptive', 'descriptive', 'tested', 'tested']);
  });

  it('gives each KPI its change vs last month and last year with the direction in words', async () => {
    const html = await report(FIXTURE_MODEL);
    expect(html).toContain('<p class="kpi-value">612,346 EUR</p>');
    expect(html).toContain(
      '<li class="delta delta-down tone-bad"><span class="arrow" aria-hidden="true">▼</span> <span class="visually-hidden">down</span> -6.5 % (-42.7k EUR) <span class="against">vs September 2025</span></li>',
    );
    // A rising cancellation rate is bad news; the year comparison is missing.
    expect(html).toContain(
      '<li class="delta delta-up tone-bad"><span class="arrow" aria-hidden="true">▲</span> <span class="visually-hidden">up</span> +0.4 pp',
    );
    expect(html).toContain('no comparison <span class="against">vs October 2024</span>');
  });

  it('lists omitted sections with their reason and renders neither their heading nor their chart', async () => {
    const html = await report(FIXTURE_MODEL_OMITTED);
    expect(html).toContain(
      '<li><strong>Channels</strong>: No channel in this warehouse: its source export has none.</li>',
    );
    expect(html).toContain(
      '<li><strong>Cancellations and lost revenue</strong>: No cancelled orders in this warehouse: its source export records none.</li>',
    );
    expect(html).not.toContain('id="channels-title"');
    expect(html).not.toContain('Customer value by channel');
    expect(html).toContain('<h2 id="omitted-title">Not in this report</h2>');
  });

  it('puts the manifest in the footer: version, warehouse, input files with short and full hashes, layers, time zone, options', async () => {
    const html = await report(FIXTURE_MODEL);
    const footer = /<footer[\s\S]*<\/footer>/.exec(html)?.[0] ?? '';
    expect(footer).toContain('<dt>shopstat version</dt><dd>0.1.0</dd>');
    expect(footer).toContain('<dd>out/warehouse.duckdb (123,456,789 bytes)</dd>');
    expect(footer).toContain(`<code title="${'a'.repeat(64)}">${'a'.repeat(12)}…</code>`);
    expect(footer).toContain(`<code class="hash">${'a'.repeat(64)}</code>`);
    expect(footer).toContain('<th scope="row">bronze</th><td class="num">1,251,300</td>');
    expect(footer).toContain('<dt>Time zone</dt><dd>UTC</dd>');
    expect(footer).toContain('<th scope="row">includeCustomers</th><td>false</td>');
    expect(footer).toContain('<dt>Generated</dt><dd>2025-11-03 08:00:00 UTC</dd>');
  });

  it('renders a section without its chart as tables only, and a model with no findings or sections', async () => {
    const html = await report(FIXTURE_MODEL, []);
    expect(html).not.toContain('<svg');
    expect(html).toContain('Monthly figures in EUR, 24 months');
    const bare = await report({
      ...FIXTURE_MODEL,
      sections: [],
      findings: [],
      warnings: [{ code: 'x', message: 'A <b>warning</b>' }],
    });
    expect(bare).toContain('<p>No findings this month.</p>');
    expect(bare).toContain('<li>A &lt;b&gt;warning&lt;/b&gt;</li>');
  });
});
