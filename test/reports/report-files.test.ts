import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../etl/demo/index.ts';
import { runEtl } from '../../etl/runner.ts';
import type { HeadlineSection, ReportModel } from '../../src/reports/model.ts';
import { type WriteReportResult, writeReport } from '../../src/reports/write-report.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { tempDir } from '../support/fixtures.ts';
import { convertWithLibreOffice, libreOfficeAvailable } from '../support/libreoffice.ts';
import { type Grid, readGrids } from './xlsx/pivot/sheet-grid.ts';

/**
 * The whole review of a 24-month demo warehouse (4,000 orders, seed 7): the three files, the
 * pivot tables recomputed by LibreOffice and checked against the same figures queried from gold
 * in DuckDB, and the outputs' manifest. Tolerance of money: 0.005 (half a cent; the pivots sum
 * cents as doubles, LibreOffice writes 15 significant digits).
 */
const CENT = 0.005;
const dir = tempDir('shopstat-report-');
const landing = join(dir.dir, 'landing');
const warehouse = join(dir.dir, 'wh.duckdb');
const out = join(dir.dir, 'out');
let result: WriteReportResult;
let model: ReportModel;
let wh: Warehouse;

beforeAll(async () => {
  await generateDemo({ outDir: landing, orders: 4000, seed: 7, startDate: '2024-01-01', months: 24 });
  const etl = await runEtl({ landing, warehouse, timeZone: 'UTC' });
  expect([0, 2]).toContain(etl.exitCode);
  result = await writeReport({ warehouse, outDir: out, generatedAt: '2026-01-05T07:00:00.000Z' });
  model = result.model;
  wh = await Warehouse.open(warehouse, { readOnly: true });
}, 120_000);
afterAll(() => {
  wh?.close();
  dir.cleanup();
});

const num = (v: unknown) => Number(v);

describe('writeReport on a 24-month demo warehouse', () => {
  it('writes the workbook, the page and the model of the last complete month, nothing else', () => {
    expect(result.month).toBe('2025-12');
    expect(readdirSync(out).sort()).toEqual(['mbr-2025-12.html', 'mbr-2025-12.json', 'mbr-2025-12.xlsx']);
    expect(JSON.parse(readFileSync(result.files.json, 'utf8'))).toEqual(model);
    expect(result.pivots).toEqual(['RevenueByMonth', 'Countries', 'Categories', 'Cancellations']);
    expect(result.omitted).toEqual([]);
    // Year-over-year deltas exist: the demo covers 24 months.
    const headline = model.sections.find(
      (s): s is HeadlineSection => s.id === 'headline' && s.status === 'present',
    );
    expect(headline?.kpis[0]?.previousYear).toBeGreaterThan(0);
  });

  it('both outputs carry the manifest: inputs with hashes, rows per layer, version, zone, options, time', async () => {
    const html = readFileSync(result.files.html, 'utf8');
    const first = model.manifest.inputFiles[0];
    expect(first).toBeDefined();
    expect(html).toContain(first?.sha256.slice(0, 12) ?? '?');
    expect(html).toContain('2026-01-05');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(result.files.xlsx);
    const about = workbook.getWorksheet('About');
    const texts: string[] = [];
    about?.eachRow((row) => {
      row.eachCell((cell) => {
        texts.push(String(cell.value));
      });
    });
    expect(texts).toContain(first?.sha256);
    expect(texts.join(' ')).toContain(model.manifest.shopstatVersion);
    expect(texts.join(' ')).toContain('UTC');
  });

  it('the workbook holds no customer-level rows without includeCustomers', () => {
    const parts = unzipSync(readFileSync(result.files.xlsx));
    const strings = strFromU8(parts['xl/sharedStrings.xml'] ?? new Uint8Array());
    const customers = /C\d{6,}/.exec(strings);
    expect(customers).toBeNull();
    expect(strings).not.toContain('Source customers');
  });
});

function totalRow(grid: Grid): (string | number | null)[] {
  const row = grid.find((r) => r[0] === 'Total Result');
  if (row === undefined) throw new Error('no Total Result row');
  return row;
}

