import { describe, expect, it } from 'vitest';
import { tukeyHsd, tukeyHsdFromSummaries } from '../../src/anova/posthoc-tukey.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { tQuantile, tTwoSidedP } from '../../src/stats/index.ts';
import { field, POSTHOC_REFERENCE } from './reference-posthoc/reference.ts';
import { expectClose, summariesOf } from './support.ts';

// Tolerances (reference.R, R 4.2.2, %.17g):
// - diff, se, q and MSE 1e-10 relative (diff relative to max(|diff|, se): a difference near 0
//   carries the rounding of the means, not of itself).
// - the critical value 1e-9 relative against uniroot(ptukey, tol = 1e-15) (criticalValueRoot),
//   limited by ptukey's ~1e-8 absolute accuracy; R's own qtukey stops at a step of 1e-4 and is
//   off by up to ~7e-8 relative at level 0.9, so TukeyHSD's interval ends (which use it) are
//   compared at 1e-7 of the half-width.
// - pAdj 1e-6 relative plus 1e-8 absolute: R's ptukey forms 1 - cdf and is ~1e-8 absolute.
function expectP(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(1e-6 * expected + 1e-8);
}

describe('tukeyHsd against R TukeyHSD(aov(y ~ g)) (reference-posthoc/reference.R)', () => {
  for (const ref of POSTHOC_REFERENCE) {
    for (const [key, level] of [
      ['tukey', 0.95],
      ['tukey90', 0.9],
    ] as const) {
      it(`${ref.name} at level ${level}: differences, intervals, q and p-values match R`, () => {
        const r = tukeyHsd(ref.groups, { confidenceLevel: level });
        const e = ref[key];
        expect(r.df).toBe(e.df);
        expectClose(r.meanSquareError, e.meanSquareError ?? null, 1e-10);
        expectClose(r.criticalValue, e.criticalValueRoot ?? null, 1e-9);
        expect(r.pairs.map((p) => `${p.b}-${p.a}`)).toEqual(e.pairs.map((p) => `${p.b}-${p.a}`));
        r.pairs.forEach((p, i) => {
          const q = e.pairs[i];
          if (q === undefined) throw new Error('missing pair');
          const se = field(q, 'se');
          expect(Math.abs(p.diff - field(q, 'diff'))).toBeLessThanOrEqual(
            1e-10 * Math.max(Math.abs(field(q, 'diff')), se),
          );
          expectClose(p.se, se, 1e-10);
          expectClose(p.statistic, field(q, 'statistic'), 1e-10);
          const halfWidth = (e.criticalValue ?? 0) * se;
          expect(Math.abs((p.lower ?? Number.NaN) - field(q, 'lower'))).toBeLessThanOrEqual(1e-7 * halfWidth);
          expect(Math.abs((p.upper ?? Number.NaN) - field(q, 'upper'))).toBeLessThanOrEqual(1e-7 * halfWidth);
          expectP(p.pAdj, field(q, 'pAdj'));
        });
        expect(r.warnings).toEqual([]);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      });
    }
  }

  it('the doc example: PlantGrowth trt2-trt1 is diff 0.865, [0.1737839, 1.5562161], p 0.0120064', () => {
    const plant = POSTHOC_REFERENCE[0]?.groups ?? [];
    const p = tukeyHsd(plant).pairs[2];
    expect(p?.a).toBe('trt1');
    expect(p?.b).toBe('trt2');
    expect(p?.diff).toBeCloseTo(0.865, 12);
    expect(p?.lower).toBeCloseTo(0.1737839, 7);
    expect(p?.upper).toBeCloseTo(1.5562161, 7);
    expect(p?.pAdj).toBeCloseTo(0.0120064, 7);
  });
});

