import { type AggregateTable, aggregateTable, cellValue } from './pivot-aggregate.ts';
import type { PivotCacheModel } from './pivot-cache.ts';
import type { PivotCell, PivotSpec, PivotValueField } from './types.ts';

/**
 * Captions Excel writes in an outline pivot (English UI). LibreOffice writes its own on
 * recompute ("Total Result", "(empty)", "- all -", "Data"), in the same cells.
 */
export const PIVOT_CAPTIONS = {
  grandTotal: 'Grand Total',
  blank: '(blank)',
  all: '(All)',
  values: 'Values',
} as const;

/** The `-2` field: the data fields ("Values") placed on the column axis. */
export const VALUES_FIELD = -2;

/** One `<i>` of `<rowItems>`/`<colItems>` (§18.10.1.44): type, repeated-field count, data field, item indices. */
export interface PivotAxisItem {
  readonly t: 'data' | 'grand';
  readonly r: number;
  readonly i: number;
  readonly x: readonly number[];
}

/** A data field resolved to its cache field. */
export interface ResolvedValueField extends PivotValueField {
  readonly fieldIndex: number;
}

/**
 * The cached output of one pivot, relative to the table's top-left cell (the `location` ref),
 * in outline layout (Excel's "Show in Outline Form", the layout LibreOffice renders): one column
 * per row field, an outer item's row carries its subtotal (subtotals at the top of each group),
 * grand total row and (with a column field) grand total columns last.
 */
export interface PivotLayout {
  readonly rowFields: readonly number[];
  /** Column fields, with {@link VALUES_FIELD} last when there are two or more data fields. */
  readonly colFields: readonly number[];
  readonly pageFields: readonly number[];
  readonly dataFields: readonly ResolvedValueField[];
  readonly firstHeaderRow: number;
  readonly firstDataRow: number;
  readonly firstDataCol: number;
  readonly width: number;
  readonly height: number;
  /** height × width cells; null is an empty cell. */
  readonly cells: readonly (readonly PivotCell[])[];
  /** For each column of the table, the data field whose values it holds (null for the label column). */
  readonly columnDataField: readonly (number | null)[];
  readonly rowItems: readonly PivotAxisItem[];
  readonly colItems: readonly PivotAxisItem[];
}

interface RowEntry {
  readonly key: string;
  readonly depth: number;
  readonly item: number;
  readonly grand: boolean;
}

interface ColumnLeaf {
  readonly key: string;
  readonly dataIndex: number;
  readonly item: number | null;
  readonly grand: boolean;
}

/** Lays out `spec` over `cache`; the spec must be valid (see validatePivots). */
export function layoutPivot(cache: PivotCacheModel, spec: PivotSpec): PivotLayout {
  const index = (name: string) => cache.fields.findIndex((f) => f.name === name);
  const rowFields = spec.rows.map(index);
  const columnFields = spec.columns.map(index);
  const dataFields = spec.values.map((v) => ({ ...v, fieldIndex: index(v.field) }));
  const table = aggregateTable(cache, rowFields, columnFields, dataFields);
  const rows = rowEntries(table);
  const leaves = columnLeaves(table, columnFields.length, dataFields.length);
  const d = dataFields.length;
  const c = columnFields.length;
  const rowWidth = rowFields.length;
  const header = headerRows(cache, table, leaves, dataFields, spec);
  const cells: PivotCell[][] = [...header];
  for (const entry of rows) {
    const labels: PivotCell[] = Array(rowWidth).fill(null);
    labels[entry.depth] = entry.grand
      ? PIVOT_CAPTIONS.grandTotal
      : itemLabel(cache, rowFields[entry.depth], entry.item);
    const values = leaves.map((leaf) =>
      cellValue(table, entry.key, leaf.key, leaf.dataIndex, dataFields[leaf.dataIndex]?.aggregate ?? 'sum'),
    );
    cells.push([...labels, ...values]);
  }
  return {
    rowFields,
    colFields: d > 1 ? [...columnFields, -2] : columnFields,
    pageFields: spec.pages.map(index),
    dataFields,
    firstHeaderRow: 1,
    firstDataRow: header.length,
    firstDataCol: rowWidth,
    width: rowWidth + leaves.length,
    height: cells.length,
    cells,
    columnDataField: [...rowFields.map(() => null), ...leaves.map((l) => l.dataIndex)],
    rowItems: rows.map((e, n) =>
      e.grand
        ? { t: 'grand', r: 0, i: 0, x: [0] }
        : { t: 'data', r: n === 0 ? 0 : e.depth, i: 0, x: [e.item] },
    ),
    colItems: columnItems(leaves, c, d),
  };
}

