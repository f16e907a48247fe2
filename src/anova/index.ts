/**
 * One-way group comparisons: classical ANOVA with effect sizes, Welch and Brown-Forsythe tests
 * of means, Kruskal-Wallis, and the Levene / Brown-Forsythe and Bartlett tests of variances.
 * Each has a door on raw values and, where sufficient statistics exist, a `...FromSummaries` door
 * so that DuckDB can do the scanning.
 */

export type { AutoChoice } from './auto-choice.ts';
export { AUTO_CHOICE_RULE, chooseTest } from './auto-choice.ts';
export type { BartlettResult } from './bartlett.ts';
export { bartlett, bartlettFromSummaries } from './bartlett.ts';
export type { BrownForsytheMeansResult } from './brown-forsythe.ts';
export { brownForsytheMeans, brownForsytheMeansFromSummaries } from './brown-forsythe.ts';
export type {
  CompareGroupsOptions,
  CompareGroupsResult,
  GroupTest,
  PosthocMethod,
  SpreadTestResult,
} from './compare-groups.ts';
export { compareGroups, GROUP_TESTS, POSTHOC_METHODS } from './compare-groups.ts';
export type { ConclusionInput } from './conclusion.ts';
export { conclusionSentence } from './conclusion.ts';
export type { Interval, OneWayEffectSizes } from './effect-size.ts';
export { oneWayEffectSizes } from './effect-size.ts';
export { formatGroupComparison, formatPValue } from './format-comparison.ts';
export type { FriedmanRanksInput, FriedmanResult } from './friedman.ts';
export { friedmanFromRanks, friedmanTest } from './friedman.ts';
export type { GroupingSpec } from './group-sql.ts';
export type { GroupRanks, KruskalWallisResult, TieCorrectionInput } from './kruskal-wallis.ts';
export { kruskalWallis, kruskalWallisFromRanks } from './kruskal-wallis.ts';
export type { LeveneOptions, LeveneResult } from './levene.ts';
export { levene } from './levene.ts';
export type { GroupMomentsInput, NormalityResult } from './normality.ts';
export { normalityDiagnostics } from './normality.ts';
export type { AnovaTableRow, OneWayAnovaOptions, OneWayAnovaResult } from './one-way.ts';
export { oneWayAnova, oneWayAnovaFromSummaries } from './one-way.ts';
export type { DunnOptions, DunnResult, RankPairComparison } from './posthoc-dunn.ts';
export { dunnTest, dunnTestFromRanks } from './posthoc-dunn.ts';
export type { GamesHowellOptions, GamesHowellResult } from './posthoc-games-howell.ts';
export { gamesHowell, gamesHowellFromSummaries } from './posthoc-games-howell.ts';
export type { MeanPairComparison } from './posthoc-pairs.ts';
export type { TukeyOptions, TukeyResult } from './posthoc-tukey.ts';
export { tukeyHsd, tukeyHsdFromSummaries } from './posthoc-tukey.ts';
export { repeatedMeasuresAnova, repeatedMeasuresAnovaFromMoments } from './repeated-measures.ts';
export type { RepeatedMeasuresInput, RepeatedMeasuresOptions, RepeatedMeasuresResult } from './rm-types.ts';
export { twoWayAnova, twoWayAnovaFromCells } from './two-way.ts';
export type {
  CellSummary,
  SsType,
  TwoWayAnovaOptions,
  TwoWayAnovaResult,
  TwoWayRow,
} from './two-way-types.ts';
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
