// biome-ignore-all lint/correctness/noPrecisionLoss: published coefficients, kept digit for digit as printed
/**
 * log Gamma(x) for x > 0 by the Lanczos approximation with g = 7 and nine coefficients
 * (relative error about 1e-15; Lanczos 1964, coefficients as tabulated by Godfrey 2001).
 * For x < 0.5 the recurrence log Gamma(x) = log Gamma(x + 1) - log x keeps the series in range.
 */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;
const HALF_LOG_TWO_PI = 0.91893853320467274178;

export function logGamma(x: number): number {
  if (x < 0.5) return logGamma(x + 1) - Math.log(x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The error of Stirling's formula, log Gamma(z + 1) - (z + 1/2) log z + z - log sqrt(2 pi),
 * without cancellation for large z: the asymptotic series (DLMF 5.11.1) for z > 15, the
 * definition through {@link logGamma} below (Loader 2000, "Fast and accurate computation of
 * binomial probabilities", the `stirlerr` of R's nmath).
 */
export function stirlingError(z: number): number {
  if (z <= 15) return logGamma(z + 1) - (z + 0.5) * Math.log(z) + z - HALF_LOG_TWO_PI;
  const zz = 1 / (z * z);
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - zz / 1188) * zz) * zz) * zz) / z;
}

/**
 * Loader's deviance term bd0(x, m) = x log(x / m) + m - x, by its series when x is near m so
 * that no digits cancel (Loader 2000; R nmath `bd0`).
 */
export function devianceTerm(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** x^a e^-x / Gamma(a + 1) for a > 0, x >= 0, as exp(-stirlingError(a) - bd0(a, x)) / sqrt(2 pi a). */
export function poissonKernel(a: number, x: number): number {
  if (x === 0) return 0;
  if (!Number.isFinite(x)) return 0;
  return Math.exp(-stirlingError(a) - devianceTerm(a, x)) / Math.sqrt(2 * Math.PI * a);
}

/**
 * x^a y^b / B(a, b) for a, b > 0 and x + y = 1 (both passed so neither is rounded by 1 - other):
 * sqrt(ab / (2 pi n)) exp(st(n) - st(a) - st(b) - bd0(a, n x) - bd0(b, n y)) with n = a + b,
 * Loader's saddle-point form of the binomial density, accurate for huge a and b.
 */
export function betaKernel(x: number, y: number, a: number, b: number): number {
  if (x === 0 || y === 0) return 0;
  const n = a + b;
  const exponent =
    stirlingError(n) - stirlingError(a) - stirlingError(b) - devianceTerm(a, n * x) - devianceTerm(b, n * y);
  return Math.sqrt((a * b) / (2 * Math.PI * n)) * Math.exp(exponent);
}
