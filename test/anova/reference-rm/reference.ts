import { readFileSync } from 'node:fs';
import type { RepeatedMeasuresRow } from '../../../src/anova/rm-complete-subjects.ts';
import type { RepeatedMeasuresInput } from '../../../src/anova/rm-types.ts';

/** One data set of test/anova/reference-rm/reference.json (R output of reference.R). */
export interface RmReference {
  readonly name: string;
  readonly levels: readonly string[];
  readonly subjects: number;
  readonly rows: readonly RepeatedMeasuresRow[];
  readonly table: Readonly<Record<string, number>>;
  readonly sphericity: Readonly<Record<string, number>> | null;
  readonly friedman: { chiSquared: number; df: number; pValue: number; kendallW: number };
  readonly pairedT?: number;
}

export const RM_REFERENCE: readonly RmReference[] = (
  JSON.parse(readFileSync(new URL('./reference.json', import.meta.url), 'utf8')) as {
    datasets: RmReference[];
  }
).datasets;

export function rmReference(name: string): RmReference {
  const d = RM_REFERENCE.find((r) => r.name === name);
  if (d === undefined) throw new Error(`no reference ${name}`);
  return d;
}

/** Sums and cross products of (value - shift) per level, as the warehouse query forms them. */
export function momentsOf(ref: RmReference, shift: number): RepeatedMeasuresInput {
  const k = ref.levels.length;
  const bySubject = new Map<string, number[]>();
  for (const r of ref.rows) {
    const row = bySubject.get(r.subject) ?? new Array<number>(k).fill(0);
    row[ref.levels.indexOf(r.level)] = r.value - shift;
    bySubject.set(r.subject, row);
  }
  const sums = new Array<number>(k).fill(0);
  const crossProducts = ref.levels.map(() => new Array<number>(k).fill(0));
  for (const x of bySubject.values()) {
    for (let l = 0; l < k; l++) {
      sums[l] = (sums[l] ?? 0) + (x[l] ?? 0);
      for (let m = 0; m < k; m++) {
        const row = crossProducts[l] as number[];
        row[m] = (row[m] ?? 0) + (x[l] ?? 0) * (x[m] ?? 0);
      }
    }
  }
  return { levels: ref.levels, subjects: bySubject.size, sums, crossProducts, shift };
}

/** The overall mean of the values: the shift the integrator subtracts. */
export function overallMean(ref: RmReference): number {
  return ref.rows.reduce((s, r) => s + r.value, 0) / ref.rows.length;
}
