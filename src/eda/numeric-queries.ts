import type { SqlQuery } from '../warehouse/params.ts';
import { binIndexSql } from './histogram.ts';
import { orderStatisticsSql } from './order-statistics.ts';
import { SqlParamList } from './profile-source.ts';
import { type ColumnFigures, countsWithFigures, VALUE_COUNTS } from './value-counts.ts';

// The queries of a profile's numeric statistics. All read the value-counts table (distinct values
// with their row counts, see value-counts.ts), not the rows; those that need figures of an earlier
// query (the mean, the quartiles, the median) get them per (column, group) as `p.<name>`.

function withFigures(
  names: readonly string[],
  figures: readonly ColumnFigures[],
  body: (from: string) => string,
): SqlQuery {
  const params = new SqlParamList();
  return { sql: body(countsWithFigures(params, names, figures)), params: params.values };
}

/**
 * The runs of equal values holding the order statistics of the quantiles at `probs` (R type 7,
 * see {@link quantileFromRuns}), for every numeric column and group.
 */
export function quantileRunsSql(probs: readonly number[]): SqlQuery {
  return { sql: orderStatisticsSql(`(select * from ${VALUE_COUNTS} where v is not null)`, probs) };
}

/** Exact distinct counts (NaN and infinities included): rows `col, g, distinct_values`. */
export function distinctValuesSql(): SqlQuery {
  return { sql: `select col, g, count(*) as distinct_values from ${VALUE_COUNTS} group by col, g` };
}

/**
 * Power sums of (x - mean) up to the fourth, weighted by each value's rows (for sd, skewness,
 * kurtosis; see `momentsFromShiftedSums`), summed with `fsum` (compensated summation). Needs `mean`.
 * Rows: `col, g, s1, s2, s3, s4`.
 */
export function powerSumsSql(figures: readonly ColumnFigures[]): SqlQuery {
  return withFigures(['mean'], figures, (from) => {
    const d = '(c.v - p.mean)';
    return `select c.col, c.g, fsum(c.n * ${d}) as s1, fsum(c.n * (${d} * ${d})) as s2,
  fsum(c.n * (${d} * ${d} * ${d})) as s3, fsum(c.n * (${d} * ${d} * ${d} * ${d})) as s4
from ${from} group by c.col, c.g`;
  });
}

/**
 * Histogram bin counts (the bin number of each value as `histogram.ts` defines it) with the rows
 * of each bin outside the IQR fences [`iqr_lower`, `iqr_upper`]. Needs `min`, `width`, `bins`,
 * `iqr_lower`, `iqr_upper`. Rows: `col, g, bin, n, outside`.
 */
export function binCountsSql(figures: readonly ColumnFigures[]): SqlQuery {
  const names = ['min', 'width', 'bins', 'iqr_lower', 'iqr_upper'];
  return withFigures(names, figures, (from) => {
    const bin = binIndexSql('c.v', 'p.min', 'p.width', 'p.bins');
    return `select c.col, c.g, ${bin} as bin, sum(c.n)::bigint as n,
  coalesce(sum(c.n) filter (where c.v < p.iqr_lower or c.v > p.iqr_upper), 0)::bigint as outside
from ${from} group by c.col, c.g, bin`;
  });
}

/**
 * The runs of the order statistics of the median of |x - median| (the MAD), from the distinct
 * absolute deviations with their rows. Needs `median`. Rows as {@link quantileRunsSql}.
 */
export function madRunsSql(figures: readonly ColumnFigures[]): SqlQuery {
  return withFigures(['median'], figures, (from) =>
    orderStatisticsSql(
      `(select c.col, c.g, abs(c.v - p.median) as v, sum(c.n) as n from ${from} group by c.col, c.g, abs(c.v - p.median))`,
      [0.5],
    ),
  );
}

/** MAD-rule outliers outside [`mad_lower`, `mad_upper`]. Rows: `col, g, outside`. */
export function madOutliersSql(figures: readonly ColumnFigures[]): SqlQuery {
  return withFigures(['mad_lower', 'mad_upper'], figures, (from) => {
    return `select c.col, c.g, coalesce(sum(c.n) filter (where c.v < p.mad_lower or c.v > p.mad_upper), 0)::bigint as outside
from ${from} group by c.col, c.g`;
  });
}
