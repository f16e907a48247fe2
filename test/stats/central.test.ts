import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import {
  chiSquaredQuantile,
  chiSquaredUpperTail,
  fCdf,
  fQuantile,
  fUpperTail,
  normalQuantile,
  normalUpperTail,
  tQuantile,
  tTwoSidedP,
  tUpperTail,
} from '../../src/stats/index.ts';
import { expectClose, loadReference, rows } from './reference.ts';

// Expected numbers: R 4.2.2 (test/stats/reference/reference.R -> reference-r.json) and
// mpmath at 40 digits (reference.py -> reference-mpmath.json).
const R = loadReference('reference-r.json');
const MP = loadReference('reference-mpmath.json');

/** Double precision allows ~1e-12 here; R's own pf / pt / pchisq are good to about 1e-13 but
 *  for huge df (1e6), where R itself drifts by up to ~3e-11 (checked against mpmath below). */
const REL_R = 1e-10;
/** Against 40-digit mpmath: tight, the 6-digit target beaten by five orders. */
const REL_MP = 1e-11;

describe('F distribution', () => {
  it('upper tail and cdf agree with R pf (lower.tail = FALSE / TRUE) to 1e-10, including p = 4e-30 and df = 1e6', () => {
    for (const c of rows<{ f: number; df1: number; df2: number; upper: number; cdf: number }>(R, 'fTail')) {
      const label = `F(${c.f}; ${c.df1}, ${c.df2})`;
      expectClose(fUpperTail(c.f, c.df1, c.df2), c.upper, REL_R, `${label} upper`);
      expectClose(fCdf(c.f, c.df1, c.df2), c.cdf, REL_R, `${label} cdf`);
    }
  });

  it('upper tail agrees with mpmath to 1e-11 far in the tail and for huge df', () => {
    for (const c of rows<{ f: number; df1: number; df2: number; upper: number }>(MP, 'fTail')) {
      expectClose(fUpperTail(c.f, c.df1, c.df2), c.upper, REL_MP, `F(${c.f}; ${c.df1}, ${c.df2})`);
    }
  });

  it('quantiles agree with R qf to 1e-10 and round-trip through the tails to 1e-13', () => {
    for (const c of rows<{ p: number; df1: number; df2: number; q: number }>(R, 'fQuantile')) {
      const q = fQuantile(c.p, c.df1, c.df2);
      expectClose(q, c.q, REL_R, `qf(${c.p}, ${c.df1}, ${c.df2})`);
      const back = c.p < 0.5 ? fCdf(q, c.df1, c.df2) : 1 - fUpperTail(q, c.df1, c.df2);
      expectClose(back, c.p, 1e-13, `round trip ${c.p}`);
    }
    // 1 - 1e-12 is stored as 1 - 0.99991e-12: the upper tail recovers that, not 1e-12.
    expectClose(fUpperTail(fQuantile(1 - 1e-12, 3, 30), 3, 30), 1e-12, 1e-4, 'upper 1e-12');
    for (const p of [1e-12, 1e-30]) expectClose(fCdf(fQuantile(p, 3, 30), 3, 30), p, 1e-13, `lower ${p}`);
  });

  it('for df1 = df2 = 1e6 the quantile satisfies R pf, where R 4.2.2 qf itself does not', () => {
    // R: qf(0.05, 1e6, 1e6) = 0.9976749632764738 but pf(0.9976749632764738, 1e6, 1e6) = 0.122238048128555;
    // pf(0.9967156963452573, 1e6, 1e6) = 0.0500000000000025 (R 4.2.2).
    expectClose(fQuantile(0.05, 1e6, 1e6), 0.9967156963452573, 1e-14, 'qf');
    expectClose(fCdf(0.9976749632764738, 1e6, 1e6), 0.122238048128555, 1e-12, 'pf at R qf');
    // R's qf returns qchisq(p, df1) / df1 for df2 > 4e5: qf(0.999, 1, 1e6) = 10.82756617066273, where
    // pf(., lower.tail = FALSE) = 1.00003458352383e-03; pf(10.82763020281458, 1, 1e6, lower.tail = FALSE)
    // = 9.99999999995936e-04 (R 4.2.2).
    expectClose(fQuantile(0.999, 1, 1e6), 10.82763020281458, 1e-13, 'qf df2 = 1e6');
  });

  it('boundaries give the exact limits', () => {
    expect(fUpperTail(0, 3, 10)).toBe(1);
    expect(fUpperTail(-2, 3, 10)).toBe(1);
    expect(fUpperTail(Number.POSITIVE_INFINITY, 3, 10)).toBe(0);
    expect(fCdf(0, 3, 10)).toBe(0);
    expect(fCdf(Number.POSITIVE_INFINITY, 3, 10)).toBe(1);
    expect(fQuantile(0, 3, 10)).toBe(0);
    expect(fQuantile(1, 3, 10)).toBe(Number.POSITIVE_INFINITY);
  });

  it('the upper tail and the cdf add to 1', () => {
    for (const f of [0.1, 1, 2.7, 9]) expect(fUpperTail(f, 4, 17) + fCdf(f, 4, 17)).toBeCloseTo(1, 15);
  });
});

