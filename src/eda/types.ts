/**
 * The result types of `shopstat profile` (src/eda): plain JSON-serialisable data, camelCase, with
 * the options used and `warnings`. "Not computable" is `null`, never `NaN` or `undefined`.
 *
 * Conventions shared by every part of the profile:
 * - Percentages are fractions in [0, 1] named `...Share` (`missingShare: 0.05` is 5 %).
 * - Values of a column keep its kind: numbers as JS numbers, except DECIMAL columns whose `min`,
 *   `max` and `sum` are exact decimal strings (`'1234.5000'`); dates `'YYYY-MM-DD'`; timestamps as
 *   the warehouse decodes them.
 * - Statistics on DECIMAL columns other than min / max / sum (mean, sd, quantiles, moments) are
 *   doubles: the documented point where money becomes floating point.
 */

/** What a column is profiled as, from its DuckDB type. */
export type ColumnKind = 'numeric' | 'text' | 'date' | 'timestamp' | 'boolean' | 'other';

/** The quantile probabilities every numeric profile reports, in order. */
export const QUANTILE_PROBS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** Alert thresholds; each can be changed by the user. Defaults in `DEFAULT_THRESHOLDS` (alerts.ts). */
export interface AlertThresholds {
  /** missing share at or above which `high_missing` fires (default 0.2). */
  readonly highMissing: number;
  /** distinct / non-missing count at or above which a text column is `high_cardinality` (default 0.5), when it has more than 50 distinct values. */
  readonly highCardinality: number;
  /** |skewness| at or above which `skewed` fires (default 2). */
  readonly skewness: number;
  /** zero share at or above which `many_zeros` fires (default 0.5). */
  readonly manyZeros: number;
  /** IQR rule multiplier k: outside [Q1 - k IQR, Q3 + k IQR] (default 1.5). */
  readonly iqrK: number;
  /** MAD rule: |x - median| / (1.4826 MAD) above this (default 3.5). */
  readonly madZ: number;
  /** outlier share (by either rule) at or above which `outliers` fires (default 0.01). */
  readonly outlierShare: number;
  /** |Pearson or Spearman| at or above which `high_correlation` fires (default 0.9). */
  readonly highCorrelation: number;
  /** share of a text column's non-missing values that parse as numbers / dates for `*_as_text` (default 0.95). */
  readonly parsedAsText: number;
  /** PSI at or above which a drift alert fires (default 0.2; 0.1-0.2 is "moderate"). */
  readonly psi: number;
}

/** One alert: a code from a closed list, the column(s) it concerns, and a sentence with the figures. */
export interface ProfileAlert {
  readonly code:
    | 'constant'
    | 'high_missing'
    | 'high_cardinality'
    | 'unique'
    | 'skewed'
    | 'many_zeros'
    | 'outliers'
    | 'high_correlation'
    | 'numbers_as_text'
    | 'dates_as_text'
    | 'date_gaps'
    | 'drift_psi'
    | 'drift_missing'
    | 'drift_categories';
  readonly columns: readonly string[];
  /** The group (its value as text) when the alert is about one group of a `--by` profile. */
  readonly group?: string | null;
  readonly message: string;
  /** The figure compared with the threshold, and the threshold. */
  readonly value: number;
  readonly threshold: number;
}

/** A histogram with its bin rule stated. Bins are [lower, upper), the last one closed. */
export interface Histogram {
  /** `'freedman-diaconis'` (width 2 IQR n^(-1/3)), `'sturges'` (when the IQR is 0: ceil(log2 n) + 1 bins). Bins are capped at 100. */
  readonly rule: 'freedman-diaconis' | 'sturges';
  readonly binWidth: number;
  readonly bins: readonly { readonly lower: number; readonly upper: number; readonly count: number }[];
}

/** Outlier counts by the two rules, with their bounds. */
export interface Outliers {
  readonly iqr: {
    readonly k: number;
    readonly lower: number;
    readonly upper: number;
    readonly count: number;
  };
  /** MAD = median |x - median|; scaled by 1.4826 (consistent for the normal); `null` bounds when MAD is 0. */
  readonly mad: {
    readonly z: number;
    readonly mad: number;
    readonly lower: number | null;
    readonly upper: number | null;
    readonly count: number;
  };
}

