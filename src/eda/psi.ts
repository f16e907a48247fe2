import { InvalidArgumentError } from '../errors.ts';

/** The share an empty bin is given in the PSI, so that ln(b / a) is finite. */
export const PSI_EMPTY_BIN_FLOOR = 0.0001;

/** A population stability index with its bins (shares of each slice, before the floor) and rule. */
export interface PopulationStabilityIndex {
  readonly value: number;
  readonly bins: readonly { readonly label: string; readonly a: number; readonly b: number }[];
  readonly rule: string;
}

/**
 * The population stability index of slice B against slice A from their counts in the same bins:
 * with shares a_i = A_i / sum(A) and b_i = B_i / sum(B),
 *
 *   PSI = sum over bins of (b_i - a_i) ln(b_i / a_i),
 *
 * the symmetrised Kullback-Leibler divergence (Jeffreys divergence) of the binned distributions.
 * A bin empty in a slice gets the share `floor` (default 0.0001) in that slice for the sum (the
 * other shares are not rescaled), so a category that appears or vanishes adds a large but finite
 * term; the reported bin shares are the unfloored ones. The usual reading (Yurdakul 2018, after
 * Lewis 1994): below 0.1 little or no change, 0.1 to 0.25 a moderate shift, above 0.25 a
 * significant one; shopstat's default alert is at 0.2 (`AlertThresholds.psi`).
 *
 * Reference: B. Yurdakul, "Statistical Properties of Population Stability Index", PhD
 * dissertation, Western Michigan University, 2018 (Dissertations 3208,
 * https://scholarworks.wmich.edu/dissertations/3208). Checked against numpy in
 * `test/eda/reference-drift/psi_reference.py`.
 *
 * Returns `null` when either slice has no counts at all (nothing to compare).
 *
 * @throws InvalidArgumentError when `a`, `b` and `labels` differ in length or are empty, a count
 *   is negative or not finite, or `floor` is not in (0, 1).
 * @example populationStabilityIndex([50, 50], [25, 75], ['x', 'y']).value
 *   // (0.25 - 0.5) ln(0.5) + (0.75 - 0.5) ln(1.5) = 0.25 ln 3 = 0.27465307216702745
 */
export function populationStabilityIndex(
  a: readonly number[],
  b: readonly number[],
  labels: readonly string[],
  floor = PSI_EMPTY_BIN_FLOOR,
): PopulationStabilityIndex | null {
  if (a.length === 0 || a.length !== b.length || a.length !== labels.length) {
    throw new InvalidArgumentError(
      `populationStabilityIndex: needs the same number (at least 1) of counts in A and B and labels, got ${a.length}, ${b.length} and ${labels.length}`,
    );
  }
  for (const [slice, counts] of [
    ['A', a],
    ['B', b],
  ] as const) {
    const bad = counts.findIndex((n) => !Number.isFinite(n) || n < 0);
    if (bad >= 0) {
      throw new InvalidArgumentError(
        `populationStabilityIndex: counts must be finite and not negative, got ${counts[bad]} in ${slice} bin ${JSON.stringify(labels[bad])}`,
      );
    }
  }
  if (!(Number.isFinite(floor) && floor > 0 && floor < 1)) {
    throw new InvalidArgumentError(`populationStabilityIndex: floor must be in (0, 1), got ${floor}`);
  }
  const totalA = a.reduce((s, n) => s + n, 0);
  const totalB = b.reduce((s, n) => s + n, 0);
  if (totalA === 0 || totalB === 0) return null;
  let value = 0;
  const bins = labels.map((label, i) => {
    const shareA = (a[i] as number) / totalA;
    const shareB = (b[i] as number) / totalB;
    const pa = shareA === 0 ? floor : shareA;
    const pb = shareB === 0 ? floor : shareB;
    value += (pb - pa) * Math.log(pb / pa);
    return { label, a: shareA, b: shareB };
  });
  return {
    value,
    bins,
    rule: `PSI = sum((b - a) ln(b / a)) over ${labels.length} bins of the shares of each slice; an empty bin's share is taken as ${floor}`,
  };
}
