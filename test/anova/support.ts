import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { GroupSample, GroupSummary } from '../../src/anova/types.ts';
import { mulberry32 } from '../support/prng.ts';
import { decimalSums } from './nist.ts';

/** Relative closeness with the tolerance sized to the reference's precision. */
export function expectClose(actual: number | null | undefined, expected: number | null, rel: number): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(actual).toBeTypeOf('number');
  const err = Math.abs((actual as number) - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
  if (!(err <= rel)) {
    expect.fail(`expected ${actual} to be within relative ${rel} of ${expected} (relative error ${err})`);
  }
}

interface Stats {
  readonly [key: string]: number | null;
}

/** One data set of test/anova/reference/reference.json (R output of reference.R). */
export interface ReferenceDataset {
  readonly name: string;
  readonly groups: readonly GroupSample[];
  readonly anova: Stats;
  readonly welch: Stats;
  readonly brownForsythe: Stats;
  readonly kruskalWallis: Stats;
  readonly leveneMean: Stats;
  readonly leveneMedian: Stats;
  readonly bartlett: Stats;
}

export const REFERENCE: readonly ReferenceDataset[] = (
  JSON.parse(readFileSync(new URL('./reference/reference.json', import.meta.url), 'utf8')) as {
    datasets: ReferenceDataset[];
  }
).datasets;

export function stat(s: Stats, key: string): number {
  const v = s[key];
  if (typeof v !== 'number') throw new Error(`reference has no number ${key}`);
  return v;
}

/** A deterministic permutation (mulberry32-driven Fisher-Yates). */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = mulberry32(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Exact decimal summaries of doubles written as short decimals (R's data such as 4.17). */
export function summariesOf(groups: readonly GroupSample[]): GroupSummary[] {
  return groups.map((g) => ({ group: g.group, ...decimalSums(g.values.map((v) => String(v))) }));
}
