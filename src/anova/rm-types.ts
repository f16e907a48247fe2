import type { AnovaTableRow } from './one-way.ts';
import type { MauchlyTest } from './rm-sphericity.ts';
import type { AnovaWarning } from './types.ts';

/** Sufficient statistics of a one-factor repeated-measures design over n complete subjects. */
export interface RepeatedMeasuresInput {
  /** The k >= 2 levels (e.g. seasons), distinct. */
  readonly levels: readonly string[];
  /** n >= 2 subjects measured at every level. */
  readonly subjects: number;
  /** Per level l: sum over subjects of x_il. */
  readonly sums: readonly number[];
  /** k x k, symmetric: sum over subjects of x_il * x_im. */
  readonly crossProducts: readonly (readonly number[])[];
  /**
   * When given, the x are values minus this shift (e.g. the overall mean, so the sums do not
   * cancel); every statistic is shift-invariant and the level means are reported with it added back.
   */
  readonly shift?: number;
}

/** A sphericity correction of the degrees of freedom of the F test. */
export type SphericityCorrection = 'none' | 'greenhouse-geisser' | 'huynh-feldt';

/** Options of `repeatedMeasuresAnova`. */
export interface RepeatedMeasuresOptions {
  /**
   * Which correction `correction` reports; default `'auto'`: Greenhouse-Geisser when its epsilon
   * is below 0.75, else Huynh-Feldt (Girden 1992), `'none'` with two levels.
   */
  readonly correction?: 'auto' | SphericityCorrection;
}

/** The F test with both degrees of freedom multiplied by epsilon. */
export interface CorrectedTest {
  readonly epsilon: number;
  readonly df1: number;
  readonly df2: number;
  /** Upper tail of F(df1, df2) at the (unchanged) F; `null` with F. */
  readonly pValue: number | null;
}

/** Result of `repeatedMeasuresAnova` / `repeatedMeasuresAnovaFromMoments`. */
export interface RepeatedMeasuresResult {
  readonly kind: 'repeated-measures-anova';
  readonly options: { readonly correction: 'auto' | SphericityCorrection };
  readonly levels: readonly { readonly level: string; readonly mean: number }[];
  /** Complete subjects used. */
  readonly subjects: number;
  /** Subjects dropped for missing a level (raw door only; 0 from moments). */
  readonly droppedSubjects: number;
  /** Subject-level cells with several rows, averaged (raw door only). */
  readonly averagedCells: number;
  /** Univariate table as R `aov(value ~ level + Error(subject / level))`. */
  readonly table: {
    readonly levels: AnovaTableRow;
    readonly subjects: AnovaTableRow;
    readonly error: AnovaTableRow;
    readonly total: { readonly df: number; readonly sumSq: number };
  };
  /** MS levels / MS error; `null` (with a warning) when there is no error variance. */
  readonly f: number | null;
  /** Uncorrected: upper tail of F(k - 1, (n - 1)(k - 1)). */
  readonly pValue: number | null;
  readonly sphericity: {
    /** `null` with two levels (one contrast: sphericity holds) or no error variance. */
    readonly mauchly: MauchlyTest | null;
    /** `null` when there is no error variance. */
    readonly greenhouseGeisser: CorrectedTest | null;
    /** Epsilon capped at 1, as `car` uses it for p; `null` when it is undefined. */
    readonly huynhFeldt: (CorrectedTest & { readonly epsilonUncapped: number }) | null;
  };
  /**
   * The test to report: the correction chosen by `options.correction` and why. `pValue` is `null`
   * with F, and when a requested correction has no epsilon (df then stay uncorrected).
   */
  readonly correction: {
    readonly method: SphericityCorrection;
    readonly rule: string;
    readonly df1: number;
    readonly df2: number;
    readonly pValue: number | null;
  };
  readonly effectSize: {
    /** SS levels / (SS levels + SS subjects + SS error) (Olejnik & Algina 2003; Bakeman 2005). */
    readonly generalizedEtaSquared: number | null;
    /** SS levels / (SS levels + SS error). */
    readonly partialEtaSquared: number | null;
  };
  readonly warnings: readonly AnovaWarning[];
}
