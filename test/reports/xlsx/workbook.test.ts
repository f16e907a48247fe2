import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXCEL_FORMATS } from '../../../src/reports/format.ts';
import { buildReportWorkbook } from '../../../src/reports/xlsx/index.ts';
import { FIXTURE_MODEL, FIXTURE_MODEL_OMITTED } from '../fixtures/model.ts';
import {
  readWorkbook,
  rowOf,
  rowValues,
  sheet,
  TINY_PNG,
  tableRefs,
  writeWorkbook,
  zipParts,
} from './support.ts';

const EUR = '#,##0.00 "EUR"';
const SIGNED_EUR = '+#,##0.00 "EUR";-#,##0.00 "EUR";#,##0.00 "EUR"';

const ALL_SHEETS = [
  'Summary',
  'Trend',
  'Bridge',
  'Channels',
  'Geography',
  'Cancellations',
  'Seasonal',
  'Quality',
  'Headline data',
  'Trend data',
  'Bridge data',
  'Channels data',
  'Geography data',
  'Cancellations data',
  'Seasonal data',
  'Quality data',
  'About',
];

/** The sqref of every conditional formatting of a sheet, as exceljs reads them back. */
function conditionalRefs(ws: ExcelJS.Worksheet): string[] {
  const cfs = (ws as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings;
  return cfs.map((cf) => cf.ref);
}

describe('the review workbook of FIXTURE_MODEL', () => {
  let bytes: Buffer;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    bytes = await writeWorkbook(FIXTURE_MODEL, {
      charts: [
        {
          id: 'trend',
          title: 'Revenue, 24 months',
          alt: 'Revenue rises.',
          png: TINY_PNG,
          width: 640,
          height: 320,
        },
        {
          id: 'bridge-waterfall',
          title: 'Bridge',
          alt: 'Volume drags.',
          png: TINY_PNG,
          width: 400,
          height: 200,
        },
      ],
    });
    workbook = await readWorkbook(bytes);
  });

  it('has the Summary first, a sheet per section, a Data sheet per section and About last', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(ALL_SHEETS);
  });

  it('is made by shopstat at the manifest time, not the clock', () => {
    expect(workbook.creator).toBe('shopstat');
    expect(workbook.created.toISOString()).toBe('2025-11-03T08:00:00.000Z');
    expect(workbook.modified.toISOString()).toBe('2025-11-03T08:00:00.000Z');
  });

  it('writes the same parts for the same model', async () => {
    const again = zipParts(await writeWorkbook(FIXTURE_MODEL));
    const first = zipParts(await writeWorkbook(FIXTURE_MODEL));
    expect(Object.keys(again).sort()).toEqual(Object.keys(first).sort());
    for (const name of Object.keys(first)) expect(again[name], name).toBe(first[name]);
  });

  it('opens the Summary with title, month, ranked findings, generation time and version', () => {
    const ws = sheet(workbook, 'Summary');
    expect(ws.getCell('A1').value).toBe('Monthly business review: October 2025');
    expect(rowValues(ws, 2, 2)).toEqual(['Month', 'October 2025 (2025-10)']);
    expect(rowValues(ws, rowOf(ws, 'Generated at'), 2)).toEqual(['Generated at', '2025-11-03T08:00:00.000Z']);
    expect(rowValues(ws, rowOf(ws, 'shopstat version'), 2)).toEqual(['shopstat version', '0.1.0']);
    const header = rowOf(ws, 'Findings, most important first') + 1;
    expect(rowValues(ws, header, 5)).toEqual(['#', 'Finding', 'Detail', 'Evidence', 'Section']);
    expect(rowValues(ws, header + 1, 5)).toEqual([
      1,
      FIXTURE_MODEL.findings[0]?.headline,
      FIXTURE_MODEL.findings[0]?.detail,
      'descriptive only',
      'bridge',
    ]);
    expect(ws.getCell(header + 3, 4).value).toBe('tested');
    expect(rowValues(ws, rowOf(ws, 'Left out of this review') + 1, 1)).toEqual([
      'Nothing: every section has data.',
    ]);
  });

  it('puts the headline figures on the Summary with values, changes and their formats', () => {
    const ws = sheet(workbook, 'Summary');
    const header = rowOf(ws, 'Headline figures') + 1;
    expect(rowValues(ws, header, 8)).toEqual([
      'Figure',
      'This month (October 2025)',
      'Last month (September 2025)',
      'Change vs last month',
      '% vs last month',
      'Last year (October 2024)',
      'Change vs last year',
      '% vs last year',
    ]);
    const revenue = ws.getRow(header + 1);
    expect(revenue.getCell(2).value).toBe(612345.67);
    expect(revenue.getCell(2).numFmt).toBe(EUR);
    expect(revenue.getCell(4).numFmt).toBe(SIGNED_EUR);
    expect(revenue.getCell(5).value).toBe(-0.0651);
    expect(revenue.getCell(5).numFmt).toBe(EXCEL_FORMATS.changePercent);
    const orders = ws.getRow(header + 2);
    expect(orders.getCell(2).numFmt).toBe(EXCEL_FORMATS.count);
    expect(orders.getCell(4).numFmt).toBe('+#,##0;-#,##0;#,##0');
    const rate = ws.getRow(header + 4);
    expect(rate.getCell(1).value).toBe('Cancellation rate');
    expect(rate.getCell(2).numFmt).toBe(EXCEL_FORMATS.percent);
    // +0.4 percentage points, stored in points.
    expect(rate.getCell(4).value).toBeCloseTo(0.4, 12);
    expect(rate.getCell(4).numFmt).toBe('+0.0" pp";-0.0" pp";0.0" pp"');
    // No comparison a year back: an en dash, not 0.
    expect(rate.getCell(6).value).toBe('–');
  });

  it('colours every change cell of the headline table', () => {
    const ws = sheet(workbook, 'Summary');
    const first = rowOf(ws, 'Headline figures') + 2;
    const refs = conditionalRefs(ws);
    for (const col of ['D', 'E', 'G', 'H']) {
      for (let r = first; r < first + 4; r += 1) expect(refs, `${col}${r}`).toContain(`${col}${r}`);
    }
    expect(refs).not.toContain(`B${first}`);
  });

  it('lays the trend out as a 24-month table with a frozen header, a filter and formats', () => {
    const ws = sheet(workbook, 'Trend');
    expect(ws.getCell('A1').value).toBe('Revenue trend');
    expect(ws.getCell('A2').value).toBe('Revenue over the last 3 months vs the 3 before: +2.1 %.');
    const header = rowOf(ws, 'Month');
    expect(rowValues(ws, header, 8)).toEqual([
      'Month',
      'Revenue',
      'Orders',
      'AOV',
      'Active customers',
      'New customers',
      'Cancelled orders',
      'Lost revenue',
    ]);
    expect(ws.getCell(header, 1).font?.bold).toBe(true);
    expect(ws.getCell(header, 1).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    expect(tableRefs(ws)).toEqual({ Trend_Months: `A${header}:H${header + 24}` });
    expect(ws.getCell(header + 1, 1).value).toBe('2024-01');
    expect(ws.getCell(header + 24, 1).value).toBe('2025-12');
    expect(ws.getCell(header + 1, 2).numFmt).toBe(EUR);
    expect(ws.getCell(header + 1, 3).numFmt).toBe(EXCEL_FORMATS.count);
    expect(ws.getColumn(1).width).toBe(10);
    expect(ws.getColumn(2).width).toBeGreaterThan(ws.getColumn(1).width ?? 0);
  });

  it('shows the bridge bars and segments with signed, coloured effects', () => {
    const ws = sheet(workbook, 'Bridge');
    expect(ws.getCell('A2').value).toBe(
      'October 2025 revenue fell 6.5 % (-42.7k EUR) vs September 2025: fewer orders explain -45.7k, higher AOV +3.0k; the drop is volume-driven, concentrated in channel web, mobile.',
    );
    const bars = rowOf(ws, 'Bar');
    const segments = rowOf(ws, 'Channel');
    expect(tableRefs(ws)).toEqual({
      Bridge_Bars: `A${bars}:C${bars + 5}`,
      Bridge_Segments: `A${segments}:I${segments + 2}`,
    });
    expect(ws.getCell(bars + 1, 3).numFmt).toBe(EUR);
    expect(ws.getCell(bars + 2, 3).numFmt).toBe(SIGNED_EUR);
    expect(ws.getCell(bars + 5, 3).numFmt).toBe(EUR);
    const refs = conditionalRefs(ws);
    expect(refs).toContain(`C${bars + 2}`);
    expect(refs).not.toContain(`C${bars + 1}`);
    expect(refs).toContain(`D${segments + 1}:D${segments + 2}`);
    expect(ws.getCell(segments + 1, 4).numFmt).toBe(SIGNED_EUR);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: bars });
  });

  it('gives channels their figures, shares as percentages and the test summary', () => {
    const ws = sheet(workbook, 'Channels');
    const header = rowOf(ws, 'Channel');
    expect(ws.getCell(header, 3).value).toBe('Share of revenue');
    expect(ws.getCell(header + 1, 3).value).toBe(0.6206);
    expect(ws.getCell(header + 1, 3).numFmt).toBe(EXCEL_FORMATS.percent);
    expect(ws.getCell(header + 1, 2).numFmt).toBe(EUR);
    expect(rowValues(ws, rowOf(ws, 'Test'), 2)).toEqual(['Test', 'Welch ANOVA']);
    expect(rowValues(ws, rowOf(ws, 'Statistic (F)'), 2)).toEqual(['Statistic (F)', 41.7]);
    expect(rowValues(ws, rowOf(ws, 'Degrees of freedom'), 2)).toEqual(['Degrees of freedom', '1, 5,210.4']);
    const p = ws.getCell(rowOf(ws, 'p-value'), 2);
    expect(p.value).toBe(1.2e-10);
    expect(p.numFmt).toBe('[<0.001]"<0.001";0.000');
    expect(rowValues(ws, rowOf(ws, 'Effect size (omega²)'), 2)).toEqual(['Effect size (omega²)', 0.004]);
    expect(rowValues(ws, rowOf(ws, 'Effect size is'), 2)).toEqual(['Effect size is', 'negligible']);
  });

  it('ends the geography table with the others row and gives HHI and top shares', () => {
    const ws = sheet(workbook, 'Geography');
    const header = rowOf(ws, 'Country');
    expect(tableRefs(ws)).toEqual({ Geography_Countries: `A${header}:J${header + 4}` });
    expect(rowValues(ws, header + 4, 3)).toEqual(['Others (4 countries)', 61234.58, 0.1]);
    expect(ws.getCell(header + 4, 4).value).toBe('–');
    expect(rowValues(ws, rowOf(ws, 'HHI of revenue shares (0-1)'), 2)).toEqual([
      'HHI of revenue shares (0-1)',
      0.4326,
    ]);
    expect(ws.getCell(rowOf(ws, 'Top 3 share of revenue'), 2).numFmt).toBe(EXCEL_FORMATS.percent);
  });

  it('breaks cancellations down by payment method with rates', () => {
    const ws = sheet(workbook, 'Cancellations');
    const header = rowOf(ws, 'Payment method');
    expect(rowValues(ws, header, 6)).toEqual([
      'Payment method',
      'Orders',
      'Cancelled orders',
      'Cancellation rate',
      'Lost revenue',
      'Share of lost revenue',
    ]);
    expect(ws.getCell(header + 2, 4).value).toBe(0.0614);
    expect(ws.getCell(header + 2, 4).numFmt).toBe(EXCEL_FORMATS.percent);
  });

  it('gives the seasonal groups with mean and interval, and the test', () => {
    const ws = sheet(workbook, 'Seasonal');
    const header = rowOf(ws, 'Group');
    expect(rowValues(ws, header + 4, 6)).toEqual(['Q4', 41000, 78.8, 61.5, 77.9, 79.7]);
    expect(rowValues(ws, rowOf(ws, 'Statistic (H)'), 2)).toEqual(['Statistic (H)', 18.3]);
    expect(rowValues(ws, rowOf(ws, 'Degrees of freedom'), 2)).toEqual(['Degrees of freedom', '3']);
    expect(rowValues(ws, rowOf(ws, 'Effect size is'), 2)).toEqual(['Effect size is', 'small']);
  });

  it('puts the funnel, quarantine, alerts and drift on the Quality sheet, each a filtered table', () => {
    const ws = sheet(workbook, 'Quality');
    expect(Object.keys(tableRefs(ws)).sort()).toEqual([
      'Quality_Alerts',
      'Quality_Drift',
      'Quality_Funnel',
      'Quality_Quarantine',
    ]);
    const funnel = rowOf(ws, 'Stage');
    expect(rowValues(ws, funnel + 1, 2)).toEqual(['raw rows read', 1_254_000]);
    expect(ws.getCell(funnel + 1, 2).numFmt).toBe(EXCEL_FORMATS.count);
    const tableXml = Object.entries(zipParts(bytes)).filter(([name]) => name.startsWith('xl/tables/'));
    // Summary 2 (findings, figures; nothing omitted), Trend 1, Bridge 2, Channels, Geography,
    // Cancellations, Seasonal 1 each, Quality 4, About 3.
    expect(tableXml.length).toBe(16);
    for (const [name, xml] of tableXml) expect(xml, name).toMatch(/<autoFilter ref="[A-Z]+\d+:[A-Z]+\d+"/);
  });

  it('gives every Data sheet a header in row 1, a frozen header and an autofilter over its rows', () => {
    const expected: Record<string, string> = {
      'Headline data': 'A1:I5',
      'Trend data': 'A1:H25',
      'Bridge data': 'A1:I3',
      'Channels data': 'A1:J3',
      'Geography data': 'A1:J5',
      'Cancellations data': 'A1:F4',
      'Seasonal data': 'A1:F5',
      'Quality data': 'A1:C4',
    };
    for (const [name, ref] of Object.entries(expected)) {
      const ws = sheet(workbook, name);
      expect(ws.autoFilter, name).toBe(ref);
      expect(ws.views[0], name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getCell('A1').font?.bold, name).toBe(true);
    }
    const trend = sheet(workbook, 'Trend data');
    expect(rowValues(trend, 2, 3)).toEqual([
      '2024-01',
      492_000, // 8,000 orders at 61.50
      8000,
    ]);
    expect(trend.getCell('B2').numFmt).toBe(EUR);
    const headline = sheet(workbook, 'Headline data');
    // Data sheets keep the model's raw values: a rate change stays a fraction, null stays empty.
    expect(rowValues(headline, 5, 9)).toEqual([
      'Cancellation rate',
      'rate',
      0.041,
      0.037,
      0.004,
      null,
      null,
      null,
      null,
    ]);
  });

  it('writes the manifest on the About sheet', () => {
    const ws = sheet(workbook, 'About');
    expect(rowValues(ws, rowOf(ws, 'Warehouse'), 2)).toEqual(['Warehouse', 'out/warehouse.duckdb']);
    expect(rowValues(ws, rowOf(ws, 'Warehouse size (bytes)'), 2)).toEqual([
      'Warehouse size (bytes)',
      123_456_789,
    ]);
    expect(rowValues(ws, rowOf(ws, 'Warehouse SHA-256'), 2)).toEqual(['Warehouse SHA-256', 'not computed']);
    expect(rowValues(ws, rowOf(ws, 'Time zone'), 2)).toEqual(['Time zone', 'UTC']);
    expect(rowValues(ws, rowOf(ws, 'orders_2025-10.csv'), 3)).toEqual([
      'orders_2025-10.csv',
      10_800,
      'a'.repeat(64),
    ]);
    expect(rowValues(ws, rowOf(ws, 'silver'), 2)).toEqual(['silver', 640_000]);
    expect(rowValues(ws, rowOf(ws, 'includeCustomers'), 2)).toEqual(['includeCustomers', 'false']);
  });

  it('places each chart on its section sheet under its title, sized as asked', () => {
    const trend = sheet(workbook, 'Trend');
    const images = trend.getImages();
    expect(images).toHaveLength(1);
    const range = images[0]?.range as unknown as {
      tl: { nativeRow: number; nativeCol: number };
      ext: unknown;
    };
    // Zero-based anchor: the row just under the title.
    expect(range.tl.nativeRow).toBe(rowOf(trend, 'Revenue, 24 months'));
    expect(range.tl.nativeCol).toBe(0);
    expect(range.ext).toMatchObject({ width: 640, height: 320 });
    expect(sheet(workbook, 'Bridge').getImages()).toHaveLength(1);
    expect(sheet(workbook, 'Channels').getImages()).toHaveLength(0);
    const media = Object.keys(zipParts(bytes)).filter((name) => name.startsWith('xl/media/'));
    expect(media).toHaveLength(2);
  });
});

