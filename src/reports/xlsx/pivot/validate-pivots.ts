import { InvalidArgumentError } from '../../../errors.ts';
import type { PivotSource, PivotSpec } from './types.ts';

const FN = 'writeWorkbookWithPivots';
/** Excel's last row is 1,048,576; the header takes one. */
export const MAX_SOURCE_ROWS = 1_048_575;
const MAX_TEXT = 32_767;
const AGGREGATES = new Set(['sum', 'count', 'average']);

const show = (v: unknown) => JSON.stringify(v);

/**
 * Refuses a sheet name Excel refuses: empty, longer than 31 characters, containing
 * `: \ / ? * [ ]` or a control character, starting or ending with an apostrophe, or the reserved
 * "History".
 * @throws {InvalidArgumentError}
 */
export function checkSheetName(name: string, what: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > 31)
    throw new InvalidArgumentError(
      `${FN}: ${what} sheet name must have 1 to 31 characters, got ${show(name)}`,
    );
  if (/[:\\/?*[\]]/.test(name) || name.startsWith("'") || name.endsWith("'"))
    throw new InvalidArgumentError(
      `${FN}: ${what} sheet name ${show(name)} has a character Excel refuses (: \\ / ? * [ ] or a leading or trailing ')`,
    );
  if ([...name].some((ch) => (ch.codePointAt(0) ?? 0) < 0x20))
    throw new InvalidArgumentError(`${FN}: ${what} sheet name ${show(name)} has a control character`);
  if (name.toLowerCase() === 'history')
    throw new InvalidArgumentError(`${FN}: ${what} sheet name ${show(name)} is reserved by Excel`);
}

/**
 * Checks sources and pivots before anything is written: names, types, cells, fields and
 * aggregates, as listed in {@link writeWorkbookWithPivots}'s doc comment.
 * `existingSheets` are the names already in the workbook.
 * @throws {InvalidArgumentError} naming the first problem and the bad value
 */
export function validatePivots(
  sources: readonly PivotSource[],
  pivots: readonly PivotSpec[],
  existingSheets: readonly string[],
): void {
  const sheets = new Set(existingSheets.map((s) => s.toLowerCase()));
  const claimSheet = (name: string, what: string) => {
    checkSheetName(name, what);
    if (sheets.has(name.toLowerCase()))
      throw new InvalidArgumentError(`${FN}: sheet name ${show(name)} is used twice (names ignore case)`);
    sheets.add(name.toLowerCase());
  };
  for (const source of sources) {
    claimSheet(source.sheetName, 'source');
    validateSource(source);
  }
  const names = new Set<string>();
  for (const pivot of pivots) {
    if (typeof pivot.name !== 'string' || pivot.name.trim() === '' || pivot.name.length > 255)
      throw new InvalidArgumentError(
        `${FN}: pivot name must have 1 to 255 characters, got ${show(pivot.name)}`,
      );
    if (names.has(pivot.name.toLowerCase()))
      throw new InvalidArgumentError(
        `${FN}: pivot name ${show(pivot.name)} is used twice (names ignore case)`,
      );
    names.add(pivot.name.toLowerCase());
    claimSheet(pivot.sheetName, `pivot ${show(pivot.name)}`);
    const source = sources.find((s) => s.sheetName === pivot.source);
    if (source === undefined)
      throw new InvalidArgumentError(
        `${FN}: pivot ${show(pivot.name)} reads unknown source ${show(pivot.source)}; sources: ${show(sources.map((s) => s.sheetName))}`,
      );
    validatePivotFields(pivot, source);
  }
}

