import { InvalidArgumentError } from '../errors.ts';
import { normalUpperTail } from '../stats/index.ts';
import { adjustPValues, P_ADJUST_METHODS, type PAdjustMethod } from '../stats/p-adjust.ts';
import type { GroupRanks, TieCorrectionInput } from './kruskal-wallis.ts';
import { pairsOf } from './posthoc-pairs.ts';
import type { AnovaWarning, GroupSample } from './types.ts';
import { checkGroups, checkValues } from './validate.ts';

/** Options of `dunnTest` / `dunnTestFromRanks`. */
export interface DunnOptions {
  /** Adjustment of the pairwise p-values for multiplicity; default `'holm'`. */
  readonly adjust?: PAdjustMethod;
}

/** One pairwise comparison of mean ranks. `diff` is meanRank(b) - meanRank(a). */
export interface RankPairComparison {
  readonly a: string;
  readonly b: string;
  /** meanRank(b) - meanRank(a). */
  readonly diff: number;
  /** Tie-corrected standard error of `diff`; `null` when all values are tied. */
  readonly se: number | null;
  /** z = diff / se (the opposite sign of FSA::dunnTest's Z, which is a - b). */
  readonly statistic: number | null;
  /** Two-sided normal p-value 2 P(Z > |z|). */
  readonly pValue: number | null;
  /** `pValue` adjusted over all pairs by `options.adjust`. */
  readonly pAdj: number | null;
}

/** Result of `dunnTest` / `dunnTestFromRanks`. */
export interface DunnResult {
  readonly kind: 'dunn';
  readonly options: { readonly adjust: PAdjustMethod };
  readonly groups: readonly (GroupRanks & { readonly meanRank: number })[];
  /** Total number of values. */
  readonly n: number;
  /** Sum over tie groups of t^3 - t in the pooled sample; 0 without ties. */
  readonly sumTiesCubedMinusTies: number;
  /** The k (k - 1) / 2 pairs in R's order (see `pairsOf`). */
  readonly pairs: readonly RankPairComparison[];
  readonly warnings: readonly AnovaWarning[];
}

/**
 * Dunn's pairwise comparisons of mean ranks after a Kruskal-Wallis test (Dunn, O. J. 1964,
 * "Multiple comparisons using rank sums", Technometrics 6(3), 241-252), as `FSA::dunnTest` /
 * `dunn.test(altp = TRUE)` with two-sided p-values.
 *
 * Method: pooled midranks; per pair z = (Rbar_b - Rbar_a) / sqrt((N (N + 1) / 12 -
 * sum(t^3 - t) / (12 (N - 1))) (1/n_a + 1/n_b)), with the tie correction of the variance;
 * p = 2 P(Z > |z|) and the family adjusted by `adjustPValues` (Holm by default).
 *
 * When all values are tied, `se`, `statistic`, `pValue` and `pAdj` are `null` with a warning.
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value, a repeated group name or an unknown
 *   adjustment method.
 *
 * @example dunnTest(plantGrowth).pairs[2] // trt2-trt1: z 2.807015, p 0.005000, Holm 0.015001 (R, reference.R; a test)
 */
export function dunnTest(groups: readonly GroupSample[], options: DunnOptions = {}): DunnResult {
  checkGroups('dunnTest', groups);
  for (const g of groups) checkValues('dunnTest', g.group, g.values);
  const { rankSums, sumTiesCubedMinusTies, n } = pooledRanks(groups);
  return dunnCore(
    'dunnTest',
    groups.map((g, i) => ({ group: g.group, n: g.values.length, rankSum: rankSums[i] ?? 0 })),
    { sumTiesCubedMinusTies, n },
    options,
  );
}

/**
 * The same comparisons from per-group rank sums over the pooled sample and the tie term, as for
 * `kruskalWallisFromRanks` (midranks and `sum(t * t * t - t)` computed in SQL).
 *
 * @throws InsufficientDataError with fewer than two groups or a group with n = 0.
 * @throws InvalidArgumentError when counts do not add up to `tieCorrection.n`, rank sums do not add
 *   up to n (n + 1) / 2 or are not multiples of 1/2, the tie term is impossible, or the adjustment
 *   method is unknown.
 *
 * @example dunnTestFromRanks(
 *   [{ group: 'a', n: 2, rankSum: 3 }, { group: 'b', n: 2, rankSum: 7 }],
 *   { sumTiesCubedMinusTies: 0, n: 4 },
 * ).pairs[0] // diff 2, se sqrt(5/3), z 1.549193 (by hand; a test)
 */
export function dunnTestFromRanks(
  ranks: readonly GroupRanks[],
  tieCorrection: TieCorrectionInput,
  options: DunnOptions = {},
): DunnResult {
  return dunnCore('dunnTestFromRanks', ranks, tieCorrection, options);
}

