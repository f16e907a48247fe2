import { describe, expect, it } from 'vitest';
import { oneWayAnova, oneWayAnovaFromSummaries } from '../../src/anova/one-way.ts';
import { InsufficientDataError, InvalidArgumentError } from '../../src/errors.ts';
import { decimalSums, digitsOfAgreement, NIST_CASES } from './nist.ts';
import { expectClose, REFERENCE, shuffled, stat, summariesOf } from './support.ts';

// Tolerances: statistics (sums of squares, F, effect sizes) 1e-10 relative against R's %.17g
// output; p-values and noncentral-F interval ends 1e-6 relative (R's pf / uniroot precision).
const STAT = 1e-10;
const P = 1e-6;

describe('oneWayAnova against R aov (reference.R)', () => {
  for (const ref of REFERENCE) {
    it(`${ref.name}: table, F, p, eta and omega squared and their intervals match R`, () => {
      for (const r of [oneWayAnova(ref.groups), oneWayAnovaFromSummaries(summariesOf(ref.groups))]) {
        const a = ref.anova;
        expect(r.table.between.df).toBe(stat(a, 'dfBetween'));
        expect(r.table.within.df).toBe(stat(a, 'dfWithin'));
        expectClose(r.table.between.sumSq, stat(a, 'ssBetween'), STAT);
        expectClose(r.table.within.sumSq, stat(a, 'ssWithin'), STAT);
        expectClose(r.table.between.meanSq, stat(a, 'msBetween'), STAT);
        expectClose(r.table.within.meanSq, stat(a, 'msWithin'), STAT);
        expectClose(r.f, stat(a, 'f'), STAT);
        expectClose(r.pValue, stat(a, 'pValue'), P);
        expectClose(r.effectSize.etaSquared, stat(a, 'etaSquared'), STAT);
        expectClose(r.effectSize.omegaSquared, stat(a, 'omegaSquared'), STAT);
        expectClose(r.effectSize.lambdaInterval?.lower, stat(a, 'lambdaLower'), P);
        expectClose(r.effectSize.lambdaInterval?.upper, stat(a, 'lambdaUpper'), P);
        expectClose(r.effectSize.etaSquaredInterval?.lower, stat(a, 'etaSquaredLower'), P);
        expectClose(r.effectSize.etaSquaredInterval?.upper, stat(a, 'etaSquaredUpper'), P);
        expect(r.effectSize.omegaSquaredInterval).toEqual(r.effectSize.etaSquaredInterval);
        expect(r.warnings).toEqual([]);
      }
    });
  }

  it('records its method and options, and is plain JSON', () => {
    const plant = REFERENCE[0]?.groups ?? [];
    const r = oneWayAnova(plant, { confidenceLevel: 0.9 });
    expect(r.kind).toBe('one-way-anova');
    expect(r.sumsMethod).toBe('shifted-two-pass');
    expect(r.options).toEqual({ confidenceLevel: 0.9 });
    expect(r.groups.map((g) => g.group)).toEqual(['ctrl', 'trt1', 'trt2']);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    expect(oneWayAnovaFromSummaries(summariesOf(plant)).sumsMethod).toBe('exact-decimal');
  });

  it('a hand-worked example: {1,2,3} against {4,5,6} gives SSB 13.5, SSW 4, F 13.5', () => {
    const r = oneWayAnovaFromSummaries([
      { group: 'a', n: 3, sum: '6', sumSquares: '14' },
      { group: 'b', n: 3, sum: '15', sumSquares: '77' },
    ]);
    expect(r.table.between.sumSq).toBe(13.5);
    expect(r.table.within.sumSq).toBe(4);
    expect(r.f).toBe(13.5);
    expect(r.groups).toEqual([
      { group: 'a', n: 3, mean: 2, variance: 1 },
      { group: 'b', n: 3, mean: 5, variance: 1 },
    ]);
  });
});

