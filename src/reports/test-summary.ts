import { effectWord } from '../anova/auto-wording.ts';
import type { CompareGroupsResult } from '../anova/index.ts';
import { tQuantile } from '../stats/index.ts';
import type { SeasonalGroup, TestSummary } from './model.ts';

const TEST_NAMES = { oneway: 'one-way ANOVA', welch: 'Welch ANOVA', kruskal: 'Kruskal-Wallis test' } as const;

/**
 * A `compareGroups` result run with `auto` (and the classic one-way ANOVA, for omega squared),
 * reduced to what the review shows: the test `auto` chose, its statistic, degrees of freedom,
 * p-value and effect size (omega squared for the ANOVAs, epsilon squared for Kruskal-Wallis) with
 * Cohen's word for it (`effectWord`), and the conclusion sentence. `null` when no test was chosen
 * (e.g. fewer than two groups).
 */
export function summariseComparison(result: CompareGroupsResult): TestSummary | null {
  const auto = result.auto;
  if (auto === undefined) return null;
  const omega = result.tests.oneway?.effectSize.omegaSquared ?? null;
  const base = { conclusion: result.conclusion ?? '', reasons: [...auto.reasons] };
  if (auto.test === 'kruskal') {
    const k = result.tests.kruskal;
    if (k === undefined) return null;
    return {
      ...base,
      test: TEST_NAMES.kruskal,
      statistic: k.h,
      statisticName: 'H',
      df: [k.df],
      pValue: k.pValue,
      effectSize: k.epsilonSquared,
      effectSizeName: 'epsilon²',
      effectSizeWord: k.epsilonSquared === null ? null : effectWord(k.epsilonSquared),
      n: k.n,
    };
  }
  if (auto.test === 'welch') {
    const w = result.tests.welch;
    if (w === undefined) return null;
    return {
      ...base,
      test: TEST_NAMES.welch,
      statistic: w.f,
      statisticName: 'F',
      df: w.df2 === null ? [w.df1] : [w.df1, w.df2],
      pValue: w.pValue,
      effectSize: omega,
      effectSizeName: 'omega²',
      effectSizeWord: omega === null ? null : effectWord(omega),
      n: w.n,
    };
  }
  const o = result.tests.oneway;
  if (o === undefined) return null;
  return {
    ...base,
    test: TEST_NAMES.oneway,
    statistic: o.f,
    statisticName: 'F',
    df: [o.table.between.df, o.table.within.df],
    pValue: o.pValue,
    effectSize: omega,
    effectSizeName: 'omega²',
    effectSizeWord: omega === null ? null : effectWord(omega),
    n: o.n,
  };
}

/**
 * Each group's n, mean and 95 % confidence interval of the mean (Student's t with n - 1 degrees
 * of freedom and the group's sample variance, denominator n - 1), from the one-way ANOVA's group
 * descriptions; medians come from the caller (`null` when not known).
 */
export function groupMeans(
  result: CompareGroupsResult,
  medians: ReadonlyMap<string, number | null> = new Map(),
): SeasonalGroup[] {
  const groups = result.tests.oneway?.groups ?? [];
  return groups.map((g) => {
    let ciLow: number | null = null;
    let ciHigh: number | null = null;
    if (g.n >= 2 && g.variance !== null) {
      const half = tQuantile(0.975, g.n - 1) * Math.sqrt(g.variance / g.n);
      ciLow = g.mean - half;
      ciHigh = g.mean + half;
    }
    return { group: g.group, n: g.n, mean: g.mean, median: medians.get(g.group) ?? null, ciLow, ciHigh };
  });
}
