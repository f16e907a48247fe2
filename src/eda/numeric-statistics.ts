import type { Row } from '../warehouse/decode.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import type { NumericFigures, NumericPlan } from './column-profile.ts';
import { binPlan } from './histogram.ts';
import {
  binCountsSql,
  distinctValuesSql,
  madOutliersSql,
  madRunsSql,
  powerSumsSql,
  quantileRunsSql,
} from './numeric-queries.ts';
import { quantileFromRuns, runsByColumn, type ValueRun } from './order-statistics.ts';
import type { ProfiledColumn, ProfileScope } from './profile-source.ts';
import { num } from './summary-query.ts';
import { type AlertThresholds, QUANTILE_PROBS } from './types.ts';
import { type ColumnFigures, withValueCounts } from './value-counts.ts';

type Key = string | null;

const Q1 = QUANTILE_PROBS.indexOf(0.25);
const MEDIAN = QUANTILE_PROBS.indexOf(0.5);
const Q3 = QUANTILE_PROBS.indexOf(0.75);

/** One numeric column of one group with values, and its summary row. */
interface Cell {
  readonly c: ProfiledColumn;
  readonly g: Key;
  readonly s: Row;
}

/** The numeric columns of one group: exact distinct counts, and the figures of those with finite values. */
export interface GroupNumericStatistics {
  readonly distinct: ReadonlyMap<number, number>;
  readonly figures: ReadonlyMap<number, NumericFigures>;
}

/**
 * The statistics of the numeric columns of a scope beyond the summary, per group, from the
 * value-counts table (one GROUP BY scan of the rows; see value-counts.ts) in at most six small
 * queries over it: the distinct counts, the quantile runs and the power sums about the summary's
 * mean; then, with the quartiles, the histogram bins and IQR-rule counts, and the MAD's runs;
 * then, when some MAD is positive, the MAD-rule counts. Groups without numeric values are absent.
 */
export async function numericStatistics(
  wh: Warehouse,
  scope: ProfileScope,
  summaries: readonly Row[],
  thresholds: AlertThresholds,
): Promise<Map<Key, GroupNumericStatistics>> {
  if (summaries.length === 0 || !scope.columns.some((c) => c.kind === 'numeric')) return new Map();
  return withValueCounts(wh, scope, async () => {
    const out = new Map<Key, { distinct: Map<number, number>; figures: Map<number, NumericFigures> }>();
    const group = (g: Key) => {
      const entry = out.get(g) ?? {
        distinct: new Map<number, number>(),
        figures: new Map<number, NumericFigures>(),
      };
      out.set(g, entry);
      return entry;
    };
    for (const r of await wh.all(distinctValuesSql())) {
      group(r.g as Key).distinct.set(Number(r.col), Number(r.distinct_values));
    }
    const cells: Cell[] = summaries.flatMap((s) =>
      scope.columns
        .filter((c) => c.kind === 'numeric' && (num(s, `finite${c.index}`) ?? 0) > 0)
        .map((c) => ({ c, g: s.g as Key, s })),
    );
    const computed = cells.length === 0 ? [] : await cellFigures(wh, cells, thresholds);
    cells.forEach((cell, i) => {
      group(cell.g).figures.set(cell.c.index, computed[i] as NumericFigures);
    });
    return out;
  });
}

/**
 * The figures of the cells (columns with finite values, per group) from the value-counts table:
 * its runs and power sums, then bins and IQR counts and the MAD's runs, then MAD-rule counts.
 */
