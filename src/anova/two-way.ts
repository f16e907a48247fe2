import { InvalidArgumentError } from '../errors.ts';
import { fUpperTail } from '../stats/index.ts';
import { type CellLayout, layoutFromCells, layoutFromRows } from './two-way-cells.ts';
import { type Term, twoWaySums } from './two-way-sums-of-squares.ts';
import type {
  CellSummary,
  SsType,
  TwoWayAnovaOptions,
  TwoWayAnovaResult,
  TwoWayAnovaRow,
  TwoWayCell,
  TwoWayRow,
} from './two-way-types.ts';
import type { AnovaWarning } from './types.ts';

const SS_TYPES: readonly SsType[] = ['I', 'II', 'III'];

type ResolvedOptions = TwoWayAnovaResult['options'];

function resolveOptions(fn: string, options: TwoWayAnovaOptions): ResolvedOptions {
  const ssType = options.ssType ?? 'II';
  const interaction = options.interaction ?? true;
  const factorNames = options.factorNames ?? ['A', 'B'];
  if (!SS_TYPES.includes(ssType))
    throw new InvalidArgumentError(`${fn}: ssType must be 'I', 'II' or 'III', got ${JSON.stringify(ssType)}`);
  if (typeof interaction !== 'boolean')
    throw new InvalidArgumentError(
      `${fn}: interaction must be true or false, got ${JSON.stringify(interaction)}`,
    );
  const [a, b] = factorNames;
  if (
    factorNames.length !== 2 ||
    typeof a !== 'string' ||
    typeof b !== 'string' ||
    a === '' ||
    b === '' ||
    a === b
  )
    throw new InvalidArgumentError(
      `${fn}: factorNames must be two different non-empty names such as ['channel', 'country'], got ${JSON.stringify(factorNames)}`,
    );
  return { ssType, interaction, factorNames: [a, b] };
}

/**
 * Two-way analysis of variance on raw rows (factor A level, factor B level, value), with the
 * sum-of-squares type an explicit option (default Type II) and part of the result.
 *
 * Method: the rows are reduced to cell counts, means and the pooled within-cell sum of squares
 * (shifted, corrected two-pass), then every model is a weighted least-squares fit of the cell
 * means (see `twoWayAnovaFromCells`). Matches R `anova(lm(y ~ A * B))` (Type I) and
 * `car::Anova(..., type = 2 / 3)` with `contr.sum` (test/anova/reference-two-way/reference.R).
 *
 * @throws InsufficientDataError when a factor has fewer than two levels with data.
 * @throws InvalidArgumentError for a non-string level, a non-finite value (exclude and count
 *   nulls first) or a bad option.
 *
 * @example twoWayAnova(warpbreaks, { factorNames: ['wool', 'tension'] }).table[1]?.f
 *   // 8.498 for tension with df 2 and 48, p 0.00069 (car::Anova type 2, warpbreaks; a test)
 */
export function twoWayAnova(rows: readonly TwoWayRow[], options: TwoWayAnovaOptions = {}): TwoWayAnovaResult {
  const resolved = resolveOptions('twoWayAnova', options);
  return twoWayAnovaFromLayout(layoutFromRows('twoWayAnova', rows, resolved.factorNames), resolved);
}

/**
 * The same analysis from exact per-cell sums (`n`, `sum`, `sumSquares` per (A, B) pair as
 * decimal text), e.g. from `group by a, b` over a DECIMAL column: the rows stay in DuckDB.
 *
 * Method: the within-cell SS and the centered cell means are exact (bigint rationals) and become
 * doubles once. With the interaction the model is saturated on the cells, so its residual is the
 * within-cell SS; the SS of any model is sum_ij n_ij (mean_ij - fitted_ij)^2 + SS_within, with
 * the fit a weighted least-squares fit of the cell means, solved by Householder QR with each
 * term entered after the terms it is adjusted for:
 * - Type I: sequential A, B, A:B (swap `factorNames` and the levels to change the order).
 * - Type II: A | B, B | A, A:B | A, B (`car::Anova(type = 2)`).
 * - Type III: each term | all others, `contr.sum` coding, with the `(Intercept)` row as car
 *   prints it (`car::Anova(type = 3)` after `options(contrasts = c('contr.sum', 'contr.poly'))`).
 *
 * Empty cells: Types I and II are computed (the interaction loses one df per empty cell of a
 * connected design, as R's aliased coefficients); Type III is not defined the usual way, so its
 * `(Intercept)` and main-effect rows are `null` with an `empty-cells` warning naming the cells,
 * and the interaction row is adjusted for the main effects (as in Types I and II).
 * `f` and `pValue` are `null`, with a warning, when there are no residual df or no variation
 * within cells.
 *
 * Reference: Fox, J. & Weisberg, S. (2019) "An R Companion to Applied Regression", 3rd ed.,
 * section 5.3.4 (types of sums of squares); Searle, S. R. (1987) "Linear Models for Unbalanced Data".
 *
 * @throws InsufficientDataError when a factor has fewer than two levels with data.
 * @throws InvalidArgumentError for a bad count, non-decimal text, a repeated cell, inconsistent
 *   sums or a bad option.
 *
 * @example twoWayAnovaFromCells([
 *   { a: 'x', b: 'u', n: 2, sum: '3', sumSquares: '5' }, { a: 'x', b: 'v', n: 2, sum: '7', sumSquares: '25' },
 *   { a: 'y', b: 'u', n: 2, sum: '11', sumSquares: '61' }, { a: 'y', b: 'v', n: 2, sum: '15', sumSquares: '113' },
 * ]).table.map((r) => r.sumSq) // [32, 8, 0, 2] to rounding: A, B, A:B, Residuals (by hand; a test)
 */
