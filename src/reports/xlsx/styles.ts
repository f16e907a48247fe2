/**
 * The look of the workbook in one place: what kind of figure a cell holds, its Excel number
 * format (money through `excelMoneyFormat`, the rest from `EXCEL_FORMATS`), the text a reader sees
 * (to size columns, from the review's text formatters), and the fills of headers and changes.
 */
import type ExcelJS from 'exceljs';
import {
  EXCEL_FORMATS,
  excelMoneyFormat,
  formatChangeRatio,
  formatCount,
  formatMoney,
  formatNumber,
  formatPercent,
  formatPValue,
} from '../format.ts';

/**
 * What a cell holds. Changes carry their sign in the number format (`+`/`-`), so the green and
 * red fills are never the only cue. `pointChange` is a change of a rate in percentage points,
 * stored ×100 (0.004 → 0.4, shown `+0.4 pp`).
 */
export type CellKind =
  | 'text'
  | 'money'
  | 'moneyChange'
  | 'count'
  | 'countChange'
  | 'percent'
  | 'change'
  | 'pointChange'
  | 'decimal'
  | 'index'
  | 'pValue';

/** Kinds whose cells get the green-up / red-down conditional fills. */
export const CHANGE_KINDS: ReadonlySet<CellKind> = new Set([
  'moneyChange',
  'countChange',
  'change',
  'pointChange',
]);

/** `+fmt;-fmt;fmt`: a format that writes the sign of positive and negative values. */
function signed(format: string): string {
  return `+${format};-${format};${format}`;
}

/** The Excel number format of a kind of cell; `null` for text (General). */
export function numberFormat(kind: CellKind, currency: string): string | null {
  switch (kind) {
    case 'text':
      return null;
    case 'money':
      return excelMoneyFormat(currency);
    case 'moneyChange':
      return signed(excelMoneyFormat(currency));
    case 'count':
      return EXCEL_FORMATS.count;
    case 'countChange':
      return signed(EXCEL_FORMATS.count);
    case 'percent':
      return EXCEL_FORMATS.percent;
    case 'change':
      return EXCEL_FORMATS.changePercent;
    case 'pointChange':
      return signed('0.0" pp"');
    case 'decimal':
      return EXCEL_FORMATS.decimal;
    case 'index':
      return '0.000';
    case 'pValue':
      // A condition section: tiny p-values read as statisticians write them, the cell keeps the exact value.
      return '[<0.001]"<0.001";0.000';
  }
}

/** The text a reader sees in a cell of this kind, used to fit column widths. */
export function displayText(value: string | number | null, kind: CellKind, currency: string): string {
  if (value === null || typeof value === 'string') return value ?? formatNumber(null);
  switch (kind) {
    case 'text':
      return String(value);
    case 'money':
      return formatMoney(value, currency);
    case 'moneyChange':
      return `+${formatMoney(value, currency)}`;
    case 'count':
      return formatCount(value);
    case 'countChange':
      return `+${formatCount(value)}`;
    case 'percent':
      return formatPercent(value);
    case 'change':
      return formatChangeRatio(value);
    case 'pointChange':
      return `+${formatNumber(value, 1)} pp`;
    case 'decimal':
      return formatNumber(value, 2);
    case 'index':
      return formatNumber(value, 3);
    case 'pValue':
      return formatPValue(value);
  }
}

/** ARGB colours: Excel's own "good" and "bad" cell styles, and a light header fill. */
const COLOURS = {
  headerFill: 'FFDDEBF7',
  headerFont: 'FF1F3864',
  goodFill: 'FFC6EFCE',
  goodFont: 'FF006100',
  badFill: 'FFFFC7CE',
  badFont: 'FF9C0006',
} as const;

function solidFill(argb: string): ExcelJS.FillPattern {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } };
}

/** Bold on a light fill, with a bottom border. */
export function styleHeaderCell(cell: ExcelJS.Cell): void {
  cell.font = { bold: true, color: { argb: COLOURS.headerFont } };
  cell.fill = solidFill(COLOURS.headerFill);
  cell.border = { bottom: { style: 'thin', color: { argb: COLOURS.headerFont } } };
  cell.alignment = { vertical: 'bottom', wrapText: false };
}

export const TITLE_FONT: Partial<ExcelJS.Font> = { bold: true, size: 14 };
export const HEADING_FONT: Partial<ExcelJS.Font> = { bold: true, size: 12 };
export const NOTE_FONT: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF595959' } };

/** exceljs numbers the rules of a sheet 1, 2, 3... in order when a rule's priority is 0. */
const AUTO_PRIORITY = 0;

/** Whether a rise is good news (most figures) or bad news (cancellations, lost revenue). */
export type Better = 'higher' | 'lower';

/**
 * Green-up / red-down fills on the cells of `ref` (top-left cell `topLeft`), swapped when lower
 * is better. Expression rules with ISNUMBER, so a `–` (not computable) is never coloured: Excel
 * compares text as greater than any number.
 */
export function addChangeHighlight(
  ws: ExcelJS.Worksheet,
  ref: string,
  topLeft: string,
  better: Better,
): void {
  const up = { fill: solidFill(better === 'higher' ? COLOURS.goodFill : COLOURS.badFill) };
  const down = { fill: solidFill(better === 'higher' ? COLOURS.badFill : COLOURS.goodFill) };
  const upFont = { color: { argb: better === 'higher' ? COLOURS.goodFont : COLOURS.badFont } };
  const downFont = { color: { argb: better === 'higher' ? COLOURS.badFont : COLOURS.goodFont } };
  ws.addConditionalFormatting({
    ref,
    rules: [
      {
        type: 'expression',
        priority: AUTO_PRIORITY,
        formulae: [`AND(ISNUMBER(${topLeft}),${topLeft}>0)`],
        style: { ...up, font: upFont },
      },
      {
        type: 'expression',
        priority: AUTO_PRIORITY,
        formulae: [`AND(ISNUMBER(${topLeft}),${topLeft}<0)`],
        style: { ...down, font: downFont },
      },
    ],
  });
}
