/**
 * Writes one formatted sheet top to bottom: titles, prose, label/value facts, Excel tables (each
 * with its own autofilter, bold filled header, number formats, change fills) and chart images.
 * It keeps the widest text of every column to fit the widths, and freezes the panes under the
 * sheet's first table header, when the sheet is finished.
 */
import type ExcelJS from 'exceljs';
import { formatNumber } from '../format.ts';
import { type SafeCellValue, safeCellValue, setCellValue } from './safe-cell.ts';
import {
  addChangeHighlight,
  type Better,
  type CellKind,
  CHANGE_KINDS,
  displayText,
  HEADING_FONT,
  NOTE_FONT,
  numberFormat,
  styleHeaderCell,
  TITLE_FONT,
} from './styles.ts';

/** A number with its own kind, for a cell whose format differs from its column's (the KPI table). */
export interface TypedValue {
  readonly value: number | null;
  readonly kind: CellKind;
  readonly better?: Better;
}

export type TableCell = string | number | null | TypedValue;

export interface TableColumn {
  readonly header: string;
  readonly kind: CellKind;
  /** For change columns: whether a rise is good news (default `higher`). */
  readonly better?: Better;
  /** Long prose: the column is capped in width and its text wraps. */
  readonly wrap?: boolean;
}

export interface TableSpec {
  /** The Excel table name, unique in the workbook (letters, digits, `_`). */
  readonly name: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly TableCell[])[];
}

export interface WrittenTable {
  readonly name: string;
  /** The table's range, header row included, e.g. `A4:H28`. */
  readonly ref: string;
  readonly headerRow: number;
  readonly lastRow: number;
}

/** What a figure that cannot be computed shows: the review's en dash. */
const MISSING = formatNumber(null);
/** At least 10: exceljs leaves out a width of exactly 9 (its default), and Excel then uses 8.43. */
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;
/** The widest fact value that still sets the width of column B. */
const FACT_WIDTH = 40;
/** Excel's default row height is 15 pt, 20 px at 96 dpi. */
const ROW_PX = 20;

function isTyped(cell: TableCell): cell is TypedValue {
  return typeof cell === 'object' && cell !== null;
}

