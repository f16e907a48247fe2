import { fUpperTail } from '../stats/index.ts';
import { describeGroup, type MomentSet, momentsFromSamples, momentsFromSummaries } from './exact-sums.ts';
import type { GroupSample, GroupSummary, UnequalVarianceMeansResult } from './types.ts';
import { unusableVariances } from './unequal-variances.ts';

/** Result of `brownForsytheMeans` / `brownForsytheMeansFromSummaries`. */
export interface BrownForsytheMeansResult extends UnequalVarianceMeansResult {
  readonly kind: 'brown-forsythe-means';
}

/**
 * The Brown-Forsythe F* test of equal means without assuming equal variances (Brown, M. B. &
 * Forsythe, A. B. 1974, "The small sample behavior of some statistics which test the equality of
 * several means", Technometrics 16(1), 129-132). Not to be confused with the Brown-Forsythe test
 * of variances (`levene(groups, { center: 'median' })`).
 *
 * Method: F* = sum n_i (mean_i - grand mean)^2 / sum (1 - n_i / N) s_i^2, on k - 1 and
 * Satterthwaite's df2 = 1 / sum c_i^2 / (n_i - 1), c_i = (1 - n_i / N) s_i^2 / sum_j (1 - n_j / N) s_j^2.
 * Group moments by the shifted two-pass algorithm (see `momentsFromSamples`); the numerator is
 * the classical between sum of squares.
 *
 * Returns `f`, `df2` and `pValue` `null`, with a warning, when a group has a single value or no
 * variation.
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value or a repeated group name.
 *
 * @example brownForsytheMeans(plantGrowth) // f 4.846088, df 2 and 22.20837, p 0.01793 (reference.R)
 */
export function brownForsytheMeans(groups: readonly GroupSample[]): BrownForsytheMeansResult {
  return brownForsythe(momentsFromSamples('brownForsytheMeans', groups));
}

/**
 * The same test from exact per-group sums (`n`, `sum`, `sumSquares` as decimal text).
 *
 * @throws InsufficientDataError / InvalidArgumentError as `oneWayAnovaFromSummaries`.
 */
export function brownForsytheMeansFromSummaries(
  summaries: readonly GroupSummary[],
): BrownForsytheMeansResult {
  return brownForsythe(momentsFromSummaries('brownForsytheMeansFromSummaries', summaries));
}

function brownForsythe(m: MomentSet): BrownForsytheMeansResult {
  const k = m.groups.length;
  const base = {
    kind: 'brown-forsythe-means' as const,
    sumsMethod: m.method,
    groups: m.groups.map(describeGroup),
    n: m.n,
    df1: k - 1,
  };
  const unusable = unusableVariances('brownForsytheMeans', m.groups);
  if (unusable !== null) return { ...base, f: null, df2: null, pValue: null, warnings: [unusable] };
  const terms = m.groups.map((g) => (1 - g.n / m.n) * (g.variance ?? Number.NaN));
  const denominator = terms.reduce((a, b) => a + b, 0);
  let inverseDf2 = 0;
  m.groups.forEach((g, i) => {
    const c = (terms[i] ?? 0) / denominator;
    inverseDf2 += (c * c) / (g.n - 1);
  });
  const f = m.ssBetween / denominator;
  const df2 = 1 / inverseDf2;
  return { ...base, f, df2, pValue: fUpperTail(f, k - 1, df2), warnings: [] };
}
