import { compareItems } from './item-order.ts';
import type { PivotCell, PivotSource } from './types.ts';

/** One field of a pivot cache: its shared items (sorted, see {@link compareItems}) and each record's item index. */
export interface PivotCacheField {
  readonly name: string;
  readonly type: 'text' | 'number';
  /** The column's number format code, if any. */
  readonly numFmt: string | null;
  /** Sorted distinct values, null last; `null` when the field keeps its values inline (`<n>`/`<m/>` records). */
  readonly items: readonly PivotCell[] | null;
  /** For each record, the index into `items` (only when `items` is not null). */
  readonly itemIndex: Int32Array | null;
  /** For a number field, the facts its `<sharedItems>` attributes state; null for text. */
  readonly numbers: NumberFieldStats | null;
}

/** Range and kind of a number field's values (attributes of `<sharedItems>`, §18.10.1.90). */
export interface NumberFieldStats {
  readonly nonNull: number;
  readonly hasBlank: boolean;
  readonly min: number | null;
  readonly max: number | null;
  readonly allInteger: boolean;
}

/** The pivot cache of one source (one cacheDefinition + cacheRecords pair), shared by its pivots. */
export interface PivotCacheModel {
  /** The workbook-wide cacheId, 1-based. */
  readonly cacheId: number;
  readonly source: PivotSource;
  readonly fields: readonly PivotCacheField[];
}

/**
 * Builds the cache of `source`: every text field and every number field in `axisFields` (used
 * on a row, column or page axis by some pivot) gets shared items; other number fields stay inline.
 */
export function buildPivotCache(
  cacheId: number,
  source: PivotSource,
  axisFields: ReadonlySet<string>,
): PivotCacheModel {
  const fields = source.columns.map((column, c): PivotCacheField => {
    const numFmt = column.numFmt ?? null;
    const numbers = column.type === 'number' ? numberStats(source, c) : null;
    if (column.type === 'number' && !axisFields.has(column.name))
      return { name: column.name, type: column.type, numFmt, items: null, itemIndex: null, numbers };
    const distinct = new Set<PivotCell>();
    for (const row of source.rows) distinct.add(row[c] ?? null);
    const items = [...distinct].sort(compareItems);
    const position = new Map<PivotCell, number>(items.map((v, i) => [v, i]));
    const itemIndex = new Int32Array(source.rows.length);
    source.rows.forEach((row, r) => {
      itemIndex[r] = position.get(row[c] ?? null) ?? -1;
    });
    return { name: column.name, type: column.type, numFmt, items, itemIndex, numbers };
  });
  return { cacheId, source, fields };
}

function numberStats(source: PivotSource, c: number): NumberFieldStats {
  let nonNull = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let allInteger = true;
  for (const row of source.rows) {
    const v = row[c] ?? null;
    if (typeof v !== 'number') continue;
    nonNull++;
    if (v < min) min = v;
    if (v > max) max = v;
    if (!Number.isInteger(v)) allInteger = false;
  }
  return {
    nonNull,
    hasBlank: nonNull < source.rows.length,
    min: nonNull > 0 ? min : null,
    max: nonNull > 0 ? max : null,
    allInteger: nonNull > 0 && allInteger,
  };
}
