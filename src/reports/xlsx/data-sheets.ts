/**
 * A Data sheet: one flat table from row 1 (header) down, raw values with their number formats,
 * frozen header and an autofilter over the whole range. Nothing else on the sheet, so a pivot
 * cache or Power Query can read it as a list.
 */
import type ExcelJS from 'exceljs';
import type { DataTable } from './data-tables.ts';
import { setCellValue } from './safe-cell.ts';
import { columnLetter, uniqueHeaders } from './sheet-writer.ts';
import { styleHeaderCell } from './styles.ts';

/** At least 10: exceljs leaves out a width of exactly 9 (its default), and Excel then uses 8.43. */
const MIN_WIDTH = 10;
const MAX_WIDTH = 50;

export function writeDataSheet(ws: ExcelJS.Worksheet, table: DataTable): void {
  const headers = uniqueHeaders(table.columns.map((c) => c.name));
  headers.forEach((header, j) => {
    const cell = ws.getCell(1, j + 1);
    setCellValue(cell, header);
    styleHeaderCell(cell);
  });
  table.rows.forEach((row, i) => {
    table.columns.forEach((column, j) => {
      const cell = ws.getCell(i + 2, j + 1);
      setCellValue(cell, row[j] ?? null);
      if (column.numFmt !== undefined && typeof cell.value === 'number') cell.numFmt = column.numFmt;
    });
  });
  headers.forEach((header, j) => {
    // Raw numbers are at most ~15 significant digits; formats add grouping and a code.
    const longest = Math.max(header.length, ...table.rows.map((row) => String(row[j] ?? '').length + 4));
    ws.getColumn(j + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
  const last = columnLetter(Math.max(1, table.columns.length));
  ws.autoFilter = `A1:${last}${table.rows.length + 1}`;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }];
}
