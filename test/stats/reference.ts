import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** A committed reference file: R (reference.R) or mpmath (reference.py) output. */
export function loadReference(name: 'reference-r.json' | 'reference-mpmath.json'): Record<string, unknown> {
  const url = new URL(`./reference/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8'), (_key, value) =>
    value === 'Infinity'
      ? Number.POSITIVE_INFINITY
      : value === '-Infinity'
        ? Number.NEGATIVE_INFINITY
        : value,
  ) as Record<string, unknown>;
}

/** The rows of one block of a reference file. */
export function rows<T>(reference: Record<string, unknown>, block: string): T[] {
  const value = reference[block];
  if (!Array.isArray(value)) throw new Error(`reference block ${block} missing`);
  return value as T[];
}

/** |actual - expected| <= rel * |expected| (exact equality for 0 and infinities). */
export function expectClose(actual: number, expected: number, rel: number, label = ''): void {
  if (expected === 0 || !Number.isFinite(expected)) {
    expect(actual, label).toBe(expected);
    return;
  }
  const error = Math.abs(actual - expected) / Math.abs(expected);
  if (!(error <= rel)) {
    expect.fail(
      `${label}: got ${actual}, expected ${expected}, relative error ${error.toExponential(2)} > ${rel}`,
    );
  }
}

/** The worst relative error of a set of pairs (for the accuracy summary tests). */
export function worstRelativeError(pairs: readonly (readonly [number, number])[]): number {
  let worst = 0;
  for (const [actual, expected] of pairs) {
    if (expected === 0 || !Number.isFinite(expected)) continue;
    worst = Math.max(worst, Math.abs(actual - expected) / Math.abs(expected));
  }
  return worst;
}
