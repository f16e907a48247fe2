import { DuckDBInstance } from '@duckdb/node-api';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PivotSpec, writeWorkbookWithPivots } from '../../../../src/reports/xlsx/pivot/index.ts';
import { convertWithLibreOffice, libreOfficeAvailable } from '../../../support/libreoffice.ts';
import { generatedSales } from './generated-sales.ts';
import { type Grid, readGrids } from './sheet-grid.ts';

/**
 * LibreOffice 7.4 rebuilds pivot tables whose cache has refreshOnLoad when it loads the file (four pivots:
 * two row fields + column + page field; sum/count/average; hostile labels; a number row field):
 * convert to xlsx, then compare what it computed with (a) DuckDB's GROUP BY over the same rows
 * and (b) the cached cells we rendered. Tolerance: 1e-9 relative (LibreOffice writes 15
 * significant digits; the sums are compensated on both sides).
 */
if (!libreOfficeAvailable)
  process.stderr.write('libreoffice-recompute.test.ts: skipped, /usr/bin/soffice not found\n');

const SOURCE = generatedSales(3000);
const REL = 1e-9;

const PIVOTS: PivotSpec[] = [
  {
    name: 'RegionProduct',
    source: SOURCE.sheetName,
    sheetName: 'Region x product',
    title: 'Amount by region, product and channel',
    rows: ['Region', 'Product'],
    columns: ['Channel'],
    pages: ['Quarter'],
    values: [{ field: 'Amount', aggregate: 'sum', caption: 'Sum of Amount', numFmt: '#,##0.00' }],
  },
  {
    name: 'ChannelStats',
    source: SOURCE.sheetName,
    sheetName: 'Channels',
    rows: ['Channel'],
    columns: [],
    pages: [],
    values: [
      { field: 'Amount', aggregate: 'sum', caption: 'Total amount' },
      { field: 'Qty', aggregate: 'count', caption: 'Orders with qty' },
      { field: 'Amount', aggregate: 'average', caption: 'Mean amount', numFmt: '0.0000' },
    ],
  },
  {
    name: 'Labels & <"quotes">',
    source: SOURCE.sheetName,
    sheetName: 'Labels',
    rows: ['Label'],
    columns: [],
    pages: [],
    values: [{ field: 'Qty', aggregate: 'sum', caption: 'Units' }],
  },
  {
    name: 'ByQty',
    source: SOURCE.sheetName,
    sheetName: 'By qty',
    rows: ['Qty'],
    columns: ['Channel'],
    pages: ['Region', 'Quarter'],
    values: [{ field: 'Label', aggregate: 'count', caption: 'Orders' }],
  },
];

/** LibreOffice's English captions for the same cells. */
const LIBREOFFICE_CAPTION: Readonly<Record<string, string>> = {
  'Grand Total': 'Total Result',
  '(blank)': '(empty)',
  '(All)': '- all -',
  Values: 'Data',
};

function expectClose(actual: unknown, expected: number | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(typeof actual, what).toBe('number');
  const got = actual as number;
  expect(Math.abs(got - expected), `${what}: ${got} vs ${expected}`).toBeLessThanOrEqual(
    REL * Math.max(Math.abs(expected), 1e-300),
  );
}

