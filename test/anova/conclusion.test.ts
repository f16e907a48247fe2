import { describe, expect, it } from 'vitest';
import { effectWord, formatSentenceP } from '../../src/anova/auto-wording.ts';
import { conclusionSentence } from '../../src/anova/conclusion.ts';
import { kruskalWallis } from '../../src/anova/kruskal-wallis.ts';
import { oneWayAnova, oneWayAnovaFromSummaries } from '../../src/anova/one-way.ts';
import { dunnTest } from '../../src/anova/posthoc-dunn.ts';
import type { GamesHowellResult } from '../../src/anova/posthoc-games-howell.ts';
import { gamesHowell } from '../../src/anova/posthoc-games-howell.ts';
import type { MeanPairComparison } from '../../src/anova/posthoc-pairs.ts';
import { tukeyHsd } from '../../src/anova/posthoc-tukey.ts';
import { type WelchAnovaResult, welchAnova } from '../../src/anova/welch.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { POSTHOC_REFERENCE } from './reference-posthoc/reference.ts';

// Statistics come from the module's tests of R (PlantGrowth: F 4.846088, p 0.01591; Tukey
// trt2-trt1 pAdj 0.0120064; Dunn Holm 0.015001; reference-posthoc/reference.R); the sentences are
// written out by hand from those numbers.
const plantGrowth = POSTHOC_REFERENCE[0]?.groups ?? [];
const mtcars = POSTHOC_REFERENCE[1]?.groups ?? [];

function pair(a: string, b: string, diff: number, pAdj: number | null): MeanPairComparison {
  return { a, b, diff, se: null, statistic: null, df: null, lower: null, upper: null, pAdj };
}

// A constructed Welch test of spending by quarter, Q4 above the others (numbers fixed, not data).
const seasonWelch: WelchAnovaResult = {
  kind: 'welch-anova',
  sumsMethod: 'exact-decimal',
  groups: ['Q1', 'Q2', 'Q3', 'Q4'].map((group) => ({ group, n: 1000, mean: 50, variance: 100 })),
  n: 4000,
  f: 41.2345,
  df1: 3,
  df2: 2210.43,
  pValue: 1e-25,
  warnings: [],
};
function seasonGamesHowell(pairs: MeanPairComparison[]): GamesHowellResult {
  return {
    kind: 'games-howell',
    options: { confidenceLevel: 0.95 },
    sumsMethod: 'exact-decimal',
    groups: seasonWelch.groups,
    n: 4000,
    pairs,
    warnings: [],
  };
}
const omega = (value: number | null) => ({ name: 'omega-squared' as const, value });

