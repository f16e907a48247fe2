/**
 * The moment tests of normality used by `normalityDiagnostics`: D'Agostino's skewness test,
 * Anscombe-Glynn's kurtosis test, their omnibus K² (D'Agostino-Pearson) and Jarque-Bera. Pure
 * functions of n and the biased moment ratios, so DuckDB's moment sums suffice.
 */
import { chiSquaredUpperTail, normalUpperTail } from '../stats/index.ts';

/** Smallest n of D'Agostino's skewness test (D'Agostino, Belanger & D'Agostino 1990; scipy `skewtest`). */
export const SKEWNESS_TEST_MIN_N = 8;
/** Smallest n of the kurtosis test and so of K² (D'Agostino, Belanger & D'Agostino 1990). */
export const KURTOSIS_TEST_MIN_N = 20;

/**
 * D'Agostino's z for skewness, from the biased skewness sqrt(b1) = m3 / m2^1.5 (moments with
 * denominator n), by the Johnson S_U transformation (D'Agostino, R. B., Belanger, A. &
 * D'Agostino, R. B. Jr 1990, "A suggestion for using powerful and informative tests of
 * normality", The American Statistician 44(4), 316-321, eq. for Z(sqrt b1)), as scipy
 * `stats.skewtest`. Valid for n >= 8; returns `null` below.
 *
 * @example skewnessZ(-0.00143491, 50) // -0.0046186: the normal-50 sample of
 *   test/anova/reference-normality (scipy skewtest -0.004618600; a test)
 */
export function skewnessZ(biasedSkewness: number, n: number): number | null {
  if (n < SKEWNESS_TEST_MIN_N) return null;
  let y = biasedSkewness * Math.sqrt(((n + 1) * (n + 3)) / (6 * (n - 2)));
  const beta2 = (3 * (n * n + 27 * n - 70) * (n + 1) * (n + 3)) / ((n - 2) * (n + 5) * (n + 7) * (n + 9));
  const w2 = -1 + Math.sqrt(2 * (beta2 - 1));
  const delta = 1 / Math.sqrt(0.5 * Math.log(w2));
  const alpha = Math.sqrt(2 / (w2 - 1));
  if (y === 0) y = 1; // as scipy: sinh^-1 of y / alpha with y = 0 replaced by 1 (z is then tiny)
  const r = y / alpha;
  return delta * Math.log(r + Math.sqrt(r * r + 1));
}

/**
 * Anscombe-Glynn z for kurtosis, from the biased kurtosis b2 = m4 / m2^2 (not excess; moments
 * with denominator n) (Anscombe, F. J. & Glynn, W. J. 1983, "Distribution of the kurtosis
 * statistic b2 for normal samples", Biometrika 70(1), 227-234; as D'Agostino et al. 1990 and
 * scipy `stats.kurtosistest`). The approximation is stated for n >= 20; returns `null` below.
 *
 * @example kurtosisZ(3.3062486, 50) // 0.8771: the normal-50 sample of test/anova/reference-normality
 *   (scipy kurtosistest 0.8771001; a test)
 */
export function kurtosisZ(biasedKurtosis: number, n: number): number | null {
  if (n < KURTOSIS_TEST_MIN_N) return null;
  const mean = (3 * (n - 1)) / (n + 1);
  const variance = (24 * n * (n - 2) * (n - 3)) / ((n + 1) * (n + 1) * (n + 3) * (n + 5));
  const x = (biasedKurtosis - mean) / Math.sqrt(variance);
  const sqrtBeta1 =
    ((6 * (n * n - 5 * n + 2)) / ((n + 7) * (n + 9))) *
    Math.sqrt((6 * (n + 3) * (n + 5)) / (n * (n - 2) * (n - 3)));
  const a = 6 + (8 / sqrtBeta1) * (2 / sqrtBeta1 + Math.sqrt(1 + 4 / (sqrtBeta1 * sqrtBeta1)));
  const term1 = 1 - 2 / (9 * a);
  const denom = 1 + x * Math.sqrt(2 / (a - 4));
  if (denom === 0) return null;
  const term2 = Math.sign(denom) * Math.cbrt((1 - 2 / a) / Math.abs(denom));
  return (term1 - term2) / Math.sqrt(2 / (9 * a));
}

/** A normality test's statistic and p-value; both `null` when the test does not apply. */
export interface NormalityTestResult {
  readonly statistic: number | null;
  readonly pValue: number | null;
}

/**
 * D'Agostino-Pearson omnibus K² = Z(sqrt b1)^2 + Z(b2)^2 with p from chi-squared(2), as scipy
 * `stats.normaltest`; `null` statistic and p for n < 20 (the kurtosis test's limit).
 */
export function dagostinoPearson(zSkewness: number | null, zKurtosis: number | null): NormalityTestResult {
  if (zSkewness === null || zKurtosis === null) return { statistic: null, pValue: null };
  const k2 = zSkewness * zSkewness + zKurtosis * zKurtosis;
  return { statistic: k2, pValue: chiSquaredUpperTail(k2, 2) };
}

/**
 * Jarque-Bera JB = n / 6 (b1 + (b2 - 3)^2 / 4) with p from chi-squared(2) (Jarque, C. M. & Bera,
 * A. K. 1987, "A test for normality of observations and regression residuals", International
 * Statistical Review 55(2), 163-172), as scipy `stats.jarque_bera`. The chi-squared law is
 * asymptotic: at small n the test is conservative, so read it for large groups.
 */
export function jarqueBera(n: number, biasedSkewness: number, biasedKurtosis: number): NormalityTestResult {
  const excess = biasedKurtosis - 3;
  const jb = (n / 6) * (biasedSkewness * biasedSkewness + (excess * excess) / 4);
  return { statistic: jb, pValue: chiSquaredUpperTail(jb, 2) };
}

/** Two-sided normal p-value of a z, or `null`. */
export function twoSidedP(z: number | null): number | null {
  return z === null ? null : Math.min(1, 2 * normalUpperTail(Math.abs(z)));
}
