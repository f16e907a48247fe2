import type ExcelJS from 'exceljs';
import type { PivotLayout } from './pivot-layout.ts';
import { PIVOT_CAPTIONS } from './pivot-layout.ts';
import type { PivotCell, PivotSource, PivotSpec } from './types.ts';
import { encodeXstring } from './xml-text.ts';

/**
 * A cell value for exceljs: text in the ST_Xstring escape (exceljs drops control characters
 * silently; `_x000B_` survives and readers decode it). A string is always a text cell, so data
 * starting with `=`, `+`, `-` or `@` never becomes a formula.
 */
function cellText(value: PivotCell): string | number | null {
  return typeof value === 'string' ? encodeXstring(value) : value;
}

/** Writes a source as its own sheet: header row, data rows, column number formats, autofilter, frozen header. */
export function addSourceSheet(workbook: ExcelJS.Workbook, source: PivotSource): void {
  const sheet = workbook.addWorksheet(source.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(source.columns.map((c) => cellText(c.name))).font = { bold: true };
  for (const row of source.rows) sheet.addRow(row.map(cellText));
  source.columns.forEach((column, c) => {
    if (column.numFmt === undefined) return;
    const fmt = column.numFmt;
    sheet.getColumn(c + 1).eachCell({ includeEmpty: false }, (cell, rowNumber) => {
      if (rowNumber > 1) cell.numFmt = fmt;
    });
  });
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(source.rows.length + 1, 1), column: source.columns.length },
  };
}

/** Where a pivot's table begins on its sheet: after the title (A1 and a gap row) and the page fields (and a gap row). */
export function pivotTop(spec: PivotSpec): number {
  const afterTitle = spec.title === undefined ? 0 : 2;
  return afterTitle + (spec.pages.length > 0 ? spec.pages.length + 1 : 0);
}

/**
 * Writes a pivot's sheet with its cached output: title, one "field | (All)" row per page field,
 * then the laid-out table, value cells carrying their data field's number format.
 */
export function addPivotSheet(workbook: ExcelJS.Workbook, spec: PivotSpec, layout: PivotLayout): void {
  const sheet = workbook.addWorksheet(spec.sheetName);
  if (spec.title !== undefined) sheet.getCell(1, 1).value = cellText(spec.title);
  const pageStart = spec.title === undefined ? 0 : 2;
  spec.pages.forEach((page, k) => {
    sheet.getCell(pageStart + k + 1, 1).value = cellText(page);
    sheet.getCell(pageStart + k + 1, 2).value = PIVOT_CAPTIONS.all;
  });
  const top = pivotTop(spec);
  layout.cells.forEach((row, r) => {
    row.forEach((value, c) => {
      if (value === null) return;
      const cell = sheet.getCell(top + r + 1, c + 1);
      cell.value = cellText(value);
      const dataIndex = layout.columnDataField[c];
      const fmt = dataIndex === null || dataIndex === undefined ? undefined : spec.values[dataIndex]?.numFmt;
      if (r >= layout.firstDataRow && fmt !== undefined) cell.numFmt = fmt;
    });
  });
  sheet.getColumn(1).width = 24;
}
