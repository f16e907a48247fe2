import { InvalidArgumentError } from '../errors.ts';
import type { AlertThresholds } from './types.ts';

/**
 * The default alert thresholds, as documented on {@link AlertThresholds}: missing 20 %,
 * cardinality 0.5, |skewness| 2, zeros 50 %, IQR k 1.5 (Tukey 1977), MAD z 3.5 (Iglewicz and
 * Hoaglin 1993), outliers 1 %, |correlation| 0.9, parsed-as-text 95 %, PSI 0.2.
 */
export const DEFAULT_THRESHOLDS: AlertThresholds = Object.freeze({
  highMissing: 0.2,
  highCardinality: 0.5,
  skewness: 2,
  manyZeros: 0.5,
  iqrK: 1.5,
  madZ: 3.5,
  outlierShare: 0.01,
  highCorrelation: 0.9,
  parsedAsText: 0.95,
  psi: 0.2,
});

/** The range each threshold must lie in: shares and |r| in (0, 1], the others above 0. */
const RANGES: Readonly<Record<keyof AlertThresholds, 'share' | 'positive'>> = {
  highMissing: 'share',
  highCardinality: 'share',
  skewness: 'positive',
  manyZeros: 'share',
  iqrK: 'positive',
  madZ: 'positive',
  outlierShare: 'share',
  highCorrelation: 'share',
  parsedAsText: 'share',
  psi: 'positive',
};

/**
 * The thresholds to use: the user's values over {@link DEFAULT_THRESHOLDS}. Each given value must
 * be a finite number, in (0, 1] for the shares and for `highCorrelation` (`highMissing`,
 * `highCardinality`, `manyZeros`, `outlierShare`, `parsedAsText`), above 0 for the others
 * (`skewness`, `iqrK`, `madZ`, `psi`). A key left `undefined` keeps its default.
 *
 * @throws InvalidArgumentError naming the threshold and the value, for an unknown threshold or a
 *   value out of its range.
 * @example resolveThresholds({ highMissing: 0.5 }).highMissing // 0.5
 */
export function resolveThresholds(partial: Partial<AlertThresholds> = {}): AlertThresholds {
  const out: Record<string, number> = { ...DEFAULT_THRESHOLDS };
  for (const [key, value] of Object.entries(partial)) {
    if (value === undefined) continue;
    const range = RANGES[key as keyof AlertThresholds] as 'share' | 'positive' | undefined;
    if (range === undefined) {
      throw new InvalidArgumentError(
        `resolveThresholds: no threshold ${JSON.stringify(key)}; the thresholds are ${Object.keys(RANGES).join(', ')}`,
      );
    }
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      value > 0 &&
      (range === 'positive' || value <= 1);
    if (!ok) {
      const wanted = range === 'share' ? 'a number in (0, 1]' : 'a finite number above 0';
      throw new InvalidArgumentError(
        `resolveThresholds: threshold ${key} must be ${wanted}, got ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`,
      );
    }
    out[key] = value;
  }
  return Object.freeze(out) as unknown as AlertThresholds;
}
