/** Sums of powers of (x - shift) over n values: `s1` = sum (x - shift), ... `s4` = sum (x - shift)^4. */
export interface ShiftedSums {
  readonly n: number;
  readonly s1: number;
  readonly s2: number;
  readonly s3: number;
  readonly s4: number;
}

/** Sample sd, adjusted skewness G1 and adjusted excess kurtosis G2; `null` where undefined. */
export interface Moments {
  readonly sd: number | null;
  readonly skewness: number | null;
  readonly kurtosis: number | null;
}

/**
 * Sample standard deviation (n - 1), adjusted Fisher-Pearson skewness G1 and adjusted excess
 * kurtosis G2 (Joanes & Gill 1998, "Comparing measures of sample skewness and kurtosis", The
 * Statistician 47:183-189; as pandas, Excel SKEW / KURT and scipy `skew` / `kurtosis` with
 * `bias=False`) from power sums around a shift close to the mean (the mean computed in SQL):
 * the central sums are M2 = s2 - s1^2/n, M3 = s3 - 3 s1 s2/n + 2 s1^3/n^2,
 * M4 = s4 - 4 s1 s3/n + 6 s1^2 s2/n^2 - 3 s1^4/n^3, exact whatever the shift, and well
 * conditioned because s1 is tiny. Centring is what keeps 1e12 + small values accurate; DuckDB's
 * own `skewness` / `kurtosis` compute the same G1 / G2 from raw power sums and return NaN there.
 *
 * `sd` is `null` below 2 values; skewness below 3, kurtosis below 4 values; both when sd is 0.
 */
export function momentsFromShiftedSums(sums: ShiftedSums): Moments {
  const { n, s1, s2, s3, s4 } = sums;
  if (n < 2) return { sd: null, skewness: null, kurtosis: null };
  const d = s1 / n;
  const m2 = Math.max(0, s2 - s1 * d) / n;
  const m3 = (s3 - 3 * d * s2 + 2 * d * d * s1) / n;
  const m4 = (s4 - 4 * d * s3 + 6 * d * d * s2 - 3 * d * d * d * s1) / n;
  const sd = Math.sqrt((m2 * n) / (n - 1));
  if (m2 === 0) return { sd, skewness: null, kurtosis: null };
  const g1 = m3 / m2 ** 1.5;
  const g2 = m4 / (m2 * m2) - 3;
  const skewness = n < 3 ? null : (Math.sqrt(n * (n - 1)) / (n - 2)) * g1;
  const kurtosis = n < 4 ? null : ((n - 1) / ((n - 2) * (n - 3))) * ((n + 1) * g2 + 6);
  return { sd, skewness: finiteOrNull(skewness), kurtosis: finiteOrNull(kurtosis) };
}

function finiteOrNull(x: number | null): number | null {
  return x !== null && Number.isFinite(x) ? x : null;
}
