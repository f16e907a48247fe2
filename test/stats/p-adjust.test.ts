import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { adjustPValues, P_ADJUST_METHODS } from '../../src/stats/p-adjust.ts';
import { P_ADJUST_REFERENCE } from '../anova/reference-posthoc/reference.ts';

// Expected values: R p.adjust (test/anova/reference-posthoc/reference.R, %.17g). The adjustments
// are a few multiplications, so the tolerance is a few ulps.
describe('adjustPValues against R p.adjust (reference-posthoc/reference.R)', () => {
  for (const method of P_ADJUST_METHODS) {
    it(`${method} matches R on a vector with ties, 0 and 1`, () => {
      const got = adjustPValues(P_ADJUST_REFERENCE.p, method);
      const want = P_ADJUST_REFERENCE[method];
      expect(got).toHaveLength(want.length);
      got.forEach((x, i) => {
        expect(Math.abs(x - (want[i] ?? Number.NaN))).toBeLessThanOrEqual(4e-16 * Math.max(1, x));
      });
    });
  }

  it('the doc example: Holm on 0.01..0.04 gives 0.04, 0.06, 0.06, 0.06', () => {
    const got = adjustPValues([0.01, 0.02, 0.03, 0.04], 'holm');
    expect(got[0]).toBeCloseTo(0.04, 15);
    for (const x of got.slice(1)) expect(x).toBeCloseTo(0.06, 15);
  });
});

describe('adjustPValues invariants and edge shapes', () => {
  const p = P_ADJUST_REFERENCE.p;

  it('adjusted p-values are monotone in the raw ones, at least the raw ones, and at most 1', () => {
    for (const method of P_ADJUST_METHODS) {
      const adj = adjustPValues(p, method);
      p.forEach((x, i) => {
        const a = adj[i] ?? Number.NaN;
        expect(a).toBeGreaterThanOrEqual(x);
        expect(a).toBeLessThanOrEqual(1);
        p.forEach((y, j) => {
          if (x < y) expect(a).toBeLessThanOrEqual(adj[j] ?? Number.NaN);
        });
      });
    }
  });

  it('the order of the input does not matter: results follow their p-values', () => {
    const order = p.map((_, i) => i).reverse();
    for (const method of P_ADJUST_METHODS) {
      const adj = adjustPValues(p, method);
      const permuted = adjustPValues(
        order.map((i) => p[i] ?? 0),
        method,
      );
      expect(permuted).toEqual(order.map((i) => adj[i]));
    }
  });

  it('an empty family gives [], a single p-value is unchanged', () => {
    for (const method of P_ADJUST_METHODS) {
      expect(adjustPValues([], method)).toEqual([]);
      expect(adjustPValues([0.03], method)).toEqual([0.03]);
    }
  });

  it('rejects NaN, values outside [0, 1] and unknown methods, naming the bad value', () => {
    expect(() => adjustPValues([0.1, Number.NaN], 'holm')).toThrow(/p-value 1 .* got NaN/);
    expect(() => adjustPValues([1.5], 'bh')).toThrow(InvalidArgumentError);
    expect(() => adjustPValues([0.1], 'fdr' as never)).toThrow(/got "fdr"/);
  });
});
