import { NeumaierSum } from './neumaier-sum.ts';
import type { PivotCacheModel } from './pivot-cache.ts';
import type { PivotAggregate, PivotCell } from './types.ts';

/** The records that fall in one (row prefix, column prefix) cell, and one sum per data field. */
interface Bucket {
  records: number;
  readonly sums: NeumaierSum[];
}

/**
 * Every subtotal and total of a pivot in one pass over the records: each record is added to the
 * bucket of every (row-item prefix, column-item prefix) pair, so subtotals are sums of records,
 * never sums of rounded subtotals. Keys are item indices joined by ",", "" for the total.
 */
export interface AggregateTable {
  readonly columnFields: readonly number[];
  /** The items under a row prefix that occur in the data, ascending. */
  rowChildren(prefix: readonly number[]): readonly number[];
  /** The items of the (single) column field that occur in the data, ascending. */
  columnItems(): readonly number[];
  bucket(rowKey: string, columnKey: string): Bucket | undefined;
}

interface TrieNode {
  readonly children: Map<number, TrieNode>;
}

/** Aggregates `dataFields` of `cache` by `rowFields` × `columnFields` (see {@link AggregateTable}). */
export function aggregateTable(
  cache: PivotCacheModel,
  rowFields: readonly number[],
  columnFields: readonly number[],
  dataFields: readonly { readonly fieldIndex: number }[],
): AggregateTable {
  const buckets = new Map<string, Bucket>();
  const rowTrie: TrieNode = { children: new Map() };
  const colTrie: TrieNode = { children: new Map() };
  const rowIndex = rowFields.map((f) => cache.fields[f]?.itemIndex ?? new Int32Array());
  const colIndex = columnFields.map((f) => cache.fields[f]?.itemIndex ?? new Int32Array());
  const rows = cache.source.rows;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] ?? [];
    const rowKeys = prefixKeys(rowIndex, r, rowTrie);
    const colKeys = prefixKeys(colIndex, r, colTrie);
    for (const rk of rowKeys)
      for (const ck of colKeys) {
        const key = `${rk}|${ck}`;
        let b = buckets.get(key);
        if (b === undefined) {
          b = { records: 0, sums: dataFields.map(() => new NeumaierSum()) };
          buckets.set(key, b);
        }
        b.records++;
        dataFields.forEach((d, k) => {
          const v = row[d.fieldIndex] ?? null;
          if (v === null) return;
          // Text values only count; the sum of a text field is never read (validation refuses it).
          b.sums[k]?.add(typeof v === 'number' ? v : 0);
        });
      }
  }
  const sorted = (n: TrieNode | undefined) => [...(n?.children.keys() ?? [])].sort((a, b) => a - b);
  return {
    columnFields,
    rowChildren(prefix) {
      let node: TrieNode | undefined = rowTrie;
      for (const p of prefix) node = node?.children.get(p);
      return sorted(node);
    },
    columnItems: () => sorted(colTrie),
    bucket: (rowKey, columnKey) => buckets.get(`${rowKey}|${columnKey}`),
  };
}

function prefixKeys(index: readonly Int32Array[], r: number, trie: TrieNode): string[] {
  const keys = [''];
  let key = '';
  let node = trie;
  for (const column of index) {
    const item = column[r] ?? 0;
    key = key === '' ? String(item) : `${key},${item}`;
    keys.push(key);
    let child = node.children.get(item);
    if (child === undefined) {
      child = { children: new Map() };
      node.children.set(item, child);
    }
    node = child;
  }
  return keys;
}

/**
 * The value shown in a pivot cell: `sum` the compensated sum, `count` the number of non-null
 * values, `average` sum / count. Null (an empty cell) where no record falls or every value is
 * null, as Excel and LibreOffice leave such cells empty (never 0).
 */
export function cellValue(
  table: AggregateTable,
  rowKey: string,
  columnKey: string,
  dataIndex: number,
  aggregate: PivotAggregate,
): PivotCell {
  const b = table.bucket(rowKey, columnKey);
  const s = b?.sums[dataIndex];
  if (b === undefined || s === undefined || s.count === 0) return null;
  if (aggregate === 'count') return s.count;
  return aggregate === 'sum' ? s.value() : s.value() / s.count;
}
