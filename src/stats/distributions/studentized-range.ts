import jStat from 'jstat';
import { InvalidArgumentError } from '../../errors.ts';
import { normalCdf, normalUpperTail } from './normal.ts';
import { integrate } from './quadrature.ts';
import { brentRoot } from './root-finding.ts';
import { logGamma } from './saddle-point.ts';
import { requireNumber, requirePositive, requireProbability } from './validate.ts';

const INV_SQRT_TWO_PI = 1 / Math.sqrt(2 * Math.PI);
const REL_TOL = 1e-11;

/**
 * P(range of k standard normals > w) = k int phi(z) [Phi(z)^(k-1) - (Phi(z) - Phi(z - w))^(k-1)] dz,
 * the bracket as Phi^(k-1) (1 - (1 - Phi(z - w)/Phi(z))^(k-1)) through log1p / expm1 so the far
 * tail keeps its digits. The integrand lives on [-12, w/2 + 12] (outside it, below 1e-40 of the peak).
 */
function rangeUpperTail(w: number, k: number): number {
  if (w <= 0) return 1;
  const m = k - 1;
  const integrand = (z: number): number => {
    const a = normalCdf(z);
    if (a === 0) return 0;
    const b = normalUpperTail(w - z);
    const bracket = a ** m * -Math.expm1(m * Math.log1p(-Math.min(1, b / a)));
    return Math.exp(-0.5 * z * z) * bracket;
  };
  const hi = w / 2 + 12;
  const breaks: number[] = [];
  const n = Math.max(4, Math.ceil((hi + 12) / 3));
  for (let i = 0; i <= n; i++) breaks.push(-12 + ((hi + 12) * i) / n);
  return Math.min(1, k * INV_SQRT_TWO_PI * integrate(integrand, breaks, REL_TOL));
}

/** From this many degrees of freedom on, the upper tail is the expansion in 1/df below. */
export const LARGE_DF = 1e6;

/**
 * P(Q > q) for large df by the expansion of E[U(q s)] around s = 1, with s = sqrt(chi^2_df / df):
 * E[s] = 1 - 1/(4 df) + O(df^-2) and Var(s) = 1/(2 df) + O(df^-2), so
 * P(Q > q) = U(q) - q U'(q) / (4 df) + q^2 U''(q) / (4 df) + O(df^-2),
 * with U the upper tail of the range of k standard normals and its derivatives by central
 * differences (step 1e-3 q). At df >= 1e6 the neglected terms (O(df^-2)) are below 1e-8 relative (checked
 * against the full integration in the tests); the full integration over a peak of width
 * 1/sqrt(2 df) costs seconds per call there.
 */
function largeDfUpperTail(q: number, k: number, df: number): number {
  const h = 1e-3 * q;
  const u0 = rangeUpperTail(q, k);
  const up = rangeUpperTail(q + h, k);
  const down = rangeUpperTail(q - h, k);
  const d1 = (up - down) / (2 * h);
  const d2 = (up - 2 * u0 + down) / (h * h);
  return Math.min(1, Math.max(0, u0 + (q * q * d2 - q * d1) / (4 * df)));
}

/**
 * P(Q > q) for the studentized range Q of k means with df error degrees of freedom: the p-value
 * of Tukey HSD and Games-Howell comparisons.
 *
 * Method: the upper tail integrated directly (never 1 - cdf), by the definition
 * P(Q > q) = int_0^inf f(s) U(q s) ds with f the density of sqrt(chi^2_df / df) and U the upper
 * tail of the range of k standard normals (Hartley 1944; Copenhaver & Holland 1988, "Computation
 * of the distribution of the maximum studentized range statistic", J. Stat. Comput. Simul. 30),
 * both integrals by adaptive Gauss-Kronrod 7-15 quadrature to a relative 1e-11; the outer one in
 * u = log s around the peak of the integrand; from df = 1e6 on, an expansion in 1/df (see
 * `largeDfUpperTail`). df = Infinity gives U(q). Accurate to ~1e-10
 * relative down to p = 1e-22 against mpmath quadrature; R's ptukey (and jStat's port of it)
 * form 1 - cdf and lose digits below p ~ 1e-8.
 *
 * @throws InvalidArgumentError when q is NaN, k < 2 or not an integer, or df <= 0 or NaN.
 * @example studentizedRangeUpperTail(3.5, 3, 20) // 0.05589184908 (R: ptukey(3.5, 3, 20, lower.tail = FALSE))
 */
