import { InvalidArgumentError } from '../errors.ts';
import type { ColumnInfo } from '../warehouse/decode.ts';
import { quoteIdentifier } from '../warehouse/identifiers.ts';
import type { ResolvedTable } from '../warehouse/table-columns.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import { resolveThresholds } from './alert-thresholds.ts';
import { driftAlerts } from './drift-alerts.ts';
import { decileEdges, driftColumns, driftKind } from './drift-columns.ts';
import {
  type CompareSpec,
  checkCompare,
  isScalarType,
  type SliceCondition,
  sliceCondition,
} from './drift-compare.ts';
import {
  categoriesQuery,
  type DriftColumnSpec,
  numericBinsQuery,
  type SlicedSource,
  sliceStatsQuery,
} from './drift-queries.ts';
import type { AlertThresholds, DriftResult } from './types.ts';
import { checkWhere } from './where-clause.ts';

export { parseCompare } from './drift-compare.ts';

/** How many new, vanished and top categories a drift comparison keeps per column by default. */
export const DEFAULT_DRIFT_TOP_K = 10;

/** Options of {@link compareSlices}; every one is recorded in the result. */
export interface CompareSlicesOptions {
  /** Columns to compare (as the user names them); default every column but the compare column. */
  readonly columns?: readonly string[];
  /** A SQL predicate on the table's rows, applied to both slices; a single expression. Default none. */
  readonly where?: string | null;
  /** New / vanished categories listed, and A's top values used as PSI bins; default 10, 1 to 1,000. */
  readonly topK?: number;
  /** Alert thresholds over the defaults; `psi` is the one drift uses. */
  readonly thresholds?: Partial<AlertThresholds>;
}

/**
 * Compares two slices of a table (`shopstat profile --compare col=A,B`): the rows where `column`
 * is A against those where it is B, column by column. A and B are bound as parameters and cast by
 * DuckDB to the column's type; for a DATE or TIMESTAMP column `YYYY-MM` means that whole month
 * (timestamps with time zone: the month in UTC). Every other value is exact.
 *
 * Per column: the missing share in A and B; numeric columns: the mean shift (B - A, means by
 * Kahan summation on doubles) and the quantiles at QUANTILE_PROBS of both (R type 7), and the PSI
 * over bins at A's distinct deciles; text and boolean columns: the categories only in B (new) and
 * only in A (vanished), the first `topK` of each by count with their totals, and the PSI over A's
 * `topK` most frequent values plus all other values together. Dates, timestamps and other types
 * get the missing shares only. See `populationStabilityIndex` for the PSI and its empty-bin floor
 * and `driftAlerts` for the alerts (`drift_psi`, `drift_missing`, `drift_categories`).
 *
 * All counting runs in DuckDB: three queries over both slices whatever the number of columns.
 * `where` is SQL from the user and is spliced into the queries (checked to be one statement):
 * callers taking it from a user open the warehouse read-only and run
 * `set enable_external_access = false` first, so it can neither write nor read files.
 *
 * A slice without rows is not an error: its figures and every PSI are `null` and the result gets
 * an `empty_slice` warning.
 *
 * @throws InvalidArgumentError for an unknown table or column, a compare column of a nested type,
 *   A equal to B, a value that does not parse as the column's type (naming both), a `where` that
 *   is not one expression, a bad `topK` or threshold.
 * @example await compareSlices(wh, 'gold.revenue_by', { column: 'month', a: '2025-09', b: '2025-10' })
 */