function validateSource(source: PivotSource): void {
  const where = `source ${show(source.sheetName)}`;
  if (source.columns.length === 0) throw new InvalidArgumentError(`${FN}: ${where} has no columns`);
  if (source.columns.length > 16_384)
    throw new InvalidArgumentError(
      `${FN}: ${where} has ${source.columns.length} columns, Excel allows 16384`,
    );
  const seen = new Set<string>();
  for (const column of source.columns) {
    if (typeof column.name !== 'string' || column.name.trim() === '' || column.name.length > 255)
      throw new InvalidArgumentError(
        `${FN}: ${where} has a column name of 0 or over 255 characters: ${show(column.name)}`,
      );
    if (seen.has(column.name.toLowerCase()))
      throw new InvalidArgumentError(
        `${FN}: ${where} has column ${show(column.name)} twice (names ignore case)`,
      );
    seen.add(column.name.toLowerCase());
    if (column.type !== 'text' && column.type !== 'number')
      throw new InvalidArgumentError(
        `${FN}: ${where} column ${show(column.name)} has type ${show(column.type)}, expected "text" or "number"`,
      );
  }
  if (source.rows.length > MAX_SOURCE_ROWS)
    throw new InvalidArgumentError(
      `${FN}: ${where} has ${source.rows.length} rows, more than the ${MAX_SOURCE_ROWS} an Excel sheet holds under its header`,
    );
  source.rows.forEach((row, r) => {
    if (row.length !== source.columns.length)
      throw new InvalidArgumentError(
        `${FN}: ${where} row ${r} has ${row.length} cells, expected ${source.columns.length}`,
      );
    source.columns.forEach((column, c) => {
      const v = row[c] ?? null;
      if (v === null) return;
      const ok =
        column.type === 'number'
          ? typeof v === 'number' && Number.isFinite(v)
          : typeof v === 'string' && v.length <= MAX_TEXT;
      if (!ok)
        throw new InvalidArgumentError(
          `${FN}: ${where} row ${r} column ${show(column.name)} (${column.type}) holds ${typeof v === 'number' ? String(v) : show(typeof v === 'string' && v.length > 80 ? `${v.slice(0, 80)}… (${v.length} characters)` : v)}; expected ${column.type === 'number' ? 'a finite number' : `text of at most ${MAX_TEXT} characters`} or null`,
        );
    });
  });
}

function validatePivotFields(pivot: PivotSpec, source: PivotSource): void {
  const where = `pivot ${show(pivot.name)}`;
  const column = (name: string) => {
    const c = source.columns.find((col) => col.name === name);
    if (c === undefined)
      throw new InvalidArgumentError(
        `${FN}: ${where} uses unknown field ${show(name)}; fields of ${show(source.sheetName)}: ${show(source.columns.map((x) => x.name))}`,
      );
    return c;
  };
  if (pivot.rows.length === 0)
    throw new InvalidArgumentError(`${FN}: ${where} needs at least one row field, got []`);
  if (pivot.columns.length > 1)
    throw new InvalidArgumentError(
      `${FN}: ${where} has ${pivot.columns.length} column fields ${show(pivot.columns)}; at most one is supported`,
    );
  if (pivot.values.length === 0)
    throw new InvalidArgumentError(`${FN}: ${where} needs at least one value field, got []`);
  if (source.rows.length === 0)
    throw new InvalidArgumentError(
      `${FN}: ${where} reads source ${show(source.sheetName)}, which has no rows`,
    );
  const onAxis = new Set<string>();
  for (const name of [...pivot.rows, ...pivot.columns, ...pivot.pages]) {
    column(name);
    if (onAxis.has(name))
      throw new InvalidArgumentError(`${FN}: ${where} places field ${show(name)} on two axes or twice`);
    onAxis.add(name);
  }
  const captions = new Set<string>();
  for (const value of pivot.values) {
    const c = column(value.field);
    if (!AGGREGATES.has(value.aggregate))
      throw new InvalidArgumentError(
        `${FN}: ${where} value ${show(value.caption)} has aggregate ${show(value.aggregate)}, expected sum, count or average`,
      );
    if (c.type === 'text' && value.aggregate !== 'count')
      throw new InvalidArgumentError(
        `${FN}: ${where} asks for ${value.aggregate} of text field ${show(value.field)}; use "count" or a number field`,
      );
    if (typeof value.caption !== 'string' || value.caption.trim() === '' || value.caption.length > 255)
      throw new InvalidArgumentError(
        `${FN}: ${where} has a value caption of 0 or over 255 characters: ${show(value.caption)}`,
      );
    const key = value.caption.toLowerCase();
    if (captions.has(key) || source.columns.some((x) => x.name.toLowerCase() === key))
      throw new InvalidArgumentError(
        `${FN}: ${where} value caption ${show(value.caption)} repeats another caption or a field name (Excel refuses both)`,
      );
    captions.add(key);
  }
}
