/**
 * Row-offset features: `lag`, `lead` and `days_since_previous`, as DuckDB window expressions.
 * `k` counts rows of the group in the order (date, tie-breaker), not days.
 *
 * Training mode sees nothing of the current date: the lag is the k-th latest row among the
 * group's rows strictly before the current row's date (`nth_value(... order by date desc, tie
 * desc)` over the frame {@link BEFORE_CURRENT_DATE}), so two rows of one day get the same lag.
 * Outside training mode `lag` is DuckDB's `lag` over (date, tie-breaker): a day's second row
 * sees the first.
 */
import { BEFORE_CURRENT_DATE, type RowOrder, type TableColumn } from './lag-frame.ts';

/** What a window expression is built from, already checked and quoted. */
export interface WindowInput {
  /** The value column (absent for `days_since_previous`). */
  readonly value: TableColumn | null;
  /** `partition by ... ` (with a trailing space) or empty for a single group. */
  readonly partition: string;
  /** The row's local DATE expression (`ctx.date`). */
  readonly date: string;
  readonly order: RowOrder;
  readonly training: boolean;
}

function valueSql(input: WindowInput): string {
  if (input.value === null) throw new Error('lags: a value column is required');
  return input.value.sql;
}

/**
 * The value `k` rows back in the group; null for the group's first `k` rows (in training mode:
 * when fewer than `k` rows are strictly before the row's date).
 */
export function lagSql(input: WindowInput, k: number): string {
  const value = valueSql(input);
  if (input.training) {
    return `nth_value(${value}, ${k} order by ${input.order.descending}) over (${input.partition}order by ${input.date} ${BEFORE_CURRENT_DATE})`;
  }
  return `lag(${value}, ${k}) over (${input.partition}order by ${input.order.ascending})`;
}

/** The value `k` rows ahead in the group (never in training mode: the caller refuses it). */
export function leadSql(input: WindowInput, k: number): string {
  return `lead(${valueSql(input)}, ${k}) over (${input.partition}order by ${input.order.ascending})`;
}

/**
 * Calendar days since the group's previous row, as BIGINT; null for the group's first row.
 * Training: since the latest date strictly before the row's date (same-day rows alike).
 * Otherwise: since the previous row in (date, tie-breaker) order, so a day's second row gets 0.
 */
export function daysSincePreviousSql(input: WindowInput): string {
  const previous = input.training
    ? `max(${input.date}) over (${input.partition}order by ${input.date} ${BEFORE_CURRENT_DATE})`
    : `lag(${input.date}) over (${input.partition}order by ${input.order.ascending})`;
  return `cast(${input.date} - ${previous} as bigint)`;
}
