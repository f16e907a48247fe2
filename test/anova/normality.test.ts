import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kurtosisZ, skewnessZ } from '../../src/anova/auto-normality-tests.ts';
import { type GroupMomentsInput, normalityDiagnostics } from '../../src/anova/normality.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { expectClose } from './support.ts';

interface Sample extends GroupMomentsInput {
  readonly name: string;
  readonly quantiles: readonly { p: number; value: number }[];
  readonly normPpf: readonly number[];
  readonly skew: number;
  readonly kurtosis: number;
  readonly jarqueBera: readonly [number, number];
  readonly skewtest?: readonly [number, number];
  readonly kurtosistest?: readonly [number, number];
  readonly normaltest?: readonly [number, number];
}

const REFERENCE = (() => {
  const raw = JSON.parse(
    readFileSync(new URL('./reference-normality/reference.json', import.meta.url), 'utf8'),
  ) as { source: string; samples: Omit<Sample, 'group'>[] };
  return { ...raw, samples: raw.samples.map((s): Sample => ({ ...s, group: s.name })) };
})();

// Expected values: scipy 1.10.1 (reference-normality/reference.py) on seeded samples; the
// moment sums are the script's math.fsum of (x - mean)^k, the input DuckDB would give.
// Tolerances: 1e-10 relative for moments, z and p (same formulas, double rounding only); the
// n = 200000 sample at offset 1e6 gets 1e-7, since scipy forms its moments from its own mean.
describe('normalityDiagnostics against scipy (reference-normality/reference.py)', () => {
  for (const s of REFERENCE.samples) {
    const rel = s.n > 10000 ? 1e-7 : 1e-10;
    it(`${s.name}: G1, G2, skewtest, kurtosistest, normaltest, jarque_bera and Q-Q match scipy`, () => {
      const [g] = normalityDiagnostics([
        { group: s.name, n: s.n, mean: s.mean, m2: s.m2, m3: s.m3, m4: s.m4, quantiles: s.quantiles },
      ]).groups;
      if (g === undefined) throw new Error('no group');
      expectClose(g.skewness, s.skew, rel);
      expectClose(g.excessKurtosis, s.kurtosis, rel);
      expectClose(g.jarqueBera.statistic, s.jarqueBera[0], rel);
      expectClose(g.jarqueBera.pValue, s.jarqueBera[1], rel);
      const d = g.dagostinoPearson;
      expectClose(d.skewnessZ, s.skewtest?.[0] ?? null, rel);
      expectClose(d.skewnessPValue, s.skewtest?.[1] ?? null, rel);
      expectClose(d.kurtosisZ, s.kurtosistest?.[0] ?? null, rel);
      expectClose(d.kurtosisPValue, s.kurtosistest?.[1] ?? null, rel);
      expectClose(d.statistic, s.normaltest?.[0] ?? null, rel);
      expectClose(d.pValue, s.normaltest?.[1] ?? null, rel);
      g.qq.forEach((q, i) => {
        expect(q.sample).toBe(s.quantiles[i]?.value);
        const ppf = s.normPpf[i] ?? Number.NaN;
        if (ppf === 0) expect(q.theoretical).toBe(0);
        else expectClose(q.theoretical, ppf, 1e-12);
      });
      expect(JSON.parse(JSON.stringify(g))).toEqual(g);
    });
  }

  it('the doc examples of skewnessZ and kurtosisZ give scipy normal-50 values', () => {
    expect(skewnessZ(-0.00143491, 50)).toBeCloseTo(-0.0046186, 6);
    expect(kurtosisZ(3.3062486, 50)).toBeCloseTo(0.8771, 4);
  });

  it('at n = 200000 a mild skew is "significant" yet the verdict, from its size, is approximately normal', () => {
    const s = REFERENCE.samples.find((x) => x.name === 'gamma50-200000');
    if (s === undefined) throw new Error('missing sample');
    const [g] = normalityDiagnostics([s]).groups;
    expect(g?.dagostinoPearson.pValue).toBeLessThan(1e-10);
    expect(g?.jarqueBera.pValue).toBeLessThan(1e-10);
    expect(Math.abs(g?.skewness ?? 9)).toBeLessThan(0.5);
    expect(g?.verdict).toBe('approximately-normal');
  });

  it('verdicts: t(3) n 1000 (G2 10.1) and lognormal n 12 (G1 2.13) substantially non-normal, exponential n 200 moderately', () => {
    const verdicts = normalityDiagnostics(REFERENCE.samples).groups.map((g) => [g.group, g.verdict]);
    expect(Object.fromEntries(verdicts)).toMatchObject({
      'normal-50': 'approximately-normal',
      'uniform-30': 'approximately-normal',
      'student-t3-1000': 'substantially-non-normal',
    });
    // exponential-200: G1 1.763, G2 3.155 (scipy): beyond the approximate band, within the substantial one.
    expect(Object.fromEntries(verdicts)['exponential-200']).toBe('moderately-non-normal');
    // lognormal-12: G1 2.129 (scipy) > 2.
    expect(Object.fromEntries(verdicts)['lognormal-12']).toBe('substantially-non-normal');
  });
});

