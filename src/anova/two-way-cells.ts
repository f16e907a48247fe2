/**
 * Cell moments of a two-way layout (internal): per cell the count, the mean and the mean's
 * deviation from the grand mean, and the pooled within-cell sum of squares.
 */
import { Rational } from '../decompose/rational.ts';
import { InsufficientDataError, InvalidArgumentError } from '../errors.ts';
import type { CellSummary, TwoWayRow } from './two-way-types.ts';
import type { AnovaWarning, SumsMethod } from './types.ts';

/** A non-empty cell. */
export interface CellMoments {
  readonly a: number;
  readonly b: number;
  readonly n: number;
  readonly mean: number;
  /** Cell mean minus the grand mean, formed before any rounding to a double. */
  readonly centeredMean: number;
}

/** Everything the fits need; levels in order of first appearance. */
export interface CellLayout {
  readonly method: SumsMethod;
  readonly aLevels: readonly string[];
  readonly bLevels: readonly string[];
  /** Non-empty cells, A-major in level order. */
  readonly cells: readonly CellMoments[];
  readonly n: number;
  /** Pooled within-cell sum of squares: the residual SS of the saturated model. */
  readonly ssWithin: number;
  readonly warnings: readonly AnovaWarning[];
}

interface RawCell {
  readonly a: string;
  readonly b: string;
  readonly n: number;
}

function key(a: string, b: string): string {
  return JSON.stringify([a, b]);
}

function checkLevel(fn: string, field: 'a' | 'b', value: unknown): void {
  if (typeof value !== 'string')
    throw new InvalidArgumentError(
      `${fn}: factor level ${field} must be a string, got ${JSON.stringify(value)}`,
    );
}

/** Levels (with data) in order of first appearance, each factor with at least two; sorted cells. */
function arrange<C extends RawCell>(fn: string, raw: readonly C[], names: readonly [string, string]) {
  const aLevels: string[] = [];
  const bLevels: string[] = [];
  const seen = new Set<string>();
  for (const c of raw) {
    if (seen.has(key(c.a, c.b)))
      throw new InvalidArgumentError(
        `${fn}: cell (${c.a}, ${c.b}) appears more than once; merge its sums first`,
      );
    seen.add(key(c.a, c.b));
    if (c.n === 0) continue;
    if (!aLevels.includes(c.a)) aLevels.push(c.a);
    if (!bLevels.includes(c.b)) bLevels.push(c.b);
  }
  const warnings: AnovaWarning[] = [];
  const dropped = raw.filter((c) => c.n === 0 && (!aLevels.includes(c.a) || !bLevels.includes(c.b)));
  if (dropped.length > 0) {
    warnings.push({
      code: 'level-without-data',
      message: `${fn}: levels with no data in any cell were left out: ${dropped.map((c) => `(${c.a}, ${c.b})`).join(', ')}`,
    });
  }
  [aLevels, bLevels].forEach((levels, i) => {
    if (levels.length < 2)
      throw new InsufficientDataError(
        `${fn} requires at least two levels of ${names[i]} with data, got ${levels.length}`,
        2,
        levels.length,
      );
  });
  const index = (c: RawCell) => aLevels.indexOf(c.a) * bLevels.length + bLevels.indexOf(c.b);
  const sorted = raw.filter((c) => c.n > 0).sort((x, y) => index(x) - index(y));
  return { aLevels, bLevels, sorted, warnings };
}

function decimal(fn: string, c: CellSummary, field: 'sum' | 'sumSquares' | 'shift', text: unknown): Rational {
  try {
    if (typeof text !== 'string') throw new TypeError();
    return Rational.fromDecimal(text);
  } catch {
    throw new InvalidArgumentError(
      `${fn}: cell (${c.a}, ${c.b}) ${field} must be exact decimal text such as '1234.5000', got ${JSON.stringify(text)}`,
    );
  }
}

/**
 * Layout from exact decimal cell sums. Method: with S and Q the exact sums of a cell (shift
 * added back), the within SS is sum (Q - S^2 / n) and each centered mean S / n - S_total / N,
 * all bigint rationals, each rounded to a double once.
 *
 * @throws InvalidArgumentError for a bad count, non-decimal text, a repeated cell, an empty cell
 *   with non-zero sums, or sums no real data can give (sumSquares < sum^2 / n).
 * @throws InsufficientDataError when a factor has fewer than two levels with data.
 */
