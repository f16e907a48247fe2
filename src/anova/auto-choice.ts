import { InvalidArgumentError } from '../errors.ts';
import type { GroupNormality, NormalityResult } from './normality.ts';

/** Options of `chooseTest`. */
export interface AutoChoiceOptions {
  /** Significance level of the test of equal variances; default 0.05. */
  readonly alpha?: number;
}

/** Which branch of `AUTO_CHOICE_RULE` decided. */
export type AutoChoiceRule = 'small-non-normal-groups' | 'unequal-variances' | 'equal-variances';

/** Result of `chooseTest`: the test of the omnibus hypothesis, its post-hoc companion, and why. */
export interface AutoChoice {
  readonly kind: 'auto-choice';
  readonly test: 'oneway' | 'welch' | 'kruskal';
  readonly posthoc: 'tukey' | 'games-howell' | 'dunn';
  /** Sentences naming the facts of these data that decided, in the order they were weighed. */
  readonly reasons: string[];
  readonly rule: AutoChoiceRule;
  readonly options: { readonly alpha: number };
  /** Largest / smallest group variance; `null` when a variance is missing or zero. */
  readonly varianceRatio: number | null;
  /** The p-value of the variance test used (Brown-Forsythe when given, else Levene). */
  readonly spreadPValue: number | null;
}

/** A group smaller than this leans on its own normality; at or above it the means' CLT helps. */
export const AUTO_SMALL_GROUP_N = 30;
/** Largest / smallest variance above which the classical F is not trusted. */
export const AUTO_VARIANCE_RATIO_LIMIT = 4;

/**
 * The rule of `chooseTest`, in order:
 * 1. Some group has n < 30 and is not approximately normal (|G1| >= 1 or |G2| >= 2, or not
 *    assessable), or some group has no variation: Kruskal-Wallis with Dunn. Small groups cannot
 *    lean on the central limit theorem; ranks need neither normality nor a variance.
 * 2. Else the variances differ: Brown-Forsythe (median-centred Levene) p < alpha (Levene's when
 *    Brown-Forsythe is not given), or largest / smallest variance > 4: Welch with Games-Howell.
 * 3. Else the classical one-way ANOVA with Tukey HSD.
 * Groups of 30 or more that are not normal do not force ranks: the F test of means is robust to
 * non-normality (Blanca, M. J., Alarcon, R., Arnau, J., Bono, R. & Bendayan, R. 2017, "Non-normal
 * data: is ANOVA still a valid option?", Psicothema 29(4), 552-557), and Kruskal-Wallis tests
 * another hypothesis (one distribution stochastically above another, not equal means). Welch
 * keeps its level under unequal variances where F does not (Delacre, M., Leys, C., Mora, Y. L. &
 * Lakens, D. 2019, "Taking parametric assumptions seriously: arguments for the use of Welch's
 * F-test instead of the classical F-test in one-way ANOVA", International Review of Social
 * Psychology 32(1), 13, doi:10.5334/irsp.198; after Delacre, Lakens & Leys 2017 on Welch's t). The variance ratio 4 is a rule of thumb with no single
 * authority (limits of 2 to 4 circulate in textbooks); Blanca, M. J., Alarcon, R., Arnau, J.,
 * Bono, R. & Bendayan, R. 2018 ("Effect of variance ratio on ANOVA robustness: might 1.5 be the
 * limit?", Behavior Research Methods 50, 937-962) found F unreliable at ratios near 1.5 when
 * group sizes differ, which is why a significant variance test alone also chooses Welch.
 */
export const AUTO_CHOICE_RULE =
  'Kruskal-Wallis + Dunn when any group has n < 30 and is not approximately normal (|G1| < 1 and |G2| < 2) or has no variation; ' +
  'else Welch + Games-Howell when the Brown-Forsythe (else Levene) test gives p < alpha or the largest / smallest variance exceeds 4; ' +
  'else one-way ANOVA + Tukey HSD (Blanca et al. 2017; Delacre et al. 2019).';

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(3);
}

function verdictWords(g: GroupNormality): string {
  if (g.verdict === 'not-assessable') return 'shape not assessable';
  return `G1 ${g.skewness === null ? '-' : fmt(g.skewness)}, G2 ${g.excessKurtosis === null ? '-' : fmt(g.excessKurtosis)}`;
}

/**
 * Chooses the test of equal group centres and its post-hoc companion from the diagnostics, by
 * the documented `AUTO_CHOICE_RULE` (the `--test auto` of `shopstat anova`).
 *
 * Method: see `AUTO_CHOICE_RULE`; group variances and verdicts come from `normality` (matched by
 * group name), the variance test from `brownForsythe` when given, else `levene`. A `null`
 * variance-test p-value leaves the decision to the variance ratio, with a reason saying so.
 *
 * @throws InvalidArgumentError for alpha outside (0, 1) or a group missing from `normality`.
 *
 * @example chooseTest({
 *   groups: [{ group: 'a', n: 12 }, { group: 'b', n: 40 }],
 *   levene: { pValue: 0.4 },
 *   normality, // 'a' has n 12 and G1 1.84
 * }).test // 'kruskal', rule 'small-non-normal-groups' (a test)
 */