describe('normalityDiagnostics by hand', () => {
  it('values 1..5: G1 0, G2 -1.2, se 0.9128709 and 2, approximately normal (the doc example)', () => {
    const [g] = normalityDiagnostics([{ group: 'a', n: 5, mean: 3, m2: 10, m3: 0, m4: 34 }]).groups;
    expect(g?.skewness).toBe(0);
    expectClose(g?.excessKurtosis, -1.2, 1e-14);
    // se(G1) = sqrt(6*5*4 / (3*6*8)) = sqrt(120/144); se(G2) = 2 se(G1) sqrt(24 / (2*10)).
    expectClose(g?.skewnessSe, Math.sqrt(120 / 144), 1e-14);
    expectClose(g?.kurtosisSe, 2 * Math.sqrt(120 / 144) * Math.sqrt(24 / 20), 1e-14);
    expect(g?.variance).toBe(2.5);
    expect(g?.verdict).toBe('approximately-normal');
    expect(g?.dagostinoPearson.skewnessZ).toBeNull();
    expect(g?.dagostinoPearson.statistic).toBeNull();
    expect(g?.warnings.map((w) => w.code)).toEqual(['normality-test-small-n']);
    // JB = n/6 (b1 + (b2 - 3)^2 / 4), b2 = 6.8 / 4 = 1.7: 5/6 * 1.69/4.
    expectClose(g?.jarqueBera.statistic, (5 / 6) * (1.69 / 4), 1e-14);
  });

  it('values 0, 0, 0, 10 (n 4): G1 = 2, G2 = 4: moderately non-normal', () => {
    // mean 2.5; deviations -2.5 x3, 7.5: m2 75, m3 -46.875 + 421.875 = 375, m4 117.1875 + 3164.0625.
    const [g] = normalityDiagnostics([{ group: 'a', n: 4, mean: 2.5, m2: 75, m3: 375, m4: 3281.25 }]).groups;
    // b1 = (375/4) / (75/4)^1.5 = 1.1547; G1 = b1 sqrt(12) / 2 = 2; b2 = 820.3125 / 351.5625 = 2.3333,
    // G2 = (5 (b2 - 3) + 6) 3 / 2 = 4.
    expectClose(g?.skewness, 2, 1e-14);
    expectClose(g?.excessKurtosis, 4, 1e-13);
    expect(g?.verdict).toBe('moderately-non-normal');
  });

  it('group order does not matter and each group is assessed on its own', () => {
    const groups = REFERENCE.samples.slice(0, 3);
    const forward = normalityDiagnostics(groups).groups;
    const backward = normalityDiagnostics([...groups].reverse()).groups;
    expect([...backward].reverse()).toEqual(forward);
  });
});

describe('normalityDiagnostics on empty-ish inputs', () => {
  it('[] gives no groups', () => {
    expect(normalityDiagnostics([]).groups).toEqual([]);
  });

  it('one value, two values and a constant group are not assessable, with warnings, not throws', () => {
    const r = normalityDiagnostics([
      { group: 'one', n: 1, mean: 5, m2: 0, m3: 0, m4: 0 },
      { group: 'two', n: 2, mean: 5, m2: 2, m3: 0, m4: 2 },
      { group: 'flat', n: 30, mean: 7, m2: 0, m3: 0, m4: 0, quantiles: [{ p: 0.5, value: 7 }] },
      { group: 'empty', n: 0, mean: Number.NaN, m2: 0, m3: 0, m4: 0 },
    ]);
    for (const g of r.groups) {
      expect(g.verdict).toBe('not-assessable');
      expect(g.skewness).toBeNull();
      expect(g.excessKurtosis).toBeNull();
      expect(g.jarqueBera).toEqual({ statistic: null, pValue: null });
      expect(g.dagostinoPearson.statistic).toBeNull();
      expect(g.warnings.length).toBe(1);
    }
    expect(r.groups.map((g) => g.warnings[0]?.code)).toEqual([
      'too-few-values',
      'too-few-values',
      'constant-group',
      'too-few-values',
    ]);
    expect(r.groups[2]?.qq).toEqual([{ p: 0.5, theoretical: 0, sample: 7, line: 7 }]);
    expect(r.groups[0]?.variance).toBeNull();
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('rejects bad input with the bad value in the message', () => {
    expect(() => normalityDiagnostics([{ group: 'a', n: 2.5, mean: 0, m2: 1, m3: 0, m4: 1 }])).toThrow(
      /n must be a non-negative integer, got 2.5/,
    );
    expect(() => normalityDiagnostics([{ group: 'a', n: 9, mean: 0, m2: -1, m3: 0, m4: 1 }])).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      normalityDiagnostics([
        { group: 'a', n: 9, mean: 0, m2: 1, m3: 0, m4: 1, quantiles: [{ p: 1, value: 3 }] },
      ]),
    ).toThrow(/got p 1 value 3/);
    expect(() => normalityDiagnostics([{ group: 'a', n: 9, mean: 0, m2: 1, m3: Number.NaN, m4: 1 }])).toThrow(
      /m3 must be finite, got NaN/,
    );
  });
});
