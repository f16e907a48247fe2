/**
 * The public vocabulary of the pivot-table writer: flat sources, pivot specifications and
 * aggregates. A pivot is written as real SpreadsheetML parts (ECMA-376 Part 1, §18.10).
 */

/** One cell of a source row: text, a finite number, or null (an empty cell, shown as "(blank)"). */
export type PivotCell = string | number | null;

/** A column of a {@link PivotSource}; `numFmt` is an Excel format code for its cells. */
export interface PivotSourceColumn {
  readonly name: string;
  readonly type: 'text' | 'number';
  readonly numFmt?: string;
}

/** A flat table the pivots read; written as its own sheet (header row + data rows, autofilter, frozen header). */
export interface PivotSource {
  readonly sheetName: string;
  readonly columns: readonly PivotSourceColumn[];
  readonly rows: readonly (readonly PivotCell[])[];
}

/** Closed vocabulary of data-field functions (the `subtotal` attribute of `<dataField>`). */
export type PivotAggregate = 'sum' | 'count' | 'average';

/** A value (data) field: `aggregate` of source column `field`, headed `caption`. */
export interface PivotValueField {
  readonly field: string;
  readonly aggregate: PivotAggregate;
  readonly caption: string;
  readonly numFmt?: string;
}

/** One pivot table, on a sheet of its own. */
export interface PivotSpec {
  /** Pivot table name, unique in the workbook. */
  readonly name: string;
  /** The `sheetName` of a {@link PivotSource}. */
  readonly source: string;
  /** A new sheet holding only this pivot. */
  readonly sheetName: string;
  /** Optional text in A1 of that sheet. */
  readonly title?: string;
  /** Row fields (at least one). */
  readonly rows: readonly string[];
  /** Column fields (any number). */
  readonly columns: readonly string[];
  /** Page (report filter) fields, all items shown. */
  readonly pages: readonly string[];
  /** At least one; with more than one, the data fields go on columns (the "Values" field, x="-2"). */
  readonly values: readonly PivotValueField[];
}
