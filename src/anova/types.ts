/**
 * Shared input and result types of the one-way group-comparison family (`src/anova`).
 *
 * Nulls: the caller excludes missing values and counts them (a warehouse query does it with
 * `where value is not null` beside a `count(*) filter (where value is null)`); `values` holds
 * finite numbers only.
 */

/** The values of one group, nulls already excluded by the caller. */
export interface GroupSample {
  readonly group: string;
  readonly values: readonly number[];
}

/**
 * Sufficient statistics of one group as exact decimal text, as DuckDB returns them for a DECIMAL
 * column: `count(x)`, `sum(x)` and `sum(x * x)` (DECIMAL products and sums are exact in DuckDB
 * up to 38 digits; cast to a wider DECIMAL or to text before they overflow).
 *
 * @example { group: 'web', n: 3, sum: '30.00', sumSquares: '302.0000' }
 */
export interface GroupSummary {
  readonly group: string;
  /** Number of (non-null) values. */
  readonly n: number;
  /** Exact decimal text of the sum of the values, e.g. `'1234.5000'`. */
  readonly sum: string;
  /** Exact decimal text of the sum of the squared values. */
  readonly sumSquares: string;
  /**
   * When given, `sum` and `sumSquares` are of the values minus this shift (exact decimal text):
   * e.g. doubles summed in SQL after subtracting their overall mean, so a large common offset
   * cancels before the sums. Every statistic of the family is invariant to a shift; the group
   * means are reported with it added back.
   */
  readonly shift?: string;
  /**
   * The sums were formed in floating point (e.g. by DuckDB over DOUBLE values), so they are only
   * close to one set of values: a sum of squares below sum^2 / n by at most 1e-8 of itself is
   * read as zero spread instead of refused.
   */
  readonly approximate?: boolean;
}

/** A condition the caller should know about; the result is still returned. */
export interface AnovaWarning {
  readonly code: string;
  readonly message: string;
}

/**
 * How the sums of squares were formed: from exact decimal sums with bigint rationals, converted
 * to a double once (`'exact-decimal'`), or from doubles by a shifted, corrected two-pass
 * algorithm (`'shifted-two-pass'`).
 */
export type SumsMethod = 'exact-decimal' | 'shifted-two-pass';

/** Per-group description recorded in results. `variance` (denominator n - 1) is `null` for n = 1. */
export interface GroupDescription {
  readonly group: string;
  readonly n: number;
  readonly mean: number;
  readonly variance: number | null;
}

/** The fields shared by the F-type tests of means that do not assume equal variances. */
export interface UnequalVarianceMeansResult {
  readonly sumsMethod: SumsMethod;
  readonly groups: readonly GroupDescription[];
  /** Total number of values. */
  readonly n: number;
  /** `null` (with a warning) when a group has fewer than two values or no variation. */
  readonly f: number | null;
  readonly df1: number;
  /** Approximate (Satterthwaite-type) denominator degrees of freedom; `null` with `f`. */
  readonly df2: number | null;
  readonly pValue: number | null;
  readonly warnings: readonly AnovaWarning[];
}
