import { InvalidArgumentError } from '../../errors.ts';
import { fCdf } from './f.ts';
import { regularizedBeta } from './incomplete-beta.ts';
import { brentRoot } from './root-finding.ts';
import { poissonKernel } from './saddle-point.ts';
import { requireNumber, requirePositive } from './validate.ts';

/** Poisson(mu) probability of j, by Loader's saddle-point form (R's dpois_raw). */
function poissonWeight(j: number, mu: number): number {
  return j === 0 ? Math.exp(-mu) : poissonKernel(j, mu);
}

/**
 * P(F <= f) for the noncentral F distribution with df1, df2 degrees of freedom and noncentrality
 * lambda (the lambda of R's `pf(f, df1, df2, ncp = lambda)`).
 *
 * Method: the Poisson mixture of regularized incomplete betas (Johnson, Kotz & Balakrishnan 1995,
 * "Continuous Univariate Distributions" vol. 2, eq. 30.3):
 * sum_j e^(-lambda/2) (lambda/2)^j / j! I_x(df1/2 + j, df2/2), x = df1 f / (df1 f + df2),
 * summed outward from the Poisson mode until both the Poisson weight and the term fall below
 * 1e-17 of the running sums (downward the betas grow, so the lower tail keeps its digits), each beta
 * by `regularizedBeta`. lambda = 0 is the central {@link fCdf}. f <= 0 gives 0, f = Infinity 1.
 *
 * @throws InvalidArgumentError when f is NaN, a df is not positive and finite, or lambda < 0, NaN or infinite.
 * @example noncentralFCdf(3, 2, 10, 1) // 0.81334889761 (R: pf(3, 2, 10, ncp = 1))
 */
export function noncentralFCdf(f: number, df1: number, df2: number, lambda: number): number {
  validate('noncentralFCdf', df1, df2);
  requireNumber('noncentralFCdf', 'f', f);
  if (!(typeof lambda === 'number' && lambda >= 0 && Number.isFinite(lambda))) {
    throw new InvalidArgumentError(`noncentralFCdf requires lambda >= 0 and finite, got ${String(lambda)}`);
  }
  return mixture(f, df1, df2, lambda);
}

function mixture(f: number, df1: number, df2: number, lambda: number): number {
  if (lambda === 0) return fCdf(f, df1, df2);
  if (f <= 0) return 0;
  if (f === Number.POSITIVE_INFINITY) return 1;
  const r = (df1 / df2) * f;
  const x = r <= 1 ? r / (1 + r) : 1 / (1 + 1 / r);
  const y = r <= 1 ? 1 / (1 + r) : 1 / r / (1 + 1 / r);
  const mu = lambda / 2;
  const a = df1 / 2;
  const b = df2 / 2;
  const mode = Math.floor(mu);
  let total = 0;
  let mass = 0;
  // upward from the mode: weights and betas both fall, so the rest is below w * (remaining mass)
  let w = poissonWeight(mode, mu);
  for (let j = mode; w > 0; j++) {
    const term = w * regularizedBeta(x, y, a + j, b).lower;
    total += term;
    mass += w;
    if (j > mode && w < 1e-17 * mass && term <= 1e-17 * total) break;
    w *= mu / (j + 1);
  }
  // downward from the mode: the betas grow, so stop only once the terms themselves are negligible
  w = poissonWeight(mode, mu) * (mode / mu);
  for (let j = mode - 1; j >= 0 && w > 0; j--) {
    const term = w * regularizedBeta(x, y, a + j, b).lower;
    total += term;
    mass += w;
    if (w < 1e-17 * mass && term <= 1e-17 * total) break;
    w *= j / mu;
  }
  return Math.min(1, total);
}

/**
 * The confidence interval of the noncentrality lambda of an observed F statistic, from which
 * intervals for eta-squared (lambda / (lambda + N)) and omega-squared follow.
 *
 * Method: test inversion (Steiger & Fouladi 1997, "Noncentrality interval estimation and the
 * evaluation of statistical models"; Steiger 2004, Psychological Methods 9): lower solves
 * P(F <= f | lambda) = (1 + level) / 2 and upper solves P(F <= f | lambda) = (1 - level) / 2,
 * each clipped at 0 when even lambda = 0 gives a smaller probability. The cdf falls as lambda
 * grows, so each root is bracketed by doubling from 1 and found by Brent's method (relative
 * tolerance 1e-12) on {@link noncentralFCdf}.
 *
 * @throws InvalidArgumentError when f is negative, NaN or infinite, a df is not positive and finite, or level is not in (0, 1).
 * @example noncentralFLambdaInterval(5, 3, 60, 0.95) // { lower: 1.7685845, upper: 32.825884 } (R: uniroot on pf(5, 3, 60, ncp = l))
 */
export function noncentralFLambdaInterval(
  f: number,
  df1: number,
  df2: number,
  level: number,
): { lower: number; upper: number } {
  validate('noncentralFLambdaInterval', df1, df2);
  if (!(typeof f === 'number' && f >= 0 && Number.isFinite(f))) {
    throw new InvalidArgumentError(`noncentralFLambdaInterval requires f >= 0 and finite, got ${String(f)}`);
  }
  if (!(typeof level === 'number' && level > 0 && level < 1)) {
    throw new InvalidArgumentError(
      `noncentralFLambdaInterval requires level in (0, 1), got ${String(level)}`,
    );
  }
  const solve = (target: number): number => {
    if (fCdf(f, df1, df2) <= target) return 0;
    const g = (lambda: number): number => target - mixture(f, df1, df2, lambda);
    let lo = 0;
    let hi = 1;
    while (g(hi) < 0) {
      lo = hi;
      hi *= 2;
    }
    return brentRoot(g, lo, hi, 1e-12);
  };
  return { lower: solve((1 + level) / 2), upper: solve((1 - level) / 2) };
}

function validate(fn: string, df1: number, df2: number): void {
  requirePositive(fn, 'df1', df1);
  requirePositive(fn, 'df2', df2);
}