describe.skipIf(!libreOfficeAvailable)('LibreOffice recomputes our pivots', () => {
  let ours: Map<string, Grid>;
  let theirs: Map<string, Grid>;
  let convertedParts: string[];
  let db: DuckDBInstance;
  let sql: (text: string) => Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    const bytes = await writeWorkbookWithPivots(new ExcelJS.Workbook(), [SOURCE], PIVOTS);
    const converted = await convertWithLibreOffice(bytes, 'pivots.xlsx');
    convertedParts = Object.keys(unzipSync(converted.bytes));
    [ours, theirs] = await Promise.all([readGrids(bytes), readGrids(converted.bytes)]);
    db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    await connection.run(
      'create table orders (region varchar, product varchar, channel varchar, quarter varchar, label varchar, amount double, qty double)',
    );
    const appender = await connection.createAppender('orders');
    try {
      for (const row of SOURCE.rows) {
        for (const v of row) {
          if (v === null) appender.appendNull();
          else if (typeof v === 'number') appender.appendDouble(v);
          else appender.appendVarchar(v);
        }
        appender.endRow();
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    sql = async (text) =>
      (await connection.runAndReadAll(text)).getRowObjectsJS() as Record<string, unknown>[];
  }, 180_000);

  afterAll(() => {
    db?.closeSync();
  });

  it('keeps the pivot parts when it saves the file again', () => {
    expect(convertedParts.filter((p) => /^xl\/pivotTables\/pivotTable\d+\.xml$/.test(p))).toHaveLength(4);
    expect(
      convertedParts.filter((p) => /^xl\/pivotCache\/pivotCacheDefinition\d+\.xml$/.test(p)),
    ).toHaveLength(1);
  });

  it.each(PIVOTS.map((p) => [p.sheetName]))('its cells on %s equal our cached cells', (sheetName) => {
    const a = ours.get(sheetName) ?? [];
    const b = theirs.get(sheetName) ?? [];
    expect(a.length).toBeGreaterThan(5);
    expect(b.length).toBe(a.length);
    a.forEach((row, r) => {
      const other = b[r] ?? [];
      expect(other.length, `row ${r + 1} width`).toBe(row.length);
      row.forEach((v, c) => {
        const where = `${sheetName}!R${r + 1}C${c + 1}`;
        if (typeof v === 'number') expectClose(other[c], v, where);
        else expect(other[c] ?? null, where).toBe(v === null ? null : (LIBREOFFICE_CAPTION[v] ?? v));
      });
    });
  });

  it('every row total and grand total of Region x product equals DuckDB', async () => {
    const grid = theirs.get('Region x product') ?? [];
    const header = grid.findIndex((row) => row[0] === 'Region' && row[1] === 'Product');
    const channels = (grid[header] ?? []).slice(2, -1) as string[];
    const totalColumn = (grid[header]?.length ?? 0) - 1;
    const byRegion = new Map(
      (await sql('select region, sum(amount) s from orders group by all')).map((r) => [r.region, r.s]),
    );
    const byPair = new Map(
      (await sql('select region, product, sum(amount) s from orders group by all')).map((r) => [
        `${r.region}|${r.product}`,
        r.s,
      ]),
    );
    const byChannel = new Map(
      (await sql('select channel, sum(amount) s from orders group by all')).map((r) => [r.channel, r.s]),
    );
    const [all] = await sql('select sum(amount) s from orders');
    let region = '';
    let checked = 0;
    for (const row of grid.slice(header + 1)) {
      if (row[0] === 'Total Result') {
        for (const [k, channel] of channels.entries())
          expectClose(row[2 + k], byChannel.get(channel) as number, `total ${channel}`);
        expectClose(row[totalColumn], all?.s as number, 'grand total');
        checked++;
      } else if (row[0] !== null) {
        region = String(row[0]);
        expectClose(row[totalColumn], (byRegion.get(region) as number) ?? null, `region ${region}`);
        checked++;
      } else {
        const product = row[1] === '(empty)' ? null : String(row[1]);
        expectClose(
          row[totalColumn],
          (byPair.get(`${region}|${product}`) as number) ?? null,
          `${region}/${product}`,
        );
        checked++;
      }
    }
    // 5 regions, 5 x 7 products (all pairs occur in 3000 rows), 1 grand total row.
    expect(checked).toBe(5 + 35 + 1);
    expect(channels).toEqual(['Online', 'Phone', 'Store']);
  });

  it('sum, count and average per channel and in total equal DuckDB', async () => {
    const grid = theirs.get('Channels') ?? [];
    const header = grid.findIndex((row) => row[0] === 'Channel');
    const expected = await sql(
      'select channel, sum(amount) s, count(qty) n, avg(amount) a from orders group by channel order by channel',
    );
    const [all] = await sql('select sum(amount) s, count(qty) n, avg(amount) a from orders');
    const rows = grid.slice(header + 1);
    expect(rows.map((r) => r[0])).toEqual([...expected.map((e) => e.channel), 'Total Result']);
    [...expected, all].forEach((e, k) => {
      const row = rows[k] ?? [];
      expectClose(row[1], e?.s as number, `sum ${row[0]}`);
      expect(row[2], `count ${row[0]}`).toBe(Number(e?.n));
      expectClose(row[3], e?.a as number, `average ${row[0]}`);
    });
  });

  it('the hostile labels (& < > " and =1+2) keep their text and totals', async () => {
    const grid = theirs.get('Labels') ?? [];
    const expected = await sql('select label, sum(qty) s from orders group by label');
    const rows = grid.slice(1);
    const labels = rows.map((r) => r[0]);
    expect(labels).toEqual(['-minus', '=1+2', '@risk', 'A & B <c> "d"', "it's", 'plain', 'Total Result']);
    for (const e of expected) {
      const row = rows.find((r) => r[0] === e.label);
      expectClose(row?.[1], e.s as number, String(e.label));
    }
    const [all] = await sql('select sum(qty) s from orders');
    expectClose(rows.at(-1)?.[1], all?.s as number, 'grand total');
  });

  it('opens without complaint when converted to PDF and CSV', async () => {
    const bytes = await writeWorkbookWithPivots(new ExcelJS.Workbook(), [SOURCE], PIVOTS);
    const pdf = await convertWithLibreOffice(bytes, 'pivots.xlsx', { to: 'pdf' });
    expect(strFromU8(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    expect(pdf.stderr).not.toMatch(/error|repair|corrupt/i);
    const csv = await convertWithLibreOffice(bytes, 'pivots.xlsx', { to: 'csv' });
    // CSV holds the first sheet: the source, header first.
    expect(strFromU8(csv.bytes).split('\n')[0]?.trim()).toBe(
      'Region,Product,Channel,Quarter,Label,Amount,Qty',
    );
  }, 180_000);
});
