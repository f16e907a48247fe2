import { studentizedRangeQuantile, studentizedRangeUpperTail } from '../stats/index.ts';
import { describeGroup, type MomentSet, momentsFromSamples, momentsFromSummaries } from './exact-sums.ts';
import { type MeanPairComparison, pairsOf } from './posthoc-pairs.ts';
import type { AnovaWarning, GroupDescription, GroupSample, GroupSummary, SumsMethod } from './types.ts';
import { checkLevel } from './validate.ts';

/** Options of `tukeyHsd` / `tukeyHsdFromSummaries`. */
export interface TukeyOptions {
  /** Family-wise confidence level of the simultaneous intervals; default 0.95. */
  readonly confidenceLevel?: number;
}

/** Result of `tukeyHsd` / `tukeyHsdFromSummaries`. */
export interface TukeyResult {
  readonly kind: 'tukey-hsd';
  readonly options: { readonly confidenceLevel: number };
  readonly sumsMethod: SumsMethod;
  readonly groups: readonly GroupDescription[];
  /** Total number of values. */
  readonly n: number;
  /** Within-group (error) degrees of freedom N - k. */
  readonly df: number;
  /** Pooled within-group mean square SSW / (N - k); `null` when N = k. */
  readonly meanSquareError: number | null;
  /** Studentized range quantile q(level; k, N - k); `null` when N = k. */
  readonly criticalValue: number | null;
  /** The k (k - 1) / 2 pairs in R's order (see `pairsOf`). */
  readonly pairs: readonly MeanPairComparison[];
  readonly warnings: readonly AnovaWarning[];
}

/**
 * Tukey's honestly significant difference: all pairwise differences of group means with
 * simultaneous confidence intervals and studentized-range p-values, as R
 * `TukeyHSD(aov(y ~ g))`; for unequal group sizes the Tukey-Kramer form (Tukey 1953, "The problem
 * of multiple comparisons", unpublished; Kramer, C. Y. 1956, "Extension of multiple range tests
 * to group means with unequal numbers of replications", Biometrics 12(3), 307-310).
 *
 * Method: pooled MSE = SSW / (N - k) from the within sum of squares; per pair
 * se = sqrt(MSE / 2 (1/n_a + 1/n_b)), q = |mean_b - mean_a| / se, p = P(Q_{k, N-k} > q)
 * (`studentizedRangeUpperTail`) and interval diff -/+ q_crit se with one critical value
 * q_crit = `studentizedRangeQuantile(level, k, N - k)` for all pairs. Sums of squares by the
 * shifted two-pass algorithm (see `momentsFromSamples`). Cost: one quantile plus one tail per
 * pair (~20 ms each; 8 groups, 28 pairs, under a second).
 *
 * Returns all statistics `null`, with a warning, when every group has one value (N = k); with no
 * within-group variation the intervals shrink to `diff` and `statistic` / `pAdj` are `null`.
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value, a repeated group name or a confidence level
 *   outside (0, 1).
 *
 * @example tukeyHsd(plantGrowth).pairs[2] // trt2-trt1: diff 0.865, [0.1737839, 1.5562161], pAdj 0.0120064 (R TukeyHSD; a test)
 */
export function tukeyHsd(groups: readonly GroupSample[], options: TukeyOptions = {}): TukeyResult {
  const level = options.confidenceLevel ?? 0.95;
  checkLevel('tukeyHsd', level);
  return tukey(momentsFromSamples('tukeyHsd', groups), level);
}

/**
 * The same comparisons from exact per-group sums (`n`, `sum`, `sumSquares` as decimal text), e.g.
 * from a DuckDB query over a DECIMAL column: means and the within sum of squares are exact
 * rationals rounded once (see `momentsFromSummaries`).
 *
 * @throws InsufficientDataError / InvalidArgumentError as `oneWayAnovaFromSummaries`.
 *
 * @example tukeyHsdFromSummaries([
 *   { group: 'a', n: 3, sum: '6', sumSquares: '14' },
 *   { group: 'b', n: 3, sum: '15', sumSquares: '77' },
 * ]).pairs[0] // diff 3, se sqrt(1/3), q 3 sqrt(3) (by hand; a test)
 */
export function tukeyHsdFromSummaries(
  summaries: readonly GroupSummary[],
  options: TukeyOptions = {},
): TukeyResult {
  const level = options.confidenceLevel ?? 0.95;
  checkLevel('tukeyHsdFromSummaries', level);
  return tukey(momentsFromSummaries('tukeyHsdFromSummaries', summaries), level);
}

function tukey(m: MomentSet, confidenceLevel: number): TukeyResult {
  const k = m.groups.length;
  const df = m.n - k;
  const warnings: AnovaWarning[] = [];
  const base = {
    kind: 'tukey-hsd' as const,
    options: { confidenceLevel },
    sumsMethod: m.method,
    groups: m.groups.map(describeGroup),
    n: m.n,
    df,
  };
  const pairs = pairsOf(m.groups);
  if (df === 0) {
    warnings.push({
      code: 'no-within-df',
      message: 'tukeyHsd: every group has a single value, so there is no error variance to compare with',
    });
    return {
      ...base,
      meanSquareError: null,
      criticalValue: null,
      pairs: pairs.map(([a, b]) => ({
        a: a.group,
        b: b.group,
        diff: b.mean - a.mean,
        se: null,
        statistic: null,
        df: null,
        lower: null,
        upper: null,
        pAdj: null,
      })),
      warnings,
    };
  }
  const mse = m.ssWithin / df;
  if (mse === 0) {
    warnings.push({
      code: 'zero-within-variance',
      message:
        'tukeyHsd: every group is constant, so the standard errors are 0: intervals shrink to the differences and q is undefined',
    });
  }
  const criticalValue = studentizedRangeQuantile(confidenceLevel, k, df);
  return {
    ...base,
    meanSquareError: mse,
    criticalValue,
    pairs: pairs.map(([a, b]) => {
      const diff = b.mean - a.mean;
      const se = Math.sqrt((mse / 2) * (1 / a.n + 1 / b.n));
      const statistic = se > 0 ? Math.abs(diff) / se : null;
      return {
        a: a.group,
        b: b.group,
        diff,
        se,
        statistic,
        df,
        lower: diff - criticalValue * se,
        upper: diff + criticalValue * se,
        pAdj: statistic === null ? null : studentizedRangeUpperTail(statistic, k, df),
      };
    }),
    warnings,
  };
}