describe.skipIf(!libreOfficeAvailable)(
  'LibreOffice recomputes the review’s pivot tables and they equal gold in DuckDB',
  () => {
    let theirs: Map<string, Grid>;
    let ours: Map<string, Grid>;
    const window = "between date '2024-01-01' and date '2025-12-01'";

    beforeAll(async () => {
      const bytes = new Uint8Array(readFileSync(result.files.xlsx));
      const converted = await convertWithLibreOffice(bytes, 'mbr.xlsx');
      [ours, theirs] = await Promise.all([readGrids(bytes), readGrids(converted.bytes)]);
    }, 180_000);

    it('revenue by month: every month and the grand total equal gold.monthly_kpis', async () => {
      const grid = theirs.get('Pivot revenue by month') ?? [];
      const header = grid.findIndex((r) => r[0] === 'Month');
      expect(header).toBeGreaterThan(0);
      const last = (grid[header]?.length ?? 1) - 1;
      const kpis = new Map(
        (
          await wh.all<{ m: string; r: string }>(
            `select strftime(month, '%Y-%m') m, revenue r from gold.monthly_kpis where month ${window}`,
          )
        ).map((k) => [k.m, num(k.r)]),
      );
      let months = 0;
      for (const row of grid.slice(header + 1)) {
        if (row[0] === 'Total Result') break;
        const month = String(row[0]);
        expect(Math.abs(num(row[last]) - (kpis.get(month) ?? Number.NaN)), month).toBeLessThanOrEqual(CENT);
        months++;
      }
      expect(months).toBe(24);
      const total = [...kpis.values()].reduce((s, x) => s + x, 0);
      expect(Math.abs(num(totalRow(grid)[last]) - total)).toBeLessThanOrEqual(CENT);
    });

    it('countries: total revenue and orders equal gold.daily_sales, the average its mean per month x channel x country', async () => {
      const grid = theirs.get('Pivot countries') ?? [];
      const expected = await wh.one<{ r: string; o: number; a: number }>(
        `select sum(revenue) r, sum(orders) o, avg(revenue) a from (
           select strftime(date, '%Y-%m'), channel, country, sum(revenue) revenue, sum(orders) orders
           from gold.daily_sales where date between date '2024-01-01' and date '2025-12-31' group by all)`,
      );
      const row = totalRow(grid);
      expect(Math.abs(num(row[1]) - num(expected?.r))).toBeLessThanOrEqual(CENT);
      expect(row[2]).toBe(num(expected?.o));
      expect(Math.abs(num(row[3]) - num(expected?.a))).toBeLessThanOrEqual(1e-9 * num(expected?.a));
    });

    it('categories and cancellations: totals equal gold.monthly_by', async () => {
      const cat = await wh.one<{ r: string; u: number }>(
        `select sum(revenue) r, sum(units) u from gold.monthly_by where dimension = 'category' and month ${window}`,
      );
      const c = totalRow(theirs.get('Pivot categories') ?? []);
      expect(Math.abs(num(c[1]) - num(cat?.r))).toBeLessThanOrEqual(CENT);
      expect(c[2]).toBe(num(cat?.u));
      const can = await wh.one<{ n: number; l: string; n_months: number }>(
        `select sum(cancelled_orders) n, sum(lost_revenue) l, count(*) n_months
         from gold.monthly_by where dimension = 'payment_method' and month ${window}`,
      );
      const k = totalRow(theirs.get('Pivot cancellations') ?? []);
      expect(k[1]).toBe(num(can?.n));
      expect(Math.abs(num(k[2]) - num(can?.l))).toBeLessThanOrEqual(CENT);
      expect(k[3]).toBe(num(can?.n_months));
    });

    it('every row of the countries, categories and cancellations pivots equals gold', async () => {
      /** The rows between the header (first cell `first`) and the total row, keyed by label. */
      const rowsOf = (sheet: string, first: string) => {
        const grid = theirs.get(sheet) ?? [];
        const header = grid.findIndex((r) => r[0] === first);
        const end = grid.findIndex((r) => r[0] === 'Total Result');
        return new Map(grid.slice(header + 1, end).map((r) => [String(r[0]), r]));
      };
      const countries = await wh.all<{ k: string; r: string; o: number }>(
        `select coalesce(country, '(empty)') k, sum(revenue) r, sum(orders) o from gold.daily_sales
         where date between date '2024-01-01' and date '2025-12-31' group by all`,
      );
      const categories = await wh.all<{ k: string; r: string; u: number }>(
        `select coalesce(c.category_name, b.member) k, sum(b.revenue) r, sum(b.units) u
         from gold.monthly_by b
         left join (select distinct category_id, category_name from silver.dim_products) c on c.category_id = b.member
         where b.dimension = 'category' and b.month ${window} and b.revenue is not null group by all`,
      );
      const payments = await wh.all<{ k: string; n: number; l: string }>(
        `select coalesce(member, '(empty)') k, sum(cancelled_orders) n, sum(coalesce(lost_revenue, 0)) l
         from gold.monthly_by where dimension = 'payment_method' and month ${window} group by all`,
      );
      const checks: [string, string, { k: string }[], (row: (string | number | null)[], e: never) => void][] =
        [
          [
            'Pivot countries',
            'Country',
            countries,
            (row, e: { r: string; o: number }) => {
              expect(Math.abs(num(row[1]) - num(e.r))).toBeLessThanOrEqual(CENT);
              expect(row[2]).toBe(num(e.o));
            },
          ],
          [
            'Pivot categories',
            'Category',
            categories,
            (row, e: { r: string; u: number }) => {
              expect(Math.abs(num(row[1]) - num(e.r))).toBeLessThanOrEqual(CENT);
              expect(row[2]).toBe(num(e.u));
            },
          ],
          [
            'Pivot cancellations',
            'Payment method',
            payments,
            (row, e: { n: number; l: string }) => {
              expect(row[1] ?? 0).toBe(num(e.n));
              expect(Math.abs(num(row[2] ?? 0) - num(e.l))).toBeLessThanOrEqual(CENT);
            },
          ],
        ];
      for (const [sheet, first, expected, check] of checks) {
        const rows = rowsOf(sheet, first);
        expect([...rows.keys()].sort(), sheet).toEqual(expected.map((e) => e.k).sort());
        for (const e of expected) check(rows.get(e.k) ?? [], e as never);
      }
    });

    it('our cached cells equal what LibreOffice computed, cell for cell', () => {
      for (const sheet of [
        'Pivot revenue by month',
        'Pivot countries',
        'Pivot categories',
        'Pivot cancellations',
      ]) {
        const a = ours.get(sheet) ?? [];
        const b = theirs.get(sheet) ?? [];
        // Excel's caption is 'Grand Total', LibreOffice's 'Total Result'.
        const firstTotal = (g: Grid) => g.findIndex((r) => r[0] === 'Total Result' || r[0] === 'Grand Total');
        expect(firstTotal(a), sheet).toBe(firstTotal(b));
        for (const [r, row] of a.entries()) {
          for (const [c, v] of row.entries()) {
            if (typeof v !== 'number') continue;
            expect(Math.abs(v - num(b[r]?.[c])), `${sheet} R${r + 1}C${c + 1}`).toBeLessThanOrEqual(
              1e-9 * Math.max(1, Math.abs(v)),
            );
          }
        }
      }
    });
  },
);

