import { InvalidArgumentError } from '../errors.ts';
import { resolveThresholds } from './alert-thresholds.ts';
import type { AlertThresholds, ProfileResult } from './types.ts';

/**
 * What `profileTable` / `profileFile` profile. Defaults: every column, no grouping, no filter,
 * `topK` 10, the default thresholds (`DEFAULT_THRESHOLDS` in alert-thresholds.ts).
 */
export interface ProfileOptions {
  /** Columns to profile, as the user names them (case-insensitive when unambiguous); default all. */
  readonly columns?: readonly string[];
  /** A column whose values split the rows into groups (`--by`); at most {@link MAX_GROUPS} groups. */
  readonly by?: string | null;
  /**
   * A SQL predicate over the table's columns (`order_date >= '2025-01-01'`), checked to be one
   * expression. It may still read other tables of the warehouse in a subquery: callers facing
   * untrusted users open the warehouse read-only and run `set enable_external_access = false`.
   */
  readonly where?: string | null;
  /** Most frequent values listed per text column (default 10). */
  readonly topK?: number;
  readonly thresholds?: Partial<AlertThresholds>;
}

/** The most groups a `by` profile accepts. */
export const MAX_GROUPS = 1000;

/** The methods a profile uses, named in its result. */
export const PROFILE_METHODS: ProfileResult['methods'] = {
  quantiles:
    'R type 7 (linear interpolation between order statistics, located from the counts of each distinct value; as DuckDB quantile_cont)',
  sd: 'sample standard deviation (n - 1 denominator) from sums of squares centred on the mean (compensated summation over the distinct values)',
  skewness:
    'adjusted Fisher-Pearson G1 = sqrt(n(n-1))/(n-2) m3/m2^1.5 (as pandas, Excel SKEW, scipy skew(bias=False)), from centred power sums',
  kurtosis:
    'excess kurtosis, adjusted G2 = (n-1)/((n-2)(n-3)) ((n+1)(m4/m2^2 - 3) + 6) (as pandas, Excel KURT, scipy kurtosis(bias=False)), from centred power sums',
  histogram:
    'Freedman-Diaconis width 2 IQR n^(-1/3); Sturges (ceil(log2 n) + 1 bins) when the IQR is 0; at most 100 bins; bins [lower, upper), the last closed',
  spearman:
    'Pearson correlation of average ranks (ties get the mean of their ranks), on pairwise complete rows; Pearson: DuckDB corr on pairwise complete rows',
  outliers:
    'IQR rule: outside [Q1 - k IQR, Q3 + k IQR]; MAD rule: |x - median| > z 1.4826 MAD, MAD = median |x - median|, none when MAD is 0',
};

/** The options as recorded in a result. */
export type ResolvedProfileOptions = ProfileResult['options'];

/**
 * Checks the options that need no database and fills in defaults (columns are resolved later).
 *
 * @throws InvalidArgumentError for a topK that is not a positive integer or a threshold that is unknown or out of its range.
 */
export function normalizeProfileOptions(options: ProfileOptions): Omit<ResolvedProfileOptions, 'columns'> {
  const topK = options.topK ?? 10;
  if (!Number.isInteger(topK) || topK < 1) {
    throw new InvalidArgumentError(`profileTable: topK must be a positive integer, got ${topK}`);
  }
  const thresholds = resolveThresholds(options.thresholds);
  const where = options.where?.trim() ? options.where.trim() : null;
  return { by: options.by ?? null, where, topK, thresholds };
}