function dunnCore(
  fn: string,
  ranks: readonly GroupRanks[],
  ties: TieCorrectionInput,
  options: DunnOptions,
): DunnResult {
  const adjust = options.adjust ?? 'holm';
  if (!P_ADJUST_METHODS.includes(adjust)) {
    throw new InvalidArgumentError(
      `${fn}: adjust must be one of ${P_ADJUST_METHODS.join(', ')}, got ${JSON.stringify(adjust)}`,
    );
  }
  checkRanks(fn, ranks, ties);
  const n = ties.n;
  const t = ties.sumTiesCubedMinusTies;
  const allTied = BigInt(t) === BigInt(n) ** 3n - BigInt(n);
  const variance = (n * (n + 1) - t / (n - 1)) / 12;
  const groups = ranks.map((r) => ({
    group: r.group,
    n: r.n,
    rankSum: r.rankSum,
    meanRank: r.rankSum / r.n,
  }));
  const raw = pairsOf(groups).map(([a, b]) => {
    const diff = b.meanRank - a.meanRank;
    if (allTied) return { a: a.group, b: b.group, diff, se: null, statistic: null, pValue: null };
    const se = Math.sqrt(variance * (1 / a.n + 1 / b.n));
    const statistic = diff / se;
    return { a: a.group, b: b.group, diff, se, statistic, pValue: 2 * normalUpperTail(Math.abs(statistic)) };
  });
  const adjusted = allTied
    ? []
    : adjustPValues(
        raw.map((p) => p.pValue ?? 1),
        adjust,
      );
  return {
    kind: 'dunn',
    options: { adjust },
    groups,
    n,
    sumTiesCubedMinusTies: t,
    pairs: raw.map((p, i) => ({ ...p, pAdj: adjusted[i] ?? null })),
    warnings: allTied
      ? [{ code: 'all-tied', message: `${fn}: all values are equal, so ranks carry no information` }]
      : [],
  };
}

/** Pooled midranks: per-group rank sums and the tie term sum (t^3 - t). */
function pooledRanks(groups: readonly GroupSample[]): {
  rankSums: number[];
  sumTiesCubedMinusTies: number;
  n: number;
} {
  const pooled = groups.flatMap((g, gi) => g.values.map((v) => ({ v, gi })));
  pooled.sort((x, y) => x.v - y.v);
  const rankSums = groups.map(() => 0);
  let ties = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j + 1 < pooled.length && pooled[j + 1]?.v === pooled[i]?.v) j++;
    const count = j - i + 1;
    const midrank = (i + j + 2) / 2;
    for (let r = i; r <= j; r++) {
      const gi = pooled[r]?.gi ?? 0;
      rankSums[gi] = (rankSums[gi] ?? 0) + midrank;
    }
    ties += count ** 3 - count;
    i = j + 1;
  }
  return { rankSums, sumTiesCubedMinusTies: ties, n: pooled.length };
}

/** The rank inputs are what some pooled sample of n values gives. */
function checkRanks(fn: string, ranks: readonly GroupRanks[], ties: TieCorrectionInput): void {
  checkGroups(fn, ranks);
  let total = 0;
  let twiceRankTotal = 0;
  for (const r of ranks) {
    if (!Number.isSafeInteger(r.n) || r.n < 0) {
      throw new InvalidArgumentError(
        `${fn}: group "${r.group}" n must be a non-negative integer, got ${String(r.n)}`,
      );
    }
    if (r.n === 0) checkValues(fn, r.group, []);
    if (!Number.isFinite(r.rankSum) || !Number.isInteger(2 * r.rankSum)) {
      throw new InvalidArgumentError(
        `${fn}: group "${r.group}" rankSum must be a multiple of 1/2, got ${String(r.rankSum)}`,
      );
    }
    total += r.n;
    twiceRankTotal += 2 * r.rankSum;
  }
  const n = ties.n;
  if (!Number.isSafeInteger(n) || total !== n) {
    throw new InvalidArgumentError(
      `${fn}: group counts add up to ${total}, but tieCorrection.n is ${String(n)}`,
    );
  }
  if (twiceRankTotal !== n * (n + 1)) {
    throw new InvalidArgumentError(
      `${fn}: rank sums add up to ${twiceRankTotal / 2}, but ranks 1..${n} add up to ${(n * (n + 1)) / 2}`,
    );
  }
  const t = ties.sumTiesCubedMinusTies;
  if (!Number.isSafeInteger(t) || t < 0 || BigInt(t) > BigInt(n) ** 3n - BigInt(n)) {
    throw new InvalidArgumentError(
      `${fn}: sumTiesCubedMinusTies must be an integer in [0, n^3 - n], got ${String(t)}`,
    );
  }
}
