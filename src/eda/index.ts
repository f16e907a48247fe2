/** Profiling (EDA): per-column and table statistics, alerts, by group, and drift between two slices. */
export { DEFAULT_THRESHOLDS, profileAlerts, resolveThresholds } from './alerts.ts';
export { columnKind } from './column-kind.ts';
export { type CompareSlicesOptions, compareSlices, parseCompare } from './drift.ts';
export { formatDrift } from './drift-format.ts';
export { formatProfile } from './format-profile.ts';
export { MAX_GROUPS, PROFILE_METHODS, type ProfileOptions } from './profile-options.ts';
export { profileFile, profileTable } from './profile-table.ts';
export { type PopulationStabilityIndex, PSI_EMPTY_BIN_FLOOR, populationStabilityIndex } from './psi.ts';
export type {
  AlertThresholds,
  ColumnDrift,
  ColumnKind,
  ColumnProfile,
  CorrelationMatrix,
  DateColumnProfile,
  DriftResult,
  GroupProfile,
  Histogram,
  NumericColumnProfile,
  OtherColumnProfile,
  Outliers,
  ProfileAlert,
  ProfileResult,
  ProfileSource,
  TableProfile,
  TextColumnProfile,
} from './types.ts';
export { QUANTILE_PROBS } from './types.ts';
