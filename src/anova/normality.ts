import { InvalidArgumentError } from '../errors.ts';
import { normalQuantile } from '../stats/index.ts';
import {
  dagostinoPearson,
  jarqueBera,
  KURTOSIS_TEST_MIN_N,
  kurtosisZ,
  type NormalityTestResult,
  SKEWNESS_TEST_MIN_N,
  skewnessZ,
  twoSidedP,
} from './auto-normality-tests.ts';
import type { AnovaWarning } from './types.ts';

/**
 * The moments of one group as DuckDB computes them: n, the mean and the central moment sums
 * m_k = sum (x - mean)^k (not divided by n), e.g. `sum(power(x - m, 3))` over a group whose mean
 * m comes from a first pass. `quantiles` are sample quantiles for a Q-Q plot (any definition;
 * DuckDB's `quantile_cont` is type 7).
 */
export interface GroupMomentsInput {
  readonly group: string;
  readonly n: number;
  readonly mean: number;
  readonly m2: number;
  readonly m3: number;
  readonly m4: number;
  readonly quantiles?: readonly { readonly p: number; readonly value: number }[];
}

/** Size-based verdict on a group's shape (see `NORMALITY_THRESHOLDS`). */
export type NormalityVerdict =
  | 'approximately-normal'
  | 'moderately-non-normal'
  | 'substantially-non-normal'
  | 'not-assessable';

/**
 * The rules of thumb of the verdict, on the adjusted G1 and G2:
 * - approximately normal: |G1| < 1 and |G2| < 2. Skewness within +/-1 (Hair, J. F., Black, W. C.,
 *   Babin, B. J. & Anderson, R. E. 2010, "Multivariate Data Analysis", 7th ed., Pearson) and
 *   kurtosis within +/-2 (George, D. & Mallery, P. 2010, "SPSS for Windows Step by Step", 10th
 *   ed., Pearson).
 * - substantially non-normal: |G1| > 2 or |G2| > 7, the limits Kim (2013) recommends for large
 *   samples, where tests reject any departure (Kim, H.-Y. 2013, "Statistical notes for clinical
 *   researchers: assessing normal distribution (2) using skewness and kurtosis", Restorative
 *   Dentistry & Endodontics 38(1), 52-54, after West, Finch & Curran 1995).
 * - moderately non-normal in between.
 */
export const NORMALITY_THRESHOLDS = {
  approximate: { skewness: 1, excessKurtosis: 2 },
  substantial: { skewness: 2, excessKurtosis: 7 },
} as const;

/** One point of a normal Q-Q plot. */
export interface QqPoint {
  readonly p: number;
  /** Standard normal quantile of p. */
  readonly theoretical: number;
  /** The sample quantile given. */
  readonly sample: number;
  /** mean + sd * theoretical: the reference line the points follow under normality; `null` when sd is not defined. */
  readonly line: number | null;
}

/** Diagnostics of one group. Every statistic is `null` where n is too small or the group constant. */
export interface GroupNormality {
  readonly group: string;
  readonly n: number;
  /** The mean given; `null` for an empty group. */
  readonly mean: number | null;
  /** Sample variance m2 / (n - 1); `null` for n < 2. */
  readonly variance: number | null;
  /** Adjusted Fisher-Pearson skewness G1 (scipy `skew(bias=False)`, SPSS, Excel SKEW); n >= 3. */
  readonly skewness: number | null;
  /** Standard error of G1: sqrt(6 n (n - 1) / ((n - 2) (n + 1) (n + 3))). */
  readonly skewnessSe: number | null;
  /** Adjusted excess kurtosis G2 (scipy `kurtosis(bias=False)`, SPSS, Excel KURT); n >= 4. */
  readonly excessKurtosis: number | null;
  /** Standard error of G2: 2 se(G1) sqrt((n^2 - 1) / ((n - 3) (n + 5))). */
  readonly kurtosisSe: number | null;
  /** D'Agostino-Pearson K² (scipy `normaltest`): n >= 20; its skewness z from n >= 8. */
  readonly dagostinoPearson: NormalityTestResult & {
    readonly skewnessZ: number | null;
    readonly skewnessPValue: number | null;
    readonly kurtosisZ: number | null;
    readonly kurtosisPValue: number | null;
  };
  /** Jarque-Bera (scipy `jarque_bera`): n >= 3, asymptotic (trust it for large n). */
  readonly jarqueBera: NormalityTestResult;
  /** From the size of G1 and G2, not from p (see `NORMALITY_THRESHOLDS`). */
  readonly verdict: NormalityVerdict;
  readonly qq: readonly QqPoint[];
  readonly warnings: readonly AnovaWarning[];
}

