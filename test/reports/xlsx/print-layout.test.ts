import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildReportWorkbook } from '../../../src/reports/xlsx/index.ts';
import { LINE_HEIGHT_PT, wrappedLines } from '../../../src/reports/xlsx/print-layout.ts';
import { FIXTURE_MODEL } from '../fixtures/model.ts';

describe('wrappedLines', () => {
  it('counts the lines a text takes at a column width (hand: 95 characters at width 40 = 3 lines)', () => {
    expect(wrappedLines('x'.repeat(95), 40)).toBe(3);
    expect(wrappedLines('x'.repeat(80), 40)).toBe(2);
    expect(wrappedLines('', 40)).toBe(1);
    // Each paragraph starts a line: 10 + 50 characters at width 40 = 1 + 2 lines.
    expect(wrappedLines(`${'a'.repeat(10)}\n${'b'.repeat(50)}`, 40)).toBe(3);
  });
});

describe('the review workbook on screen and on paper', () => {
  const workbook = buildReportWorkbook(FIXTURE_MODEL);

  it('gives every row with wrapped text the height of its longest cell', async () => {
    // Written and read back, as a reader sees it.
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    let checked = 0;
    for (const ws of back.worksheets) {
      ws.eachRow((row) => {
        let lines = 1;
        row.eachCell((cell, col) => {
          if (cell.alignment?.wrapText === true && typeof cell.value === 'string') {
            lines = Math.max(lines, wrappedLines(cell.value, ws.getColumn(col).width ?? 8.43));
          }
        });
        if (lines > 1) {
          expect(row.height, `${ws.name} row ${row.number}`).toBe(lines * LINE_HEIGHT_PT);
          checked++;
        }
      });
    }
    // The Summary's findings (headline and detail) wrap in the fixture.
    expect(checked).toBeGreaterThan(0);
  });

  it('prints every sheet landscape, one page wide', () => {
    for (const ws of workbook.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
    }
  });
});