/** Fields every column profile has. */
export interface BaseColumnProfile {
  readonly name: string;
  /** The DuckDB type, e.g. `'DECIMAL(18,2)'`, `'VARCHAR'`. */
  readonly type: string;
  /** Rows (missing included). */
  readonly count: number;
  readonly missing: number;
  /** missing / count; `null` when count is 0. */
  readonly missingShare: number | null;
  /** Distinct non-missing values, exact. */
  readonly distinct: number;
}

export interface NumericColumnProfile extends BaseColumnProfile {
  readonly kind: 'numeric';
  /**
   * FLOAT / DOUBLE values that are NaN, Infinity or -Infinity: not missing, counted in `distinct`,
   * left out of every other statistic (which are over the finite values). Added by profileTable.
   */
  readonly nonFinite?: number;
  readonly zeros: number;
  readonly negatives: number;
  /** Exact decimal text for DECIMAL columns, else a number; `null` without values. */
  readonly min: number | string | null;
  readonly max: number | string | null;
  readonly sum: number | string | null;
  readonly mean: number | null;
  /** Sample standard deviation (n - 1); `null` below 2 values. */
  readonly sd: number | null;
  readonly median: number | null;
  /** At QUANTILE_PROBS, R type 7 (linear interpolation between order statistics; DuckDB quantile_cont). */
  readonly quantiles: readonly { readonly p: number; readonly value: number | null }[];
  /** Adjusted Fisher-Pearson G1 (as pandas / Excel SKEW); `null` below 3 values or when sd is 0. */
  readonly skewness: number | null;
  /** Excess kurtosis, adjusted G2 (as pandas / Excel KURT); `null` below 4 values or when sd is 0. */
  readonly kurtosis: number | null;
  readonly histogram: Histogram | null;
  readonly outliers: Outliers | null;
}

export interface TextColumnProfile extends BaseColumnProfile {
  readonly kind: 'text';
  /** Most frequent values (ties by value), at most `topK`. */
  readonly top: readonly { readonly value: string; readonly count: number }[];
  /** Lengths in characters of the non-missing values. */
  readonly length: { readonly min: number | null; readonly mean: number | null; readonly max: number | null };
  /** Empty strings (not missing). */
  readonly empty: number;
  /** Non-missing values that parse as numbers / as ISO dates (for the `*_as_text` alerts). */
  readonly numericLike: number;
  readonly dateLike: number;
}

export interface DateColumnProfile extends BaseColumnProfile {
  readonly kind: 'date' | 'timestamp';
  /** `'YYYY-MM-DD'` (dates) or the decoded timestamp; `null` without values. */
  readonly min: string | null;
  readonly max: string | null;
  /** Days from min to max inclusive (by calendar day), days with at least one row, and their share. */
  readonly days: number | null;
  readonly daysPresent: number | null;
  readonly coverage: number | null;
  /** Days in [min, max] with no row, and the longest run of them. */
  readonly missingDays: number | null;
  readonly longestGap: { readonly from: string; readonly to: string; readonly days: number } | null;
}

export interface OtherColumnProfile extends BaseColumnProfile {
  readonly kind: 'boolean' | 'other';
  readonly top: readonly { readonly value: string; readonly count: number }[];
}

export type ColumnProfile = NumericColumnProfile | TextColumnProfile | DateColumnProfile | OtherColumnProfile;

/** A correlation matrix over the numeric columns, in column order; `null` cells when undefined. */
export interface CorrelationMatrix {
  readonly method: 'pearson' | 'spearman';
  readonly columns: readonly string[];
  readonly values: readonly (readonly (number | null)[])[];
}