describe('tukeyHsdFromSummaries: exact sums', () => {
  it('gives the same comparisons as the raw values (unbalanced mtcars and chickwts)', () => {
    for (const ref of POSTHOC_REFERENCE.slice(1, 3)) {
      const fromValues = tukeyHsd(ref.groups);
      const r = tukeyHsdFromSummaries(summariesOf(ref.groups));
      expect(r.sumsMethod).toBe('exact-decimal');
      expectClose(r.meanSquareError, fromValues.meanSquareError, 1e-13);
      r.pairs.forEach((p, i) => {
        const v = fromValues.pairs[i];
        expectClose(p.diff, v?.diff ?? null, 1e-12);
        expectClose(p.lower, v?.lower ?? null, 1e-12);
        expectClose(p.upper, v?.upper ?? null, 1e-12);
        expectClose(p.pAdj, v?.pAdj ?? null, 1e-9);
      });
    }
  });

  it('the doc example by hand: {1,2,3} vs {4,5,6} gives diff 3, se sqrt(1/3), q 3 sqrt(3)', () => {
    const r = tukeyHsdFromSummaries([
      { group: 'a', n: 3, sum: '6', sumSquares: '14' },
      { group: 'b', n: 3, sum: '15', sumSquares: '77' },
    ]);
    const p = r.pairs[0];
    expect(r.meanSquareError).toBe(1);
    expect(p?.diff).toBe(3);
    expectClose(p?.se, Math.sqrt(1 / 3), 1e-15);
    expectClose(p?.statistic, 3 * Math.sqrt(3), 1e-15);
  });

  it('a huge common offset given as a shift changes no statistic', () => {
    const small = tukeyHsdFromSummaries([
      { group: 'a', n: 3, sum: '6', sumSquares: '14' },
      { group: 'b', n: 4, sum: '22', sumSquares: '126' },
      { group: 'c', n: 2, sum: '3', sumSquares: '5' },
    ]);
    const shifted = tukeyHsdFromSummaries([
      { group: 'a', n: 3, sum: '6', sumSquares: '14', shift: '1000000000000' },
      { group: 'b', n: 4, sum: '22', sumSquares: '126', shift: '1000000000000' },
      { group: 'c', n: 2, sum: '3', sumSquares: '5', shift: '1000000000000' },
    ]);
    shifted.pairs.forEach((p, i) => {
      const s = small.pairs[i];
      expectClose(p.diff, s?.diff ?? null, 1e-12);
      expect(p.statistic).toBe(s?.statistic);
      expect(p.pAdj).toBe(s?.pAdj);
    });
  });
});

describe('tukeyHsd invariants and edge shapes', () => {
  it('with two groups it is the pooled two-sample t test: p = 2 P(T > q / sqrt 2)', () => {
    const two = POSTHOC_REFERENCE[0]?.groups.slice(0, 2) ?? [];
    const r = tukeyHsd(two);
    const p = r.pairs[0];
    expectClose(p?.pAdj, tTwoSidedP((p?.statistic ?? 0) / Math.SQRT2, r.df), 1e-9);
    expectClose(r.criticalValue, Math.SQRT2 * tQuantile(0.975, r.df), 1e-9);
  });

  it('reversing the group order swaps a and b and negates the differences', () => {
    const groups = POSTHOC_REFERENCE[1]?.groups ?? [];
    const forward = tukeyHsd(groups);
    const backward = tukeyHsd([...groups].reverse());
    for (const p of forward.pairs) {
      const q = backward.pairs.find((x) => x.a === p.b && x.b === p.a);
      expect(q?.diff).toBeCloseTo(-p.diff, 12);
      expectClose(q?.statistic, p.statistic, 1e-12);
      expectClose(q?.lower, -(p.upper ?? 0), 1e-12);
    }
  });

  it('one value per group: every statistic is null with a warning', () => {
    const r = tukeyHsd([
      { group: 'a', values: [1] },
      { group: 'b', values: [3] },
    ]);
    expect(r.df).toBe(0);
    expect(r.meanSquareError).toBeNull();
    expect(r.pairs[0]).toMatchObject({ diff: 2, se: null, statistic: null, lower: null, pAdj: null });
    expect(r.warnings.map((w) => w.code)).toEqual(['no-within-df']);
  });

  it('constant groups: intervals shrink to the differences, q and p are null', () => {
    const r = tukeyHsd([
      { group: 'a', values: [2, 2] },
      { group: 'b', values: [2, 2, 2] },
      { group: 'c', values: [5, 5] },
    ]);
    expect(r.pairs[1]).toMatchObject({ diff: 3, se: 0, statistic: null, lower: 3, upper: 3, pAdj: null });
    expect(r.warnings.map((w) => w.code)).toEqual(['zero-within-variance']);
  });

  it('rejects fewer than two groups, empty groups and bad levels, naming the value', () => {
    expect(() => tukeyHsd([{ group: 'a', values: [1, 2] }])).toThrow(InsufficientDataError);
    expect(() => tukeyHsd([])).toThrow(/at least two groups, got 0/);
    expect(() =>
      tukeyHsd([
        { group: 'a', values: [] },
        { group: 'b', values: [1] },
      ]),
    ).toThrow(InsufficientDataError);
    expect(() =>
      tukeyHsd(
        [
          { group: 'a', values: [1, 2] },
          { group: 'b', values: [1, 3] },
        ],
        { confidenceLevel: 95 },
      ),
    ).toThrow(InvalidArgumentError);
  });
});