/** The label of item `item` of cache field `field`: its value, or "(blank)" for null. */
export function itemLabel(cache: PivotCacheModel, field: number | undefined, item: number): PivotCell {
  const v = cache.fields[field ?? -1]?.items?.[item] ?? null;
  return v === null ? PIVOT_CAPTIONS.blank : v;
}

function rowEntries(table: AggregateTable): RowEntry[] {
  const out: RowEntry[] = [];
  const walk = (prefix: readonly number[], depth: number) => {
    for (const item of table.rowChildren(prefix)) {
      const path = [...prefix, item];
      out.push({ key: path.join(','), depth, item, grand: false });
      walk(path, depth + 1);
    }
  };
  walk([], 0);
  out.push({ key: '', depth: 0, item: 0, grand: true });
  return out;
}

function columnLeaves(table: AggregateTable, c: number, d: number): ColumnLeaf[] {
  const leaves: ColumnLeaf[] = [];
  const dataIndices = [...Array(d).keys()];
  if (c === 0) return dataIndices.map((k) => ({ key: '', dataIndex: k, item: null, grand: false }));
  for (const item of table.columnItems())
    for (const k of dataIndices) leaves.push({ key: String(item), dataIndex: k, item, grand: false });
  for (const k of dataIndices) leaves.push({ key: '', dataIndex: k, item: null, grand: true });
  return leaves;
}

/**
 * The header rows: with one data field and no column field, one row (row field names, caption);
 * otherwise a row naming the column field and/or "Values", a row of column items (with one data
 * field it also names the row fields), and with several data fields a row of captions.
 */
function headerRows(
  cache: PivotCacheModel,
  table: AggregateTable,
  leaves: readonly ColumnLeaf[],
  values: readonly PivotValueField[],
  spec: PivotSpec,
): PivotCell[][] {
  const caption = (k: number) => values[k]?.caption ?? '';
  const d = values.length;
  const names: PivotCell[] = [...spec.rows];
  const blanks = () => spec.rows.map((): PivotCell => null);
  const rest = (n: number) => Array<PivotCell>(Math.max(leaves.length - n, 0)).fill(null);
  const column = spec.columns[0];
  if (column === undefined) {
    if (d === 1) return [[...names, caption(0)]];
    return [
      [...blanks(), PIVOT_CAPTIONS.values, ...rest(1)],
      [...names, ...leaves.map((l) => caption(l.dataIndex))],
    ];
  }
  const top: PivotCell[] =
    d === 1
      ? [caption(0), ...blanks().slice(1), column, ...rest(1)]
      : [...blanks(), column, PIVOT_CAPTIONS.values, ...rest(2)];
  const items: PivotCell[] = leaves.map((leaf) => {
    if (leaf.grand) return d === 1 ? PIVOT_CAPTIONS.grandTotal : `Total ${caption(leaf.dataIndex)}`;
    return leaf.dataIndex === 0 ? itemLabel(cache, table.columnFields[0], leaf.item ?? 0) : null;
  });
  if (d === 1) return [top, [...names, ...items]];
  return [
    top,
    [...blanks(), ...items],
    [...names, ...leaves.map((l) => (l.grand ? null : caption(l.dataIndex)))],
  ];
}

function columnItems(leaves: readonly ColumnLeaf[], c: number, d: number): PivotAxisItem[] {
  if (c === 0)
    return leaves.map((l) => ({ t: 'data', r: 0, i: l.dataIndex, x: d === 1 ? [] : [l.dataIndex] }));
  return leaves.map((l): PivotAxisItem => {
    if (l.grand) return { t: 'grand', r: 0, i: l.dataIndex, x: [0] };
    if (d === 1) return { t: 'data', r: 0, i: 0, x: [l.item ?? 0] };
    if (l.dataIndex === 0) return { t: 'data', r: 0, i: 0, x: [l.item ?? 0, 0] };
    return { t: 'data', r: 1, i: l.dataIndex, x: [l.dataIndex] };
  });
}
