import { describe, expect, it } from 'vitest';
import { AUTO_CHOICE_RULE, chooseTest } from '../../src/anova/auto-choice.ts';
import { type GroupMomentsInput, normalityDiagnostics } from '../../src/anova/normality.ts';
import { InvalidArgumentError } from '../../src/errors.ts';

// Constructed moment sums: with m3 = 0 and b2 = 3 a group is exactly "normal-shaped"
// (G1 = 0, G2 = 6 (n - 1) / ((n - 2) (n - 3)), small); m3 chosen for a given biased skewness.
function shaped(group: string, n: number, variance: number, biasedSkewness = 0, b2 = 3): GroupMomentsInput {
  const m2 = variance * (n - 1);
  const s2 = m2 / n;
  return { group, n, mean: 10, m2, m3: biasedSkewness * s2 ** 1.5 * n, m4: b2 * s2 * s2 * n };
}

function choose(groups: GroupMomentsInput[], spread: { levene: number | null; bf?: number | null }) {
  return chooseTest({
    groups: groups.map((g) => ({ group: g.group, n: g.n })),
    levene: { pValue: spread.levene },
    ...(spread.bf === undefined ? {} : { brownForsythe: { pValue: spread.bf } }),
    normality: normalityDiagnostics(groups),
  });
}

describe('chooseTest: each branch of the rule', () => {
  it('a small skewed group (n 12, G1 1.84) chooses Kruskal-Wallis and Dunn (the doc example)', () => {
    const r = choose([shaped('a', 12, 4, 1.6), shaped('b', 40, 4)], { levene: 0.4 });
    expect(r).toMatchObject({ test: 'kruskal', posthoc: 'dunn', rule: 'small-non-normal-groups' });
    // G1 = 1.6 sqrt(12 * 11) / 10 = 1.838; G2 = 6 * 11 / (10 * 9) = 0.733 (by hand).
    expect(r.reasons).toEqual([
      'group "a" has 12 values (< 30) and is not approximately normal (G1 1.84, G2 0.733), so the test of means cannot rely on the central limit theorem',
      'Kruskal-Wallis compares ranks and needs neither normality nor equal variances; Dunn follows it',
    ]);
  });

  it('a small group too small to assess (n 3) also chooses ranks', () => {
    const r = choose([shaped('a', 3, 4), shaped('b', 40, 4)], { levene: 0.4 });
    expect(r.rule).toBe('small-non-normal-groups');
    expect(r.reasons[0]).toContain('shape not assessable');
  });

  it('a large constant group chooses ranks: Welch cannot weight a zero variance', () => {
    const flat: GroupMomentsInput = { group: 'flat', n: 50, mean: 3, m2: 0, m3: 0, m4: 0 };
    const r = choose([flat, shaped('b', 40, 4)], { levene: null });
    expect(r).toMatchObject({ test: 'kruskal', posthoc: 'dunn', varianceRatio: null });
    expect(r.reasons[0]).toBe(
      'group "flat" has no variation, which tests weighting by variances cannot handle',
    );
  });

  it('large skewed groups do not force ranks: the reasons cite the central limit theorem', () => {
    const r = choose([shaped('a', 200, 4, 1.8), shaped('b', 300, 4)], { levene: 0.5, bf: 0.6 });
    expect(r).toMatchObject({ test: 'oneway', posthoc: 'tukey', rule: 'equal-variances' });
    expect(r.reasons[0]).toBe(
      '"a" is not approximately normal, but with 30 or more values per group the central limit theorem makes the tests of means robust to it (Blanca et al. 2017)',
    );
  });

  it('a significant Brown-Forsythe test chooses Welch and Games-Howell even with a ratio under 4', () => {
    const r = choose([shaped('a', 40, 4), shaped('b', 40, 6)], { levene: 0.2, bf: 0.01 });
    expect(r).toMatchObject({ test: 'welch', posthoc: 'games-howell', rule: 'unequal-variances' });
    expect(r.varianceRatio).toBeCloseTo(1.5, 12);
    expect(r.spreadPValue).toBe(0.01);
    expect(r.reasons).toContain('the Brown-Forsythe test finds unequal variances (p = 0.0100 < 0.05)');
  });

  it('Brown-Forsythe, when given, decides over Levene', () => {
    const r = choose([shaped('a', 40, 4), shaped('b', 40, 6)], { levene: 0.001, bf: 0.3 });
    expect(r.test).toBe('oneway');
    expect(r.reasons.at(-2)).toBe(
      'variances look equal (Brown-Forsythe p = 0.300, largest / smallest variance 1.50 <= 4)',
    );
  });

  it('Levene decides when Brown-Forsythe is absent', () => {
    expect(choose([shaped('a', 40, 4), shaped('b', 40, 6)], { levene: 0.001 }).test).toBe('welch');
  });

  it('a variance ratio over 4 chooses Welch even when the variance test is not significant', () => {
    const r = choose([shaped('a', 30, 1), shaped('b', 30, 4.5)], { levene: 0.2 });
    expect(r.test).toBe('welch');
    expect(r.reasons).toContain('the largest group variance is 4.50 times the smallest (> 4)');
  });

  it('a missing variance-test p leaves the decision to the ratio, and says so', () => {
    const r = choose([shaped('a', 30, 1), shaped('b', 30, 2)], { levene: null });
    expect(r.test).toBe('oneway');
    expect(r.reasons).toContain('the Levene test could not be computed, so only the variance ratio decided');
  });

  it('approximately normal groups with equal variances choose the classical ANOVA and Tukey', () => {
    const r = choose([shaped('a', 20, 4, 0.3), shaped('b', 25, 5), shaped('c', 30, 4)], { levene: 0.7 });
    expect(r).toEqual({
      kind: 'auto-choice',
      test: 'oneway',
      posthoc: 'tukey',
      rule: 'equal-variances',
      options: { alpha: 0.05 },
      varianceRatio: 1.25,
      spreadPValue: 0.7,
      reasons: [
        'every group is approximately normal (|G1| < 1 and |G2| < 2)',
        'variances look equal (Levene p = 0.700, largest / smallest variance 1.25 <= 4)',
        'the classical one-way ANOVA applies; Tukey HSD follows it',
      ],
    });
  });

  it('alpha is an option: p 0.03 is unequal at 0.05 but not at 0.01', () => {
    const groups = [shaped('a', 40, 4), shaped('b', 40, 5)];
    const input = {
      groups: groups.map((g) => ({ group: g.group, n: g.n })),
      levene: { pValue: 0.03 },
      normality: normalityDiagnostics(groups),
    };
    expect(chooseTest(input).test).toBe('welch');
    expect(chooseTest(input, { alpha: 0.01 })).toMatchObject({ test: 'oneway', options: { alpha: 0.01 } });
  });
});