describe('the review workbook of FIXTURE_MODEL_OMITTED', () => {
  it('has no sheet for an omitted section and lists it with its reason on the Summary', async () => {
    const workbook = await readWorkbook(await writeWorkbook(FIXTURE_MODEL_OMITTED));
    const names = workbook.worksheets.map((ws) => ws.name);
    expect(names).toEqual(
      ALL_SHEETS.filter(
        (n) => !['Channels', 'Channels data', 'Cancellations', 'Cancellations data'].includes(n),
      ),
    );
    const ws = sheet(workbook, 'Summary');
    const header = rowOf(ws, 'Left out of this review') + 1;
    expect(rowValues(ws, header, 2)).toEqual(['Section', 'Reason']);
    expect(rowValues(ws, header + 1, 2)).toEqual([
      'Channels',
      'No channel in this warehouse: its source export has none.',
    ]);
    expect(rowValues(ws, header + 2, 2)).toEqual([
      'Cancellations and lost revenue',
      'No cancelled orders in this warehouse: its source export records none.',
    ]);
  });
});

describe('buildReportWorkbook refuses charts it cannot place', () => {
  const chart = { id: 'trend', title: 'T', alt: 'A', png: TINY_PNG, width: 10, height: 10 };

  it('refuses bytes that are not a PNG', () => {
    expect(() =>
      buildReportWorkbook(FIXTURE_MODEL, { charts: [{ ...chart, png: new Uint8Array([1, 2, 3]) }] }),
    ).toThrow(/chart "trend" is not a PNG/);
  });

  it('refuses an id that names no section', () => {
    expect(() => buildReportWorkbook(FIXTURE_MODEL, { charts: [{ ...chart, id: 'revenue' }] })).toThrow(
      /chart id "revenue" names no section/,
    );
  });

  it('refuses a chart of an omitted section', () => {
    expect(() =>
      buildReportWorkbook(FIXTURE_MODEL_OMITTED, { charts: [{ ...chart, id: 'channels-aov' }] }),
    ).toThrow(/section channels, which this review omits/);
  });

  it('refuses a size that is not a positive number of pixels', () => {
    expect(() => buildReportWorkbook(FIXTURE_MODEL, { charts: [{ ...chart, height: 0 }] })).toThrow(
      /positive height in pixels, got 0/,
    );
  });
});
