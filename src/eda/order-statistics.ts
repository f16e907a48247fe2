import type { Row } from '../warehouse/decode.ts';

/**
 * One distinct value of a sample sorted ascending, with its ties: the 0-based order statistics
 * `below` ... `below + n - 1` all equal `v`; `next` is the next larger value (`null` for the largest).
 */
export interface ValueRun {
  readonly v: number;
  readonly n: number;
  readonly below: number;
  readonly next: number | null;
}

/**
 * SQL selecting, from a relation of values with their counts (`col, g, v, n`, one row per distinct
 * value of a column in a group, or several rows with equal `v`), the runs holding the lower order statistic of the R type 7
 * quantile at any of `probs`, floor((N - 1) p) (0-based), with the rows below each run, the
 * column's total N in the group and the next value: the upper order statistic is in the same run
 * or is the first of the next. A window over the distinct values, no sort of the rows.
 * Rows: `col, g, v, n, below, total, next` (see {@link quantileFromRuns}).
 */
export function orderStatisticsSql(relation: string, probs: readonly number[]): string {
  const w = 'partition by col, g order by v';
  const lower = 'floor((total - 1)::double * p)';
  return `select col, g, v, n, below, total, next from (
  select col, g, v, n,
    (sum(n) over (${w} rows between unbounded preceding and current row) - n)::bigint as below,
    (sum(n) over (partition by col, g))::bigint as total,
    lead(v) over (${w}) as next
  from ${relation}
) where len(list_filter([${probs.join(', ')}], p -> ${lower} >= below and ${lower} < below + n)) > 0`;
}

/** The runs of one column in one group from {@link orderStatisticsSql} rows, by `col` then `g`. */
export function runsByColumn(
  rows: readonly Row[],
): Map<number, Map<string | null, { total: number; runs: ValueRun[] }>> {
  const out = new Map<number, Map<string | null, { total: number; runs: ValueRun[] }>>();
  for (const r of rows) {
    const col = Number(r.col);
    const byGroup = out.get(col) ?? new Map<string | null, { total: number; runs: ValueRun[] }>();
    out.set(col, byGroup);
    const g = r.g as string | null;
    const entry = byGroup.get(g) ?? { total: Number(r.total), runs: [] };
    byGroup.set(g, entry);
    entry.runs.push({
      v: Number(r.v),
      n: Number(r.n),
      below: Number(r.below),
      next: typeof r.next === 'number' ? r.next : null,
    });
  }
  return out;
}

/**
 * The quantile at probability `p` of a sample of `total` values, R type 7 (Hyndman & Fan 1996,
 * "Sample quantiles in statistical packages", The American Statistician 50:361-365; R's default,
 * numpy's `linear`, DuckDB's `quantile_cont`): h = (N - 1) p, the order statistics x[floor(h)] and
 * x[floor(h) + 1] (0-based) interpolated as lo + (hi - lo) (h - floor(h)), lo itself when h is whole
 * (DuckDB's formula, so results are the same to the last bit). The order statistics are found in
 * the runs of equal values (which must include the run holding x[floor(h)]; see
 * {@link orderStatisticsSql}): x[k + 1] is in the same run or is the next run's value.
 * `null` for an empty sample.
 *
 * @throws Error when the runs do not hold the lower order statistic.
 * @example quantileFromRuns([{ v: 1, n: 2, below: 0, next: 5 }, { v: 5, n: 1, below: 2, next: null }], 3, 0.75) // 3
 */
export function quantileFromRuns(runs: readonly ValueRun[], total: number, p: number): number | null {
  if (total === 0) return null;
  const h = (total - 1) * p;
  const k = Math.floor(h);
  const run = runs.find((r) => r.below <= k && k < r.below + r.n);
  if (run === undefined) throw new Error(`quantileFromRuns: no run holds order statistic ${k} of ${total}`);
  if (h === k) return run.v;
  const hi = k + 1 < run.below + run.n ? run.v : run.next;
  if (hi === null) throw new Error(`quantileFromRuns: no value after order statistic ${k} of ${total}`);
  return run.v + (hi - run.v) * (h - k);
}
