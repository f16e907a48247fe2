import { describe, expect, it } from 'vitest';
import { kruskalWallis } from '../../src/anova/kruskal-wallis.ts';
import { dunnTest, dunnTestFromRanks } from '../../src/anova/posthoc-dunn.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { P_ADJUST_METHODS } from '../../src/stats/p-adjust.ts';
import { field, POSTHOC_REFERENCE } from './reference-posthoc/reference.ts';
import { expectClose, shuffled } from './support.ts';

// Expected values: Dunn (1964) with the tie-corrected variance written out in R
// (reference-posthoc/reference.R, %.17g; as FSA::dunnTest, with z of the opposite sign).
// Tolerances: z 1e-10 relative; p-values 1e-10 relative too, since R's pnorm is accurate to
// full precision (no studentized range here).
describe('dunnTest against Dunn (1964) in R (reference-posthoc/reference.R)', () => {
  for (const ref of POSTHOC_REFERENCE) {
    it(`${ref.name}: rank sums, z, two-sided p and Holm / Bonferroni / BH p match R`, () => {
      const e = ref.dunn;
      for (const adjust of P_ADJUST_METHODS) {
        const r = dunnTest(ref.groups, { adjust });
        expect(r.sumTiesCubedMinusTies).toBe(e.sumTiesCubedMinusTies);
        expect(r.groups.map((g) => g.rankSum)).toEqual(e.rankSums);
        expect(r.pairs.map((p) => `${p.b}-${p.a}`)).toEqual(e.pairs.map((p) => `${p.b}-${p.a}`));
        r.pairs.forEach((p, i) => {
          const q = e.pairs[i];
          if (q === undefined) throw new Error('missing pair');
          expectClose(p.diff, field(q, 'diff'), 1e-12);
          expectClose(p.statistic, field(q, 'statistic'), 1e-10);
          expectClose(p.pValue, field(q, 'pValue'), 1e-10);
          expectClose(p.pAdj, field(q, adjust), 1e-10);
        });
        expect(r.warnings).toEqual([]);
        expect(JSON.parse(JSON.stringify(r))).toEqual(r);
      }
    });
  }

  it('the doc example: PlantGrowth trt2-trt1 has z 2.807015, p 0.005000, Holm 0.015001', () => {
    const p = dunnTest(POSTHOC_REFERENCE[0]?.groups ?? []).pairs[2];
    expect(p?.statistic).toBeCloseTo(2.807015, 6);
    expect(p?.pValue).toBeCloseTo(0.005, 6);
    expect(p?.pAdj).toBeCloseTo(0.015001, 6);
  });
});

describe('dunnTestFromRanks', () => {
  it('from rank sums and the tie term gives the same result as from values (InsectSprays, ties)', () => {
    const groups = POSTHOC_REFERENCE[3]?.groups ?? [];
    const fromValues = dunnTest(groups, { adjust: 'bh' });
    const r = dunnTestFromRanks(
      fromValues.groups,
      { sumTiesCubedMinusTies: fromValues.sumTiesCubedMinusTies, n: fromValues.n },
      { adjust: 'bh' },
    );
    expect(r).toEqual(fromValues);
  });

  it('agrees with kruskalWallis on the rank sums', () => {
    const groups = POSTHOC_REFERENCE[2]?.groups ?? [];
    expect(dunnTest(groups).groups).toEqual(kruskalWallis(groups).groups);
  });

  it('the doc example by hand: ranks {1,2} vs {3,4}: diff 2, se sqrt(5/3)', () => {
    const r = dunnTestFromRanks(
      [
        { group: 'a', n: 2, rankSum: 3 },
        { group: 'b', n: 2, rankSum: 7 },
      ],
      { sumTiesCubedMinusTies: 0, n: 4 },
    );
    const p = r.pairs[0];
    expect(p?.diff).toBe(2);
    expectClose(p?.se, Math.sqrt(5 / 3), 1e-15);
    expectClose(p?.statistic, 2 / Math.sqrt(5 / 3), 1e-15);
    expect(p?.pAdj).toBe(p?.pValue); // one pair: nothing to adjust
  });

  it('rejects rank inputs no sample can give, naming the bad value', () => {
    const ok = [
      { group: 'a', n: 2, rankSum: 3 },
      { group: 'b', n: 2, rankSum: 7 },
    ];
    expect(() => dunnTestFromRanks(ok, { sumTiesCubedMinusTies: 0, n: 5 })).toThrow(
      /add up to 4, but tieCorrection.n is 5/,
    );
    expect(() =>
      dunnTestFromRanks(
        [
          { group: 'a', n: 2, rankSum: 3.25 },
          { group: 'b', n: 2, rankSum: 6.75 },
        ],
        { sumTiesCubedMinusTies: 0, n: 4 },
      ),
    ).toThrow(/multiple of 1\/2, got 3.25/);
    expect(() =>
      dunnTestFromRanks(
        [
          { group: 'a', n: 2, rankSum: 3 },
          { group: 'b', n: 2, rankSum: 8 },
        ],
        { sumTiesCubedMinusTies: 0, n: 4 },
      ),
    ).toThrow(/rank sums add up to 11/);
    expect(() => dunnTestFromRanks(ok, { sumTiesCubedMinusTies: 61, n: 4 })).toThrow(/got 61/);
    expect(() =>
      dunnTestFromRanks(ok, { sumTiesCubedMinusTies: 0, n: 4 }, { adjust: 'none' as never }),
    ).toThrow(InvalidArgumentError);
  });
});

