import { InvalidArgumentError } from '../errors.ts';
import { oneWayAnova } from './one-way.ts';
import type { AnovaWarning, GroupSample } from './types.ts';
import { checkGroups, checkValues } from './validate.ts';

/** Options of `levene`. */
export interface LeveneOptions {
  /** Centre of the absolute deviations: `'mean'` (Levene 1960) or `'median'` (Brown-Forsythe 1974); default `'median'`, as car::leveneTest. */
  readonly center?: 'mean' | 'median';
}

/** Result of `levene`. */
export interface LeveneResult {
  readonly kind: 'levene';
  readonly options: { readonly center: 'mean' | 'median' };
  readonly groups: readonly { readonly group: string; readonly n: number; readonly center: number }[];
  readonly n: number;
  /** F of the one-way ANOVA on |x - centre|; `null` (with a warning) when no deviation varies. */
  readonly f: number | null;
  readonly df1: number;
  readonly df2: number;
  readonly pValue: number | null;
  readonly warnings: readonly AnovaWarning[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

function mean(values: readonly number[]): number {
  const shift = values[0] ?? 0;
  let sum = 0;
  for (const v of values) sum += v - shift;
  return shift + sum / values.length;
}

/**
 * Levene's test of equal variances (Levene, H. 1960, in "Contributions to Probability and
 * Statistics", Stanford University Press, 278-292) with `center: 'mean'`, and its robust
 * Brown-Forsythe variant with `center: 'median'` (Brown, M. B. & Forsythe, A. B. 1974, "Robust
 * tests for the equality of variances", JASA 69, 364-367), as `car::leveneTest(y ~ g, center =)`.
 *
 * Method: the classical one-way ANOVA (`oneWayAnova`, shifted two-pass sums) on the absolute
 * deviations |x_ij - centre_i|; the median of an even count is the mean of the middle two. With
 * summaries from SQL, compute the deviations there and call `oneWayAnovaFromSummaries`.
 *
 * Returns `f` and `pValue` `null`, with a warning, when no absolute deviation varies within
 * groups (e.g. every group constant).
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value, a repeated group name or an unknown centre.
 *
 * @example levene(plantGrowth, { center: 'mean' }) // f 1.236963, df 2 and 27, p 0.3062 (car::leveneTest)
 */
export function levene(groups: readonly GroupSample[], options: LeveneOptions = {}): LeveneResult {
  const center = options.center ?? 'median';
  if (center !== 'mean' && center !== 'median') {
    throw new InvalidArgumentError(
      `levene: center must be 'mean' or 'median', got ${JSON.stringify(center)}`,
    );
  }
  checkGroups('levene', groups);
  for (const g of groups) checkValues('levene', g.group, g.values);
  const centres = groups.map((g) => (center === 'mean' ? mean(g.values) : median(g.values)));
  const deviations = groups.map((g, i) => ({
    group: g.group,
    values: g.values.map((v) => Math.abs(v - (centres[i] ?? 0))),
  }));
  const anova = oneWayAnova(deviations);
  return {
    kind: 'levene',
    options: { center },
    groups: groups.map((g, i) => ({ group: g.group, n: g.values.length, center: centres[i] ?? 0 })),
    n: anova.n,
    f: anova.f,
    df1: anova.table.between.df,
    df2: anova.table.within.df,
    pValue: anova.pValue,
    warnings: anova.warnings.map((w) => ({
      code: w.code,
      message: `levene (on absolute deviations): ${w.message}`,
    })),
  };
}
