import { fUpperTail } from '../stats/index.ts';
import { type OneWayEffectSizes, oneWayEffectSizes } from './effect-size.ts';
import { describeGroup, type MomentSet, momentsFromSamples, momentsFromSummaries } from './exact-sums.ts';
import type { AnovaWarning, GroupDescription, GroupSample, GroupSummary, SumsMethod } from './types.ts';
import { checkLevel } from './validate.ts';

/** Options of `oneWayAnova`. */
export interface OneWayAnovaOptions {
  /** Level of the effect-size confidence intervals; default 0.95. */
  readonly confidenceLevel?: number;
}

/** One row of the ANOVA table. `meanSq` is `null` when df = 0. */
export interface AnovaTableRow {
  readonly df: number;
  readonly sumSq: number;
  readonly meanSq: number | null;
}

/** Result of `oneWayAnova` / `oneWayAnovaFromSummaries`. */
export interface OneWayAnovaResult {
  readonly kind: 'one-way-anova';
  readonly options: { readonly confidenceLevel: number };
  readonly sumsMethod: SumsMethod;
  readonly groups: readonly GroupDescription[];
  /** Total number of values. */
  readonly n: number;
  readonly table: {
    readonly between: AnovaTableRow;
    readonly within: AnovaTableRow;
    readonly total: { readonly df: number; readonly sumSq: number };
  };
  /** MS between / MS within; `null` when there is no within-group variation or df within = 0. */
  readonly f: number | null;
  /** Upper tail of F(df between, df within) at `f`; `null` with `f`. */
  readonly pValue: number | null;
  readonly effectSize: OneWayEffectSizes;
  readonly warnings: readonly AnovaWarning[];
}

/**
 * Classical one-way analysis of variance (Fisher) on raw values: between / within / total sums
 * of squares, F and its p-value from the F(k - 1, N - k) upper tail, with eta squared and omega
 * squared and their noncentral-F confidence intervals (see `oneWayEffectSizes`).
 *
 * Method: sums of squares by the shifted, corrected two-pass algorithm over doubles (see
 * `momentsFromSamples`), so a large common offset costs no digits beyond the input's own.
 * Matches R `summary(aov(y ~ g))` (test/anova/reference/reference.R).
 *
 * Returns `f` and `pValue` `null`, with a warning, when every group is constant (no within-group
 * variation) or every group has one value (df within = 0).
 *
 * @throws InsufficientDataError with fewer than two groups or an empty group.
 * @throws InvalidArgumentError for a non-finite value (exclude and count nulls first), a repeated
 *   group name or a confidence level outside (0, 1).
 *
 * @example oneWayAnova(plantGrowth).f // 4.846088 with df 2 and 27, p 0.01591 (R aov, PlantGrowth)
 */
export function oneWayAnova(
  groups: readonly GroupSample[],
  options: OneWayAnovaOptions = {},
): OneWayAnovaResult {
  const level = options.confidenceLevel ?? 0.95;
  checkLevel('oneWayAnova', level);
  return oneWayAnovaFromMoments(momentsFromSamples('oneWayAnova', groups), level);
}

/**
 * The same test from exact per-group sums (`n`, `sum`, `sumSquares` as decimal text), e.g. from a
 * DuckDB query over a DECIMAL column. Sums of squares are exact (bigint rationals) and become
 * doubles once, so the NIST StRD ANOVA sets give their certified F to 13 or more digits.
 *
 * @throws InsufficientDataError with fewer than two groups or a group with n = 0.
 * @throws InvalidArgumentError for non-decimal text, inconsistent sums, a repeated group name or
 *   a confidence level outside (0, 1).
 *
 * @example oneWayAnovaFromSummaries([
 *   { group: 'a', n: 3, sum: '6', sumSquares: '14' },
 *   { group: 'b', n: 3, sum: '15', sumSquares: '77' },
 * ]).f // 13.5: SSB 13.5 on 1 df, SSW 4 on 4 df (by hand; a test)
 */
export function oneWayAnovaFromSummaries(
  summaries: readonly GroupSummary[],
  options: OneWayAnovaOptions = {},
): OneWayAnovaResult {
  const level = options.confidenceLevel ?? 0.95;
  checkLevel('oneWayAnovaFromSummaries', level);
  return oneWayAnovaFromMoments(momentsFromSummaries('oneWayAnovaFromSummaries', summaries), level);
}

function oneWayAnovaFromMoments(m: MomentSet, confidenceLevel: number): OneWayAnovaResult {
  const warnings: AnovaWarning[] = [];
  const dfBetween = m.groups.length - 1;
  const dfWithin = m.n - m.groups.length;
  const msBetween = m.ssBetween / dfBetween;
  const msWithin = dfWithin > 0 ? m.ssWithin / dfWithin : null;
  let f: number | null = null;
  if (dfWithin === 0) {
    warnings.push({
      code: 'no-within-df',
      message:
        'every group has a single value, so there is no within-group variation to compare with: F is undefined',
    });
  } else if (m.ssWithin === 0) {
    warnings.push({
      code: 'zero-within-variance',
      message:
        m.ssBetween === 0
          ? 'all values are equal: F is undefined'
          : 'every group is constant while the group means differ: F is infinite and reported as null',
    });
  } else {
    f = (m.ssBetween * dfWithin) / (m.ssWithin * dfBetween);
  }
  const pValue = f === null ? null : fUpperTail(f, dfBetween, dfWithin);
  return {
    kind: 'one-way-anova',
    options: { confidenceLevel },
    sumsMethod: m.method,
    groups: m.groups.map(describeGroup),
    n: m.n,
    table: {
      between: { df: dfBetween, sumSq: m.ssBetween, meanSq: msBetween },
      within: { df: dfWithin, sumSq: m.ssWithin, meanSq: msWithin },
      total: { df: m.n - 1, sumSq: m.ssBetween + m.ssWithin },
    },
    f,
    pValue,
    effectSize: oneWayEffectSizes(
      { ssBetween: m.ssBetween, ssWithin: m.ssWithin, dfBetween, dfWithin },
      confidenceLevel,
    ),
    warnings,
  };
}
