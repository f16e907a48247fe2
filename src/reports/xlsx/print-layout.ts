/**
 * How a formatted sheet reads on screen and on paper: rows with wrapped text get the height their
 * lines need, and the sheet prints landscape, one page wide.
 *
 * Row heights are estimated, not measured: a readers' own auto-fit is not reliable (LibreOffice
 * keeps the default height of an imported row, so wrapped lines overlap the rows below). A line
 * holds about as many characters as the column's width (Excel's width unit is the width of one
 * digit of the default font, and most text runs narrower), so the estimate errs towards a row
 * too tall, never one that hides text.
 */
import type ExcelJS from 'exceljs';

/** Excel's default row height for 11 pt Calibri, in points. */
export const LINE_HEIGHT_PT = 15;
/** Excel's default column width, in characters. */
const DEFAULT_WIDTH = 8.43;

/** How many lines `text` takes in a column `width` characters wide (each paragraph at least one). */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width));
  return text
    .split('\n')
    .reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / perLine)), 0);
}

/** Sets the height of every row holding wrapped text to fit its longest cell. */
export function fitWrappedRows(ws: ExcelJS.Worksheet): void {
  ws.eachRow((row) => {
    let lines = 1;
    row.eachCell((cell, col) => {
      if (cell.alignment?.wrapText !== true || typeof cell.value !== 'string') return;
      const width = ws.getColumn(col).width ?? DEFAULT_WIDTH;
      lines = Math.max(lines, wrappedLines(cell.value, width));
    });
    if (lines > 1) row.height = lines * LINE_HEIGHT_PT;
  });
}

/** Landscape, scaled to one page wide and as many pages tall as needed. */
export function printOnePageWide(ws: ExcelJS.Worksheet): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
  };
}
