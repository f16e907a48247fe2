import type { PAdjustMethod } from '../stats/p-adjust.ts';
import type { AutoChoice } from './auto-choice.ts';
import type { BartlettResult } from './bartlett.ts';
import type { BrownForsytheMeansResult } from './brown-forsythe.ts';
import type { FriedmanResult } from './friedman.ts';
import type { GroupingSpec } from './group-sql.ts';
import type { KruskalWallisResult } from './kruskal-wallis.ts';
import type { NormalityResult } from './normality.ts';
import type { OneWayAnovaResult } from './one-way.ts';
import type { DunnResult } from './posthoc-dunn.ts';
import type { GamesHowellResult } from './posthoc-games-howell.ts';
import type { TukeyResult } from './posthoc-tukey.ts';
import type { RepeatedMeasuresResult } from './rm-types.ts';
import type { SsType, TwoWayAnovaResult } from './two-way-types.ts';
import type { WelchAnovaResult } from './welch.ts';

/** The tests `compareGroups` runs; `all` is every one of them. */
export const GROUP_TESTS = [
  'oneway',
  'welch',
  'brown-forsythe-means',
  'kruskal',
  'levene',
  'brown-forsythe',
  'bartlett',
] as const;
export type GroupTest = (typeof GROUP_TESTS)[number];

/** What to compare, read from a table (or a file attached as a view). */
export interface CompareGroupsOptions {
  /** The numeric column compared (DECIMAL and integers give exact sums of squares). */
  readonly value: string;
  /** The column whose values form the groups; or give `season`. */
  readonly group?: string;
  /** Groups from a date column: `quarter` (Q1..Q4) or `month` (month of year). Needs `date`. */
  readonly season?: string;
  /** The date column of `season`. */
  readonly date?: string;
  /** A SQL condition on the rows (one expression; the caller opens the warehouse read-only). */
  readonly where?: string | null;
  /** Default: all of GROUP_TESTS. */
  readonly tests?: readonly GroupTest[];
  /** Confidence level of the effect-size intervals (default 0.95). */
  readonly confidenceLevel?: number;
  /**
   * A second factor (column): a two-way ANOVA of `group` (or the season) x this, with the
   * interaction, instead of the one-way tests.
   */
  readonly group2?: string;
  /** Sums of squares of the two-way ANOVA: 'I' (in the order given), 'II' (default) or 'III' (contr.sum). */
  readonly ssType?: SsType;
  /** Post-hoc comparisons of every pair of groups (one-way only). Default none. */
  readonly posthoc?: readonly PosthocMethod[];
  /** Adjustment of Dunn's p-values (default holm). */
  readonly adjust?: PAdjustMethod;
  /**
   * The subject column (e.g. customer_id) when the same subject can appear in several groups.
   * Given, the comparison warns when subjects repeat across groups (observations are not
   * independent) and adds the repeated-measures ANOVA (with its sphericity correction) and the
   * Friedman test over the subjects present in every group, one value per subject and group (the
   * mean of its rows).
   */
  readonly subject?: string;
  /**
   * `--test auto`: check the assumptions (normality per group by the size of its skewness and
   * kurtosis, the Brown-Forsythe test of variances), pick the classic ANOVA, Welch or
   * Kruskal-Wallis and the matching post-hoc (Tukey, Games-Howell, Dunn), and state why and the
   * conclusion in one sentence (`auto`, `conclusion`). The other tests asked for still run.
   */
  readonly auto?: boolean;
  /** Words for the sentence: the value (`'spending'`) and the grouping (`'season'`); default the column names. */
  readonly labels?: { readonly value?: string; readonly group?: string; readonly groupNoun?: string };
}

/** Pairwise comparisons grow with the square of the groups: at most this many groups (1,225 pairs). */
export const MAX_POSTHOC_GROUPS = 50;
/** A two-way design is fitted on its cells: at most this many (factor levels multiplied). */
export const MAX_TWO_WAY_CELLS = 1000;

/** The post-hoc comparisons `compareGroups` can add. */
export const POSTHOC_METHODS = ['tukey', 'games-howell', 'dunn'] as const;
export type PosthocMethod = (typeof POSTHOC_METHODS)[number];

/** Levene (mean) and Brown-Forsythe (median): a one-way ANOVA on |x - centre|. */
export interface SpreadTestResult {
  readonly kind: 'levene';
  readonly center: 'mean' | 'median';
  readonly f: number | null;
  readonly df1: number;
  readonly df2: number;
  readonly pValue: number | null;
  readonly groups: readonly { readonly group: string; readonly n: number; readonly center: number }[];
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}

/** The result of `compareGroups`: the groups as read, and each test asked for. */
export interface CompareGroupsResult {
  readonly kind: 'group-comparison';
  readonly source: string;
  readonly value: {
    readonly column: string;
    readonly type: string;
    readonly sums: 'exact' | 'shifted-double';
  };
  readonly grouping: GroupingSpec;
  readonly where: string | null;
  /** Groups in order (by label); rows whose group is missing are excluded and counted apart. */
  readonly groups: readonly { readonly group: string; readonly n: number; readonly nullValues: number }[];
  readonly excluded: {
    readonly nullValues: number;
    readonly nullGroupRows: number;
    readonly nonFinite: number;
  };
  readonly tests: {
    readonly oneway?: OneWayAnovaResult;
    readonly welch?: WelchAnovaResult;
    readonly brownForsytheMeans?: BrownForsytheMeansResult;
    readonly kruskal?: KruskalWallisResult;
    readonly levene?: SpreadTestResult;
    readonly brownForsythe?: SpreadTestResult;
    readonly bartlett?: BartlettResult;
    readonly twoWay?: TwoWayAnovaResult;
    readonly tukey?: TukeyResult;
    readonly gamesHowell?: GamesHowellResult;
    readonly dunn?: DunnResult;
    readonly repeatedMeasures?: RepeatedMeasuresResult;
    readonly friedman?: FriedmanResult;
  };
  /** What one observation is: a row of the table (with a note for the known gold tables). */
  readonly unitOfAnalysis: string;
  /** With `auto`: the test chosen, the post-hoc, and why. */
  readonly auto?: AutoChoice;
  /** With `auto`: the per-group normality diagnostics it used. */
  readonly normality?: NormalityResult;
  /** With `auto`: the conclusion in one plain sentence. */
  readonly conclusion?: string;
  /** With `subject`: how many subjects, how many appear in several groups, how many are in all. */
  readonly subjects?: {
    readonly column: string;
    readonly total: number;
    readonly repeated: number;
    readonly complete: number;
  };
  readonly warnings: readonly { readonly code: string; readonly message: string }[];
}
