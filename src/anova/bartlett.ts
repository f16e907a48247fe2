import { chiSquaredUpperTail } from '../stats/index.ts';
import { describeGroup, type MomentSet, momentsFromSamples, momentsFromSummaries } from './exact-sums.ts';
import type { AnovaWarning, GroupDescription, GroupSample, GroupSummary, SumsMethod } from './types.ts';
import { unusableVariances } from './unequal-variances.ts';

/** Result of `bartlett` / `bartlettFromSummaries`. */
export interface BartlettResult {
  readonly kind: 'bartlett';
  readonly sumsMethod: SumsMethod;
  readonly groups: readonly GroupDescription[];
  readonly n: number;
  /** Bartlett's K^2; `null` (with a warning) when a group has one value or no variation. */
  readonly k2: number | null;
  readonly df: number;
  readonly pValue: number | null;
  readonly warnings: readonly AnovaWarning[];
}

/**
 * Bartlett's test of equal variances (Bartlett, M. S. 1937, "Properties of sufficiency and
 * statistical tests", Proc. R. Soc. A 160, 268-282), as R `bartlett.test`. Sensitive to
 * non-normality; `levene` is the robust alternative.
 *
 * Method: with s_i^2 the group variances (denominator n_i - 1) and s_p^2 the pooled one,
 * K^2 = ((N - k) ln s_p^2 - sum (n_i - 1) ln s_i^2) / (1 + (sum 1 / (n_i - 1) - 1 / (N - k)) / (3 (k - 1))),
 * referred to chi-squared(k - 1). Variances by the shifted two-pass algorithm.
 *
 * Returns `k2` and `pValue` `null`, with a warning, when a group has a single value or no
 * variation (R stops with an error or returns NaN).
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value or a repeated group name.
 *
 * @example bartlett(plantGrowth) // k2 2.878574, df 2, p 0.2371 (R bartlett.test)
 */
export function bartlett(groups: readonly GroupSample[]): BartlettResult {
  return bartlettCore(momentsFromSamples('bartlett', groups));
}

/**
 * The same test from exact per-group sums (`n`, `sum`, `sumSquares` as decimal text).
 *
 * @throws InsufficientDataError / InvalidArgumentError as `oneWayAnovaFromSummaries`.
 */
export function bartlettFromSummaries(summaries: readonly GroupSummary[]): BartlettResult {
  return bartlettCore(momentsFromSummaries('bartlettFromSummaries', summaries));
}

function bartlettCore(m: MomentSet): BartlettResult {
  const k = m.groups.length;
  const base = {
    kind: 'bartlett' as const,
    sumsMethod: m.method,
    groups: m.groups.map(describeGroup),
    n: m.n,
    df: k - 1,
  };
  const unusable = unusableVariances('bartlett', m.groups);
  if (unusable !== null) return { ...base, k2: null, pValue: null, warnings: [unusable] };
  const dfWithin = m.n - k;
  const pooled = m.ssWithin / dfWithin;
  let logTerm = 0;
  let inverseDf = 0;
  for (const g of m.groups) {
    logTerm += (g.n - 1) * Math.log(g.variance ?? Number.NaN);
    inverseDf += 1 / (g.n - 1);
  }
  const k2 = (dfWithin * Math.log(pooled) - logTerm) / (1 + (inverseDf - 1 / dfWithin) / (3 * (k - 1)));
  return { ...base, k2, pValue: chiSquaredUpperTail(k2, k - 1), warnings: [] };
}