async function cellFigures(
  wh: Warehouse,
  cells: readonly Cell[],
  thresholds: AlertThresholds,
): Promise<NumericFigures[]> {
  const figures = (values: (cell: Cell, i: number) => (number | null)[]): ColumnFigures[] =>
    cells.map((cell, i) => ({ col: cell.c.index, g: cell.g, values: values(cell, i) }));
  const quantileRuns = runsByColumn(await wh.all(quantileRunsSql(QUANTILE_PROBS)));
  const sums = byCell(await wh.all(powerSumsSql(figures(({ c, s }) => [num(s, `mean${c.index}`)]))));
  const plans = cells.map((cell) =>
    quartilePlan(cell, quantileRuns.get(cell.c.index)?.get(cell.g), thresholds),
  );
  const binFigures = figures((_, i) => {
    const { bins, iqr } = plans[i] as NumericPlan;
    return [
      bins?.min ?? null,
      bins?.binWidth ?? null,
      bins?.bins ?? null,
      iqr?.lower ?? null,
      iqr?.upper ?? null,
    ];
  });
  const bins = binsByCell(await wh.all(binCountsSql(binFigures)));
  const median = (i: number) => plans[i]?.quantiles[MEDIAN] ?? null;
  const madRuns = runsByColumn(await wh.all(madRunsSql(figures((_, i) => [median(i)]))));
  const withMad = plans.map((plan, i): NumericPlan => {
    const cell = cells[i] as Cell;
    const runs = madRuns.get(cell.c.index)?.get(cell.g);
    const mad = runs ? quantileFromRuns(runs.runs, runs.total, 0.5) : null;
    const m = median(i);
    if (mad === null || m === null) return plan;
    const limit = thresholds.madZ * 1.4826 * mad;
    const bounds = mad > 0 ? { lower: m - limit, upper: m + limit } : { lower: null, upper: null };
    return { ...plan, mad: { mad, ...bounds } };
  });
  const madFigures = figures((_, i) => [withMad[i]?.mad?.lower ?? null, withMad[i]?.mad?.upper ?? null]);
  const madOutliers = withMad.some((plan) => (plan.mad?.mad ?? 0) > 0)
    ? byCell(await wh.all(madOutliersSql(madFigures)))
    : new Map<string, Row>();
  return cells.map((cell, i) => {
    const key = cellKey(cell.c.index, cell.g);
    const s = sums.get(key);
    const counted = bins.get(key);
    return {
      plan: withMad[i] as NumericPlan,
      sums: { s1: num(s, 's1') ?? 0, s2: num(s, 's2') ?? 0, s3: num(s, 's3') ?? 0, s4: num(s, 's4') ?? 0 },
      bins: counted?.bins ?? new Map(),
      iqrOutliers: counted?.outside ?? 0,
      madOutliers: num(madOutliers.get(key), 'outside') ?? 0,
    };
  });
}

/** Quantiles from the runs, the IQR fences and the histogram's binning of one cell. */
function quartilePlan(
  { c, s }: Cell,
  runs: { total: number; runs: ValueRun[] } | undefined,
  thresholds: AlertThresholds,
): NumericPlan {
  const quantiles = QUANTILE_PROBS.map((p) => (runs ? quantileFromRuns(runs.runs, runs.total, p) : null));
  const [q1, q3] = [quantiles[Q1] ?? null, quantiles[Q3] ?? null];
  const iqr = q1 === null || q3 === null ? null : q3 - q1;
  const bins = binPlan(
    num(s, `finite${c.index}`) ?? 0,
    num(s, `min${c.index}`) ?? toNumber(s[`min${c.index}`]),
    num(s, `max${c.index}`) ?? toNumber(s[`max${c.index}`]),
    iqr,
  );
  const k = thresholds.iqrK;
  const fences =
    q1 === null || q3 === null || iqr === null ? null : { lower: q1 - k * iqr, upper: q3 + k * iqr };
  return { quantiles, bins, iqr: fences, mad: null };
}

/** Bin counts and IQR-rule outliers (summed over the bins) by cell, from {@link binCountsSql} rows. */
function binsByCell(rows: readonly Row[]): Map<string, { bins: Map<number, number>; outside: number }> {
  const out = new Map<string, { bins: Map<number, number>; outside: number }>();
  for (const r of rows) {
    const key = cellKey(Number(r.col), r.g as Key);
    const entry = out.get(key) ?? { bins: new Map<number, number>(), outside: 0 };
    out.set(key, entry);
    entry.bins.set(Number(r.bin), Number(r.n));
    entry.outside += Number(r.outside);
  }
  return out;
}

function cellKey(col: number, g: Key): string {
  return JSON.stringify([col, g]);
}

function byCell(rows: readonly Row[]): Map<string, Row> {
  return new Map(rows.map((r) => [cellKey(Number(r.col), r.g as Key), r]));
}

function toNumber(value: unknown): number | null {
  return typeof value === 'string' && value !== '' ? Number(value) : null;
}