export async function compareSlices(
  wh: Warehouse,
  table: string,
  compare: CompareSpec,
  options: CompareSlicesOptions = {},
): Promise<DriftResult> {
  const spec = checkCompare(compare, 'compareSlices');
  const topK = options.topK ?? DEFAULT_DRIFT_TOP_K;
  if (!Number.isInteger(topK) || topK < 1 || topK > 1000) {
    throw new InvalidArgumentError(`compareSlices: topK must be an integer from 1 to 1000, got ${topK}`);
  }
  const thresholds = resolveThresholds(options.thresholds);
  const resolved = await wh.resolveTable(table);
  const by = await wh.resolveColumn(table, spec.column);
  if (!isScalarType(by.type)) {
    throw new InvalidArgumentError(
      `compareSlices: column ${JSON.stringify(by.name)} is a ${by.type}; compare by a column of a plain type (text, number, date)`,
    );
  }
  // One condition, checked as profiles check it (a parse-tree comparison, not a statement count).
  const where = options.where?.trim() ? await checkWhere(wh, options.where.trim(), 'compareSlices') : null;
  const columns = await pickColumns(wh, table, resolved, by.name, options.columns);
  const bySql = quoteIdentifier(by.name);
  const a = sliceCondition(bySql, by.type, spec.a, 'a');
  const b = sliceCondition(bySql, by.type, spec.b, 'b');
  await checkValues(wh, by, spec, a, b);

  const specs: DriftColumnSpec[] = columns.map((c, index) => ({
    name: c.name,
    sql: quoteIdentifier(c.name),
    type: c.type,
    kind: driftKind(c.type),
    index,
  }));
  const source: SlicedSource = { tableSql: resolved.sql, a, b, where, columns: specs };
  const stats = await wh.query(sliceStatsQuery(source));
  const statsA = stats.rows.find((r) => r.slice === 'a');
  const statsB = stats.rows.find((r) => r.slice === 'b');
  const edges = new Map<number, number[]>();
  if (statsB !== undefined) {
    for (const c of specs) {
      const e = c.kind === 'numeric' ? decileEdges(statsA, c.index) : [];
      if (e.length > 0) edges.set(c.index, e);
    }
  }
  const binsQuery = numericBinsQuery(source, edges);
  const categorical = specs.filter((c) => c.kind === 'text' || c.kind === 'boolean').map((c) => c.index);
  const catQuery = categoriesQuery(source, categorical, topK);
  const bins = binsQuery === null ? [] : await wh.all(binsQuery);
  const categories = catQuery === null ? [] : await wh.all(catQuery);
  const figures = driftColumns(specs, { stats: stats.rows, bins, categories, edges });

  const rows = { a: Number(statsA?.rows ?? 0), b: Number(statsB?.rows ?? 0) };
  const slices = { a: describeSlice(by.name, spec.a, a), b: describeSlice(by.name, spec.b, b) };
  const warnings: { code: string; message: string }[] = stats.warnings.map((w) => ({ ...w }));
  for (const s of ['a', 'b'] as const) {
    if (rows[s] > 0) continue;
    warnings.push({
      code: 'empty_slice',
      message: `slice ${s.toUpperCase()} (${slices[s]}) has no rows${where === null ? '' : ' matching the where predicate'}; its figures and the PSI are null`,
    });
  }
  return {
    kind: 'drift',
    source: { kind: 'table', name: `${resolved.schema}.${resolved.name}`, columns: resolved.columns },
    compare: { column: by.name, a: spec.a, b: spec.b },
    slices,
    options: { columns: specs.map((c) => c.name), where, topK },
    rows,
    columns: figures.map((f) => f.drift),
    alerts: driftAlerts(figures, thresholds),
    thresholds,
    warnings,
  };
}

async function pickColumns(
  wh: Warehouse,
  table: string,
  resolved: ResolvedTable,
  by: string,
  wanted: readonly string[] | undefined,
): Promise<ColumnInfo[]> {
  if (wanted === undefined) return resolved.columns.filter((c) => c.name !== by);
  const out: ColumnInfo[] = [];
  for (const name of wanted) {
    const c = await wh.resolveColumn(table, name);
    if (c.name === by) {
      throw new InvalidArgumentError(
        `compareSlices: column ${JSON.stringify(c.name)} is the compare column; leave it out of the columns`,
      );
    }
    if (!out.some((o) => o.name === c.name)) out.push(c);
  }
  return out;
}

async function checkValues(
  wh: Warehouse,
  by: ColumnInfo,
  spec: CompareSpec,
  a: SliceCondition,
  b: SliceCondition,
): Promise<void> {
  for (const [name, condition, value] of [
    ['A', a, spec.a],
    ['B', b, spec.b],
  ] as const) {
    if (condition.reading === 'month') continue;
    const bad = await wh.scalar(`select (try_cast($v as ${by.type}) is null)::integer`, { v: value });
    if (bad === 1) {
      const month = /^(DATE|TIMESTAMP)/.test(by.type) ? ' (or YYYY-MM for a whole month)' : '';
      throw new InvalidArgumentError(
        `compareSlices: value ${name} ${JSON.stringify(value)} is not a ${by.type}${month}, the type of column ${JSON.stringify(by.name)}`,
      );
    }
  }
}

function describeSlice(column: string, value: string, condition: SliceCondition): string {
  if (condition.reading === 'value') return `${JSON.stringify(column)} = ${JSON.stringify(value)}`;
  const [from, to] = Object.values(condition.params);
  return `${JSON.stringify(column)} in [${from}, ${to})`;
}
