import { Rational } from './rational.ts';
import type { CountRevenue } from './two-factor.ts';

/** LMDI effects in doubles, before they are reconciled to the exact change in cents. */
export interface LmdiEffects {
  readonly volume: number;
  readonly aov: number;
}

/**
 * ln(x) for an exact positive ratio: log1p of the exact x - 1 near 1 (where ln(x) alone would lose
 * digits to cancellation), ln of the nearest double elsewhere (where x - 1 near -1 would).
 */
function lnRatio(x: Rational): number {
  const d = x.sub(Rational.ONE).toNumber();
  return Math.abs(d) < 0.5 ? Math.log1p(d) : Math.log(x.toNumber());
}

/**
 * The logarithmic mean L(a, b) = (a - b) / (ln a - ln b), with L(a, a) = a and L(a, 0) = 0 (its
 * limit), for non-negative a, b. Computed as b d / log1p(d) with d = (a - b) / b exact, which
 * keeps full precision when a and b are close. Reference: Ang (2005), eq. (4)-(5).
 *
 * @example logMean(Rational.of(2n), Rational.of(1n)) // 1 / ln 2 = 1.4426950408889634
 */
export function logMean(a: Rational, b: Rational): number {
  if (a.isZero() || b.isZero()) return 0;
  if (a.equals(b)) return a.toNumber();
  const d = a.sub(b).div(b);
  return (b.toNumber() * d.toNumber()) / Math.log1p(d.toNumber());
}

/**
 * The additive LMDI-I split of revenue = N x A: volume = L(R1, R0) ln(N1 / N0),
 * AOV = L(R1, R0) ln(A1 / A0). Perfect in exact arithmetic (the two add up to R1 - R0); computed
 * in doubles, so the caller reconciles it to the exact change when rounding to cents.
 *
 * Zero values use the analytical limits of Ang & Liu (2007), "Handling zero values in the
 * logarithmic mean Divisia index decomposition approach", Energy Policy 35:238-246 (not the
 * small-value substitution, which Wood & Lenzen (2006) show can mislead): a factor that is zero in
 * one period takes the whole change of that period's revenue and the others none. So no orders
 * in a period: all volume (as the Shapley zero rule); orders but zero revenue (A = 0): all AOV;
 * zero revenue in both periods: no effect.
 *
 * Returns `null` when a period has negative revenue (logarithms of negative values are undefined).
 * Reference: Ang (2005), "The LMDI approach to decomposition analysis: a practical guide",
 * Energy Policy 33:867-871, Table 1 (additive LMDI-I).
 *
 * @example twoFactorLmdi({ count: 100, revenue: 5000 }, { count: 90, revenue: 4950 }) // { volume: -524.8..., aov: 474.8... }
 */
export function twoFactorLmdi(start: CountRevenue, end: CountRevenue): LmdiEffects | null {
  const [r0, r1] = [start.revenue, end.revenue];
  if (r0.sign() < 0 || r1.sign() < 0) return null;
  const change = r1.sub(r0).toNumber();
  if (start.count.isZero() || end.count.isZero()) return { volume: change, aov: 0 };
  if (r0.isZero() || r1.isZero()) return { volume: 0, aov: change };
  const weight = logMean(r1, r0);
  const volume = weight * lnRatio(end.count.div(start.count));
  const aov = weight * lnRatio(r1.div(end.count).div(r0.div(start.count)));
  return { volume, aov };
}