describe('dunnTest invariants and edge shapes', () => {
  const insects = POSTHOC_REFERENCE[3]?.groups ?? [];
  const base = dunnTest(insects);

  it('shuffling rows and any increasing transform change nothing', () => {
    const permuted = insects.map((g, i) => ({ group: g.group, values: shuffled(g.values, i) }));
    const monotone = insects.map((g) => ({
      group: g.group,
      values: g.values.map((v) => 1e12 + Math.exp(v / 10)),
    }));
    expect(dunnTest(permuted)).toEqual(base);
    expect(dunnTest(monotone).pairs).toEqual(base.pairs);
  });

  it('Bonferroni is at least Holm, which is at least the raw p; BH is at most Holm', () => {
    const holm = base.pairs;
    const bonf = dunnTest(insects, { adjust: 'bonferroni' }).pairs;
    const bh = dunnTest(insects, { adjust: 'bh' }).pairs;
    holm.forEach((p, i) => {
      expect(p.pAdj ?? 0).toBeGreaterThanOrEqual(p.pValue ?? 1);
      expect(bonf[i]?.pAdj ?? 0).toBeGreaterThanOrEqual(p.pAdj ?? 1);
      expect(bh[i]?.pAdj ?? 1).toBeLessThanOrEqual(p.pAdj ?? 0);
    });
  });

  it('all values tied: every statistic is null with a warning', () => {
    const r = dunnTest([
      { group: 'a', values: [3, 3] },
      { group: 'b', values: [3] },
      { group: 'c', values: [3, 3, 3] },
    ]);
    expect(r.pairs[0]).toEqual({
      a: 'a',
      b: 'b',
      diff: 0,
      se: null,
      statistic: null,
      pValue: null,
      pAdj: null,
    });
    expect(r.warnings.map((w) => w.code)).toEqual(['all-tied']);
  });

  it('single values per group are fine (ranks need no variance)', () => {
    const r = dunnTest([
      { group: 'a', values: [1] },
      { group: 'b', values: [2] },
    ]);
    expect(r.pairs[0]?.diff).toBe(1);
    expect(r.pairs[0]?.statistic).toBe(1);
  });

  it('rejects fewer than two groups, empty groups and non-finite values', () => {
    expect(() => dunnTest([{ group: 'a', values: [1] }])).toThrow(InsufficientDataError);
    expect(() =>
      dunnTest([
        { group: 'a', values: [] },
        { group: 'b', values: [1] },
      ]),
    ).toThrow(InsufficientDataError);
    expect(() =>
      dunnTest([
        { group: 'a', values: [Number.NaN] },
        { group: 'b', values: [1] },
      ]),
    ).toThrow(/value 0 must be a finite number, got NaN/);
  });
});
