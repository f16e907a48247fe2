import type { Warehouse } from '../warehouse/index.ts';
import type { SpreadTestResult } from './compare-types.ts';
import { doubleToDecimalText, rankSumsQuery } from './group-sql.ts';
import { oneWayAnovaFromSummaries } from './one-way.ts';

export interface SumsRow {
  g: string | null;
  n: number;
  nulls: number;
  s: string | number | null;
  q: string | number | null;
}

export function text(v: string | number | null): string {
  if (v === null) return '0';
  return typeof v === 'number' ? doubleToDecimalText(v) : v;
}

/** What one observation is, for the result. */
export function unitOfAnalysis(tableSql: string): string {
  if (tableSql === '"gold"."customer_monthly_spend"') {
    return 'one row of gold.customer_monthly_spend: a customer-month with a valid order (months without a purchase are absent, not zeros)';
  }
  return `one row of ${tableSql}; rows without a value or a group are left out`;
}

/** Per group n and rank sum (average ranks over all groups), and the tie term, from DuckDB. */
export async function rankSums(
  wh: Warehouse,
  rows: string,
): Promise<{
  groups: { group: string; n: number; rankSum: number }[];
  ties: { sumTiesCubedMinusTies: number; n: number };
}> {
  const r = await wh.all<{ g: string; n: number; rank_sum: number; tie_term: number }>(rankSumsQuery(rows));
  const n = r.reduce((a, x) => a + x.n, 0);
  return {
    groups: r.map((x) => ({ group: x.g, n: x.n, rankSum: x.rank_sum })),
    ties: { sumTiesCubedMinusTies: r[0]?.tie_term ?? 0, n },
  };
}

export interface SpreadRow {
  g: string;
  n: number;
  s_mean: number;
  q_mean: number;
  s_median: number;
  q_median: number;
  mean: number;
  median: number;
}

/** Levene (mean) or Brown-Forsythe (median): the one-way ANOVA on z = |x - centre|. */
export function spread(rows: readonly SpreadRow[], center: 'mean' | 'median'): SpreadTestResult {
  const pick = (r: SpreadRow) =>
    center === 'mean'
      ? { s: r.s_mean, q: r.q_mean, c: r.mean }
      : { s: r.s_median, q: r.q_median, c: r.median };
  const anova = oneWayAnovaFromSummaries(
    rows.map((r) => ({
      group: r.g,
      n: r.n,
      sum: doubleToDecimalText(pick(r).s),
      sumSquares: doubleToDecimalText(pick(r).q),
      approximate: true,
    })),
  );
  return {
    kind: 'levene',
    center,
    f: anova.f,
    df1: anova.table.between.df,
    df2: anova.table.within.df,
    pValue: anova.pValue,
    groups: rows.map((r) => ({ group: r.g, n: r.n, center: pick(r).c })),
    warnings: anova.warnings,
  };
}