describe('chooseTest: inputs', () => {
  it('group order does not change the choice', () => {
    const groups = [shaped('a', 12, 4, 1.6), shaped('b', 40, 4), shaped('c', 40, 9)];
    const a = choose(groups, { levene: 0.2 });
    const b = choose([...groups].reverse(), { levene: 0.2 });
    expect([b.test, b.posthoc, b.rule, b.varianceRatio]).toEqual([
      a.test,
      a.posthoc,
      a.rule,
      a.varianceRatio,
    ]);
  });

  it('rejects a bad alpha and a group without diagnostics, naming the value', () => {
    const normality = normalityDiagnostics([shaped('a', 40, 4)]);
    expect(() =>
      chooseTest({ groups: [{ group: 'a', n: 40 }], levene: { pValue: 0.5 }, normality }, { alpha: 1.5 }),
    ).toThrow(/alpha must lie in \(0, 1\), got 1.5/);
    expect(() =>
      chooseTest({ groups: [{ group: 'zz', n: 40 }], levene: { pValue: 0.5 }, normality }),
    ).toThrow(InvalidArgumentError);
  });

  it('the rule text names every branch and its thresholds', () => {
    expect(AUTO_CHOICE_RULE).toContain('n < 30');
    expect(AUTO_CHOICE_RULE).toContain('exceeds 4');
    expect(AUTO_CHOICE_RULE).toContain('Tukey');
  });
});
