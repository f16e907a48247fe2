/**
 * Input, option and result types of two-way analysis of variance (`twoWayAnova`,
 * `twoWayAnovaFromCells`).
 */
import type { AnovaWarning, SumsMethod } from './types.ts';

/**
 * Sufficient statistics of one cell (one level of factor A crossed with one level of factor B)
 * as exact decimal text, as DuckDB returns them for a DECIMAL column: `count(x)`, `sum(x)` and
 * `sum(x * x)` grouped by both factors. Same conventions as `GroupSummary`; a cell with `n = 0`
 * names an empty cell (its sums must be zero).
 *
 * @example { a: 'web', b: 'DE', n: 3, sum: '30.00', sumSquares: '302.0000' }
 */
export interface CellSummary {
  /** Level of factor A. */
  readonly a: string;
  /** Level of factor B. */
  readonly b: string;
  /** Number of (non-null) values in the cell. */
  readonly n: number;
  /** Exact decimal text of the sum of the cell's values. */
  readonly sum: string;
  /** Exact decimal text of the sum of the squared values. */
  readonly sumSquares: string;
  /** When given, `sum` and `sumSquares` are of the values minus this shift (see `GroupSummary`). */
  readonly shift?: string;
}

/** One raw observation: its two factor levels and a finite value (nulls excluded by the caller). */
export interface TwoWayRow {
  readonly a: string;
  readonly b: string;
  readonly value: number;
}

/**
 * Sum-of-squares type, as in statsmodels `anova_lm(typ=...)` and `car::Anova(type = ...)`:
 * - `'I'`: sequential, in the order A, B, A:B (R's `anova(lm(y ~ A * B))`); depends on the order
 *   of the factors when the design is unbalanced.
 * - `'II'`: each main effect adjusted for the other main effect, the interaction for both
 *   (`car::Anova(type = 2)`); respects marginality; the default.
 * - `'III'`: each term adjusted for all others, with sum-to-zero contrasts (`contr.sum`), as
 *   `car::Anova(type = 3)` after `options(contrasts = c('contr.sum', 'contr.poly'))`.
 */
export type SsType = 'I' | 'II' | 'III';

/** Options of `twoWayAnova` / `twoWayAnovaFromCells`. */
export interface TwoWayAnovaOptions {
  /**
   * Default `'II'`: the usual recommendation for unbalanced designs (it tests each main effect
   * with the most power when the interaction is unimportant, and does not depend on the order
   * of the factors). R's `anova()` gives `'I'`; SAS and SPSS print `'III'`.
   */
  readonly ssType?: SsType;
  /** Fit the A:B interaction; default `true`. */
  readonly interaction?: boolean;
  /** Names of factors A and B, used as term names (`channel`, `country`, `channel:country`); default `['A', 'B']`. */
  readonly factorNames?: readonly [string, string];
}

/** Which source of variation a table row is about. */
export type TwoWayTermSource = 'intercept' | 'a' | 'b' | 'interaction' | 'residuals';

/**
 * One row of the two-way ANOVA table. `sumSq`, `meanSq`, `f`, `pValue` and `partialEtaSquared`
 * are `null` when not computable (df 0, no residual variation, or a Type III row that empty
 * cells leave undefined; a warning says which).
 */
export interface TwoWayAnovaRow {
  /** `(Intercept)`, the factor names, `A:B` or `Residuals`, as R prints them. */
  readonly term: string;
  readonly source: TwoWayTermSource;
  readonly df: number;
  readonly sumSq: number | null;
  readonly meanSq: number | null;
  readonly f: number | null;
  readonly pValue: number | null;
  /** SS term / (SS term + SS residuals); `null` for the residuals row. */
  readonly partialEtaSquared: number | null;
}

/** One cell of the design: its count and mean (`null` for an empty cell). */
export interface TwoWayCell {
  readonly a: string;
  readonly b: string;
  readonly n: number;
  readonly mean: number | null;
}

/** A factor and its levels, in order of first appearance in the input. */
export interface TwoWayFactor {
  readonly name: string;
  readonly levels: readonly string[];
}

/** Result of `twoWayAnova` / `twoWayAnovaFromCells`. */
export interface TwoWayAnovaResult {
  readonly kind: 'two-way-anova';
  readonly options: {
    readonly ssType: SsType;
    readonly interaction: boolean;
    readonly factorNames: readonly [string, string];
  };
  readonly ssType: SsType;
  /**
   * The coding the sums of squares depend on: `'contr.sum'` for Type III; `null` for Types I and
   * II, whose sums of squares are the same under any full-rank coding.
   */
  readonly contrasts: 'contr.sum' | null;
  readonly sumsMethod: SumsMethod;
  readonly factors: { readonly a: TwoWayFactor; readonly b: TwoWayFactor };
  /** Total number of values. */
  readonly n: number;
  /** Every (A level, B level) pair, A-major, empty cells included with `n: 0`. */
  readonly cells: readonly TwoWayCell[];
  /**
   * Rows in R's order: `(Intercept)` (Type III only, as car prints it), A, B, A:B (with the
   * interaction), Residuals.
   */
  readonly table: readonly TwoWayAnovaRow[];
  readonly warnings: readonly AnovaWarning[];
}
