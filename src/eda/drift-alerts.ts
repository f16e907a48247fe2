import { formatCount, formatFigure, formatPercent, formatThresholdPercent } from './alert-figures.ts';
import type { ColumnDriftFigures } from './drift-columns.ts';
import type { AlertThresholds, ProfileAlert } from './types.ts';

/** `drift_missing` fires when a column's missing share changes by at least this much (absolute): 10 points. */
export const DRIFT_MISSING_CHANGE = 0.1;

/** `drift_categories` fires when new (or vanished) categories hold at least this share of B's (A's) rows: 5 %. */
export const DRIFT_CATEGORY_SHARE = 0.05;

/**
 * The alerts of a drift comparison (pure), by column order then code:
 *
 * - `drift_categories`: categories only in B hold `>=` {@link DRIFT_CATEGORY_SHARE} of B's rows, or
 *   categories only in A hold that share of A's rows (value: the larger share).
 * - `drift_missing`: |missing share B - missing share A| `>=` {@link DRIFT_MISSING_CHANGE}, computed
 *   from the counts as one fraction (so 30 % against 20 % is exactly 0.1).
 * - `drift_psi`: PSI `>= thresholds.psi`.
 *
 * Nothing fires for a column when a slice has no rows.
 */
export function driftAlerts(
  columns: readonly ColumnDriftFigures[],
  thresholds: AlertThresholds,
): ProfileAlert[] {
  const out: ProfileAlert[] = [];
  for (const { drift: d, rows, missing } of columns) {
    if (rows.a === 0 || rows.b === 0) continue;
    const add = (code: ProfileAlert['code'], message: string, value: number, threshold: number) =>
      out.push({ code, columns: [d.name], message: `${d.name}: ${message}`, value, threshold });
    const totals = d.categoryTotals;
    if (totals != null) {
      const newShare = totals.new.rows / rows.b;
      const vanishedShare = totals.vanished.rows / rows.a;
      const value = Math.max(newShare, vanishedShare);
      if (value >= DRIFT_CATEGORY_SHARE) {
        const part = (t: { values: number; rows: number }, where: string, n: number, s: number) =>
          `${formatCount(t.values)} ${where} categor${t.values === 1 ? 'y holds' : 'ies hold'} ${formatPercent(s)} of ${where === 'new' ? "B's" : "A's"} rows (${formatCount(t.rows)} of ${formatCount(n)})`;
        add(
          'drift_categories',
          `${part(totals.new, 'new', rows.b, newShare)}, ${part(totals.vanished, 'vanished', rows.a, vanishedShare)}; threshold ${formatThresholdPercent(DRIFT_CATEGORY_SHARE)}`,
          value,
          DRIFT_CATEGORY_SHARE,
        );
      }
    }
    // |mb / nb - ma / na| as one fraction of integers: exact up to the final division.
    const change = Math.abs(missing.b * rows.a - missing.a * rows.b) / (rows.a * rows.b);
    if (change >= DRIFT_MISSING_CHANGE) {
      const ma = missing.a / rows.a;
      const mb = missing.b / rows.b;
      const sign = mb >= ma ? '+' : '-';
      add(
        'drift_missing',
        `missing ${formatPercent(ma)} in A, ${formatPercent(mb)} in B (${sign}${(change * 100).toFixed(1)} points), threshold ${formatThresholdPercent(DRIFT_MISSING_CHANGE).replace(' %', ' points')}`,
        change,
        DRIFT_MISSING_CHANGE,
      );
    }
    if (d.psi !== null && d.psi.value >= thresholds.psi) {
      add(
        'drift_psi',
        `PSI ${formatFigure(d.psi.value)} over ${d.psi.bins.length} bins, threshold ${formatFigure(thresholds.psi)} (0.1 to 0.25 is read as a moderate shift, above 0.25 as significant)`,
        d.psi.value,
        thresholds.psi,
      );
    }
  }
  return out;
}
