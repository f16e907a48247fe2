import { formatCount, formatFigure, formatPercent, formatThresholdPercent } from './alert-figures.ts';
import type {
  AlertThresholds,
  ColumnProfile,
  CorrelationMatrix,
  NumericColumnProfile,
  ProfileAlert,
  TableProfile,
  TextColumnProfile,
} from './types.ts';

export { DEFAULT_THRESHOLDS, resolveThresholds } from './alert-thresholds.ts';

/** Cardinality is only "high" for a text column with more than this many distinct values. */
export const HIGH_CARDINALITY_MIN_DISTINCT = 50;

type Code = ProfileAlert['code'];
type Draft = Omit<ProfileAlert, 'group'>;

/**
 * The alerts of a profile, from its column and table statistics (pure: no DuckDB). Each alert
 * fires when its figure reaches the threshold (`>=`):
 *
 * - `constant`: at most one distinct value among at least one row (value: distinct, threshold 1);
 *   this covers a column that is all missing.
 * - `high_missing`: missing share `>= highMissing`.
 * - `unique`: as many distinct values as non-missing ones, at least 2 of them (value 1,
 *   threshold 1). A unique text column is not also reported as `high_cardinality`.
 * - `high_cardinality` (text): more than {@link HIGH_CARDINALITY_MIN_DISTINCT} distinct values and
 *   distinct / non-missing `>= highCardinality`.
 * - `skewed` (numeric): |skewness| `>= skewness`.
 * - `many_zeros` (numeric): zeros / non-missing values `>= manyZeros`.
 * - `outliers` (numeric): the larger of the IQR-rule and MAD-rule counts (from the profile's
 *   `Outliers`, computed with `iqrK` and `madZ`) over the non-missing values `>= outlierShare`;
 *   the message gives both counts.
 * - `high_correlation`: a pair of columns with |Pearson| or |Spearman| `>= highCorrelation`,
 *   reported once per pair with both coefficients (value: the larger |r|).
 * - `numbers_as_text` / `dates_as_text` (text): `numericLike` / `dateLike` over the non-missing
 *   values `>= parsedAsText`.
 * - `date_gaps` (date, timestamp): at least one day in [min, max] without a row (value: missing
 *   days, threshold 1); the message names the longest gap.
 *
 * Order: by the position of the (first) column in `columns`, then by code. Correlation alerts
 * come with their earlier column; pairs naming a column not in `columns` come last. `group` (a
 * `--by` group) is copied into every alert when given.
 *
 * @example profileAlerts([revenue], null, DEFAULT_THRESHOLDS)
 *   // [{ code: 'high_missing', columns: ['revenue'], message: 'revenue: 25.0 % missing (1 of 4 rows), threshold 20 %', value: 0.25, threshold: 0.2 }]
 */
export function profileAlerts(
  columns: readonly ColumnProfile[],
  table: TableProfile | null,
  thresholds: AlertThresholds,
  group?: string | null,
): ProfileAlert[] {
  const position = new Map(columns.map((c, i) => [c.name, i] as const));
  const at = (name: string) => position.get(name) ?? columns.length;
  const drafts: Draft[] = columns.flatMap((c) => columnAlerts(c, thresholds));
  if (table !== null) drafts.push(...correlationAlerts(table, thresholds, at));
  const key = (d: Draft) => [at(d.columns[0] ?? ''), at(d.columns[1] ?? '')] as const;
  drafts.sort((x, y) => {
    const [x0, x1] = key(x);
    const [y0, y1] = key(y);
    return (
      x0 - y0 || compareText(x.code, y.code) || x1 - y1 || compareText(x.columns.join(), y.columns.join())
    );
  });
  return group === undefined ? drafts : drafts.map((d) => ({ ...d, group }));
}

function columnAlerts(c: ColumnProfile, t: AlertThresholds): Draft[] {
  const out: Draft[] = [];
  const present = c.count - c.missing;
  const add = (code: Code, message: string, value: number, threshold: number) =>
    out.push({ code, columns: [c.name], message: `${c.name}: ${message}`, value, threshold });

  if (c.count > 0 && c.distinct <= 1) {
    add(
      'constant',
      present === 0
        ? `constant: all ${formatCount(c.count)} rows missing`
        : `constant: one distinct value in ${formatCount(present)} non-missing of ${formatCount(c.count)} rows`,
      c.distinct,
      1,
    );
  }
  if (c.missingShare !== null && c.missingShare >= t.highMissing) {
    add(
      'high_missing',
      `${formatPercent(c.missingShare)} missing (${formatCount(c.missing)} of ${formatCount(c.count)} rows), threshold ${formatThresholdPercent(t.highMissing)}`,
      c.missingShare,
      t.highMissing,
    );
  }
  const unique = present >= 2 && c.distinct === present;
  if (unique) {
    add(
      'unique',
      `unique: ${formatCount(c.distinct)} distinct values in ${formatCount(present)} non-missing rows`,
      1,
      1,
    );
  }
  if (c.kind === 'numeric') numericAlerts(c, t, add);
  if (c.kind === 'text') textAlerts(c, t, unique, add);
  if ((c.kind === 'date' || c.kind === 'timestamp') && c.missingDays !== null && c.missingDays >= 1) {
    const gap = c.longestGap;
    const longest =
      gap === null ? '' : `; longest gap ${formatCount(gap.days)} days (${gap.from} to ${gap.to})`;
    add(
      'date_gaps',
      `${formatCount(c.missingDays)} of ${formatCount(c.days ?? 0)} days from ${c.min} to ${c.max} have no rows${longest}`,
      c.missingDays,
      1,
    );
  }
  return out;
}

