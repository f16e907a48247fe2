import { formatNumber } from '../format.ts';
import type { CellView, TableView } from './view.ts';

/** How a figure that cannot be computed reads: `format.ts`'s en dash. */
export const MISSING = formatNumber(null);

/** A column: its heading and whether it holds numbers. */
export interface Column {
  readonly text: string;
  readonly numeric: boolean;
}

export const text = (value: string, note: string | null = null): CellView => ({
  text: value,
  numeric: false,
  note,
});
export const num = (value: string): CellView => ({ text: value, numeric: true, note: null });
export const col = (heading: string, numeric = true): Column => ({ text: heading, numeric });

/** Builds a table from a caption, its columns (the first names the rows) and one row per item. */
export function table<T>(
  caption: string,
  columns: readonly Column[],
  items: readonly T[],
  row: (item: T) => readonly [CellView, ...CellView[]],
  highlight: (item: T) => boolean = () => false,
): TableView {
  return {
    caption,
    columns,
    rows: items.map((item) => {
      const [header, ...cells] = row(item);
      return { highlight: highlight(item), header, cells };
    }),
  };
}

/** `payment_method` → `Payment method`. */
export function dimensionLabel(dimension: string): string {
  const words = dimension.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
