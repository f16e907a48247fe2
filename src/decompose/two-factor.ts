import { Rational } from './rational.ts';

/** A count (orders or units) and its exact revenue in one period. */
export interface CountRevenue {
  readonly count: Rational;
  readonly revenue: Rational;
}

/** The two effects of revenue = count x revenue per count, exact. */
export interface TwoFactorEffects {
  readonly volume: Rational;
  readonly aov: Rational;
}

/**
 * The averages (revenue per count) of both periods under the zero rule: a period with count 0 has
 * no average (AOV is `null` there), so it borrows the other period's, meaning the average did not
 * change and the whole change is volume. With no count in either period both averages are zero
 * (and so is every effect).
 */
export function averages(start: CountRevenue, end: CountRevenue): readonly [Rational, Rational] {
  const a0 = start.count.isZero() ? null : start.revenue.div(start.count);
  const a1 = end.count.isZero() ? null : end.revenue.div(end.count);
  return [a0 ?? a1 ?? Rational.ZERO, a1 ?? a0 ?? Rational.ZERO];
}

/**
 * Splits the change of revenue = N x A (N orders, A = revenue / N) into a volume and an AOV effect
 * with no residual: the Shapley value of the two-player game, which for two factors is the
 * midpoint (Marshall-Edgeworth) weighting: volume = ΔN (A0 + A1) / 2, AOV = ΔA (N0 + N1) / 2.
 * Exact in rationals; volume + aov = R1 - R0. Swapping the periods negates both effects.
 * Zero rule: see {@link averages} (a period with no orders: all volume).
 * Reference: Shorrocks (2013), "Decomposition procedures for distributional analysis: a unified
 * framework based on the Shapley value", J. Econ. Inequality 11:99-126; Sun (1998), Energy
 * Economics 20:85-100 ("jointly created and equally distributed" residual).
 *
 * @example twoFactorShapley({ count: 100, revenue: 5000 }, { count: 90, revenue: 4950 }) // volume -525, aov +475 (as Rationals)
 */
export function twoFactorShapley(start: CountRevenue, end: CountRevenue): TwoFactorEffects {
  const [a0, a1] = averages(start, end);
  const half = Rational.of(1n, 2n);
  return {
    volume: end.count.sub(start.count).mul(a0.add(a1)).mul(half),
    aov: a1.sub(a0).mul(start.count.add(end.count)).mul(half),
  };
}

/**
 * The sequential (chained Laspeyres) split, which depends on the order of the factors and is
 * reported only for comparison: volume first gives volume = ΔN A0, AOV = N1 ΔA; AOV first gives
 * AOV = N0 ΔA, volume = ΔN A1. Each adds up to R1 - R0 exactly; their mean is the Shapley split.
 * Zero rule as {@link twoFactorShapley}.
 *
 * @example twoFactorSequential(s, e, 'volume') // volume -500, aov +450 for the example above
 */
export function twoFactorSequential(
  start: CountRevenue,
  end: CountRevenue,
  first: 'volume' | 'aov',
): TwoFactorEffects {
  const [a0, a1] = averages(start, end);
  const dN = end.count.sub(start.count);
  const dA = a1.sub(a0);
  return first === 'volume'
    ? { volume: dN.mul(a0), aov: dA.mul(end.count) }
    : { volume: dN.mul(a1), aov: dA.mul(start.count) };
}