describe('NIST StRD ANOVA from exact decimal sums', () => {
  const digits: Record<string, number> = {};
  for (const c of NIST_CASES) {
    it(`${c.name}: certified F, sums of squares, mean squares and R^2 to at least 12 significant digits`, () => {
      const r = oneWayAnovaFromSummaries(c.groups.map((g) => ({ group: g.group, ...decimalSums(g.values) })));
      expect(r.sumsMethod).toBe('exact-decimal');
      expect(r.table.between.df).toBe(c.certified.dfBetween);
      expect(r.table.within.df).toBe(c.certified.dfWithin);
      const pairs: [number | null, number][] = [
        [r.f, c.certified.f],
        [r.table.between.sumSq, c.certified.ssBetween],
        [r.table.within.sumSq, c.certified.ssWithin],
        [r.table.between.meanSq, c.certified.msBetween],
        [r.table.within.meanSq, c.certified.msWithin],
        [r.effectSize.etaSquared, c.certified.rSquared],
      ];
      for (const [actual, certified] of pairs) {
        // certified values carry 15 significant digits
        expect(digitsOfAgreement(actual ?? Number.NaN, certified)).toBeGreaterThanOrEqual(12);
      }
      digits[c.name] = digitsOfAgreement(r.f ?? Number.NaN, c.certified.f);
    });
  }

  it('doubles through the shifted two-pass door: full accuracy until the input itself is rounded', () => {
    const report: string[] = [];
    for (const c of NIST_CASES) {
      const r = oneWayAnova(c.groups.map((g) => ({ group: g.group, values: g.values.map(Number) })));
      const d = digitsOfAgreement(r.f ?? Number.NaN, c.certified.f);
      report.push(`${c.name} exact ${(digits[c.name] ?? 0).toFixed(1)} double ${d.toFixed(1)}`);
      // SmLs07-09: 1000000000000.4 as a double is already off by up to 6e-5 against deviations
      // of 0.1, so no double algorithm can do better than ~4 digits there (R and scipy reach 3-4).
      const floor = /SmLs0[789]/.test(c.name)
        ? 4
        : c.name === 'AtmWtAg' || /SmLs0[456]/.test(c.name)
          ? 10
          : 13;
      expect(d, c.name).toBeGreaterThanOrEqual(floor);
    }
    console.log(`NIST F, significant digits:\n${report.join('\n')}`);
  });
});

describe('oneWayAnova invariants', () => {
  const insects = REFERENCE[1]?.groups ?? [];
  const base = oneWayAnova(insects);

  it('shuffling rows within groups and the order of groups changes nothing', () => {
    for (const seed of [1, 2, 3]) {
      const permuted = shuffled(insects, seed).map((g, i) => ({
        group: g.group,
        values: shuffled(g.values, seed * 7 + i),
      }));
      const r = oneWayAnova(permuted);
      expectClose(r.f, base.f, 1e-12);
      expectClose(r.pValue, base.pValue, 1e-12);
      expectClose(r.table.within.sumSq, base.table.within.sumSq, 1e-12);
      expectClose(
        r.effectSize.etaSquaredInterval?.lower ?? null,
        base.effectSize.etaSquaredInterval?.lower ?? null,
        1e-9,
      );
    }
  });

  it('shifting and scaling the values leaves F, p and the effect sizes unchanged', () => {
    for (const [shift, scale] of [
      [1000, 1],
      [-3.5, 0.01],
      [1e9, 250],
    ] as const) {
      const r = oneWayAnova(
        insects.map((g) => ({ group: g.group, values: g.values.map((v) => shift + scale * v) })),
      );
      expectClose(r.f, base.f, 1e-9);
      expectClose(r.pValue, base.pValue, 1e-8);
      expectClose(r.effectSize.etaSquared, base.effectSize.etaSquared, 1e-9);
      expectClose(r.table.between.sumSq, base.table.between.sumSq * scale * scale, 1e-9);
    }
  });

  it('a huge offset (1e12 + small) costs no digits when the values are exact doubles', () => {
    const small = [
      { group: 'a', values: [0.25, 0.5, 0.75, 1.25] },
      { group: 'b', values: [1, 1.5, 1.75] },
      { group: 'c', values: [2, 2.25, 3.5, 2.5, 2.75] },
    ];
    const offset = small.map((g) => ({ group: g.group, values: g.values.map((v) => 1e12 + v) }));
    const a = oneWayAnova(small);
    const b = oneWayAnova(offset);
    expectClose(b.f, a.f, 1e-13);
    expectClose(b.table.within.sumSq, a.table.within.sumSq, 1e-13);
    expectClose(b.groups[1]?.mean ?? null, 1e12 + 4.25 / 3, 1e-15);
  });
});

