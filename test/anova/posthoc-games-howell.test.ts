import { describe, expect, it } from 'vitest';
import { gamesHowell, gamesHowellFromSummaries } from '../../src/anova/posthoc-games-howell.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { field, POSTHOC_REFERENCE } from './reference-posthoc/reference.ts';
import { expectClose, summariesOf } from './support.ts';

// Expected values: Games & Howell (1976) written out in R (reference-posthoc/reference.R, %.17g).
// Tolerances: diff (relative to max(|diff|, se)), se, q and df 1e-10 relative; interval ends
// 1e-9 of the half-width against diff -/+ uniroot(ptukey) se (R's qtukey stops at a 1e-4 step:
// its own ends at 1e-7 of the half-width); pAdj 1e-6 relative plus 1e-8 absolute (R's ptukey is
// ~1e-8 absolute).
describe('gamesHowell against Games & Howell (1976) in R (reference-posthoc/reference.R)', () => {
  for (const ref of POSTHOC_REFERENCE.slice(0, 4)) {
    it(`${ref.name}: differences, Welch df, intervals, q and p-values match R`, () => {
      const r = gamesHowell(ref.groups);
      const e = ref.gamesHowell;
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
        expectClose(p.df, field(q, 'df'), 1e-10);
        const root = field(q, 'criticalValueRoot');
        const halfWidth = root * se;
        expect(Math.abs((p.lower ?? Number.NaN) - (field(q, 'diff') - halfWidth))).toBeLessThanOrEqual(
          1e-9 * halfWidth,
        );
        expect(Math.abs((p.upper ?? Number.NaN) - (field(q, 'diff') + halfWidth))).toBeLessThanOrEqual(
          1e-9 * halfWidth,
        );
        expect(Math.abs((p.lower ?? Number.NaN) - field(q, 'lower'))).toBeLessThanOrEqual(1e-7 * halfWidth);
        expect(Math.abs((p.upper ?? Number.NaN) - field(q, 'upper'))).toBeLessThanOrEqual(1e-7 * halfWidth);
        const pAdj = field(q, 'pAdj');
        expect(Math.abs((p.pAdj ?? Number.NaN) - pAdj)).toBeLessThanOrEqual(1e-6 * pAdj + 1e-8);
      });
      expect(r.warnings).toEqual([]);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    });
  }

  it('the doc example: mtcars 6-4 is diff -6.920779, df 12.95598, q 6.673758, p 0.001096', () => {
    const p = gamesHowell(POSTHOC_REFERENCE[1]?.groups ?? []).pairs[0];
    expect(p?.diff).toBeCloseTo(-6.920779, 6);
    expect(p?.df).toBeCloseTo(12.95598, 5);
    expect(p?.statistic).toBeCloseTo(6.673758, 6);
    expect(p?.pAdj).toBeCloseTo(0.001096, 6);
  });
});

describe('gamesHowellFromSummaries: exact sums', () => {
  it('gives the same comparisons as the raw values (chickwts)', () => {
    const groups = POSTHOC_REFERENCE[2]?.groups ?? [];
    const fromValues = gamesHowell(groups);
    const r = gamesHowellFromSummaries(summariesOf(groups));
    expect(r.sumsMethod).toBe('exact-decimal');
    r.pairs.forEach((p, i) => {
      const v = fromValues.pairs[i];
      expectClose(p.diff, v?.diff ?? null, 1e-12);
      expectClose(p.df, v?.df ?? null, 1e-12);
      expectClose(p.lower, v?.lower ?? null, 1e-11);
      expectClose(p.pAdj, v?.pAdj ?? null, 1e-9);
    });
  });

  it('the doc example by hand: {1,2,3} vs {4,5,6}: diff 3, se sqrt(1/3), df 4', () => {
    const p = gamesHowellFromSummaries([
      { group: 'a', n: 3, sum: '6', sumSquares: '14' },
      { group: 'b', n: 3, sum: '15', sumSquares: '77' },
    ]).pairs[0];
    expect(p?.diff).toBe(3);
    expectClose(p?.se, Math.sqrt(1 / 3), 1e-15);
    expectClose(p?.df, 4, 1e-15);
  });
});

describe('gamesHowell invariants and edge shapes', () => {
  it('with equal n and equal variances it coincides with Tukey-Kramer on 2 (n - 1) df', () => {
    // s^2 = 1 in both groups, n = 3: se = sqrt(1/3), df = 4, as Tukey with MSE 1 on 4 df
    const p = gamesHowell([
      { group: 'a', values: [1, 2, 3] },
      { group: 'b', values: [4, 5, 6] },
    ]).pairs[0];
    expectClose(p?.df, 4, 1e-15);
  });

  it('a group with one value, or a pair of constant groups, gives a null pair with a warning', () => {
    const r = gamesHowell([
      { group: 'a', values: [2, 2] },
      { group: 'b', values: [3, 3, 3] },
      { group: 'c', values: [1, 4, 6] },
      { group: 'd', values: [5] },
    ]);
    const byName = (x: string) => r.pairs.find((p) => `${p.b}-${p.a}` === x);
    expect(byName('b-a')).toMatchObject({ diff: 1, se: null, pAdj: null });
    expect(byName('d-c')).toMatchObject({ se: null, df: null, lower: null });
    expect(byName('c-a')?.df).toBeCloseTo(2, 12); // one constant group: df = n_c - 1
    expect(r.warnings.map((w) => w.code)).toEqual(['pair-variance-unusable']);
    expect(r.warnings[0]?.message).toMatch(/b-a, d-a, d-b, d-c/);
  });

  it('rejects fewer than two groups and bad levels, naming the value', () => {
    expect(() => gamesHowell([{ group: 'a', values: [1, 2] }])).toThrow(InsufficientDataError);
    expect(() =>
      gamesHowell(
        [
          { group: 'a', values: [1, 2] },
          { group: 'b', values: [1, 3] },
        ],
        { confidenceLevel: 0 },
      ),
    ).toThrow(/confidenceLevel must be in \(0, 1\), got 0/);
    expect(() =>
      gamesHowellFromSummaries([
        { group: 'a', n: 2, sum: '3', sumSquares: '5' },
        { group: 'b', n: 2, sum: '3', sumSquares: '4' },
      ]),
    ).toThrow(InvalidArgumentError);
  });
});