/** Result of `normalityDiagnostics`. */
export interface NormalityResult {
  readonly kind: 'normality';
  readonly thresholds: typeof NORMALITY_THRESHOLDS;
  readonly limits: { readonly skewnessTestMinN: number; readonly kurtosisTestMinN: number };
  readonly groups: readonly GroupNormality[];
}

function check(g: GroupMomentsInput): void {
  if (!Number.isSafeInteger(g.n) || g.n < 0)
    throw new InvalidArgumentError(
      `normalityDiagnostics: group "${g.group}" n must be a non-negative integer, got ${String(g.n)}`,
    );
  for (const key of ['mean', 'm2', 'm3', 'm4'] as const) {
    if (g.n > 0 && !Number.isFinite(g[key]))
      throw new InvalidArgumentError(
        `normalityDiagnostics: group "${g.group}" ${key} must be finite, got ${String(g[key])}`,
      );
  }
  if (g.m2 < 0 || g.m4 < 0)
    throw new InvalidArgumentError(
      `normalityDiagnostics: group "${g.group}" m2 and m4 are sums of even powers and cannot be negative, got ${g.m2} and ${g.m4}`,
    );
  for (const q of g.quantiles ?? []) {
    if (!(q.p > 0 && q.p < 1) || !Number.isFinite(q.value))
      throw new InvalidArgumentError(
        `normalityDiagnostics: group "${g.group}" Q-Q probabilities must lie in (0, 1) with finite values, got p ${String(q.p)} value ${String(q.value)}`,
      );
  }
}

function verdictOf(g1: number | null, g2: number | null): NormalityVerdict {
  if (g1 === null || g2 === null) return 'not-assessable';
  const { approximate, substantial } = NORMALITY_THRESHOLDS;
  if (Math.abs(g1) > substantial.skewness || Math.abs(g2) > substantial.excessKurtosis)
    return 'substantially-non-normal';
  if (Math.abs(g1) < approximate.skewness && Math.abs(g2) < approximate.excessKurtosis)
    return 'approximately-normal';
  return 'moderately-non-normal';
}

