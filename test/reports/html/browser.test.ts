import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCharts } from '../../../src/reports/charts/index.ts';
import { renderHtmlReport } from '../../../src/reports/html/index.ts';
import { FIXTURE_MODEL } from '../fixtures/model.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Screenshots and the PDF go here, outside the repository. */
const OUT_DIR = join(tmpdir(), 'shopstat-html-report');

if (!existsSync(CHROMIUM))
  console.log(`browser.test: skipped, ${CHROMIUM} is missing (CI installs Debian chromium)`);

describe.skipIf(!existsSync(CHROMIUM))('the HTML report in headless Chromium', () => {
  let browser: Browser | undefined;
  let fileUrl = '';

  beforeAll(async () => {
    await mkdir(OUT_DIR, { recursive: true });
    const html = renderHtmlReport(FIXTURE_MODEL, { charts: await renderCharts(FIXTURE_MODEL) });
    const file = join(OUT_DIR, 'fixture-model.html');
    await writeFile(file, html);
    fileUrl = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the report at a viewport width, recording requests, console errors and page errors. */
  async function open(width: number): Promise<{ page: Page; requests: string[]; errors: string[] }> {
    if (browser === undefined) throw new Error('no browser');
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    await page.goto(fileUrl, { waitUntil: 'load' });
    return { page, requests, errors };
  }

  for (const width of [390, 1280]) {
    it(`at ${width} px: no errors, no request but the file, charts drawn, no horizontal overflow`, async () => {
      const { page, requests, errors } = await open(width);
      try {
        expect(errors).toEqual([]);
        expect(requests).toEqual([fileUrl]);
        // Each chart's figure stays within the page (below 600 px it scrolls sideways itself).
        const charts = await page.$$eval('figure.chart', (figures) =>
          figures.map((f) => {
            const box = f.querySelector('svg')?.getBoundingClientRect();
            return {
              label: f.querySelector('svg')?.getAttribute('aria-label') ?? '',
              width: box?.width ?? 0,
              height: box?.height ?? 0,
              right: f.getBoundingClientRect().right,
            };
          }),
        );
        expect(charts).toHaveLength(6);
        for (const chart of charts) {
          expect(chart.width).toBeGreaterThan(300);
          expect(chart.height).toBeGreaterThan(80);
          expect(chart.right).toBeLessThanOrEqual(width);
          expect(chart.label.length).toBeGreaterThan(40);
        }
        const overflow = await page.evaluate<{ scroll: number; client: number }>(
          '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
        );
        expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
        const shot = join(OUT_DIR, `report-${width}.png`);
        await page.screenshot({ path: shot, fullPage: true });
        console.log(`screenshot: ${shot}`);
      } finally {
        await page.close();
      }
    });
  }

  it('reads hostile labels back as plain text and holds no script, no external URL', async () => {
    const { page } = await open(1280);
    try {
      // A string, so that this Node project needs no DOM types.
      const dom = await page.evaluate<{
        scripts: number;
        urls: string[];
        geography: string;
        cancellations: string;
        h1: number;
      }>(`({
        scripts: document.querySelectorAll('script, link, iframe, object, embed, img, base').length,
        urls: [...document.querySelectorAll('[src], [href]')].map((e) => e.getAttribute('src') ?? e.getAttribute('href')),
        geography: document.querySelector('#geography table')?.textContent ?? '',
        cancellations: document.querySelector('#cancellations table')?.textContent ?? '',
        h1: document.querySelectorAll('h1').length,
      })`);
      expect(dom.scripts).toBe(0);
      for (const url of dom.urls) expect(url).toMatch(/^#[\w-]+$/);
      expect(dom.geography).toContain('<script>alert(1)</script>');
      expect(dom.cancellations).toContain('=HYPERLINK("http://x")');
      expect(dom.h1).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('prints to a non-empty A4 PDF', async () => {
    const { page } = await open(1280);
    try {
      const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
      const path = join(OUT_DIR, 'report.pdf');
      await writeFile(path, pdf);
      console.log(`pdf: ${path} (${pdf.byteLength} bytes)`);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdf.byteLength).toBeGreaterThan(20_000);
      // A4 is 595.28 x 841.89 pt; Chromium writes the MediaBox rounded to its own units.
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
    } finally {
      await page.close();
    }
  });
});