export function chooseTest(
  input: {
    readonly groups: readonly { readonly group: string; readonly n: number }[];
    readonly levene: { readonly pValue: number | null };
    readonly brownForsythe?: { readonly pValue: number | null };
    readonly normality: NormalityResult;
  },
  options: AutoChoiceOptions = {},
): AutoChoice {
  const alpha = options.alpha ?? 0.05;
  if (!(alpha > 0 && alpha < 1))
    throw new InvalidArgumentError(`chooseTest: alpha must lie in (0, 1), got ${String(alpha)}`);
  const shapes = input.groups.map((g) => {
    const shape = input.normality.groups.find((x) => x.group === g.group);
    if (shape === undefined)
      throw new InvalidArgumentError(
        `chooseTest: group ${JSON.stringify(g.group)} has no normality diagnostics; pass normalityDiagnostics of the same groups`,
      );
    return { ...shape, n: g.n };
  });
  const variances = shapes.map((g) => g.variance);
  const usable = variances.every((v): v is number => v !== null && v > 0);
  const varianceRatio =
    usable && variances.length > 0 ? Math.max(...variances) / Math.min(...variances) : null;
  const spreadName = input.brownForsythe === undefined ? 'Levene' : 'Brown-Forsythe';
  const spreadPValue = (input.brownForsythe ?? input.levene).pValue;
  const base = { kind: 'auto-choice' as const, options: { alpha }, varianceRatio, spreadPValue };
  const reasons: string[] = [];

  const smallOdd = shapes.filter((g) => g.n < AUTO_SMALL_GROUP_N && g.verdict !== 'approximately-normal');
  const constant = shapes.filter((g) => g.n >= 2 && g.variance === 0);
  if (smallOdd.length > 0 || constant.length > 0) {
    for (const g of smallOdd)
      reasons.push(
        `group "${g.group}" has ${g.n} values (< ${AUTO_SMALL_GROUP_N}) and is not approximately normal (${verdictWords(g)}), so the test of means cannot rely on the central limit theorem`,
      );
    for (const g of constant.filter((c) => !smallOdd.includes(c)))
      reasons.push(`group "${g.group}" has no variation, which tests weighting by variances cannot handle`);
    reasons.push(
      'Kruskal-Wallis compares ranks and needs neither normality nor equal variances; Dunn follows it',
    );
    return { ...base, test: 'kruskal', posthoc: 'dunn', reasons, rule: 'small-non-normal-groups' };
  }

  const largeOdd = shapes.filter((g) => g.verdict !== 'approximately-normal');
  if (largeOdd.length > 0) {
    reasons.push(
      `${largeOdd.map((g) => `"${g.group}"`).join(', ')} ${largeOdd.length === 1 ? 'is' : 'are'} not approximately normal, but with ${AUTO_SMALL_GROUP_N} or more values per group the central limit theorem makes the tests of means robust to it (Blanca et al. 2017)`,
    );
  } else {
    reasons.push('every group is approximately normal (|G1| < 1 and |G2| < 2)');
  }
  const spreadSignificant = spreadPValue !== null && spreadPValue < alpha;
  const ratioLarge = varianceRatio !== null && varianceRatio > AUTO_VARIANCE_RATIO_LIMIT;
  if (spreadPValue === null)
    reasons.push(`the ${spreadName} test could not be computed, so only the variance ratio decided`);
  if (spreadSignificant || ratioLarge) {
    if (spreadSignificant)
      reasons.push(`the ${spreadName} test finds unequal variances (p = ${fmt(spreadPValue)} < ${alpha})`);
    if (ratioLarge)
      reasons.push(
        `the largest group variance is ${fmt(varianceRatio)} times the smallest (> ${AUTO_VARIANCE_RATIO_LIMIT})`,
      );
    reasons.push(
      "Welch's ANOVA does not assume equal variances (Delacre et al. 2019); Games-Howell follows it",
    );
    return { ...base, test: 'welch', posthoc: 'games-howell', reasons, rule: 'unequal-variances' };
  }
  reasons.push(
    `variances look equal (${spreadName} p = ${spreadPValue === null ? '-' : fmt(spreadPValue)}, largest / smallest variance ${varianceRatio === null ? '-' : fmt(varianceRatio)} <= ${AUTO_VARIANCE_RATIO_LIMIT})`,
  );
  reasons.push('the classical one-way ANOVA applies; Tukey HSD follows it');
  return { ...base, test: 'oneway', posthoc: 'tukey', reasons, rule: 'equal-variances' };
}