type Add = (code: Code, message: string, value: number, threshold: number) => void;

function numericAlerts(c: NumericColumnProfile, t: AlertThresholds, add: Add): void {
  const present = c.count - c.missing;
  if (c.skewness !== null && Math.abs(c.skewness) >= t.skewness) {
    add(
      'skewed',
      `skewness ${formatFigure(c.skewness)}, threshold |skewness| ${formatFigure(t.skewness)}`,
      Math.abs(c.skewness),
      t.skewness,
    );
  }
  if (present > 0 && c.zeros / present >= t.manyZeros) {
    const share = c.zeros / present;
    add(
      'many_zeros',
      `${formatPercent(share)} zeros (${formatCount(c.zeros)} of ${formatCount(present)} values), threshold ${formatThresholdPercent(t.manyZeros)}`,
      share,
      t.manyZeros,
    );
  }
  const o = c.outliers;
  if (o !== null && present > 0) {
    const share = Math.max(o.iqr.count, o.mad.count) / present;
    if (share >= t.outlierShare) {
      add(
        'outliers',
        `${formatPercent(share)} outliers: ${formatCount(o.iqr.count)} outside [Q1 - ${formatFigure(o.iqr.k)} IQR, Q3 + ${formatFigure(o.iqr.k)} IQR] = [${formatFigure(o.iqr.lower)}, ${formatFigure(o.iqr.upper)}], ${formatCount(o.mad.count)} with |x - median| / (1.4826 MAD) above ${formatFigure(o.mad.z)}, of ${formatCount(present)} values; threshold ${formatThresholdPercent(t.outlierShare)}`,
        share,
        t.outlierShare,
      );
    }
  }
}

function textAlerts(c: TextColumnProfile, t: AlertThresholds, unique: boolean, add: Add): void {
  const present = c.count - c.missing;
  if (present === 0) return;
  const cardinality = c.distinct / present;
  if (!unique && c.distinct > HIGH_CARDINALITY_MIN_DISTINCT && cardinality >= t.highCardinality) {
    add(
      'high_cardinality',
      `${formatCount(c.distinct)} distinct values in ${formatCount(present)} non-missing rows (${formatFigure(cardinality)} per row), threshold ${formatFigure(t.highCardinality)}`,
      cardinality,
      t.highCardinality,
    );
  }
  const parsed = (code: Code, n: number, what: string) => {
    const share = n / present;
    if (share < t.parsedAsText) return;
    add(
      code,
      `${formatPercent(share)} of the values are ${what} stored as text (${formatCount(n)} of ${formatCount(present)}), threshold ${formatThresholdPercent(t.parsedAsText)}`,
      share,
      t.parsedAsText,
    );
  };
  parsed('numbers_as_text', c.numericLike, 'numbers');
  parsed('dates_as_text', c.dateLike, 'dates');
}

function correlationAlerts(table: TableProfile, t: AlertThresholds, at: (name: string) => number): Draft[] {
  const pairs = new Map<
    string,
    { columns: [string, string]; pearson: number | null; spearman: number | null }
  >();
  const visit = (m: CorrelationMatrix) => {
    m.columns.forEach((x, i) => {
      m.columns.forEach((y, j) => {
        const r = m.values[i]?.[j] ?? null;
        if (j <= i || r === null || x === y) return;
        const columns: [string, string] = at(x) <= at(y) ? [x, y] : [y, x];
        const key = JSON.stringify(columns);
        const entry = pairs.get(key) ?? { columns, pearson: null, spearman: null };
        entry[m.method] = r;
        pairs.set(key, entry);
      });
    });
  };
  visit(table.pearson);
  visit(table.spearman);
  const out: Draft[] = [];
  for (const p of pairs.values()) {
    const value = Math.max(Math.abs(p.pearson ?? 0), Math.abs(p.spearman ?? 0));
    if (value < t.highCorrelation) continue;
    const figure = (r: number | null) => (r === null ? 'n/a' : formatFigure(r));
    out.push({
      code: 'high_correlation',
      columns: p.columns,
      message: `${p.columns[0]} and ${p.columns[1]}: Pearson ${figure(p.pearson)}, Spearman ${figure(p.spearman)}, threshold |r| ${formatFigure(t.highCorrelation)}`,
      value,
      threshold: t.highCorrelation,
    });
  }
  return out;
}

/** Compares by UTF-16 code units, the same on every machine (no locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
