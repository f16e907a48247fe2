/**
 * Shared shapes of the post-hoc comparisons of the one-way family (`posthoc-tukey.ts`,
 * `posthoc-games-howell.ts`, `posthoc-dunn.ts`): the pair order and the per-pair result of the
 * comparisons of means.
 */

/**
 * One pairwise comparison of group means, with a simultaneous confidence interval.
 * `diff` is mean(b) - mean(a), as R `TukeyHSD` reports "b-a".
 */
export interface MeanPairComparison {
  readonly a: string;
  readonly b: string;
  /** mean(b) - mean(a). */
  readonly diff: number;
  /** Standard error of the studentized range scale: q = |diff| / se; `null` when not estimable. */
  readonly se: number | null;
  /** The studentized range statistic q = |diff| / se; `null` when se is 0 or not estimable. */
  readonly statistic: number | null;
  /** Error degrees of freedom of the pair's studentized range. */
  readonly df: number | null;
  /** Lower end of the simultaneous interval for `diff`. */
  readonly lower: number | null;
  /** Upper end of the simultaneous interval for `diff`. */
  readonly upper: number | null;
  /** P(Q > q) for the studentized range of k means: the multiplicity-adjusted p-value. */
  readonly pAdj: number | null;
}

/**
 * The pairs (a, b) of a list of groups in R's order (lower triangle by columns): for groups
 * g1..gk, (g1, g2), (g1, g3), ..., (g1, gk), (g2, g3), ..., as `TukeyHSD` lists "g2-g1", "g3-g1".
 */
export function pairsOf<T>(items: readonly T[]): (readonly [T, T])[] {
  const pairs: (readonly [T, T])[] = [];
  items.forEach((a, i) => {
    for (const b of items.slice(i + 1)) pairs.push([a, b]);
  });
  return pairs;
}
