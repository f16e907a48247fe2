/**
 * Probability distributions for shopstat's tests: F, t, chi-squared, normal, the studentized
 * range and the noncentral F. Tails are computed directly, never as 1 - cdf.
 */
export { chiSquaredQuantile, chiSquaredUpperTail } from './distributions/chi-squared.ts';
export { fCdf, fQuantile, fUpperTail } from './distributions/f.ts';
export { noncentralFCdf, noncentralFLambdaInterval } from './distributions/noncentral-f.ts';
export { normalQuantile, normalUpperTail } from './distributions/normal.ts';
export { studentizedRangeQuantile, studentizedRangeUpperTail } from './distributions/studentized-range.ts';
export { tQuantile, tTwoSidedP, tUpperTail } from './distributions/t.ts';
export { adjustPValues, P_ADJUST_METHODS, type PAdjustMethod } from './p-adjust.ts';
