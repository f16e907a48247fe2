import { regularizedGamma } from './incomplete-gamma.ts';
import { positiveRoot } from './root-finding.ts';
import { requireNumber, requirePositive, requireProbability } from './validate.ts';

/**
 * P(X > x) for X chi-squared with df degrees of freedom: Q(df / 2, x / 2), the regularized upper
 * incomplete gamma function computed directly (series / Lentz continued fraction, see
 * `regularizedGamma`; Numerical Recipes 6.2, DLMF 8.9), never as 1 - P, so the far tail keeps
 * its digits. x <= 0 gives 1, x = Infinity gives 0.
 *
 * @throws InvalidArgumentError when x is NaN or df is not a positive finite number.
 * @example chiSquaredUpperTail(3.841458820694124, 1) // 0.05 (R: pchisq(3.841458820694124, 1, lower.tail = FALSE))
 */
export function chiSquaredUpperTail(x: number, df: number): number {
  requireNumber('chiSquaredUpperTail', 'x', x);
  requirePositive('chiSquaredUpperTail', 'df', df);
  return regularizedGamma(df / 2, x / 2).upper;
}

/**
 * The chi-squared quantile: x with P(X <= x) = p.
 *
 * Method: Brent's root finder on log P(df/2, x/2) - log p for p < 1/2 and on
 * log(1 - p) - log Q(df/2, x/2) otherwise, so both tails are solved in the tail that is small
 * (relative accuracy about 1e-15 in x). p = 0 gives 0, p = 1 gives Infinity.
 *
 * @throws InvalidArgumentError when p is outside [0, 1] or df is not a positive finite number.
 * @example chiSquaredQuantile(0.95, 1) // 3.841458820694124 (R: qchisq(0.95, 1))
 */
export function chiSquaredQuantile(p: number, df: number): number {
  requireProbability('chiSquaredQuantile', 'p', p);
  requirePositive('chiSquaredQuantile', 'df', df);
  if (p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const a = df / 2;
  if (p < 0.5) {
    const logP = Math.log(p);
    return positiveRoot((x) => Math.log(regularizedGamma(a, x / 2).lower) - logP, df);
  }
  const logQ = Math.log1p(-p);
  return positiveRoot((x) => logQ - Math.log(regularizedGamma(a, x / 2).upper), df);
}