describe('conclusionSentence: significant tests', () => {
  it('Welch with Games-Howell, one group above all others (the doc example)', () => {
    const posthoc = seasonGamesHowell([
      pair('Q1', 'Q2', 0.4, 0.9),
      pair('Q1', 'Q3', -0.2, 0.95),
      pair('Q1', 'Q4', 6, 1e-6),
      pair('Q2', 'Q3', -0.6, 0.7),
      pair('Q2', 'Q4', 5.6, 1e-5),
      pair('Q3', 'Q4', 6.2, 1e-7),
    ]);
    expect(
      conclusionSentence({
        valueLabel: 'spending',
        groupLabel: 'season',
        test: seasonWelch,
        effect: omega(0.0512),
        posthoc,
        groupNoun: 'quarter',
      }),
    ).toBe(
      'Spending differs by season (Welch F(3, 2210.4) = 41.23, p < 0.001, omega-squared = 0.05, a small effect); Q4 is higher than every other quarter.',
    );
  });

  it('a lower group is named as the loser; groups with more wins come first', () => {
    const posthoc = seasonGamesHowell([
      pair('Q1', 'Q2', -3, 0.001),
      pair('Q1', 'Q3', -3, 0.002),
      pair('Q1', 'Q4', 0.1, 0.99),
      pair('Q2', 'Q3', 0, 1),
      pair('Q2', 'Q4', 3, 0.049),
      pair('Q3', 'Q4', 0.5, 0.051),
    ]);
    expect(
      conclusionSentence({
        valueLabel: 'spending',
        groupLabel: 'season',
        test: seasonWelch,
        effect: omega(0.1),
        posthoc,
      }),
    ).toBe(
      'Spending differs by season (Welch F(3, 2210.4) = 41.23, p < 0.001, omega-squared = 0.10, a medium effect); Q1 is higher than Q2 and Q3; Q4 is higher than Q2.',
    );
  });

  it('PlantGrowth, one-way with Tukey: only trt2 - trt1 (pAdj 0.012) is named', () => {
    const test = oneWayAnova(plantGrowth);
    expect(
      conclusionSentence({
        valueLabel: 'dried weight',
        groupLabel: 'treatment',
        test,
        effect: omega(test.effectSize.omegaSquared),
        posthoc: tukeyHsd(plantGrowth),
      }),
    ).toBe(
      'Dried weight differs by treatment (F(2, 27) = 4.85, p = 0.016, omega-squared = 0.20, a large effect); trt2 is higher than trt1.',
    );
  });

  it('PlantGrowth, Kruskal-Wallis with Dunn: ranks "tend to be higher"', () => {
    const test = kruskalWallis(plantGrowth);
    expect(
      conclusionSentence({
        valueLabel: 'dried weight',
        groupLabel: 'treatment',
        test,
        effect: { name: 'epsilon-squared', value: test.epsilonSquared },
        posthoc: dunnTest(plantGrowth),
      }),
    ).toBe(
      'Dried weight differs by treatment (Kruskal-Wallis H(2) = 7.99, p = 0.018, epsilon-squared = 0.28, a large effect); trt2 tends to be higher than trt1.',
    );
  });

  it('mtcars mpg by cylinders, Welch with Games-Howell: every pair differs', () => {
    const test = welchAnova(mtcars);
    expect(
      conclusionSentence({
        valueLabel: 'fuel economy',
        groupLabel: 'cylinders',
        test,
        effect: omega(oneWayAnova(mtcars).effectSize.omegaSquared),
        posthoc: gamesHowell(mtcars),
      }),
    ).toBe(
      'Fuel economy differs by cylinders (Welch F(2, 18.0) = 31.62, p < 0.001, omega-squared = 0.71, a large effect); 4 is higher than every other group; 6 is higher than 8.',
    );
  });

  it('without post-hoc, or with no significant pair, the sentence ends after the statistics', () => {
    const expected =
      'Spending differs by season (Welch F(3, 2210.4) = 41.23, p < 0.001, omega-squared = 0.05, a small effect).';
    const base = { valueLabel: 'spending', groupLabel: 'season', test: seasonWelch, effect: omega(0.05) };
    expect(conclusionSentence({ ...base, posthoc: null })).toBe(expected);
    const none = seasonGamesHowell([pair('Q1', 'Q2', 1, 0.2), pair('Q3', 'Q4', 1, null)]);
    expect(conclusionSentence({ ...base, posthoc: none })).toBe(expected);
  });

  it('two groups: the loser is named, not "every other group"', () => {
    const test = oneWayAnovaFromSummaries([
      { group: 'a', n: 3, sum: '6', sumSquares: '14' },
      { group: 'b', n: 3, sum: '15', sumSquares: '77' },
    ]);
    const posthoc = tukeyHsd([
      { group: 'a', values: [1, 2, 3] },
      { group: 'b', values: [4, 5, 6] },
    ]);
    // F = 13.5 on 1 and 4 df (by hand), p = 0.0213; omega-squared (13.5 - 1) / (17.5 + 1) = 0.676.
    expect(
      conclusionSentence({
        valueLabel: 'score',
        groupLabel: 'arm',
        test,
        effect: omega(test.effectSize.omegaSquared),
        posthoc,
      }),
    ).toBe(
      'Score differs by arm (F(1, 4) = 13.50, p = 0.021, omega-squared = 0.68, a large effect); b is higher than a.',
    );
  });
});