describe('t distribution', () => {
  it('one- and two-sided tails agree with R pt to 1e-10, df from 1 to 1e6', () => {
    for (const c of rows<{ t: number; df: number; upper: number; twoSided: number }>(R, 'tTail')) {
      expectClose(tUpperTail(c.t, c.df), c.upper, REL_R, `pt(${c.t}, ${c.df}) upper`);
      expectClose(tTwoSidedP(c.t, c.df), c.twoSided, REL_R, `two-sided ${c.t}, ${c.df}`);
    }
  });

  it('upper tail agrees with mpmath to 1e-11, down to p = 3e-13 at t = 1e12, df = 1', () => {
    for (const c of rows<{ t: number; df: number; upper: number }>(MP, 'tTail')) {
      expectClose(tUpperTail(c.t, c.df), c.upper, REL_MP, `t(${c.t}; ${c.df})`);
    }
  });

  it('quantiles agree with R qt to 1e-10 and are odd about p = 1/2', () => {
    for (const c of rows<{ p: number; df: number; q: number }>(R, 'tQuantile')) {
      expectClose(tQuantile(c.p, c.df), c.q, REL_R, `qt(${c.p}, ${c.df})`);
    }
    for (const p of [0.025, 0.1, 0.375])
      expectClose(tQuantile(1 - p, 9), -tQuantile(p, 9), 1e-15, `odd ${p}`);
    expectClose(tUpperTail(-tQuantile(1e-20, 7), 7), 1e-20, 1e-13, 'round trip 1e-20');
  });

  it('boundaries give the exact limits', () => {
    expect(tUpperTail(0, 3)).toBe(0.5);
    expect(tTwoSidedP(0, 3)).toBe(1);
    expect(tUpperTail(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(tUpperTail(Number.NEGATIVE_INFINITY, 3)).toBe(1);
    expect(tTwoSidedP(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(tQuantile(0, 3)).toBe(Number.NEGATIVE_INFINITY);
    expect(tQuantile(0.5, 3)).toBe(0);
    expect(tQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
  });

  it('df = 1 is the Cauchy distribution: P(T > t) = 1/2 - atan(t)/pi', () => {
    for (const t of [0.3, 1, 4, 50])
      expectClose(tUpperTail(t, 1), 0.5 - Math.atan(t) / Math.PI, 1e-14, `t=${t}`);
  });
});

describe('chi-squared distribution', () => {
  it('upper tail agrees with R pchisq(lower.tail = FALSE) to 1e-10, including p = 1e-37 and df = 1e6', () => {
    for (const c of rows<{ x: number; df: number; upper: number }>(R, 'chiSquaredTail')) {
      expectClose(chiSquaredUpperTail(c.x, c.df), c.upper, REL_R, `pchisq(${c.x}, ${c.df})`);
    }
  });

  it('upper tail agrees with mpmath to 1e-11, down to p = 1e-67 (x = 300, df = 1)', () => {
    for (const c of rows<{ x: number; df: number; upper: number }>(MP, 'chiSquaredTail')) {
      expectClose(chiSquaredUpperTail(c.x, c.df), c.upper, REL_MP, `chi2(${c.x}; ${c.df})`);
    }
  });

  it('quantiles agree with R qchisq to 1e-10', () => {
    for (const c of rows<{ p: number; df: number; q: number }>(R, 'chiSquaredQuantile')) {
      expectClose(chiSquaredQuantile(c.p, c.df), c.q, REL_R, `qchisq(${c.p}, ${c.df})`);
    }
    expectClose(chiSquaredUpperTail(chiSquaredQuantile(1 - 1e-9, 4), 4), 1e-9, 1e-7, 'round trip');
  });

  it('df = 2 is exponential: P(X > x) = exp(-x / 2), exactly to 1e-14 out to 1e-300', () => {
    for (const x of [0.01, 1, 10, 100, 1380])
      expectClose(chiSquaredUpperTail(x, 2), Math.exp(-x / 2), 1e-13, `x=${x}`);
  });

  it('boundaries give the exact limits', () => {
    expect(chiSquaredUpperTail(0, 3)).toBe(1);
    expect(chiSquaredUpperTail(-1, 3)).toBe(1);
    expect(chiSquaredUpperTail(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(chiSquaredQuantile(0, 3)).toBe(0);
    expect(chiSquaredQuantile(1, 3)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('normal distribution', () => {
  it('upper tail agrees with R pnorm(lower.tail = FALSE) to 1e-14, down to underflow', () => {
    for (const c of rows<{ z: number; upper: number }>(R, 'normalTail')) {
      expectClose(normalUpperTail(c.z), c.upper, 1e-14, `pnorm(${c.z})`);
    }
  });

  it('upper tail agrees with mpmath erfc to 1e-13', () => {
    for (const c of rows<{ z: number; upper: number }>(MP, 'normalTail')) {
      expectClose(normalUpperTail(c.z), c.upper, 1e-13, `z=${c.z}`);
    }
  });

  it('quantiles agree with R qnorm to 1e-14, down to p = 1e-300', () => {
    for (const c of rows<{ p: number; q: number }>(R, 'normalQuantile')) {
      expectClose(normalQuantile(c.p), c.q, 1e-14, `qnorm(${c.p})`);
    }
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('invalid parameters', () => {
  const bad: [string, () => unknown, RegExp][] = [
    ['fUpperTail df1 = 0', () => fUpperTail(1, 0, 3), /^fUpperTail requires df1 > 0 and finite, got 0/],
    ['fCdf df2 = -1', () => fCdf(1, 2, -1), /^fCdf requires df2 > 0.*got -1/],
    ['fQuantile p = 1.5', () => fQuantile(1.5, 2, 3), /^fQuantile requires p in \[0, 1\], got 1.5/],
    ['tUpperTail t = NaN', () => tUpperTail(Number.NaN, 3), /^tUpperTail requires t to be a number, got NaN/],
    ['tTwoSidedP df = NaN', () => tTwoSidedP(1, Number.NaN), /^tTwoSidedP requires df > 0.*got NaN/],
    [
      'tQuantile df = Infinity',
      () => tQuantile(0.3, Number.POSITIVE_INFINITY),
      /^tQuantile requires df > 0.*Infinity/,
    ],
    ['chiSquaredUpperTail df = 0', () => chiSquaredUpperTail(1, 0), /^chiSquaredUpperTail requires df > 0/],
    ['chiSquaredQuantile p = -0.1', () => chiSquaredQuantile(-0.1, 2), /^chiSquaredQuantile requires p/],
    ['normalUpperTail NaN', () => normalUpperTail(Number.NaN), /^normalUpperTail requires z/],
    [
      'normalQuantile NaN',
      () => normalQuantile(Number.NaN),
      /^normalQuantile requires p in \[0, 1\], got NaN/,
    ],
  ];
  for (const [name, call, message] of bad) {
    it(`${name} throws InvalidArgumentError naming the function and the value`, () => {
      expect(call).toThrow(InvalidArgumentError);
      expect(call).toThrow(message);
    });
  }
});