/** Table-level figures. */
export interface TableProfile {
  readonly rows: number;
  /** Rows that repeat an earlier row exactly (all profiled columns): rows - distinct rows. */
  readonly duplicateRows: number;
  readonly pearson: CorrelationMatrix;
  /** Spearman: Pearson on average ranks (ties get the mean of their ranks); pairwise complete rows. */
  readonly spearman: CorrelationMatrix;
  /** For each pair of columns with missing values, rows where both are missing. */
  readonly missingTogether: readonly { readonly columns: readonly [string, string]; readonly rows: number }[];
}

/** The statistics of one group of a `--by` profile. */
export interface GroupProfile {
  /** The group's value as text, `null` for the missing group. */
  readonly group: string | null;
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
}

/** What was profiled. */
export interface ProfileSource {
  readonly kind: 'table' | 'file';
  /** The table as named by the user, resolved (`gold.revenue_by`), or the file's absolute path. */
  readonly name: string;
  /** For files: each column's type as sniffed over the whole file. */
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}

/** The result of `profileTable` / `profileFile`. */
export interface ProfileResult {
  readonly kind: 'profile';
  readonly source: ProfileSource;
  readonly options: {
    readonly columns: readonly string[];
    readonly by: string | null;
    readonly where: string | null;
    readonly topK: number;
    readonly thresholds: AlertThresholds;
  };
  readonly methods: {
    readonly quantiles: string;
    readonly sd: string;
    readonly skewness: string;
    readonly kurtosis: string;
    readonly histogram: string;
    readonly spearman: string;
    readonly outliers: string;
  };
  readonly table: TableProfile;
  readonly columns: readonly ColumnProfile[];
  /** `--by`: the same column statistics per group, groups ordered by value (missing first); else null. */
  readonly groups: readonly GroupProfile[] | null;
  readonly alerts: readonly ProfileAlert[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

/** One column of a drift comparison between two slices A and B. */
export interface ColumnDrift {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly missingShare: { readonly a: number | null; readonly b: number | null };
  /** Numeric: mean and quantile shifts (B - A). */
  readonly meanShift: number | null;
  readonly quantileShifts:
    | readonly { readonly p: number; readonly a: number | null; readonly b: number | null }[]
    | null;
  /** Text / boolean: categories only in B (new) and only in A (vanished), at most `topK` each, and their counts. */
  readonly newCategories: readonly { readonly value: string; readonly count: number }[] | null;
  readonly vanishedCategories: readonly { readonly value: string; readonly count: number }[] | null;
  /**
   * Text / boolean: how many categories are new / vanished in all and how many rows they hold (in
   * B / in A); the lists above stop at `topK`. Added by the drift part (optional: other producers
   * may leave it out).
   */
  readonly categoryTotals?: {
    readonly new: { readonly values: number; readonly rows: number };
    readonly vanished: { readonly values: number; readonly rows: number };
  } | null;
  /**
   * Population stability index sum((b - a) ln(b / a)) over bins: numeric columns over the deciles
   * of A (edges stated), categories over A's top values plus "other"; an empty bin's share is
   * floored at 0.0001 (stated). `null` when a slice has no values.
   */
  readonly psi: {
    readonly value: number;
    readonly bins: readonly { readonly label: string; readonly a: number; readonly b: number }[];
    readonly rule: string;
  } | null;
}

/** The result of `compareSlices` (`--compare col=A,B`). */
export interface DriftResult {
  readonly kind: 'drift';
  readonly source: ProfileSource;
  readonly compare: { readonly column: string; readonly a: string; readonly b: string };
  /**
   * How each value was read, as a condition on the column: `"month" = '2025-09'` for an exact
   * value, `"order_date" in [2025-09-01, 2025-10-01)` for a whole month of a date column. Added
   * by the drift part (optional).
   */
  readonly slices?: { readonly a: string; readonly b: string };
  /** The options used: compared columns, the user's predicate, topK. Added by the drift part (optional). */
  readonly options?: {
    readonly columns: readonly string[];
    readonly where: string | null;
    readonly topK: number;
  };
  readonly rows: { readonly a: number; readonly b: number };
  readonly columns: readonly ColumnDrift[];
  readonly alerts: readonly ProfileAlert[];
  readonly thresholds: AlertThresholds;
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}