export function layoutFromCells(
  fn: string,
  cells: readonly CellSummary[],
  names: readonly [string, string],
): CellLayout {
  if (!Array.isArray(cells))
    throw new InvalidArgumentError(`${fn}: expected an array of cells, got ${typeof cells}`);
  for (const c of cells) {
    checkLevel(fn, 'a', c.a);
    checkLevel(fn, 'b', c.b);
    if (!Number.isSafeInteger(c.n) || c.n < 0)
      throw new InvalidArgumentError(
        `${fn}: cell (${c.a}, ${c.b}) n must be a non-negative integer, got ${String(c.n)}`,
      );
  }
  const { aLevels, bLevels, sorted, warnings } = arrange(fn, cells, names);
  for (const c of cells.filter((x) => x.n === 0)) {
    if (!decimal(fn, c, 'sum', c.sum).isZero() || !decimal(fn, c, 'sumSquares', c.sumSquares).isZero())
      throw new InvalidArgumentError(
        `${fn}: cell (${c.a}, ${c.b}) has n = 0 but non-zero sums ${c.sum}, ${c.sumSquares}`,
      );
  }
  let ssWithin = Rational.ZERO;
  let total = Rational.ZERO;
  let n = 0;
  const means: Rational[] = [];
  for (const c of sorted) {
    const sum = decimal(fn, c, 'sum', c.sum);
    const sumSquares = decimal(fn, c, 'sumSquares', c.sumSquares);
    const count = Rational.fromInt(c.n);
    const sumSqDev = sumSquares.sub(sum.mul(sum).div(count));
    if (sumSqDev.sign() < 0)
      throw new InvalidArgumentError(
        `${fn}: cell (${c.a}, ${c.b}) sumSquares ${c.sumSquares} is below sum^2 / n; the sums do not come from one set of values`,
      );
    const shift = c.shift === undefined ? Rational.ZERO : decimal(fn, c, 'shift', c.shift);
    const mean = sum.div(count).add(shift);
    means.push(mean);
    total = total.add(mean.mul(count));
    n += c.n;
    ssWithin = ssWithin.add(sumSqDev);
  }
  const grand = total.div(Rational.fromInt(n));
  return {
    method: 'exact-decimal',
    aLevels,
    bLevels,
    cells: sorted.map((c, i) => {
      const mean = means[i] ?? Rational.ZERO;
      return {
        a: aLevels.indexOf(c.a),
        b: bLevels.indexOf(c.b),
        n: c.n,
        mean: mean.toNumber(),
        centeredMean: mean.sub(grand).toNumber(),
      };
    }),
    n,
    ssWithin: ssWithin.toNumber(),
    warnings,
  };
}

/**
 * Layout from raw rows. Method: shifted, corrected two-pass per cell (Chan, Golub & LeVeque
 * 1983), every value shifted by the first one so that a large common offset cancels first.
 *
 * @throws InvalidArgumentError for a non-string level or a non-finite value.
 * @throws InsufficientDataError when a factor has fewer than two levels with data.
 */
export function layoutFromRows(
  fn: string,
  rows: readonly TwoWayRow[],
  names: readonly [string, string],
): CellLayout {
  if (!Array.isArray(rows))
    throw new InvalidArgumentError(`${fn}: expected an array of rows, got ${typeof rows}`);
  const groups = new Map<string, { a: string; b: string; values: number[] }>();
  rows.forEach((r, i) => {
    checkLevel(fn, 'a', r.a);
    checkLevel(fn, 'b', r.b);
    if (typeof r.value !== 'number' || !Number.isFinite(r.value))
      throw new InvalidArgumentError(
        `${fn}: row ${i} value must be a finite number, got ${String(r.value)}; exclude nulls and count them before calling`,
      );
    const k = key(r.a, r.b);
    const g = groups.get(k) ?? { a: r.a, b: r.b, values: [] as number[] };
    g.values.push(r.value);
    groups.set(k, g);
  });
  const raw = [...groups.values()].map((g) => ({ ...g, n: g.values.length }));
  const { aLevels, bLevels, sorted, warnings } = arrange(fn, raw, names);
  const shift = rows[0]?.value ?? 0;
  let ssWithin = 0;
  let shiftedTotal = 0;
  const shiftedMeans = sorted.map((c) => {
    let sum = 0;
    for (const v of c.values) sum += v - shift;
    const mean = sum / c.n;
    let squares = 0;
    let deviations = 0;
    for (const v of c.values) {
      const d = v - shift - mean;
      squares += d * d;
      deviations += d;
    }
    ssWithin += Math.max(0, squares - (deviations * deviations) / c.n);
    shiftedTotal += sum;
    return mean;
  });
  const grand = shiftedTotal / rows.length;
  return {
    method: 'shifted-two-pass',
    aLevels,
    bLevels,
    cells: sorted.map((c, i) => ({
      a: aLevels.indexOf(c.a),
      b: bLevels.indexOf(c.b),
      n: c.n,
      mean: shift + (shiftedMeans[i] ?? 0),
      centeredMean: (shiftedMeans[i] ?? 0) - grand,
    })),
    n: rows.length,
    ssWithin,
    warnings,
  };
}
