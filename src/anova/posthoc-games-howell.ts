import { studentizedRangeQuantile, studentizedRangeUpperTail } from '../stats/index.ts';
import {
  describeGroup,
  type GroupMoments,
  type MomentSet,
  momentsFromSamples,
  momentsFromSummaries,
} from './exact-sums.ts';
import { type MeanPairComparison, pairsOf } from './posthoc-pairs.ts';
import type { AnovaWarning, GroupDescription, GroupSample, GroupSummary, SumsMethod } from './types.ts';
import { checkLevel } from './validate.ts';

/** Options of `gamesHowell` / `gamesHowellFromSummaries`. */
export interface GamesHowellOptions {
  /** Family-wise confidence level of the simultaneous intervals; default 0.95. */
  readonly confidenceLevel?: number;
}

/** Result of `gamesHowell` / `gamesHowellFromSummaries`. */
export interface GamesHowellResult {
  readonly kind: 'games-howell';
  readonly options: { readonly confidenceLevel: number };
  readonly sumsMethod: SumsMethod;
  readonly groups: readonly GroupDescription[];
  /** Total number of values. */
  readonly n: number;
  /** The k (k - 1) / 2 pairs in R's order (see `pairsOf`), each with its own Welch df. */
  readonly pairs: readonly MeanPairComparison[];
  readonly warnings: readonly AnovaWarning[];
}

/**
 * The Games-Howell pairwise comparisons of means without assuming equal variances (Games, P. A. &
 * Howell, J. F. 1976, "Pairwise multiple comparison procedures with unequal n's and/or variances:
 * a Monte Carlo study", J. Educational Statistics 1(2), 113-125), as
 * `rstatix::games_howell_test`: the post-hoc companion of Welch's ANOVA.
 *
 * Method: per pair, with w = s^2 / n per group, se = sqrt((w_a + w_b) / 2),
 * q = |mean_b - mean_a| / se, Welch-Satterthwaite df = (w_a + w_b)^2 / (w_a^2 / (n_a - 1) +
 * w_b^2 / (n_b - 1)), p = P(Q_{k, df} > q) and the interval diff -/+ q(level; k, df) se. The
 * critical value depends on the pair's df, so each pair costs one studentized range quantile
 * (~120 ms at k = 8) and one tail (~20 ms): 8 groups, 28 pairs, about 4 s. Group means and
 * variances by the shifted two-pass algorithm (see `momentsFromSamples`).
 *
 * A pair whose groups include one with a single value, or both constant, has `se`, `statistic`,
 * `df`, interval and `pAdj` `null`, with a warning naming it.
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value, a repeated group name or a confidence level
 *   outside (0, 1).
 *
 * @example gamesHowell(mtcarsMpgByCyl).pairs[0] // 6-4: diff -6.920779, df 12.95598, q 6.673758, pAdj 0.001096 (R, reference.R; a test)
 */
export function gamesHowell(
  groups: readonly GroupSample[],
  options: GamesHowellOptions = {},
): GamesHowellResult {
  const level = options.confidenceLevel ?? 0.95;
  checkLevel('gamesHowell', level);
  return gamesHowellFromMoments('gamesHowell', momentsFromSamples('gamesHowell', groups), level);
}

/**
 * The same comparisons from exact per-group sums (`n`, `sum`, `sumSquares` as decimal text):
 * means and variances are exact rationals rounded once (see `momentsFromSummaries`).
 *
 * @throws InsufficientDataError / InvalidArgumentError as `oneWayAnovaFromSummaries`.
 *
 * @example gamesHowellFromSummaries([
 *   { group: 'a', n: 3, sum: '6', sumSquares: '14' },
 *   { group: 'b', n: 3, sum: '15', sumSquares: '77' },
 * ]).pairs[0] // diff 3, se sqrt(1/3), df 4 (by hand; a test)
 */
export function gamesHowellFromSummaries(
  summaries: readonly GroupSummary[],
  options: GamesHowellOptions = {},
): GamesHowellResult {
  const level = options.confidenceLevel ?? 0.95;
  checkLevel('gamesHowellFromSummaries', level);
  return gamesHowellFromMoments(
    'gamesHowellFromSummaries',
    momentsFromSummaries('gamesHowellFromSummaries', summaries),
    level,
  );
}

function gamesHowellFromMoments(fn: string, m: MomentSet, confidenceLevel: number): GamesHowellResult {
  const k = m.groups.length;
  const unusable: string[] = [];
  const pairs = pairsOf(m.groups).map(([a, b]) => {
    const pair = comparePair(a, b, k, confidenceLevel);
    if (pair.se === null) unusable.push(`${b.group}-${a.group}`);
    return pair;
  });
  const warnings: AnovaWarning[] =
    unusable.length === 0
      ? []
      : [
          {
            code: 'pair-variance-unusable',
            message: `${fn} needs a variance from groups of two or more values, not both zero; no statistic for ${unusable.join(', ')}`,
          },
        ];
  return {
    kind: 'games-howell',
    options: { confidenceLevel },
    sumsMethod: m.method,
    groups: m.groups.map(describeGroup),
    n: m.n,
    pairs,
    warnings,
  };
}

function comparePair(a: GroupMoments, b: GroupMoments, k: number, level: number): MeanPairComparison {
  const diff = b.mean - a.mean;
  const wa = a.variance === null ? null : a.variance / a.n;
  const wb = b.variance === null ? null : b.variance / b.n;
  if (wa === null || wb === null || wa + wb === 0) {
    return {
      a: a.group,
      b: b.group,
      diff,
      se: null,
      statistic: null,
      df: null,
      lower: null,
      upper: null,
      pAdj: null,
    };
  }
  const se = Math.sqrt((wa + wb) / 2);
  const df = (wa + wb) ** 2 / ((wa * wa) / (a.n - 1) + (wb * wb) / (b.n - 1));
  const statistic = Math.abs(diff) / se;
  const critical = studentizedRangeQuantile(level, k, df);
  return {
    a: a.group,
    b: b.group,
    diff,
    se,
    statistic,
    df,
    lower: diff - critical * se,
    upper: diff + critical * se,
    pAdj: studentizedRangeUpperTail(statistic, k, df),
  };
}
