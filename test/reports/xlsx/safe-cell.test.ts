import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_TEXT, setCellValue } from '../../../src/reports/xlsx/index.ts';
import { FIXTURE_MODEL } from '../fixtures/model.ts';
import { readWorkbook, writeWorkbook, zipParts } from './support.ts';

/** Text that spreadsheets read as the start of a formula (OWASP CSV injection list). */
const FORMULA_LIKE = [
  '=HYPERLINK("http://x")',
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  "=cmd|' /C calc'!A0",
];

const HOSTILE_LABELS = ['<script>alert(1)</script>', '=HYPERLINK("http://x")'];

describe('setCellValue', () => {
  it('stores formula-like text as a string cell, exactly as given', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('S');
    for (const [i, text] of FORMULA_LIKE.entries()) setCellValue(ws.getCell(i + 1, 1), text);
    for (const [i, text] of FORMULA_LIKE.entries()) {
      const cell = ws.getCell(i + 1, 1);
      expect(cell.type, text).toBe(ExcelJS.ValueType.String);
      expect(cell.value, text).toBe(text);
      expect(cell.formula, text).toBeUndefined();
    }
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const sheetXml = zipParts(bytes)['xl/worksheets/sheet1.xml'] ?? '';
    expect(sheetXml).not.toMatch(/<f[\s>]/);
    const again = await readWorkbook(bytes);
    const read = again.getWorksheet('S');
    // A leading tab survives the round trip.
    expect(read?.getCell(1, 1).value).toBe('=HYPERLINK("http://x")');
    expect(read?.getCell(1, 1).type).toBe(ExcelJS.ValueType.String);
    expect(read?.getCell(6, 1).value).toBe('\t=1+1');
  });

  it('keeps numbers as numbers and writes nothing for null and non-finite numbers', () => {
    const ws = new ExcelJS.Workbook().addWorksheet('S');
    setCellValue(ws.getCell('A1'), -42.5);
    setCellValue(ws.getCell('A2'), null);
    setCellValue(ws.getCell('A3'), Number.NaN);
    setCellValue(ws.getCell('A4'), Number.POSITIVE_INFINITY);
    setCellValue(ws.getCell('A5'), '-5');
    expect(ws.getCell('A1').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('A1').value).toBe(-42.5);
    for (const ref of ['A2', 'A3', 'A4']) expect(ws.getCell(ref).type, ref).toBe(ExcelJS.ValueType.Null);
    // Text that looks like a number stays text: the data said text.
    expect(ws.getCell('A5').value).toBe('-5');
  });

  it("cuts text longer than Excel's 32,767 characters", () => {
    const ws = new ExcelJS.Workbook().addWorksheet('S');
    setCellValue(ws.getCell('A1'), 'x'.repeat(40_000));
    const value = ws.getCell('A1').value;
    expect(typeof value === 'string' ? value.length : 0).toBe(MAX_CELL_TEXT);
    expect(String(value).endsWith('…')).toBe(true);
  });
});

describe('the hostile labels of FIXTURE_MODEL in the workbook', () => {
  it('are string cells wherever they appear, and no sheet holds a formula', async () => {
    const bytes = await writeWorkbook(FIXTURE_MODEL);
    const workbook = await readWorkbook(bytes);
    const found: string[] = [];
    for (const ws of workbook.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${ws.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string' && HOSTILE_LABELS.includes(cell.value)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            found.push(`${ws.name}!${cell.address}`);
          }
        }),
      );
    }
    // Each label is on its section sheet and its Data sheet.
    expect(found.map((ref) => ref.split('!')[0]).sort()).toEqual([
      'Cancellations',
      'Cancellations data',
      'Geography',
      'Geography data',
    ]);
    const sheets = Object.entries(zipParts(bytes)).filter(([name]) => name.startsWith('xl/worksheets/sheet'));
    expect(sheets.length).toBe(workbook.worksheets.length);
    for (const [name, xml] of sheets) expect(xml, name).not.toMatch(/<f[\s>/]/);
  });
});
