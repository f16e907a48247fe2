/**
 * The number formats and effect-size words of `conclusionSentence`: APA-style statistics
 * (American Psychological Association 2020, Publication Manual, 7th ed.: two
 * decimals, p to three decimals or "p < 0.001") and Cohen's benchmarks.
 */

/** Words for an effect size by Cohen's benchmarks. */
export type EffectWord = 'negligible' | 'small' | 'medium' | 'large';

/**
 * Cohen's benchmarks for a proportion of variance explained: 0.01 small, 0.06 medium, 0.14 large
 * (Cohen, J. 1988, "Statistical Power Analysis for the Behavioral Sciences", 2nd ed., Erlbaum,
 * chapter 8, for eta squared; applied to omega squared by Field, A. 2013, "Discovering
 * Statistics Using IBM SPSS Statistics", 4th ed., Sage, and to the rank-based
 * epsilon squared as rstatix `kruskal_effsize` does). Below 0.01, and for negative omega squared,
 * "negligible".
 *
 * @example effectWord(0.05) // 'small'
 */
export function effectWord(value: number): EffectWord {
  if (value >= 0.14) return 'large';
  if (value >= 0.06) return 'medium';
  if (value >= 0.01) return 'small';
  return 'negligible';
}

/**
 * A p-value for a sentence: "p < 0.001", else "p = " with three decimals; more decimals (up to
 * six) when three would round it across alpha (0.0499 reads "p = 0.0499", not "p = 0.050").
 *
 * @example formatSentenceP(0.3174, 0.05) // 'p = 0.317'
 */
export function formatSentenceP(p: number, alpha: number): string {
  if (p < 0.001) return 'p < 0.001';
  let digits = 3;
  while (digits < 6 && Number(p.toFixed(digits)) < alpha !== p < alpha) digits++;
  return `p = ${p.toFixed(digits)}`;
}

/** A test statistic with two decimals. */
export function formatStatistic(x: number): string {
  return noNegativeZero(x.toFixed(2));
}

/** Degrees of freedom: integers as they are, fractional (Welch) with one decimal. */
export function formatDf(df: number): string {
  return Number.isInteger(df) ? String(df) : df.toFixed(1);
}

/** An effect size with two decimals, or three below 0.01 so a small value does not read 0.00. */
export function formatEffect(x: number): string {
  return noNegativeZero(Math.abs(x) >= 0.01 ? x.toFixed(2) : x.toFixed(3));
}

function noNegativeZero(s: string): string {
  return /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
