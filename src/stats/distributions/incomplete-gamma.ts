import { poissonKernel } from './saddle-point.ts';

/** Both regularized incomplete gamma functions, each computed directly where it is small. */
export interface GammaTails {
  /** P(a, x) = gamma(a, x) / Gamma(a). */
  readonly lower: number;
  /** Q(a, x) = Gamma(a, x) / Gamma(a) = 1 - P(a, x). */
  readonly upper: number;
}

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_TERMS = 100_000;

/**
 * The regularized incomplete gamma functions P(a, x) and Q(a, x) for a > 0, x >= 0.
 *
 * Method: Numerical Recipes (Press et al. 2007, section 6.2; DLMF 8.7.1 and 8.9.2): for x < a + 1
 * the power series for P (Q = 1 - P, which is then at least about 0.08), otherwise the continued
 * fraction for Q evaluated by the modified Lentz algorithm (P = 1 - Q). The prefactor
 * x^a e^-x / Gamma(a + 1) is Loader's saddle-point form, so huge a (chi-squared df = 1e6) keeps
 * its digits. Q is never formed as 1 - P in its small tail.
 */
export function regularizedGamma(a: number, x: number): GammaTails {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Number.POSITIVE_INFINITY) return { lower: 1, upper: 0 };
  const kernel = poissonKernel(a, x); // x^a e^-x / Gamma(a + 1)
  if (x < a + 1) {
    let term = 1;
    let sum = 1;
    for (let n = 1; n < MAX_TERMS; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * EPS) break;
    }
    const lower = kernel * sum;
    return { lower, upper: 1 - lower };
  }
  // Lentz: Q = (x^a e^-x / Gamma(a)) / (x + 1 - a - 1(1 - a)/(x + 3 - a - 2(2 - a)/(x + 5 - a - ...)))
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  const upper = a * kernel * h;
  return { lower: 1 - upper, upper };
}
