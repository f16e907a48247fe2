import { fUpperTail } from '../stats/index.ts';
import { describeGroup, type MomentSet, momentsFromSamples, momentsFromSummaries } from './exact-sums.ts';
import type { GroupSample, GroupSummary, UnequalVarianceMeansResult } from './types.ts';
import { unusableVariances } from './unequal-variances.ts';

/** Result of `welchAnova` / `welchAnovaFromSummaries`. */
export interface WelchAnovaResult extends UnequalVarianceMeansResult {
  readonly kind: 'welch-anova';
}

/**
 * Welch's test of equal means without assuming equal variances (Welch, B. L. 1951, "On the
 * comparison of several mean values: an alternative approach", Biometrika 38, 330-336), as
 * R `oneway.test(y ~ g, var.equal = FALSE)`.
 *
 * Method: weights w_i = n_i / s_i^2, weighted grand mean m = sum w_i mean_i / sum w_i;
 * A = sum w_i (mean_i - m)^2 / (k - 1); t = sum (1 - w_i / sum w)^2 / (n_i - 1);
 * F = A / (1 + 2 (k - 2) t / (k^2 - 1)) on k - 1 and (k^2 - 1) / (3 t) degrees of freedom.
 * Group means and variances by the shifted two-pass algorithm (see `momentsFromSamples`).
 *
 * Returns `f`, `df2` and `pValue` `null`, with a warning, when a group has a single value or no
 * variation (R stops with an error or returns NaN there).
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value (exclude and count nulls first) or a
 *   repeated group name.
 *
 * @example welchAnova(plantGrowth) // f 5.180972, df 2 and 17.12842, p 0.01739 (R oneway.test)
 */
export function welchAnova(groups: readonly GroupSample[]): WelchAnovaResult {
  return welch(momentsFromSamples('welchAnova', groups));
}

/**
 * The same test from exact per-group sums (`n`, `sum`, `sumSquares` as decimal text): means and
 * variances are exact rationals rounded once.
 *
 * @throws InsufficientDataError / InvalidArgumentError as `oneWayAnovaFromSummaries`.
 */
export function welchAnovaFromSummaries(summaries: readonly GroupSummary[]): WelchAnovaResult {
  return welch(momentsFromSummaries('welchAnovaFromSummaries', summaries));
}

function welch(m: MomentSet): WelchAnovaResult {
  const k = m.groups.length;
  const base = {
    kind: 'welch-anova' as const,
    sumsMethod: m.method,
    groups: m.groups.map(describeGroup),
    n: m.n,
    df1: k - 1,
  };
  const unusable = unusableVariances('welchAnova', m.groups);
  if (unusable !== null) return { ...base, f: null, df2: null, pValue: null, warnings: [unusable] };
  const weights = m.groups.map((g) => g.n / (g.variance ?? Number.NaN));
  const sumW = weights.reduce((a, b) => a + b, 0);
  let weightedMean = 0;
  m.groups.forEach((g, i) => {
    weightedMean += ((weights[i] ?? 0) * g.mean) / sumW;
  });
  let a = 0;
  let t = 0;
  m.groups.forEach((g, i) => {
    const w = weights[i] ?? 0;
    a += w * (g.mean - weightedMean) ** 2;
    t += (1 - w / sumW) ** 2 / (g.n - 1);
  });
  a /= k - 1;
  t /= k * k - 1;
  const f = a / (1 + 2 * (k - 2) * t);
  const df2 = 1 / (3 * t);
  return { ...base, f, df2, pValue: fUpperTail(f, k - 1, df2), warnings: [] };
}