export function twoWayAnovaFromCells(
  cells: readonly CellSummary[],
  options: TwoWayAnovaOptions = {},
): TwoWayAnovaResult {
  const resolved = resolveOptions('twoWayAnovaFromCells', options);
  return twoWayAnovaFromLayout(
    layoutFromCells('twoWayAnovaFromCells', cells, resolved.factorNames),
    resolved,
  );
}

function termName(term: Term, [a, b]: readonly [string, string]): string {
  return { intercept: '(Intercept)', a, b, interaction: `${a}:${b}` }[term];
}

function cellTable(layout: CellLayout): TwoWayCell[] {
  const byIndex = new Map(layout.cells.map((c) => [c.a * layout.bLevels.length + c.b, c]));
  return layout.aLevels.flatMap((a, i) =>
    layout.bLevels.map((b, j) => {
      const c = byIndex.get(i * layout.bLevels.length + j);
      return { a, b, n: c?.n ?? 0, mean: c?.mean ?? null };
    }),
  );
}

function twoWayAnovaFromLayout(layout: CellLayout, options: ResolvedOptions): TwoWayAnovaResult {
  const warnings: AnovaWarning[] = [...layout.warnings];
  const cells = cellTable(layout);
  const empty = cells.filter((c) => c.n === 0);
  if (empty.length > 0) {
    const list = empty.map((c) => `(${c.a}, ${c.b})`).join(', ');
    warnings.push({
      code: 'empty-cells',
      message:
        options.ssType === 'III' && options.interaction
          ? `${empty.length} empty cell(s) ${list}: Type III sums of squares of the intercept and main effects are not defined with empty cells and are null; use Type II, or fit without the interaction`
          : options.interaction
            ? `${empty.length} empty cell(s) ${list}: the interaction has fewer degrees of freedom than (a - 1)(b - 1)`
            : `${empty.length} empty cell(s) ${list}: the additive model is fitted to the other cells`,
    });
  }
  const sums = twoWaySums(layout, options.ssType, options.interaction);
  if (sums.aliased && empty.length === 0 && options.ssType === 'III') {
    warnings.push({
      code: 'aliased',
      message: 'the design has aliased coefficients: Type III rows are null',
    });
  }
  const res = sums.residual;
  const msResidual = res.df > 0 ? res.sumSq / res.df : null;
  if (res.df === 0) {
    warnings.push({
      code: 'no-residual-df',
      message:
        'every cell has a single value (or the model is saturated), so there are no residual degrees of freedom: F is undefined',
    });
  } else if (res.sumSq === 0) {
    warnings.push({
      code: 'zero-residual-variance',
      message:
        'the model fits every value exactly (no residual variation): F is undefined and reported as null',
    });
  }
  const table: TwoWayAnovaRow[] = sums.terms.map(({ term, ss }) => {
    const meanSq = ss.sumSq !== null && ss.df > 0 ? ss.sumSq / ss.df : null;
    const f = meanSq !== null && msResidual !== null && msResidual > 0 ? meanSq / msResidual : null;
    const denominator = ss.sumSq === null ? 0 : ss.sumSq + res.sumSq;
    return {
      term: termName(term, options.factorNames),
      source: term,
      df: ss.df,
      sumSq: ss.sumSq,
      meanSq,
      f,
      pValue: f === null ? null : fUpperTail(f, ss.df, res.df),
      partialEtaSquared: ss.sumSq !== null && denominator > 0 ? ss.sumSq / denominator : null,
    };
  });
  table.push({
    term: 'Residuals',
    source: 'residuals',
    df: res.df,
    sumSq: res.sumSq,
    meanSq: msResidual,
    f: null,
    pValue: null,
    partialEtaSquared: null,
  });
  return {
    kind: 'two-way-anova',
    options,
    ssType: options.ssType,
    contrasts: options.ssType === 'III' ? 'contr.sum' : null,
    sumsMethod: layout.method,
    factors: {
      a: { name: options.factorNames[0], levels: layout.aLevels },
      b: { name: options.factorNames[1], levels: layout.bLevels },
    },
    n: layout.n,
    cells,
    table,
    warnings,
  };
}
