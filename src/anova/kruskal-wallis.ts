import { Rational } from '../decompose/rational.ts';
import { InvalidArgumentError } from '../errors.ts';
import { chiSquaredUpperTail } from '../stats/index.ts';
import type { AnovaWarning, GroupSample } from './types.ts';
import { checkGroups, checkValues } from './validate.ts';

/** Rank sum of one group over the pooled sample (midranks for ties). */
export interface GroupRanks {
  readonly group: string;
  readonly n: number;
  /** Sum of the group's pooled midranks: an integer or a half-integer. */
  readonly rankSum: number;
}

/** Tie information of the pooled sample: sum over tie groups of (t^3 - t), and the pooled n. */
export interface TieCorrectionInput {
  readonly sumTiesCubedMinusTies: number;
  readonly n: number;
}

/** Result of `kruskalWallis` / `kruskalWallisFromRanks`. */
export interface KruskalWallisResult {
  readonly kind: 'kruskal-wallis';
  readonly groups: readonly (GroupRanks & { readonly meanRank: number })[];
  readonly n: number;
  /** H corrected for ties; `null` (with a warning) when all values are tied. */
  readonly h: number | null;
  readonly df: number;
  /** Upper tail of chi-squared(df) at `h` (large-sample approximation). */
  readonly pValue: number | null;
  /** 1 - sum (t^3 - t) / (n^3 - n); 1 without ties. */
  readonly tieCorrection: number;
  /** epsilon^2 = H / ((n^2 - 1) / (n + 1)) = H / (n - 1) (Tomczak & Tomczak 2014); `null` with `h`. */
  readonly epsilonSquared: number | null;
  readonly warnings: readonly AnovaWarning[];
}

/**
 * The Kruskal-Wallis rank test that the groups come from one distribution (Kruskal, W. H. &
 * Wallis, W. A. 1952, "Use of ranks in one-criterion variance analysis", JASA 47, 583-621), as
 * R `kruskal.test`.
 *
 * Method: pooled midranks; H = 12 / (n (n + 1)) sum R_i^2 / n_i - 3 (n + 1), divided by the tie
 * correction 1 - sum (t^3 - t) / (n^3 - n); p from the chi-squared(k - 1) upper tail. H is formed
 * exactly (bigint rationals; rank sums are half-integers) and rounded once. Effect size
 * epsilon^2 = H / ((n^2 - 1) / (n + 1)) (Tomczak, M. & Tomczak, E. 2014, Trends in Sport
 * Sciences 21(1), 19-25).
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value (exclude and count nulls first) or a
 *   repeated group name.
 *
 * @example kruskalWallis(plantGrowth) // h 7.988229, df 2, p 0.01842 (R kruskal.test)
 */
export function kruskalWallis(groups: readonly GroupSample[]): KruskalWallisResult {
  checkGroups('kruskalWallis', groups);
  for (const g of groups) checkValues('kruskalWallis', g.group, g.values);
  const pooled = groups.flatMap((g, gi) => g.values.map((v) => ({ v, gi })));
  pooled.sort((a, b) => a.v - b.v);
  const rankSums = groups.map(() => 0);
  let ties = 0;
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j + 1 < pooled.length && pooled[j + 1]?.v === pooled[i]?.v) j++;
    const t = j - i + 1;
    const midrank = (i + 1 + j + 1) / 2;
    for (let r = i; r <= j; r++) {
      const gi = pooled[r]?.gi ?? 0;
      rankSums[gi] = (rankSums[gi] ?? 0) + midrank;
    }
    ties += t * t * t - t;
    i = j + 1;
  }
  return kruskalWallisCore(
    'kruskalWallis',
    groups.map((g, i) => ({ group: g.group, n: g.values.length, rankSum: rankSums[i] ?? 0 })),
    { sumTiesCubedMinusTies: ties, n: pooled.length },
  );
}

/**
 * The same test from per-group rank sums over the pooled sample, e.g. computed in SQL with
 * midranks `rank() over (order by v) + (count(*) over (partition by v) - 1) / 2`, and the tie
 * term `sum(t * t * t - t)` over the value counts t.
 *
 * @throws InsufficientDataError with fewer than two groups or a group with n = 0.
 * @throws InvalidArgumentError when the counts do not add up to `tieCorrection.n`, rank sums do
 *   not add up to n (n + 1) / 2 or are not multiples of 1/2, or the tie term is impossible.
 */
export function kruskalWallisFromRanks(
  ranks: readonly GroupRanks[],
  tieCorrection: TieCorrectionInput,
): KruskalWallisResult {
  return kruskalWallisCore('kruskalWallisFromRanks', ranks, tieCorrection);
}

function kruskalWallisCore(
  fn: string,
  ranks: readonly GroupRanks[],
  ties: TieCorrectionInput,
): KruskalWallisResult {
  checkGroups(fn, ranks);
  const n = ties.n;
  let total = 0;
  let rankTotal = Rational.ZERO;
  let sumSquaresOverN = Rational.ZERO;
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
    const rankSum = Rational.fromNumber(r.rankSum);
    total += r.n;
    rankTotal = rankTotal.add(rankSum);
    sumSquaresOverN = sumSquaresOverN.add(rankSum.mul(rankSum).div(Rational.fromInt(r.n)));
  }
  if (!Number.isSafeInteger(n) || total !== n) {
    throw new InvalidArgumentError(
      `${fn}: group counts add up to ${total}, but tieCorrection.n is ${String(n)}`,
    );
  }
  const nr = Rational.fromInt(n);
  const expectedTotal = nr.mul(Rational.fromInt(n + 1)).div(Rational.fromInt(2));
  if (!rankTotal.equals(expectedTotal)) {
    throw new InvalidArgumentError(
      `${fn}: rank sums add up to ${rankTotal.toNumber()}, but ranks 1..${n} add up to ${expectedTotal.toNumber()}`,
    );
  }
  const cube = nr.mul(nr).mul(nr).sub(nr);
  const t = ties.sumTiesCubedMinusTies;
  if (!Number.isSafeInteger(t) || t < 0 || Rational.fromInt(t).compare(cube) > 0) {
    throw new InvalidArgumentError(
      `${fn}: sumTiesCubedMinusTies must be an integer in [0, n^3 - n], got ${String(t)}`,
    );
  }
  const correction = Rational.ONE.sub(Rational.fromInt(t).div(cube));
  const raw = Rational.fromInt(12)
    .div(nr.mul(Rational.fromInt(n + 1)))
    .mul(sumSquaresOverN)
    .sub(Rational.fromInt(3 * (n + 1)));
  const warnings: AnovaWarning[] = [];
  let h: number | null = null;
  if (correction.isZero()) {
    warnings.push({
      code: 'all-tied',
      message: 'all values are equal, so ranks carry no information: H is undefined',
    });
  } else {
    h = raw.div(correction).toNumber();
  }
  const df = ranks.length - 1;
  return {
    kind: 'kruskal-wallis',
    groups: ranks.map((r) => ({ group: r.group, n: r.n, rankSum: r.rankSum, meanRank: r.rankSum / r.n })),
    n,
    h,
    df,
    pValue: h === null ? null : chiSquaredUpperTail(h, df),
    tieCorrection: correction.toNumber(),
    epsilonSquared: h === null ? null : h / ((n * n - 1) / (n + 1)),
    warnings,
  };
}