describe('oneWayAnova edge shapes', () => {
  it('fewer than two groups is an InsufficientDataError naming the count', () => {
    expect(() => oneWayAnova([])).toThrow(InsufficientDataError);
    expect(() => oneWayAnova([{ group: 'a', values: [1, 2] }])).toThrow(
      'oneWayAnova requires at least two groups, got 1',
    );
    expect(() => oneWayAnovaFromSummaries([{ group: 'a', n: 2, sum: '3', sumSquares: '5' }])).toThrow(
      'oneWayAnovaFromSummaries requires at least two groups, got 1',
    );
  });

  it('an empty group, a null or NaN value, a repeated group and a bad level are refused with the value', () => {
    expect(() =>
      oneWayAnova([
        { group: 'a', values: [] },
        { group: 'b', values: [1] },
      ]),
    ).toThrow('oneWayAnova: group "a" has no values; exclude empty groups (and nulls) before calling');
    const withNull = [
      { group: 'a', values: [1, null as unknown as number] },
      { group: 'b', values: [1] },
    ];
    expect(() => oneWayAnova(withNull)).toThrow(
      'oneWayAnova: group "a" value 1 must be a finite number, got null',
    );
    expect(() =>
      oneWayAnova([
        { group: 'a', values: [Number.NaN] },
        { group: 'b', values: [1] },
      ]),
    ).toThrow(InvalidArgumentError);
    expect(() =>
      oneWayAnova([
        { group: 'a', values: [1] },
        { group: 'a', values: [2] },
      ]),
    ).toThrow('oneWayAnova: group "a" appears more than once; merge its rows first');
    expect(() =>
      oneWayAnova(
        [
          { group: 'a', values: [1] },
          { group: 'b', values: [2] },
        ],
        { confidenceLevel: 95 },
      ),
    ).toThrow('oneWayAnova: confidenceLevel must be in (0, 1), got 95');
  });

  it('summaries must be exact decimal text and consistent', () => {
    expect(() =>
      oneWayAnovaFromSummaries([
        { group: 'a', n: 2, sum: '1e3', sumSquares: '5' },
        { group: 'b', n: 2, sum: '3', sumSquares: '5' },
      ]),
    ).toThrow(
      `oneWayAnovaFromSummaries: group "a" sum must be exact decimal text such as '1234.5000', got "1e3"`,
    );
    expect(() =>
      oneWayAnovaFromSummaries([
        { group: 'a', n: 2, sum: '4', sumSquares: '5' },
        { group: 'b', n: 2, sum: '3', sumSquares: '5' },
      ]),
    ).toThrow('oneWayAnovaFromSummaries: group "a" sumSquares 5 is below sum^2 / n = 8');
    expect(() =>
      oneWayAnovaFromSummaries([
        { group: 'a', n: 0, sum: '0', sumSquares: '0' },
        { group: 'b', n: 2, sum: '3', sumSquares: '5' },
      ]),
    ).toThrow(InsufficientDataError);
  });

  it('a group of one adds to the between part only and has a null variance', () => {
    const r = oneWayAnova([
      { group: 'a', values: [1, 2, 3] },
      { group: 'b', values: [10] },
    ]);
    expect(r.table.within.df).toBe(2);
    expect(r.table.within.sumSq).toBe(2);
    expect(r.groups[1]).toEqual({ group: 'b', n: 1, mean: 10, variance: null });
    // by hand: means 2 and 10, grand mean 4, SSB = 3 x 4 + 1 x 36 = 48 on 1 df; MSW = 2 / 2 = 1
    expect(r.f).toBe(48);
  });

  it('all values equal: F and p are null with a warning, never NaN', () => {
    const r = oneWayAnova([
      { group: 'a', values: [5, 5] },
      { group: 'b', values: [5, 5, 5] },
    ]);
    expect(r.f).toBeNull();
    expect(r.pValue).toBeNull();
    expect(r.effectSize.etaSquared).toBeNull();
    expect(r.effectSize.etaSquaredInterval).toBeNull();
    expect(r.warnings.map((w) => w.code)).toEqual(['zero-within-variance']);
    expect(JSON.stringify(r)).not.toContain('NaN');
  });

  it('constant groups with different means, and groups of one only, give null F with a warning', () => {
    const separated = oneWayAnova([
      { group: 'a', values: [1, 1] },
      { group: 'b', values: [2, 2] },
    ]);
    expect(separated.f).toBeNull();
    expect(separated.effectSize.etaSquared).toBe(1);
    expect(separated.warnings[0]?.message).toContain('F is infinite');
    const singles = oneWayAnova([
      { group: 'a', values: [1] },
      { group: 'b', values: [2] },
    ]);
    expect(singles.f).toBeNull();
    expect(singles.table.within.meanSq).toBeNull();
    expect(singles.warnings.map((w) => w.code)).toEqual(['no-within-df']);
  });
});
