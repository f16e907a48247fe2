import { describe, expect, it } from 'vitest';
import { kruskalWallis, kruskalWallisFromRanks } from '../../src/anova/kruskal-wallis.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { expectClose, REFERENCE, shuffled, stat } from './support.ts';

// H and epsilon^2 1e-10 relative against R kruskal.test (reference.R, %.17g); p 1e-6 relative.
describe('kruskalWallis against R kruskal.test (reference.R)', () => {
  for (const ref of REFERENCE) {
    it(`${ref.name}: H with tie correction, df, p and epsilon squared match R`, () => {
      const r = kruskalWallis(ref.groups);
      const e = ref.kruskalWallis;
      expectClose(r.h, stat(e, 'h'), 1e-10);
      expect(r.df).toBe(stat(e, 'df'));
      expectClose(r.pValue, stat(e, 'pValue'), 1e-6);
      expectClose(r.epsilonSquared, stat(e, 'epsilonSquared'), 1e-10);
      expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    });
  }

  it('from rank sums and the tie term gives the same result as from values', () => {
    const insects = REFERENCE[1]?.groups ?? [];
    const fromValues = kruskalWallis(insects);
    const ties = 1 - fromValues.tieCorrection;
    const n = fromValues.n;
    const r = kruskalWallisFromRanks(fromValues.groups, {
      sumTiesCubedMinusTies: Math.round(ties * (n ** 3 - n)),
      n,
    });
    expect(r).toEqual(fromValues);
  });

  it('a textbook case without ties: {1,2,3}, {4,5,6}, {7,8,9} gives H = 7.2 (by hand)', () => {
    // rank sums 6, 15, 24: 12 / 90 x (12 + 75 + 192) - 30 = 7.2
    const r = kruskalWallis([
      { group: 'a', values: [1, 2, 3] },
      { group: 'b', values: [4, 5, 6] },
      { group: 'c', values: [7, 8, 9] },
    ]);
    expect(r.h).toBe(7.2);
    expect(r.tieCorrection).toBe(1);
    expect(r.epsilonSquared).toBe(0.9);
  });
});

describe('kruskalWallis invariants and edge shapes', () => {
  const tooth = REFERENCE[2]?.groups ?? [];
  const base = kruskalWallis(tooth);

  it('shuffling rows and groups, and any increasing transform, change nothing', () => {
    const permuted = shuffled(tooth, 9).map((g, i) => ({ group: g.group, values: shuffled(g.values, i) }));
    const monotone = tooth.map((g) => ({
      group: g.group,
      values: g.values.map((v) => 1e12 + Math.exp(v / 10)),
    }));
    for (const r of [kruskalWallis(permuted), kruskalWallis(monotone)]) {
      expect(r.h).toBe(base.h);
      expect(r.pValue).toBe(base.pValue);
    }
  });

  it('all values tied gives null H with a warning; a group of one is fine', () => {
    const tied = kruskalWallis([
      { group: 'a', values: [2, 2] },
      { group: 'b', values: [2] },
    ]);
    expect([tied.h, tied.pValue, tied.epsilonSquared]).toEqual([null, null, null]);
    expect(tied.warnings[0]?.code).toBe('all-tied');
    const single = kruskalWallis([
      { group: 'a', values: [1, 2, 3] },
      { group: 'b', values: [10] },
    ]);
    expect(single.h).toBeCloseTo(1.8, 14); // rank sums 6 and 4: 12 / 20 x (12 + 16) - 15 = 1.8
  });

  it('refuses one group, inconsistent rank sums and impossible tie terms, naming the value', () => {
    expect(() => kruskalWallis([{ group: 'a', values: [1] }])).toThrow(InsufficientDataError);
    expect(() =>
      kruskalWallisFromRanks(
        [
          { group: 'a', n: 2, rankSum: 3 },
          { group: 'b', n: 2, rankSum: 6 },
        ],
        { sumTiesCubedMinusTies: 0, n: 4 },
      ),
    ).toThrow('kruskalWallisFromRanks: rank sums add up to 9, but ranks 1..4 add up to 10');
    expect(() =>
      kruskalWallisFromRanks(
        [
          { group: 'a', n: 2, rankSum: 3.25 },
          { group: 'b', n: 2, rankSum: 6.75 },
        ],
        { sumTiesCubedMinusTies: 0, n: 4 },
      ),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      kruskalWallisFromRanks(
        [
          { group: 'a', n: 2, rankSum: 3 },
          { group: 'b', n: 2, rankSum: 7 },
        ],
        { sumTiesCubedMinusTies: 0, n: 5 },
      ),
    ).toThrow('kruskalWallisFromRanks: group counts add up to 4, but tieCorrection.n is 5');
  });
});
