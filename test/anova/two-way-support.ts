import { readFileSync } from 'node:fs';
import type { CellSummary, SsType, TwoWayRow } from '../../src/anova/two-way-types.ts';
import { decimalSums } from './nist.ts';

/** One ANOVA table row as R prints it (reference.R). */
export interface ReferenceRow {
  readonly term: string;
  readonly df: number;
  readonly sumSq: number;
  readonly meanSq: number;
  readonly f: number | null;
  readonly pValue: number | null;
}

export interface ReferenceFit {
  readonly ssType: SsType;
  readonly interaction: boolean;
  /** 'ab': the factors in the order of factorNames; 'ba': swapped. */
  readonly order: 'ab' | 'ba';
  readonly table: readonly ReferenceRow[];
}

/** One data set of test/anova/reference-two-way/reference.json (R output of reference.R). */
export interface TwoWayReference {
  readonly name: string;
  readonly source: string;
  readonly factorNames: readonly [string, string];
  readonly rows: readonly TwoWayRow[];
  readonly fits: readonly ReferenceFit[];
}

export const TWO_WAY_REFERENCE: readonly TwoWayReference[] = (
  JSON.parse(readFileSync(new URL('./reference-two-way/reference.json', import.meta.url), 'utf8')) as {
    datasets: TwoWayReference[];
  }
).datasets;

export function referenceSet(name: string): TwoWayReference {
  const set = TWO_WAY_REFERENCE.find((d) => d.name === name);
  if (set === undefined) throw new Error(`no reference data set ${name}`);
  return set;
}

/** Rows with the roles of the two factors exchanged. */
export function swapped(rows: readonly TwoWayRow[]): TwoWayRow[] {
  return rows.map((r) => ({ a: r.b, b: r.a, value: r.value }));
}

/**
 * Exact decimal cell sums of rows whose doubles are short decimals (R's data such as 4.2), in
 * order of first appearance; an oracle that shares no code with the module.
 */
export function cellsOf(rows: readonly TwoWayRow[]): CellSummary[] {
  const cells = new Map<string, { a: string; b: string; values: string[] }>();
  for (const r of rows) {
    const k = `${r.a}\u0000${r.b}`;
    const c = cells.get(k) ?? { a: r.a, b: r.b, values: [] };
    c.values.push(String(r.value));
    cells.set(k, c);
  }
  return [...cells.values()].map((c) => ({ a: c.a, b: c.b, ...decimalSums(c.values) }));
}
