/**
 * The rules that keep the review's words within what the evidence supports:
 * - "significant" or "differs" only after a test, with its p-value and effect size; a
 *   significant but negligible effect is called negligible, a non-significant one "no evidence";
 * - descriptive figures (shares, the decomposition, which is exact arithmetic, not a test) are
 *   stated as figures, never as significant;
 * - groups under {@link MIN_GROUP_N} observations are "too little data to tell".
 */
import type { TestSummary } from './model.ts';

/** Below this many observations in a group, a comparison is "too little data". */
export const MIN_GROUP_N = 30;
/** Significance level of every test the review reports. */
export const ALPHA = 0.05;
/** HHI (0..1) at or above which revenue is "concentrated" (0.25: the US merger guidelines' 2,500). */
export const HHI_CONCENTRATED = 0.25;
/** HHI from which revenue is "moderately concentrated" (0.15: 1,500). */
export const HHI_MODERATE = 0.15;

/** An effect size with three decimals, or two significant digits below 0.001 so it never reads 0.000. */
export function effectText(x: number | null): string {
  if (x === null) return 'not computable';
  return Math.abs(x) > 0 && Math.abs(x) < 0.001 ? x.toExponential(1) : x.toFixed(3);
}

/** What a test allows us to say: 'differs', 'negligible', 'no-evidence' or 'untestable'. */
export function testVerdict(
  test: TestSummary | null,
): 'differs' | 'negligible' | 'no-evidence' | 'untestable' {
  if (test === null || test.pValue === null) return 'untestable';
  if (test.pValue >= ALPHA) return 'no-evidence';
  return test.effectSizeWord === 'negligible' || test.effectSizeWord === null ? 'negligible' : 'differs';
}
