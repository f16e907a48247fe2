/**
 * Writing data into cells without formula injection (OWASP "CSV injection", which applies to any
 * spreadsheet): a value from the data is only ever a string or a number cell, never a formula.
 */
import type ExcelJS from 'exceljs';

/** The longest text an Excel cell holds (Excel specifications and limits: 32,767 characters). */
export const MAX_CELL_TEXT = 32_767;

/** A value a data cell may hold: text, a finite number, or nothing. */
export type SafeCellValue = string | number | null;

/**
 * The value `setCellValue` stores for `value`: numbers stay numbers (a non-finite one becomes an
 * empty cell: "cannot compute" is `null`, never NaN), text stays text, cut to Excel's 32,767
 * characters with a trailing `…` when longer. Exposed for callers that hand rows to exceljs in bulk
 * (tables), so those cells go through the same rule.
 */
export function safeCellValue(value: string | number | null): SafeCellValue {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = String(value);
  return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT - 1)}…` : text;
}

/**
 * Writes a data value into a cell so that it can never run as a formula: text that starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return (what spreadsheets read as the start of a
 * formula when typed or imported from CSV) is stored as a string cell (`t="s"`, a shared string),
 * exactly as given; exceljs writes a formula only for a `{ formula }` object, which this function
 * never creates. Numbers stay numbers so formats and sums work.
 *
 * Control characters that XML 1.0 cannot carry are dropped by exceljs when it writes the sheet.
 *
 * @example setCellValue(ws.getCell('A1'), '=HYPERLINK("http://x")') // a string cell showing that text
 */
export function setCellValue(cell: ExcelJS.Cell, value: string | number | null): void {
  cell.value = safeCellValue(value);
}
