import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../etl/demo/index.ts';
import { runEtl } from '../../etl/runner.ts';
import { renderReport } from '../../src/reports/write-report.ts';
import { openpyxlAvailable, runDebianPython } from '../support/libreoffice.ts';
import {
  NOT_VALIDATED,
  type PartValidation,
  validatePackage,
  xmllintAvailable,
} from '../support/ooxml-validate.ts';

const withOpenpyxl = openpyxlAvailable();
if (!xmllintAvailable)
  process.stderr.write('report-schema.test.ts: schema part skipped, /usr/bin/xmllint not found\n');
if (!withOpenpyxl)
  process.stderr.write(
    'report-schema.test.ts: openpyxl part skipped, /usr/bin/python3 with openpyxl not found\n',
  );

const SCRIPT = join(import.meta.dirname, 'xlsx', 'pivot', 'read-pivots.py');

interface PivotRead {
  readonly sheet: string;
  readonly name: string;
  readonly refreshOnLoad: boolean;
}

interface PivotFieldsRead {
  readonly name: string;
  readonly rows: readonly string[];
  readonly data: readonly string[];
}

interface WorkbookRead {
  readonly sheetNames: readonly string[];
  readonly images: Readonly<Record<string, number>>;
  readonly pivots: readonly PivotRead[];
  readonly pivotFields: readonly PivotFieldsRead[];
}

/** The fields of each pivot as src/reports/report-pivots.ts specifies them (row fields, data-field captions). */
const PIVOT_FIELDS: Readonly<Record<string, { rows: readonly string[]; data: readonly string[] }>> = {
  RevenueByMonth: { rows: ['Month'], data: ['Total revenue'] },
  Countries: {
    rows: ['Country'],
    data: ['Total revenue', 'Total orders', 'Average revenue per month and channel'],
  },
  Categories: { rows: ['Category'], data: ['Total revenue', 'Total units', 'Average monthly revenue'] },
  Cancellations: {
    rows: ['Payment method'],
    data: ['Total cancelled orders', 'Total lost revenue', 'Months'],
  },
};

/** The pivot sheets of the monthly review and the pivot each holds. */
const PIVOT_SHEETS: Readonly<Record<string, string>> = {
  'Pivot revenue by month': 'RevenueByMonth',
  'Pivot countries': 'Countries',
  'Pivot categories': 'Categories',
  'Pivot cancellations': 'Cancellations',
};

describe.skipIf(!xmllintAvailable && !withOpenpyxl)('the monthly review workbook', () => {
  let dir: string;
  let file: string;
  let xlsx: Uint8Array;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shopstat-report-schema-'));
    const landing = join(dir, 'landing');
    const warehouse = join(dir, 'warehouse.duckdb');
    await generateDemo({ outDir: landing, orders: 2000, seed: 5, startDate: '2024-01-01', months: 24 });
    await runEtl({ landing, warehouse, timeZone: 'UTC' });
    ({ xlsx } = await renderReport({
      warehouse,
      outDir: join(dir, 'out'),
      generatedAt: '2026-01-05T08:00:00Z',
    }));
    file = join(dir, 'review.xlsx');
    writeFileSync(file, xlsx);
  }, 240_000);

  afterAll(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!xmllintAvailable)(
    'validates every part against the ECMA-376 schemas, except the parts listed as not validated',
    async () => {
      const results = await validatePackage(xlsx);
      const invalid = results.filter((r: PartValidation) => !r.valid);
      expect(invalid).toEqual([]);
      const unchecked = results.filter((r) => r.schema === null).map((r) => r.part);
      expect(unchecked.every((part) => NOT_VALIDATED[part] !== undefined)).toBe(true);
      const drawings = results.filter((r) => /^xl\/drawings\/[^/]+\.xml$/.test(r.part));
      expect(drawings.length).toBeGreaterThan(0);
      expect(drawings.every((r) => r.schema === 'dml-spreadsheetDrawing.xsd')).toBe(true);
      expect(results.find((r) => r.part === 'xl/theme/theme1.xml')?.schema).toBe('dml-main.xsd');
      expect(results.find((r) => r.part === 'docProps/core.xml')?.schema).toBe('opc-coreProperties.xsd');
    },
    120_000,
  );

  describe.skipIf(!withOpenpyxl)('read by openpyxl 3.0.9', () => {
    let read: WorkbookRead;
    beforeAll(async () => {
      read = (await runDebianPython(SCRIPT, [file])) as WorkbookRead;
    }, 120_000);

    it('has the summary, about and four pivot sheets', () => {
      expect(read.sheetNames).toEqual(
        expect.arrayContaining(['Summary', 'About', ...Object.keys(PIVOT_SHEETS)]),
      );
    });

    it('has one pivot on each pivot sheet, its cache refreshed on load', () => {
      for (const [sheet, name] of Object.entries(PIVOT_SHEETS)) {
        const onSheet = read.pivots.filter((p) => p.sheet === sheet);
        expect(onSheet.map((p) => p.name)).toEqual([name]);
        expect(onSheet[0]?.refreshOnLoad).toBe(true);
      }
    });

    it("sees each pivot's row fields and data fields as specified", () => {
      const fields = Object.fromEntries(
        read.pivotFields.map((p) => [p.name, { rows: p.rows, data: p.data }]),
      );
      expect(Object.fromEntries(Object.values(PIVOT_SHEETS).map((name) => [name, fields[name]]))).toEqual(
        PIVOT_FIELDS,
      );
    });

    it('sees the chart pictures on the Trend sheet', () => {
      expect(read.images.Trend ?? 0).toBeGreaterThan(0);
    });
  });
});
