import { InvalidArgumentError } from '../errors.ts';

/** Level means and the k x k covariance of the levels across subjects (denominator n - 1). */
export interface LevelCovariance {
  readonly n: number;
  /** Per level: mean over subjects, of the values as given (before any shift is added back). */
  readonly means: readonly number[];
  readonly covariance: readonly (readonly number[])[];
}

/**
 * Means and covariance from a complete-subjects table by two passes: means, then products of
 * deviations from them (Chan, Golub & LeVeque 1983, "Algorithms for computing the sample
 * variance", Am. Stat. 37, 242-247), so a common offset costs no digits.
 *
 * @example covarianceFromValues([[1, 2], [3, 6]]).covariance // [[2, 4], [4, 8]] (by hand)
 */
export function covarianceFromValues(values: readonly (readonly number[])[]): LevelCovariance {
  const n = values.length;
  const k = values[0]?.length ?? 0;
  const means = Array.from({ length: k }, (_, l) => values.reduce((s, row) => s + (row[l] ?? 0), 0) / n);
  const covariance = means.map((ml, l) =>
    means.map(
      (mm, m) => values.reduce((s, row) => s + ((row[l] ?? 0) - ml) * ((row[m] ?? 0) - mm), 0) / (n - 1),
    ),
  );
  return { n, means, covariance };
}

/**
 * Means and covariance from sufficient statistics: Sigma = (CP - s s^T / n) / (n - 1), with
 * `sums` s and `crossProducts` CP over n subjects. The subtraction cancels the squared mean, so
 * the caller should subtract a shift near the overall mean before summing (the warehouse query
 * subtracts the overall mean); CP is symmetrised.
 *
 * @throws InvalidArgumentError for a non-finite number, wrong shapes, an asymmetric CP (beyond
 *   rounding) or a negative variance (a diagonal entry below sum^2 / n beyond rounding).
 * @example covarianceFromMoments('f', 2, [4, 8], [[10, 20], [20, 40]]).covariance // [[2, 4], [4, 8]] (by hand)
 */
export function covarianceFromMoments(
  fn: string,
  n: number,
  sums: readonly number[],
  crossProducts: readonly (readonly number[])[],
): LevelCovariance {
  const k = sums.length;
  sums.forEach((s, l) => {
    if (typeof s !== 'number' || !Number.isFinite(s))
      throw new InvalidArgumentError(`${fn}: sums[${l}] must be a finite number, got ${String(s)}`);
  });
  if (!Array.isArray(crossProducts) || crossProducts.length !== k)
    throw new InvalidArgumentError(
      `${fn}: crossProducts must be ${k} x ${k}, got ${String(crossProducts?.length)} rows`,
    );
  crossProducts.forEach((row, l) => {
    if (!Array.isArray(row) || row.length !== k)
      throw new InvalidArgumentError(
        `${fn}: crossProducts row ${l} must have ${k} entries, got ${String(row?.length)}`,
      );
    row.forEach((x, m) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new InvalidArgumentError(
          `${fn}: crossProducts[${l}][${m}] must be a finite number, got ${String(x)}`,
        );
    });
  });
  const cp = (l: number, m: number): number => crossProducts[l]?.[m] ?? 0;
  const means = sums.map((s) => s / n);
  const covariance = means.map((_, l) =>
    means.map((_, m) => {
      const a = cp(l, m);
      const b = cp(m, l);
      const scale = Math.max(Math.abs(a), Math.abs(b));
      if (Math.abs(a - b) > 1e-12 * scale)
        throw new InvalidArgumentError(
          `${fn}: crossProducts must be symmetric, got [${l}][${m}] = ${a} but [${m}][${l}] = ${b}`,
        );
      return ((a + b) / 2 - ((sums[l] ?? 0) * (sums[m] ?? 0)) / n) / (n - 1);
    }),
  );
  covariance.forEach((row, l) => {
    const v = row[l] ?? 0;
    if (v < -1e-12 * Math.max(cp(l, l), 1e-300))
      throw new InvalidArgumentError(
        `${fn}: level ${l} has crossProducts[${l}][${l}] = ${cp(l, l)} below sums[${l}]^2 / n = ${(sums[l] ?? 0) ** 2 / n}: the sums are inconsistent`,
      );
    if (v < 0) row[l] = 0;
  });
  return { n, means, covariance };
}