describe('no half-written review', () => {
  it('a failing month writes nothing and leaves no partial file', async () => {
    const empty = join(dir.dir, 'out-bad');
    await expect(writeReport({ warehouse, outDir: empty, month: '2031-01' })).rejects.toThrow(
      /outside the warehouse/,
    );
    expect(existsSync(empty) ? readdirSync(empty) : []).toEqual([]);
  });
});

describe('a review killed while writing', () => {
  it('leaves partial files that the next review removes, keeping a running writer’s', async () => {
    const { removeAbandonedPartials } = await import('../../src/reports/write-report.ts');
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const folder = join(dir.dir, 'killed');
    mkdirSync(folder);
    // Pid 2^22 + 1 is above Linux's pid_max default (4,194,304), so no process has it.
    writeFileSync(join(folder, 'mbr-2025-12.xlsx.4194305.partial'), 'half');
    writeFileSync(join(folder, `mbr-2025-12.html.${process.ppid}.partial`), 'still being written');
    writeFileSync(join(folder, 'notes.partial'), 'not ours');
    expect(removeAbandonedPartials(folder)).toEqual(['mbr-2025-12.xlsx.4194305.partial']);
    expect(readdirSync(folder).sort()).toEqual([`mbr-2025-12.html.${process.ppid}.partial`, 'notes.partial']);
  });
});

describe('with includeCustomers', () => {
  it('adds the month’s customers as a source sheet and a pivot by country, whose totals equal gold', async () => {
    const r = await writeReport({
      warehouse,
      outDir: join(dir.dir, 'with-customers'),
      includeCustomers: true,
      generatedAt: '2026-01-05T07:00:00.000Z',
    });
    expect(r.pivots).toEqual(['RevenueByMonth', 'Countries', 'Categories', 'Cancellations', 'Customers']);
    expect(r.model.manifest.options.includeCustomers).toBe(true);
    const grids = await readGrids(new Uint8Array(readFileSync(r.files.xlsx)));
    const expected = await wh.one<{ n: number; r: string }>(
      "select count(*) n, sum(revenue) r from gold.customer_monthly_spend where month = date '2025-12-01'",
    );
    expect((grids.get('Source customers') ?? []).length - 1).toBe(num(expected?.n));
    const total = (grids.get('Pivot customers') ?? []).find((row) => row[0] === 'Grand Total') ?? [];
    expect(total[1]).toBe(num(expected?.n));
    expect(Math.abs(num(total[2]) - num(expected?.r))).toBeLessThanOrEqual(CENT);
  });
});
