/**
 * One-way group comparisons: classical ANOVA with effect sizes, Welch and Brown-Forsythe tests
 * of means, Kruskal-Wallis, and the Levene / Brown-Forsythe and Bartlett tests of variances.
 * Each has a door on raw values and, where sufficient statistics exist, a `...FromSummaries` door
 * so that DuckDB can do the scanning.
 */

export type { BartlettResult } from './bartlett.ts';
export { bartlett, bartlettFromSummaries } from './bartlett.ts';
export type { BrownForsytheMeansResult } from './brown-forsythe.ts';
export { brownForsytheMeans, brownForsytheMeansFromSummaries } from './brown-forsythe.ts';
export type {
  CompareGroupsOptions,
  CompareGroupsResult,
  GroupTest,
  SpreadTestResult,
} from './compare-groups.ts';
export { compareGroups, GROUP_TESTS } from './compare-groups.ts';
export type { Interval, OneWayEffectSizes } from './effect-size.ts';
export { oneWayEffectSizes } from './effect-size.ts';
export { formatGroupComparison, formatPValue } from './format-comparison.ts';
export type { GroupingSpec } from './group-sql.ts';
export type { GroupRanks, KruskalWallisResult, TieCorrectionInput } from './kruskal-wallis.ts';
export { kruskalWallis, kruskalWallisFromRanks } from './kruskal-wallis.ts';
export type { LeveneOptions, LeveneResult } from './levene.ts';
export { levene } from './levene.ts';
export type { AnovaTableRow, OneWayAnovaOptions, OneWayAnovaResult } from './one-way.ts';
export { oneWayAnova, oneWayAnovaFromSummaries } from './one-way.ts';
export type {
  AnovaWarning,
  GroupDescription,
  GroupSample,
  GroupSummary,
  SumsMethod,
  UnequalVarianceMeansResult,
} from './types.ts';
export type { WelchAnovaResult } from './welch.ts';
export { welchAnova, welchAnovaFromSummaries } from './welch.ts';