/** `1` → `A`, `27` → `AA`. */
export function columnLetter(column: number): string {
  let n = column;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export class SheetWriter {
  private row = 1;
  private readonly widths = new Map<number, number>();
  private frozenAt: number | null = null;

  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly currency: string,
  ) {}

  /** The next free row. */
  get nextRow(): number {
    return this.row;
  }

  title(text: string): void {
    this.prose(text, TITLE_FONT);
  }

  heading(text: string): void {
    if (this.row > 1) this.row += 1;
    this.prose(text, HEADING_FONT);
  }

  /** A sentence, left to overflow to the right (it does not widen column A). */
  paragraph(text: string): void {
    this.prose(text, {});
  }

  note(text: string): void {
    this.prose(text, NOTE_FONT);
  }

  /** Label/value rows: the label bold in column A, the value in column B. */
  facts(rows: readonly (readonly [string, TableCell])[]): void {
    for (const [label, value] of rows) {
      const labelCell = this.ws.getCell(this.row, 1);
      setCellValue(labelCell, label);
      labelCell.font = { bold: true };
      this.measure(1, label);
      // A long value (a conclusion) overflows into the empty cells to its right instead of widening B.
      this.writeCell(this.ws.getCell(this.row, 2), value, 'text', 2, false, FACT_WIDTH);
      this.row += 1;
    }
  }

  /**
   * An Excel table at column A of the next row: header (bold, filled), autofilter, number formats
   * by column (or by cell for typed values), green/red fills on change cells. A table without
   * rows is not written (Excel wants at least one); `emptyNote` is written instead.
   */
  table(spec: TableSpec, emptyNote: string): WrittenTable | null {
    if (spec.rows.length === 0) {
      this.note(emptyNote);
      return null;
    }
    const headerRow = this.row;
    const lastRow = headerRow + spec.rows.length;
    const headers = uniqueHeaders(spec.columns.map((c) => c.header));
    const rows = spec.rows.map((cells) =>
      spec.columns.map((column, j) => this.tableValue(cells[j] ?? null, column.kind)),
    );
    this.ws.addTable({
      name: spec.name,
      displayName: spec.name,
      ref: `A${headerRow}`,
      headerRow: true,
      totalsRow: false,
      style: { theme: 'TableStyleLight1', showRowStripes: true },
      columns: headers.map((name) => ({ name, filterButton: true })),
      rows,
    });
    headers.forEach((header, j) => {
      styleHeaderCell(this.ws.getCell(headerRow, j + 1));
      this.measure(j + 1, header);
    });
    spec.columns.forEach((column, j) => {
      const col = j + 1;
      let typedInColumn = false;
      spec.rows.forEach((cells, i) => {
        const r = headerRow + 1 + i;
        const value = cells[j] ?? null;
        this.writeCell(this.ws.getCell(r, col), value, column.kind, col, column.wrap === true);
        if (isTyped(value)) {
          typedInColumn = true;
          if (CHANGE_KINDS.has(value.kind)) {
            const ref = `${columnLetter(col)}${r}`;
            addChangeHighlight(this.ws, ref, ref, value.better ?? column.better ?? 'higher');
          }
        }
      });
      if (!typedInColumn && CHANGE_KINDS.has(column.kind)) {
        const letter = columnLetter(col);
        const top = `${letter}${headerRow + 1}`;
        addChangeHighlight(this.ws, `${top}:${letter}${lastRow}`, top, column.better ?? 'higher');
      }
    });
    this.frozenAt ??= headerRow;
    this.row = lastRow + 1;
    return {
      name: spec.name,
      ref: `A${headerRow}:${columnLetter(spec.columns.length)}${lastRow}`,
      headerRow,
      lastRow,
    };
  }

  /** A chart picture: its title above, the picture sized `width` × `height` px, its description below. */
  image(imageId: number, title: string, alt: string, width: number, height: number): void {
    this.heading(title);
    // exceljs writes this as a oneCellAnchor carrying editAs="oneCell", an attribute the schema gives only
    // to twoCellAnchor: openpyxl 3.0 then drops the picture when it reads the file (LibreOffice opens it).
    this.ws.addImage(imageId, { tl: { col: 0, row: this.row - 1 }, ext: { width, height } });
    this.row += Math.ceil(height / ROW_PX) + 1;
    this.note(alt);
  }

  /**
   * Column widths fitted to their widest text and, unless `freeze` is false (the Summary, whose
   * first table is not its main one), frozen panes under the first table's header.
   */
  finish(options: { readonly freeze?: boolean } = {}): void {
    for (const [col, chars] of this.widths) {
      this.ws.getColumn(col).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, chars + 2));
    }
    if (this.frozenAt !== null && options.freeze !== false) {
      this.ws.views = [
        { state: 'frozen', xSplit: 0, ySplit: this.frozenAt, topLeftCell: `A${this.frozenAt + 1}` },
      ];
    }
  }

  private prose(text: string, font: Partial<ExcelJS.Font>): void {
    const cell = this.ws.getCell(this.row, 1);
    setCellValue(cell, text);
    cell.font = font;
    this.row += 1;
  }

  /** The value exceljs stores in a table cell; `writeCell` then sets the same value with its format. */
  private tableValue(value: TableCell, kind: CellKind): SafeCellValue {
    const { stored } = this.stored(value, kind);
    return safeCellValue(stored);
  }

  private stored(value: TableCell, columnKind: CellKind): { stored: string | number | null; kind: CellKind } {
    const kind = isTyped(value) ? value.kind : columnKind;
    const raw = isTyped(value) ? value.value : value;
    if (raw === null || (typeof raw === 'number' && !Number.isFinite(raw))) return { stored: MISSING, kind };
    if (typeof raw === 'number' && kind === 'pointChange') return { stored: raw * 100, kind };
    return { stored: raw, kind };
  }

  private writeCell(
    cell: ExcelJS.Cell,
    value: TableCell,
    columnKind: CellKind,
    col: number,
    wrap = false,
    upTo = Number.POSITIVE_INFINITY,
  ): void {
    const { stored, kind } = this.stored(value, columnKind);
    setCellValue(cell, stored);
    const format = typeof stored === 'number' ? numberFormat(kind, this.currency) : null;
    if (format !== null) cell.numFmt = format;
    if (stored === MISSING && kind !== 'text') cell.alignment = { horizontal: 'right' };
    if (wrap) cell.alignment = { wrapText: true, vertical: 'top' };
    this.measure(col, displayText(stored, kind, this.currency), upTo);
  }

  /** Counts `text` towards the width of `col`; text longer than `upTo` is left to overflow or wrap. */
  private measure(col: number, text: string, upTo = Number.POSITIVE_INFINITY): void {
    const longest = Math.max(...text.split('\n').map((line) => line.length));
    if (longest > upTo) return;
    this.widths.set(col, Math.max(this.widths.get(col) ?? 0, longest));
  }
}

/**
 * Table column names must be unique and on one line: white space is collapsed and a repeat gets
 * ` 2`, ` 3`... (compared case-insensitively, as Excel does).
 */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((header) => {
    const base = header.replace(/\s+/g, ' ').trim() || 'Column';
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n += 1) name = `${base} ${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}
