import type { ColumnKind } from './types.ts';

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/;
const TEXT = /^(VARCHAR(\(\d+\))?|ENUM\(.*\))$/s;
const TIMESTAMP = /^(TIMESTAMP|TIMESTAMP WITH TIME ZONE|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS)$/;

/**
 * What a column is profiled as, from the DuckDB type `describe` reports: integers, FLOAT, DOUBLE
 * and DECIMAL are numeric; VARCHAR and ENUM text; DATE date; the TIMESTAMP family timestamp;
 * BOOLEAN boolean; anything else (lists, structs, BLOB, TIME, INTERVAL, UUID) other.
 *
 * @example columnKind('DECIMAL(18,2)') // 'numeric'
 */
export function columnKind(duckdbType: string): ColumnKind {
  const type = duckdbType.trim().toUpperCase();
  if (NUMERIC.test(type)) return 'numeric';
  if (TEXT.test(type)) return 'text';
  if (type === 'DATE') return 'date';
  if (TIMESTAMP.test(type)) return 'timestamp';
  if (type === 'BOOLEAN') return 'boolean';
  return 'other';
}

/** Precision and scale of a `DECIMAL(p,s)` type, else `null`. */
export function decimalShape(
  duckdbType: string,
): { readonly precision: number; readonly scale: number } | null {
  const match = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(duckdbType.trim());
  return match ? { precision: Number(match[1]), scale: Number(match[2]) } : null;
}

/** FLOAT and DOUBLE: the numeric types that can hold NaN and infinities. */
export function isFloating(duckdbType: string): boolean {
  return /^(FLOAT|DOUBLE)$/i.test(duckdbType.trim());
}
