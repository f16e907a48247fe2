import type { Row } from '../warehouse/decode.ts';
import type { DriftColumnSpec } from './drift-queries.ts';
import { populationStabilityIndex } from './psi.ts';
import { type ColumnDrift, type ColumnKind, QUANTILE_PROBS } from './types.ts';

/** The label of the PSI bin that gathers the categories outside A's top values. */
export const OTHER_VALUES_LABEL = '(other values)';

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\))$/;

/**
 * What a column is compared as, from its DuckDB type: numbers (integers, DECIMAL, FLOAT, DOUBLE)
 * as `numeric`; VARCHAR and ENUM as `text`; BOOLEAN; DATE; TIMESTAMP kinds; anything else `other`.
 */
export function driftKind(type: string): ColumnKind {
  if (NUMERIC.test(type)) return 'numeric';
  if (type === 'VARCHAR' || type.startsWith('ENUM(')) return 'text';
  if (type === 'BOOLEAN') return 'boolean';
  if (type === 'DATE') return 'date';
  if (type.startsWith('TIMESTAMP')) return 'timestamp';
  return 'other';
}

/** A column's drift with the counts its alerts compare exactly. */
export interface ColumnDriftFigures {
  readonly drift: ColumnDrift;
  readonly rows: { readonly a: number; readonly b: number };
  readonly missing: { readonly a: number; readonly b: number };
}

/** What the three drift queries returned (see `drift-queries.ts`), as plain rows. */
export interface DriftRows {
  readonly stats: readonly Row[];
  readonly bins: readonly Row[];
  readonly categories: readonly Row[];
  /** Per numeric column index, the PSI bin edges (A's distinct deciles) used by the bins query. */
  readonly edges: ReadonlyMap<number, readonly number[]>;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const numbers = (v: unknown): (number | null)[] | null => (Array.isArray(v) ? v.map(numOrNull) : null);

/** A's distinct deciles in ascending order: the edges of the numeric PSI bins (none without values). */
export function decileEdges(statsA: Row | undefined, index: number): number[] {
  const deciles = numbers(statsA?.[`deciles_${index}`]) ?? [];
  return [...new Set(deciles.filter((d): d is number => d !== null))].sort((x, y) => x - y);
}

/** Bin labels for edges e_1 < ... < e_m: `< e_1`, `[e_1, e_2)`, ..., `>= e_m`. */
export function binLabels(edges: readonly number[]): string[] {
  const f = (x: number) => String(Number(x.toPrecision(10)));
  return [0, ...edges.map((_, j) => j + 1)].map((j) => {
    if (j === 0) return `< ${f(edges[0] as number)}`;
    if (j === edges.length) return `>= ${f(edges[j - 1] as number)}`;
    return `[${f(edges[j - 1] as number)}, ${f(edges[j] as number)})`;
  });
}

/**
 * Each column's drift from the query rows (pure). Missing shares per slice; numeric: mean shift
 * (B - A), the quantiles of both, PSI over A's decile bins; text / boolean: new and vanished
 * categories (first `topK` each, with totals), PSI over A's `topK` values plus all other values.
 */
export function driftColumns(specs: readonly DriftColumnSpec[], rows: DriftRows): ColumnDriftFigures[] {
  const statsA = rows.stats.find((r) => r.slice === 'a');
  const statsB = rows.stats.find((r) => r.slice === 'b');
  const rowsA = num(statsA?.rows);
  const rowsB = num(statsB?.rows);
  return specs.map((c) => {
    const presentA = num(statsA?.[`present_${c.index}`]);
    const presentB = num(statsB?.[`present_${c.index}`]);
    const share = (missing: number, n: number) => (n === 0 ? null : missing / n);
    const base = {
      name: c.name,
      kind: c.kind,
      missingShare: { a: share(rowsA - presentA, rowsA), b: share(rowsB - presentB, rowsB) },
      meanShift: null,
      quantileShifts: null,
      newCategories: null,
      vanishedCategories: null,
      psi: null,
    };
    let drift: ColumnDrift = base;
    if (c.kind === 'numeric') drift = { ...base, ...numericDrift(c.index, statsA, statsB, rows) };
    if (c.kind === 'text' || c.kind === 'boolean') {
      drift = { ...base, ...categoryDrift(c.index, presentA, presentB, rows.categories) };
    }
    return {
      drift,
      rows: { a: rowsA, b: rowsB },
      missing: { a: rowsA - presentA, b: rowsB - presentB },
    };
  });
}

function numericDrift(index: number, statsA: Row | undefined, statsB: Row | undefined, rows: DriftRows) {
  const meanA = numOrNull(statsA?.[`mean_${index}`]);
  const meanB = numOrNull(statsB?.[`mean_${index}`]);
  const qa = numbers(statsA?.[`quantiles_${index}`]);
  const qb = numbers(statsB?.[`quantiles_${index}`]);
  const edges = rows.edges.get(index) ?? [];
  let psi: ColumnDrift['psi'] = null;
  if (edges.length > 0) {
    const counts = (slice: string) => {
      const out = new Array<number>(edges.length + 1).fill(0);
      for (const r of rows.bins) if (r.slice === slice && r.col === index) out[num(r.bin)] = num(r.n);
      return out;
    };
    const p = populationStabilityIndex(counts('a'), counts('b'), binLabels(edges));
    if (p !== null) {
      const rule = `bins at the distinct deciles of A (quantile_cont, R type 7), [lower, upper); values of B below or above them fall in the end bins; ${p.rule}`;
      psi = { ...p, rule };
    }
  }
  return {
    meanShift: meanA === null || meanB === null ? null : meanB - meanA,
    quantileShifts: QUANTILE_PROBS.map((p, i) => ({ p, a: qa?.[i] ?? null, b: qb?.[i] ?? null })),
    psi,
  };
}

function categoryDrift(index: number, presentA: number, presentB: number, categories: readonly Row[]) {
  const mine = categories.filter((r) => r.col === index);
  const part = (name: string) => mine.filter((r) => r.part === name);
  const list = (name: string, count: 'n_a' | 'n_b') =>
    part(name).map((r) => ({ value: String(r.value), count: num(r[count]) }));
  const total = (name: string) => {
    const first = part(name)[0];
    return { values: num(first?.total_values), rows: num(first?.total_rows) };
  };
  const top = part('top');
  const labels = top.map((r) => String(r.value));
  const a = top.map((r) => num(r.n_a));
  const b = top.map((r) => num(r.n_b));
  const otherA = presentA - a.reduce((s, n) => s + n, 0);
  const otherB = presentB - b.reduce((s, n) => s + n, 0);
  if (otherA > 0 || otherB > 0) {
    labels.push(OTHER_VALUES_LABEL);
    a.push(otherA);
    b.push(otherB);
  }
  const p = labels.length === 0 ? null : populationStabilityIndex(a, b, labels);
  const rule = `bins: the ${top.length} values most frequent in A (ties by value) and ${JSON.stringify(OTHER_VALUES_LABEL)} for all others; missing values left out`;
  return {
    newCategories: list('new', 'n_b'),
    vanishedCategories: list('vanished', 'n_a'),
    categoryTotals: { new: total('new'), vanished: total('vanished') },
    psi: p === null ? null : { ...p, rule: `${rule}; ${p.rule}` },
  };
}
