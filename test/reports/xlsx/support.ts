/** Shared by the workbook tests: build, write, re-read, and look at the raw parts of the zip. */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { ReportModel } from '../../../src/reports/model.ts';
import { buildReportWorkbook, type ReportWorkbookOptions } from '../../../src/reports/xlsx/index.ts';

/**
 * A 1x1 transparent RGBA PNG: signature, IHDR (1x1, 8-bit RGBA), one zlib IDAT, IEND; chunk CRCs
 * checked with Python's zlib.crc32.
 */
export const TINY_PNG = Uint8Array.from(
  Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
      '0000000d4944415478da636460f85f0f0002870180eb47ba92' +
      '0000000049454e44ae426082',
    'hex',
  ),
);

export async function writeWorkbook(
  model: ReportModel,
  options: ReportWorkbookOptions = {},
): Promise<Buffer> {
  return Buffer.from(await buildReportWorkbook(model, options).xlsx.writeBuffer());
}

export async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs' typings declare their own `Buffer` as an ArrayBuffer, so hand it one.
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook;
}

/** Every file of the xlsx zip (not its folder entries), as text (binary parts such as PNGs come out garbled, unused). */
export function zipParts(bytes: Buffer): Record<string, string> {
  const files = unzipSync(new Uint8Array(bytes));
  return Object.fromEntries(
    Object.entries(files)
      .filter(([name]) => !name.endsWith('/'))
      .map(([name, data]) => [name, strFromU8(data)]),
  );
}

/** The sheet of that name; fails the test when it is missing. */
export function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = workbook.getWorksheet(name);
  if (ws === undefined)
    throw new Error(`no sheet ${name}; sheets: ${workbook.worksheets.map((w) => w.name)}`);
  return ws;
}

/** The row number of the first cell in column A holding `text`. */
export function rowOf(ws: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= ws.rowCount; r += 1) if (ws.getCell(r, 1).value === text) return r;
  throw new Error(`${ws.name}: no row with ${JSON.stringify(text)} in column A`);
}

/** The values of a row from column 1, as exceljs reads them. */
export function rowValues(ws: ExcelJS.Worksheet, row: number, columns: number): unknown[] {
  return Array.from({ length: columns }, (_, j) => ws.getCell(row, j + 1).value);
}

interface LoadedTable {
  readonly table: { readonly name: string; readonly tableRef: string };
}

/** The Excel tables of a sheet as exceljs loads them: name → range. */
export function tableRefs(ws: ExcelJS.Worksheet): Record<string, string> {
  const tables = ws.getTables() as unknown as LoadedTable[];
  return Object.fromEntries(tables.map((t) => [t.table.name, t.table.tableRef]));
}
