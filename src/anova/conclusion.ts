import { InvalidArgumentError } from '../errors.ts';
import {
  effectWord,
  formatDf,
  formatEffect,
  formatSentenceP,
  formatStatistic,
  listWords,
} from './auto-wording.ts';
import type { KruskalWallisResult } from './kruskal-wallis.ts';
import type { OneWayAnovaResult } from './one-way.ts';
import type { DunnResult } from './posthoc-dunn.ts';
import type { GamesHowellResult } from './posthoc-games-howell.ts';
import type { TukeyResult } from './posthoc-tukey.ts';
import type { WelchAnovaResult } from './welch.ts';

/** Input of `conclusionSentence`. */
export interface ConclusionInput {
  /** What was compared, as it should read in the sentence, e.g. `'spending'`. */
  readonly valueLabel: string;
  /** What forms the groups, e.g. `'season'`. */
  readonly groupLabel: string;
  readonly test: OneWayAnovaResult | WelchAnovaResult | KruskalWallisResult;
  readonly effect: { readonly name: 'omega-squared' | 'epsilon-squared'; readonly value: number | null };
  readonly posthoc: TukeyResult | GamesHowellResult | DunnResult | null;
  /** Significance level for the test and the adjusted pairwise p-values; default 0.05. */
  readonly alpha?: number;
  /** The word for one group in "every other ...", e.g. `'quarter'`; default `'group'`. */
  readonly groupNoun?: string;
}

function statisticText(test: ConclusionInput['test']): { text: string | null; name: string } {
  switch (test.kind) {
    case 'one-way-anova': {
      const t = test.table;
      const text = test.f === null ? null : `F(${t.between.df}, ${t.within.df}) = ${formatStatistic(test.f)}`;
      return { text, name: 'F' };
    }
    case 'welch-anova': {
      const text =
        test.f === null || test.df2 === null
          ? null
          : `Welch F(${test.df1}, ${formatDf(test.df2)}) = ${formatStatistic(test.f)}`;
      return { text, name: 'Welch F' };
    }
    case 'kruskal-wallis':
      return {
        text: test.h === null ? null : `Kruskal-Wallis H(${test.df}) = ${formatStatistic(test.h)}`,
        name: 'Kruskal-Wallis H',
      };
  }
}

function effectText(effect: ConclusionInput['effect']): string {
  if (effect.value === null) return `${effect.name} not computable`;
  return `${effect.name} = ${formatEffect(effect.value)}, a ${effectWord(effect.value)} effect`;
}

/** "X is higher than ..." clauses from the pairs whose adjusted p < alpha; '' when none. */
function posthocText(posthoc: NonNullable<ConclusionInput['posthoc']>, alpha: number, noun: string): string {
  const order = posthoc.groups.map((g) => g.group);
  const beats = new Map<string, Set<string>>();
  for (const p of posthoc.pairs) {
    if (p.pAdj === null || !(p.pAdj < alpha) || p.diff === 0) continue;
    const [high, low] = p.diff > 0 ? [p.b, p.a] : [p.a, p.b];
    beats.set(high, (beats.get(high) ?? new Set()).add(low));
  }
  const verb = posthoc.kind === 'dunn' ? 'tends to be higher than' : 'is higher than';
  const winners = order
    .filter((g) => beats.has(g))
    .sort((x, y) => (beats.get(y)?.size ?? 0) - (beats.get(x)?.size ?? 0));
  return winners
    .map((g) => {
      const lows = order.filter((o) => beats.get(g)?.has(o));
      const whom =
        order.length > 2 && lows.length === order.length - 1 ? `every other ${noun}` : listWords(lows);
      return `${g} ${verb} ${whom}`;
    })
    .join('; ');
}

/**
 * One sentence that states what the comparison supports and no more: whether the groups differ
 * at `alpha`, the statistic with its degrees of freedom, p, the effect size with a word by
 * Cohen's benchmarks (see `effectWord`), and, when the test is significant, which groups the
 * post-hoc comparisons place above which (only pairs with adjusted p < alpha).
 *
 * Method: APA-style numbers (statistics two decimals, Welch's fractional df one decimal, p to
 * three decimals or "p < 0.001"; see `formatSentenceP`). A non-significant test reads "There is
 * no significant difference", with its effect size, and never names pairs (a pair "significant"
 * after a non-significant omnibus test is not reported as a finding). One group above all others
 * reads "X is higher than every other <groupNoun>"; otherwise "X is higher than Y and Z", one
 * clause per group, most wins first. Dunn compares mean ranks, so it reads "tends to be higher".
 * A `null` statistic (see the test's warnings) gives a sentence saying it could not be tested.
 * Labels are used as given: escape them for a terminal.
 *
 * @throws InvalidArgumentError for alpha outside (0, 1).
 *
 * @example conclusionSentence({ valueLabel: 'spending', groupLabel: 'season', test: welch,
 *   effect: { name: 'omega-squared', value: 0.05 }, posthoc: gamesHowell, groupNoun: 'quarter' })
 * // 'Spending differs by season (Welch F(3, 2210.4) = 41.23, p < 0.001, omega-squared = 0.05,
 * //  a small effect); Q4 is higher than every other quarter.' (a test)
 */
export function conclusionSentence(input: ConclusionInput): string {
  const alpha = input.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1))
    throw new InvalidArgumentError(`conclusionSentence: alpha must lie in (0, 1), got ${String(alpha)}`);
  const { text, name } = statisticText(input.test);
  const p = input.test.pValue;
  if (text === null || p === null) {
    const why = input.test.warnings[0]?.message;
    return `Whether ${input.valueLabel} differs by ${input.groupLabel} could not be tested: the ${name} statistic is undefined${why === undefined ? '' : ` (${why})`}.`;
  }
  const stats = `${text}, ${formatSentenceP(p, alpha)}, ${effectText(input.effect)}`;
  if (!(p < alpha)) {
    return `There is no significant difference in ${input.valueLabel} by ${input.groupLabel} (${stats}).`;
  }
  const value = input.valueLabel.charAt(0).toUpperCase() + input.valueLabel.slice(1);
  const pairs = input.posthoc === null ? '' : posthocText(input.posthoc, alpha, input.groupNoun ?? 'group');
  return `${value} differs by ${input.groupLabel} (${stats})${pairs === '' ? '' : `; ${pairs}`}.`;
}