describe('conclusionSentence: what the evidence does not support', () => {
  const notSignificant: WelchAnovaResult = { ...seasonWelch, f: 1.2, pValue: 0.31742 };

  it('p >= alpha reads "no significant difference", with the effect size, and names no pair', () => {
    const posthoc = seasonGamesHowell([pair('Q1', 'Q4', 6, 0.01)]);
    expect(
      conclusionSentence({
        valueLabel: 'spending',
        groupLabel: 'season',
        test: notSignificant,
        effect: omega(-0.0021),
        posthoc,
      }),
    ).toBe(
      'There is no significant difference in spending by season (Welch F(3, 2210.4) = 1.20, p = 0.317, omega-squared = -0.002, a negligible effect).',
    );
  });

  it('p = 0.0499 is significant and shown with the digit that says so; p = 0.05 is not', () => {
    const base = { valueLabel: 'spending', groupLabel: 'season', effect: omega(0.012), posthoc: null };
    expect(conclusionSentence({ ...base, test: { ...seasonWelch, pValue: 0.0499 } })).toBe(
      'Spending differs by season (Welch F(3, 2210.4) = 41.23, p = 0.0499, omega-squared = 0.01, a small effect).',
    );
    expect(conclusionSentence({ ...base, test: { ...seasonWelch, pValue: 0.05 } })).toMatch(
      /^There is no significant difference .* p = 0\.050,/,
    );
    expect(conclusionSentence({ ...base, test: { ...seasonWelch, pValue: 0.03 }, alpha: 0.01 })).toMatch(
      /^There is no significant difference .* p = 0\.030,/,
    );
  });

  it('a null statistic says the test could not be run, with the warning', () => {
    const test = oneWayAnova([
      { group: 'a', values: [1, 1] },
      { group: 'b', values: [2, 2] },
    ]);
    expect(
      conclusionSentence({
        valueLabel: 'price',
        groupLabel: 'shop',
        test,
        effect: omega(test.effectSize.omegaSquared),
        posthoc: null,
      }),
    ).toBe(
      'Whether price differs by shop could not be tested: the F statistic is undefined (every group is constant while the group means differ: F is infinite and reported as null).',
    );
    const welch: WelchAnovaResult = { ...seasonWelch, f: null, df2: null, pValue: null, warnings: [] };
    expect(
      conclusionSentence({
        valueLabel: 'price',
        groupLabel: 'shop',
        test: welch,
        effect: omega(null),
        posthoc: null,
      }),
    ).toBe('Whether price differs by shop could not be tested: the Welch F statistic is undefined.');
  });

  it('an effect size that is not computable is said so', () => {
    expect(
      conclusionSentence({
        valueLabel: 'spending',
        groupLabel: 'season',
        test: seasonWelch,
        effect: omega(null),
        posthoc: null,
      }),
    ).toBe(
      'Spending differs by season (Welch F(3, 2210.4) = 41.23, p < 0.001, omega-squared not computable).',
    );
  });

  it('rejects alpha outside (0, 1)', () => {
    expect(() =>
      conclusionSentence({
        valueLabel: 'x',
        groupLabel: 'g',
        test: seasonWelch,
        effect: omega(0),
        posthoc: null,
        alpha: 0,
      }),
    ).toThrow(InvalidArgumentError);
  });
});

describe('sentence wording helpers', () => {
  it("Cohen's benchmarks: 0.01 small, 0.06 medium, 0.14 large (Cohen 1988; Field 2013)", () => {
    expect([-0.01, 0.0099, 0.01, 0.0599, 0.06, 0.1399, 0.14, 0.9].map(effectWord)).toEqual([
      'negligible',
      'negligible',
      'small',
      'small',
      'medium',
      'medium',
      'large',
      'large',
    ]);
  });

  it('p-values: < 0.001, three decimals, more only when rounding would cross alpha (doc example)', () => {
    expect(formatSentenceP(0.000999, 0.05)).toBe('p < 0.001');
    expect(formatSentenceP(0.001, 0.05)).toBe('p = 0.001');
    expect(formatSentenceP(0.3174, 0.05)).toBe('p = 0.317');
    expect(formatSentenceP(0.04996, 0.05)).toBe('p = 0.04996');
    expect(formatSentenceP(1, 0.05)).toBe('p = 1.000');
  });
});
