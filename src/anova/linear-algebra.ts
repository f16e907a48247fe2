/**
 * Small dense least squares for the ANOVA family: sequential Householder QR with the aliasing
 * rule of R's `lm` (LINPACK `dqrdc2`), written for designs of at most a few hundred columns.
 */

/** What a sequential QR fit of y on the columns, in the order given, leaves behind. */
export interface SequentialFit {
  /**
   * Per column: `true` when it is aliased, i.e. (within the tolerance) a linear combination of
   * the columns before it. An aliased column adds no degree of freedom and no sum of squares.
   */
  readonly aliased: readonly boolean[];
  /**
   * Per column: its squared effect, the square of the component of y along the direction the
   * column adds to the span of those before it (`effects^2` of R's `lm`); 0 when aliased. The
   * sum over a block of columns is the sum of squares of that block adjusted for every column
   * before it (sequential, Type I).
   */
  readonly squaredEffects: readonly number[];
  /** Number of non-aliased columns. */
  readonly rank: number;
  /** Squared norm of the part of y orthogonal to all columns: the residual sum of squares. */
  readonly residualSumSq: number;
}

/**
 * Sequential sums of squares of y on the columns of a design, in the order given.
 *
 * Method: Householder QR without pivoting (Golub & Van Loan, "Matrix Computations", 4th ed.,
 * section 5.2), each reflection applied to y as it is formed, so `Q^T y` is never formed from a
 * difference of fits: every sum of squares is a sum of squared components, with no cancellation.
 * A column whose norm, after the reflections of the columns before it, is at most
 * `tolerance` (default 1e-7, as R's `lm.fit`) times its original norm is aliased and skipped,
 * which is how R's `dqrdc2` detects rank deficiency (there it also moves the column to the end).
 *
 * @param columns the design columns, each of the same length m as `y` (rows already weighted).
 * @example sequentialEffects([[1, 1, 1]], [1, 2, 3]).residualSumSq // 2: deviations from the mean 2 (by hand)
 */
export function sequentialEffects(
  columns: readonly (readonly number[])[],
  y: readonly number[],
  tolerance = 1e-7,
): SequentialFit {
  const m = y.length;
  const work = Float64Array.from(y);
  const reflections: { readonly v: Float64Array; readonly row: number; readonly beta: number }[] = [];
  const aliased: boolean[] = [];
  const squaredEffects: number[] = [];
  for (const column of columns) {
    if (column.length !== m)
      throw new RangeError(`sequentialEffects: column of length ${column.length}, y of length ${m}`);
    const x = Float64Array.from(column);
    for (const h of reflections) reflect(h.v, h.row, h.beta, x);
    const row = reflections.length;
    const originalNorm = norm(column, 0);
    const remainingNorm = norm(x, row);
    if (row >= m || originalNorm === 0 || remainingNorm <= tolerance * originalNorm) {
      aliased.push(true);
      squaredEffects.push(0);
      continue;
    }
    const head = x[row] ?? 0;
    const alpha = head >= 0 ? -remainingNorm : remainingNorm;
    const v = new Float64Array(m);
    for (let i = row; i < m; i++) v[i] = x[i] ?? 0;
    v[row] = head - alpha;
    const beta = 1 / (remainingNorm * (remainingNorm + Math.abs(head)));
    const h = { v, row, beta };
    reflections.push(h);
    reflect(v, row, beta, work);
    const effect = work[row] ?? 0;
    aliased.push(false);
    squaredEffects.push(effect * effect);
  }
  const rank = reflections.length;
  let residualSumSq = 0;
  for (let i = rank; i < m; i++) residualSumSq += (work[i] ?? 0) ** 2;
  return { aliased, squaredEffects, rank, residualSumSq };
}

/** x <- (I - beta v v^T) x, with v zero above `row`. */
function reflect(v: Float64Array, row: number, beta: number, x: Float64Array): void {
  let dot = 0;
  for (let i = row; i < v.length; i++) dot += (v[i] ?? 0) * (x[i] ?? 0);
  const scale = beta * dot;
  for (let i = row; i < v.length; i++) x[i] = (x[i] ?? 0) - scale * (v[i] ?? 0);
}

/** Euclidean norm of x[from..], scaled against overflow. */
function norm(x: ArrayLike<number>, from: number): number {
  let largest = 0;
  for (let i = from; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i] ?? 0));
  if (largest === 0) return 0;
  let sum = 0;
  for (let i = from; i < x.length; i++) sum += ((x[i] ?? 0) / largest) ** 2;
  return largest * Math.sqrt(sum);
}