export function studentizedRangeUpperTail(q: number, k: number, df: number): number {
  validate('studentizedRangeUpperTail', k, df);
  requireNumber('studentizedRangeUpperTail', 'q', q);
  if (q <= 0) return 1;
  if (q === Number.POSITIVE_INFINITY) return 0;
  if (df === Number.POSITIVE_INFINITY) return rangeUpperTail(q, k);
  if (df >= LARGE_DF) return largeDfUpperTail(q, k, df);
  // density of s = sqrt(chi^2_df / df), times s (ds = s du):
  // log = log 2 + (df/2) log(df/2) - logGamma(df/2) + df u - df e^(2u) / 2
  const h = df / 2;
  const logConst = Math.log(2) + h * Math.log(h) - logGamma(h);
  const integrand = (u: number): number => {
    const s = Math.exp(u);
    const logDensity = logConst + df * u - h * s * s;
    return Math.exp(logDensity) * rangeUpperTail(q * s, k);
  };
  const peak = 0.5 * Math.log(df / (df + 0.5 * q * q));
  const width = 1 / Math.sqrt(2 * df);
  const lo = peak - Math.max(16 * width, 45 / df);
  const hi = peak + 16 * width;
  const breaks: number[] = [];
  for (let i = 0; i <= 16; i++) breaks.push(lo + ((hi - lo) * i) / 16);
  return Math.min(1, integrate(integrand, breaks, REL_TOL));
}

/**
 * The studentized range quantile: q with P(Q <= q) = p (lower tail), e.g. Tukey's critical value
 * for p = 0.95.
 *
 * Method: Brent's root finder on log P(Q > q) - log(1 - p) with {@link studentizedRangeUpperTail}
 * for p >= 1/2; for p < 1/2 on P(Q <= q) - p with jStat's `tukey.cdf` (a port of R's ptukey,
 * Copenhaver & Holland 1988), accurate in the lower tail. The first bracket is jStat's port of
 * R's qtukey (absolute accuracy 1e-4) widened by 0.1%. Relative accuracy about 1e-10 in q
 * (R's qtukey stops at an absolute 1e-4). p = 0 gives 0, p = 1 gives Infinity.
 *
 * @throws InvalidArgumentError when p is outside [0, 1], k < 2 or not an integer, or df <= 0.
 * @example studentizedRangeQuantile(0.95, 3, 20) // 3.5779347 (R: qtukey(0.95, 3, 20) = 3.5779346, good to 1e-4)
 */
export function studentizedRangeQuantile(p: number, k: number, df: number): number {
  validate('studentizedRangeQuantile', k, df);
  requireProbability('studentizedRangeQuantile', 'p', p);
  if (p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let g: (q: number) => number;
  if (p >= 0.5 || df < 2) {
    const logQ = Math.log1p(-p);
    g = (q) => logQ - Math.log(studentizedRangeUpperTail(q, k, df));
  } else {
    const jdf = Math.min(df, 1e300);
    g = (q) => jStat.tukey.cdf(q, k, jdf) - p;
  }
  // jStat's qtukey port (absolute 1e-4) gives a narrow first bracket; widen until it holds.
  const guess = df >= 2 ? jStat.tukey.inv(p, k, Math.min(df, 1e300)) : Number.NaN;
  let lo = Number.isFinite(guess) && guess > 0 ? guess * 0.999 : 0;
  let hi = Number.isFinite(guess) && guess > 0 ? guess * 1.001 : 2;
  while (lo > 0 && g(lo) > 0) {
    hi = lo;
    lo = lo > 1e-3 ? lo * 0.9 : 0;
  }
  while (g(hi) < 0) {
    lo = hi;
    hi *= 2;
  }
  return brentRoot(g, lo, hi, 1e-12);
}

function validate(fn: string, k: number, df: number): void {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 2) {
    throw new InvalidArgumentError(
      `${fn} requires k to be an integer >= 2 (the number of means), got ${String(k)}`,
    );
  }
  requirePositive(fn, 'df', df, true);
}
