import { describe, expect, it } from 'vitest';
import { brownForsytheMeans, brownForsytheMeansFromSummaries } from '../../src/anova/brown-forsythe.ts';
import type { UnequalVarianceMeansResult } from '../../src/anova/types.ts';
import { welchAnova, welchAnovaFromSummaries } from '../../src/anova/welch.ts';
import { InsufficientDataError } from '../../src/errors.ts';
import { expectClose, REFERENCE, shuffled, stat, summariesOf } from './support.ts';

// Statistics and df 1e-10 relative against R's %.17g output (reference.R: oneway.test for Welch,
// the Brown & Forsythe 1974 formulas written out in R for F*); p-values 1e-6 relative.
const STAT = 1e-10;
const P = 1e-6;

const TESTS = [
  { name: 'welchAnova', raw: welchAnova, fromSummaries: welchAnovaFromSummaries, key: 'welch' },
  {
    name: 'brownForsytheMeans',
    raw: brownForsytheMeans,
    fromSummaries: brownForsytheMeansFromSummaries,
    key: 'brownForsythe',
  },
] as const;

for (const t of TESTS) {
  describe(`${t.name} against R (reference.R)`, () => {
    for (const ref of REFERENCE) {
      it(`${ref.name}: F, both df and p match R from raw values and from exact sums`, () => {
        const expected = ref[t.key];
        for (const r of [
          t.raw(ref.groups),
          t.fromSummaries(summariesOf(ref.groups)),
        ] as UnequalVarianceMeansResult[]) {
          expectClose(r.f, stat(expected, 'f'), STAT);
          expect(r.df1).toBe(stat(expected, 'df1'));
          expectClose(r.df2, stat(expected, 'df2'), STAT);
          expectClose(r.pValue, stat(expected, 'pValue'), P);
          expect(r.warnings).toEqual([]);
          expect(JSON.parse(JSON.stringify(r))).toEqual(r);
        }
      });
    }

    it('shuffling rows and groups, and shifting and scaling values, leave F, df2 and p unchanged', () => {
      const groups = REFERENCE[0]?.groups ?? [];
      const base = t.raw(groups);
      const permuted = shuffled(groups, 5).map((g, i) => ({
        group: g.group,
        values: shuffled(g.values, i + 11),
      }));
      const transformed = groups.map((g) => ({ group: g.group, values: g.values.map((v) => 1e6 - 37 * v) }));
      for (const r of [t.raw(permuted), t.raw(transformed)]) {
        expectClose(r.f, base.f, 1e-9);
        expectClose(r.df2, base.df2, 1e-9);
        expectClose(r.pValue, base.pValue, 1e-8);
      }
    });

    it('a group of one or a constant group gives null F with a warning; one group throws', () => {
      const single = t.raw([
        { group: 'a', values: [1, 2, 4] },
        { group: 'b', values: [3] },
      ]);
      expect([single.f, single.df2, single.pValue]).toEqual([null, null, null]);
      expect(single.warnings[0]?.code).toBe('group-too-small');
      expect(single.warnings[0]?.message).toContain('"b" has one');
      const constant = t.raw([
        { group: 'a', values: [1, 2, 4] },
        { group: 'b', values: [3, 3] },
      ]);
      expect(constant.f).toBeNull();
      expect(constant.warnings[0]?.code).toBe('zero-variance-group');
      expect(() => t.raw([{ group: 'a', values: [1, 2] }])).toThrow(InsufficientDataError);
      expect(() => t.raw([{ group: 'a', values: [1, 2] }])).toThrow(
        `${t.name} requires at least two groups, got 1`,
      );
    });
  });
}

describe('Welch and Brown-Forsythe tests of means: known identities', () => {
  it("with equal group sizes Brown-Forsythe's F* equals the classical F (Brown & Forsythe 1974)", () => {
    const plant = REFERENCE[0];
    expectClose(brownForsytheMeans(plant?.groups ?? []).f, stat(plant?.anova ?? {}, 'f'), 1e-12);
  });

  it("with two groups Welch's F is the square of Welch's t, df2 its Welch-Satterthwaite df", () => {
    const a = [3.1, 4.7, 5.2, 6.0, 2.2];
    const b = [7.5, 9.9, 6.1, 12.3, 8.8, 10.4, 7.0];
    const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
    const variance = (x: number[]) => x.reduce((s, v) => s + (v - mean(x)) ** 2, 0) / (x.length - 1);
    const se2a = variance(a) / a.length;
    const se2b = variance(b) / b.length;
    const t = (mean(a) - mean(b)) / Math.sqrt(se2a + se2b);
    const df = (se2a + se2b) ** 2 / (se2a ** 2 / (a.length - 1) + se2b ** 2 / (b.length - 1));
    const r = welchAnova([
      { group: 'a', values: a },
      { group: 'b', values: b },
    ]);
    expectClose(r.f, t * t, 1e-12);
    expectClose(r.df2, df, 1e-12);
  });
});