function groupNormality(g: GroupMomentsInput): GroupNormality {
  const n = g.n;
  const warnings: AnovaWarning[] = [];
  const variance = n >= 2 ? g.m2 / (n - 1) : null;
  const shaped = n >= 3 && g.m2 > 0;
  // Biased moment ratios (denominator n): sqrt(b1) = g1 and b2 = g2 + 3.
  const b1 = shaped ? g.m3 / n / (g.m2 / n) ** 1.5 : null;
  const b2 = shaped ? g.m4 / n / (g.m2 / n) ** 2 : null;
  const skewness = b1 === null ? null : (b1 * Math.sqrt(n * (n - 1))) / (n - 2);
  const excessKurtosis =
    b2 === null || n < 4 ? null : (((n + 1) * (b2 - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3));
  const skewnessSe = n >= 3 ? Math.sqrt((6 * n * (n - 1)) / ((n - 2) * (n + 1) * (n + 3))) : null;
  const kurtosisSe =
    skewnessSe !== null && n >= 4 ? 2 * skewnessSe * Math.sqrt((n * n - 1) / ((n - 3) * (n + 5))) : null;
  if (n >= 2 && g.m2 === 0) {
    warnings.push({
      code: 'constant-group',
      message: `group "${g.group}" has no variation: its shape cannot be assessed`,
    });
  } else if (n < 4) {
    warnings.push({
      code: 'too-few-values',
      message: `group "${g.group}" has ${n} value${n === 1 ? '' : 's'}: skewness needs 3 and kurtosis 4`,
    });
  }
  const zs = b1 === null ? null : skewnessZ(b1, n);
  const zk = b2 === null ? null : kurtosisZ(b2, n);
  if (shaped && n < KURTOSIS_TEST_MIN_N) {
    warnings.push({
      code: 'normality-test-small-n',
      message: `group "${g.group}" has ${n} values: the D'Agostino-Pearson test needs ${KURTOSIS_TEST_MIN_N} (its skewness test ${SKEWNESS_TEST_MIN_N})`,
    });
  }
  const sd = variance === null ? null : Math.sqrt(variance);
  return {
    group: g.group,
    n,
    mean: n > 0 ? g.mean : null,
    variance,
    skewness,
    skewnessSe,
    excessKurtosis,
    kurtosisSe,
    dagostinoPearson: {
      ...dagostinoPearson(zs, zk),
      skewnessZ: zs,
      skewnessPValue: twoSidedP(zs),
      kurtosisZ: zk,
      kurtosisPValue: twoSidedP(zk),
    },
    jarqueBera: b1 === null || b2 === null ? { statistic: null, pValue: null } : jarqueBera(n, b1, b2),
    verdict: verdictOf(skewness, excessKurtosis),
    qq: (g.quantiles ?? []).map((q) => {
      const theoretical = normalQuantile(q.p);
      return { p: q.p, theoretical, sample: q.value, line: sd === null ? null : g.mean + sd * theoretical };
    }),
    warnings,
  };
}

/**
 * Shape diagnostics per group that stay meaningful at large n: adjusted skewness G1 and excess
 * kurtosis G2 with their standard errors, D'Agostino-Pearson K² and Jarque-Bera with their
 * p-values, a verdict from the size of G1 and G2 (at large n every test rejects a harmless
 * departure, so the verdict does not read p), and Q-Q points.
 *
 * Method: from the central moment sums, b1 = (m3 / n) / (m2 / n)^1.5 and b2 = (m4 / n) /
 * (m2 / n)^2; G1 = sqrt(b1) sqrt(n (n - 1)) / (n - 2) and G2 = ((n + 1) (b2 - 3) + 6) (n - 1) /
 * ((n - 2) (n - 3)) (Joanes, D. N. & Gill, C. A. 1998, "Comparing measures of sample skewness and
 * kurtosis", The Statistician 47(1), 183-189). Tests: D'Agostino, Belanger & D'Agostino 1990
 * (skewness z for n >= 8, kurtosis z and K² for n >= 20, else `null` with a warning) and Jarque
 * & Bera 1987 (asymptotic chi-squared(2)). Matches scipy 1.10 `skew(bias=False)`,
 * `kurtosis(bias=False)`, `skewtest`, `kurtosistest`, `normaltest` and `jarque_bera`
 * (test/anova/reference-normality/reference.py).
 *
 * Returns `null` statistics and verdict `'not-assessable'`, with a warning, for a group with
 * fewer than 4 values or no variation.
 *
 * @throws InvalidArgumentError for a negative or fractional n, non-finite moments, negative even
 *   moment sums, or a Q-Q probability outside (0, 1).
 *
 * @example normalityDiagnostics([{ group: 'a', n: 5, mean: 3, m2: 10, m3: 0, m4: 34 }]).groups[0]
 * // values 1..5: skewness 0, excessKurtosis -1.2, verdict 'approximately-normal' (by hand; a test)
 */
export function normalityDiagnostics(groups: readonly GroupMomentsInput[]): NormalityResult {
  if (!Array.isArray(groups))
    throw new InvalidArgumentError(`normalityDiagnostics: expected an array of groups, got ${typeof groups}`);
  for (const g of groups) check(g);
  return {
    kind: 'normality',
    thresholds: NORMALITY_THRESHOLDS,
    limits: { skewnessTestMinN: SKEWNESS_TEST_MIN_N, kurtosisTestMinN: KURTOSIS_TEST_MIN_N },
    groups: groups.map(groupNormality),
  };
}
