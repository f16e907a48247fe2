import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PivotSource, writeWorkbookWithPivots } from '../../../../src/reports/xlsx/pivot/index.ts';
import { openpyxlAvailable, runDebianPython } from '../../../support/libreoffice.ts';
import { SALES, SALES_PIVOT } from './fixtures.ts';

const withOpenpyxl = openpyxlAvailable();
if (!withOpenpyxl)
  process.stderr.write(
    'second-reader.test.ts: openpyxl part skipped, /usr/bin/python3 with openpyxl not found\n',
  );

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'read-pivots.py');

const LABELS: PivotSource = {
  sheetName: 'Labels',
  columns: [
    { name: 'Label', type: 'text' },
    { name: 'Units', type: 'number', numFmt: '0.0' },
  ],
  rows: [
    ['=1+2', 1],
    ['+SUM(A1)', 2],
    ['A & B <c> "d" \'e\'', 3],
    ['bell\u0007', 4],
  ],
};

describe('a second reader sees what we wrote', () => {
  let dir: string;
  let file: string;
  let bytes: Uint8Array;

  beforeAll(async () => {
    bytes = await writeWorkbookWithPivots(
      new ExcelJS.Workbook(),
      [SALES, LABELS],
      [
        SALES_PIVOT,
        {
          ...SALES_PIVOT,
          name: 'Paged',
          sheetName: 'Paged',
          rows: ['Product'],
          columns: [],
          pages: ['Region', 'Channel'],
        },
        {
          name: 'LabelUnits',
          source: 'Labels',
          sheetName: 'Label units',
          rows: ['Label'],
          columns: [],
          pages: [],
          values: [{ field: 'Units', aggregate: 'sum', caption: 'Units total', numFmt: '0.0' }],
        },
      ],
    );
    dir = mkdtempSync(join(tmpdir(), 'shopstat-pivot-'));
    file = join(dir, 'pivots.xlsx');
    writeFileSync(file, bytes);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!withOpenpyxl)(
    'openpyxl reads the pivot definitions, their fields, data fields and caches',
    async () => {
      const read = (await runDebianPython(SCRIPT, [file, 'Labels'])) as {
        pivots: Record<string, unknown>[];
        firstColumn: unknown[];
      };
      expect(read.pivots).toEqual([
        {
          sheet: 'By region',
          name: 'SalesByRegion',
          cacheId: 1,
          location: 'A1:K11',
          firstHeaderRow: 1,
          firstDataRow: 3,
          firstDataCol: 2,
          rowFields: [0, 1],
          colFields: [2, -2],
          pageFields: [],
          dataFields: [
            { name: 'Sum of Amount', fld: 3, subtotal: 'sum' },
            { name: 'Count of Qty', fld: 4, subtotal: 'count' },
            { name: 'Avg Amount', fld: 3, subtotal: 'average' },
          ],
          refreshOnLoad: true,
          cacheSheet: 'Sales',
          cacheRef: 'A1:E7',
          cacheFields: ['Region', 'Product', 'Channel', 'Amount', 'Qty'],
          recordCount: 6,
          records: 6,
        },
        expect.objectContaining({
          sheet: 'Paged',
          name: 'Paged',
          cacheId: 1,
          location: 'A4:D9',
          rowFields: [1],
          colFields: [-2],
          pageFields: [0, 2],
        }),
        expect.objectContaining({
          sheet: 'Label units',
          name: 'LabelUnits',
          cacheId: 2,
          location: 'A1:B6',
          rowFields: [0],
          colFields: [],
          dataFields: [{ name: 'Units total', fld: 1, subtotal: 'sum' }],
          cacheSheet: 'Labels',
          records: 4,
        }),
      ]);
      // openpyxl 3.0.9 leaves the ST_Xstring escape _x0007_ undecoded in shared strings (Excel and exceljs decode it).
      expect(read.firstColumn).toEqual(['Label', '=1+2', '+SUM(A1)', 'A & B <c> "d" \'e\'', 'bell_x0007_']);
    },
  );

  it('exceljs reads the source cells as text and numbers with their number formats', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const sales = workbook.getWorksheet('Sales');
    expect(sales?.getRow(1).values).toEqual([undefined, 'Region', 'Product', 'Channel', 'Amount', 'Qty']);
    expect(sales?.getCell('D2').value).toBe(10);
    expect(sales?.getCell('D2').numFmt).toBe('#,##0.00');
    expect(sales?.getCell('E2').numFmt).toBeUndefined();
    expect(sales?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sales?.autoFilter).toBe('A1:E7');
    const labels = workbook.getWorksheet('Labels');
    // A text cell, never a formula object; exceljs decodes _x0007_ back to the control character.
    expect(labels?.getCell('A2').value).toBe('=1+2');
    expect(labels?.getCell('A3').value).toBe('+SUM(A1)');
    expect(labels?.getCell('A5').value).toBe('bell\u0007');
    expect(labels?.getCell('B2').numFmt).toBe('0.0');
    const pivot = workbook.getWorksheet('By region');
    expect(pivot?.getCell('C4').value).toBe(10);
    expect(pivot?.getCell('C4').numFmt).toBe('#,##0.00');
    expect(pivot?.getCell('E4').numFmt).toBe('0.000');
    expect(pivot?.getCell('K4').value).toBeCloseTo(17.5 / 3, 15);
  });
});
