/**
 * Root finding for the quantile functions and the noncentrality interval.
 *
 * Method: Brent's method (Brent 1973, "Algorithms for Minimization without Derivatives", ch. 4;
 * the `zeroin` of Forsythe, Malcolm & Moler 1977): inverse quadratic interpolation and secant
 * steps, falling back to bisection, on a bracket [lo, hi] with g(lo) <= 0 <= g(hi). A non-finite
 * g value (log of 0 far in a tail) forces a bisection step.
 */
export function brentRoot(g: (x: number) => number, lo: number, hi: number, relTol = 4e-16): number {
  let a = lo;
  let b = hi;
  let fa = g(a);
  let fb = g(b);
  if (fa === 0) return a;
  if (fb === 0) return b;
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < 500; iter++) {
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * relTol * Math.abs(b) + 1e-300;
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    const finite = Number.isFinite(fa) && Number.isFinite(fb) && Number.isFinite(fc);
    if (finite && Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const s = fb / fa;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qa = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1));
        q = (qa - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = g(b);
  }
  return b;
}

/**
 * The root in (0, Infinity) of an increasing function g, bracketed by doubling / halving from a
 * starting guess, then solved by {@link brentRoot}. Returns 0 or Infinity when g keeps its sign
 * out to the limits of doubles.
 */
export function positiveRoot(g: (x: number) => number, start: number, relTol = 4e-16): number {
  let lo = start;
  let hi = start;
  if (g(start) < 0) {
    for (let i = 0; g(hi) < 0; i++) {
      if (i > 2100) return Number.POSITIVE_INFINITY;
      lo = hi;
      hi *= 2;
    }
  } else {
    for (let i = 0; g(lo) > 0; i++) {
      if (i > 2100) return 0;
      hi = lo;
      lo /= 2;
    }
  }
  return brentRoot(g, lo, hi, relTol);
}
