import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { LARGE_DF } from '../../src/stats/distributions/studentized-range.ts';
import { studentizedRangeQuantile, studentizedRangeUpperTail, tTwoSidedP } from '../../src/stats/index.ts';
import { expectClose, loadReference, rows } from './reference.ts';

// Expected numbers: R 4.2.2 ptukey / qtukey (reference.R -> reference-r.json) and nested mpmath
// quadrature (reference-studentized-range.py -> reference-studentized-range.json).
const R = loadReference('reference-r.json');
const MP = JSON.parse(
  readFileSync(new URL('./reference/reference-studentized-range.json', import.meta.url), 'utf8'),
  (_key, value) => (value === 'Infinity' ? Number.POSITIVE_INFINITY : value),
) as Record<string, unknown>;

/** R's ptukey treats df > 25000 as infinite (ptukey.c, dlarg): its df = 1e5 rows are the df = Infinity values. */
const R_DF_LARGE = 25_000;

describe('studentizedRangeUpperTail', () => {
  it('agrees with R ptukey for k = 2..10 (upper tail and cdf): 1e-9 absolute for df = 20, 1e5; 3e-8 for df = 5', () => {
    for (const c of rows<{ q: number; k: number; df: number; cdf: number; upper: number }>(R, 'ptukey')) {
      const df = c.df > R_DF_LARGE ? Number.POSITIVE_INFINITY : c.df;
      const upper = studentizedRangeUpperTail(c.q, c.k, df);
      const label = `ptukey(${c.q}, ${c.k}, ${c.df})`;
      // R's ptukey (fixed Gauss-Legendre panels, terms below exp(-30) dropped; its upper tail is
      // 1 - cdf) is good to 1e-9 absolute for df >= 20, but drifts for df = 5: 2.7e-8 at
      // ptukey(5, 3, 5), where mpmath quadrature agrees with us to 1e-12 (next test).
      const tol = c.df >= 20 ? 1e-9 : 3e-8;
      expect(Math.abs(upper - c.upper), `${label} upper`).toBeLessThanOrEqual(tol);
      expect(Math.abs(1 - upper - c.cdf), `${label} cdf`).toBeLessThanOrEqual(tol);
    }
  });

  it('agrees with mpmath quadrature to 1e-9 relative far in the upper tail (down to 1e-22), where R cannot', () => {
    for (const c of rows<{ q: number; k: number; df: number; upper: number }>(MP, 'studentizedRangeTail')) {
      expectClose(studentizedRangeUpperTail(c.q, c.k, c.df), c.upper, 1e-9, `Q(${c.q}; ${c.k}, ${c.df})`);
    }
  });

  it('for k = 2 it is the two-sided t tail at q / sqrt(2), exactly as theory says, to 1e-10', () => {
    for (const [q, df] of [
      [1, 5],
      [3, 20],
      [12, 5],
      [40, 20],
      [9, 3],
    ] as const) {
      expectClose(
        studentizedRangeUpperTail(q, 2, df),
        tTwoSidedP(q / Math.SQRT2, df),
        1e-10,
        `q=${q}, df=${df}`,
      );
    }
  });

  it('df = 1e5 sits between df = 20 and df = Infinity, within 5e-4 relative of the limit', () => {
    const big = studentizedRangeUpperTail(4, 5, 1e5);
    const limit = studentizedRangeUpperTail(4, 5, Number.POSITIVE_INFINITY);
    expect(big).toBeGreaterThan(limit);
    expect(big).toBeLessThan(studentizedRangeUpperTail(4, 5, 20));
    expectClose(big, limit, 5e-4, 'df 1e5 vs Infinity'); // 1.6e-4: the O(q^2 / df) correction
  });

  it('boundaries give the exact limits', () => {
    expect(studentizedRangeUpperTail(0, 3, 10)).toBe(1);
    expect(studentizedRangeUpperTail(-1, 3, 10)).toBe(1);
    expect(studentizedRangeUpperTail(Number.POSITIVE_INFINITY, 3, 10)).toBe(0);
  });
});

describe('studentizedRangeQuantile', () => {
  it('agrees with R qtukey to its own 1e-4 and round-trips through the upper tail to 1e-9', () => {
    for (const c of rows<{ p: number; k: number; df: number; q: number }>(R, 'qtukey')) {
      if (![2, 3, 5, 10].includes(c.k)) continue; // a representative subset keeps the suite fast
      const df = c.df > R_DF_LARGE ? Number.POSITIVE_INFINITY : c.df;
      const q = studentizedRangeQuantile(c.p, c.k, df);
      expectClose(q, c.q, 1e-4, `qtukey(${c.p}, ${c.k}, ${c.df})`);
      expectClose(studentizedRangeUpperTail(q, c.k, df), 1 - c.p, 1e-9, `round trip ${c.p}, ${c.k}, ${c.df}`);
    }
  });

  it('the lower tail (p < 1/2) comes from the cdf and round-trips to 1e-8', () => {
    const q = studentizedRangeQuantile(0.2, 4, 12);
    expectClose(1 - studentizedRangeUpperTail(q, 4, 12), 0.2, 1e-8, 'p = 0.2');
  });

  it('boundaries give the exact limits', () => {
    expect(studentizedRangeQuantile(0, 3, 10)).toBe(0);
    expect(studentizedRangeQuantile(1, 3, 10)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('invalid parameters', () => {
  it('k < 2, a fractional k, df <= 0 or NaN throw InvalidArgumentError naming the function and the value', () => {
    expect(() => studentizedRangeUpperTail(3, 1, 10)).toThrow(InvalidArgumentError);
    expect(() => studentizedRangeUpperTail(3, 1, 10)).toThrow(
      /^studentizedRangeUpperTail requires k to be an integer >= 2 .*got 1/,
    );
    expect(() => studentizedRangeUpperTail(3, 2.5, 10)).toThrow(/got 2.5/);
    expect(() => studentizedRangeUpperTail(3, 3, 0)).toThrow(
      /^studentizedRangeUpperTail requires df > 0, got 0/,
    );
    expect(() => studentizedRangeUpperTail(Number.NaN, 3, 10)).toThrow(/requires q to be a number, got NaN/);
    expect(() => studentizedRangeQuantile(0.95, 3, Number.NaN)).toThrow(
      /^studentizedRangeQuantile requires df > 0, got NaN/,
    );
    expect(() => studentizedRangeQuantile(2, 3, 10)).toThrow(/requires p in \[0, 1\], got 2/);
  });
});

describe('studentizedRangeUpperTail at large df', () => {
  it('switches at df = 1e6 to the expansion in 1/df without a jump (below 1e-8 relative)', () => {
    // Just below LARGE_DF the tail is the full double integral; at it, the expansion.
    for (const [q, k] of [
      [3.5, 3],
      [4.3, 8],
      [5.5, 8],
      [7, 10],
    ] as const) {
      const full = studentizedRangeUpperTail(q, k, LARGE_DF * (1 - 1e-9));
      const expanded = studentizedRangeUpperTail(q, k, LARGE_DF);
      expect(Math.abs(expanded - full)).toBeLessThan(1e-8 * full);
    }
  });

  it('tends to the df = Infinity tail as df grows', () => {
    const inf = studentizedRangeUpperTail(4.3, 8, Number.POSITIVE_INFINITY);
    expect(Math.abs(studentizedRangeUpperTail(4.3, 8, 1e12) - inf)).toBeLessThan(1e-9 * inf);
  });
});
