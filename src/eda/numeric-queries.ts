import type { SqlQuery } from '../warehouse/params.ts';
import { binIndexSql } from './histogram.ts';
import { groupParams, type ProfiledColumn, type ProfileScope, SqlParamList } from './profile-source.ts';
import { QUANTILE_PROBS } from './types.ts';

/** Per-group figures of the numeric columns from an earlier query, keyed `<name><column index>`. */
export type GroupFigures = ReadonlyMap<string | null, Readonly<Record<string, number | null>>>;

/**
 * A query over the numeric columns of a scope that needs figures of an earlier one (the mean, the
 * quartiles): those are joined to every row from a `params` CTE, per group. One scan for all
 * numeric columns and all groups; one result row per group.
 */
function numericSql(
  scope: ProfileScope,
  figures: GroupFigures,
  names: readonly string[],
  items: (c: ProfiledColumn, p: (name: string) => string) => string[],
): SqlQuery {
  const numeric = scope.columns.filter((c) => c.kind === 'numeric');
  const params = new SqlParamList();
  const columnNames = numeric.flatMap((c) => names.map((n) => `${n}${c.index}`));
  const rows = [...figures].map(([g, f]) => ({ g, values: columnNames.map((k) => f[k] ?? null) }));
  const joined = groupParams(params, columnNames, rows);
  const select = ['src.g', ...numeric.flatMap((c) => items(c, (name) => `params.${name}${c.index}`))];
  const sql = `${scope.cte}, ${joined.cte} select ${select.join(', ')} from src ${joined.join} group by src.g`;
  return { sql, params: params.values };
}

/**
 * The second scan: power sums of (x - mean) up to the fourth (for sd, skewness, kurtosis; see
 * `momentsFromShiftedSums`) and the quantiles at QUANTILE_PROBS (R type 7, `quantile_cont`).
 * Needs `mean<i>`.
 */
export function momentsSql(scope: ProfileScope, figures: GroupFigures): SqlQuery {
  const probs = `[${QUANTILE_PROBS.join(', ')}]`;
  return numericSql(scope, figures, ['mean'], (c, p) => {
    const d = `(${c.value} - ${p('mean')})`;
    const i = c.index;
    return [
      `sum(${d}) as s1_${i}`,
      `sum(${d} * ${d}) as s2_${i}`,
      `sum(${d} * ${d} * ${d}) as s3_${i}`,
      `sum(${d} * ${d} * ${d} * ${d}) as s4_${i}`,
      `quantile_cont(${c.value}, ${probs}) as quantiles${i}`,
    ];
  });
}

/**
 * The third scan: histogram bin counts (DuckDB's `histogram` aggregate over the bin number, a
 * hash GROUP BY per column within the one scan), IQR-rule outliers, and the MAD (median of
 * |x - median|). Needs `min<i>`, `width<i>`, `bins<i>`, `iqr_lower<i>`, `iqr_upper<i>`, `median<i>`.
 */
export function spreadSql(scope: ProfileScope, figures: GroupFigures): SqlQuery {
  const names = ['min', 'width', 'bins', 'iqr_lower', 'iqr_upper', 'median'];
  return numericSql(scope, figures, names, (c, p) => {
    const v = c.value;
    const i = c.index;
    return [
      `histogram(${binIndexSql(v, p('min'), p('width'), p('bins'))}) filter (where ${v} is not null) as histogram${i}`,
      `count(*) filter (where ${v} < ${p('iqr_lower')} or ${v} > ${p('iqr_upper')}) as iqr_outliers${i}`,
      `quantile_cont(abs(${v} - ${p('median')}), 0.5) as mad${i}`,
    ];
  });
}

/** The fourth scan: MAD-rule outliers outside [`mad_lower<i>`, `mad_upper<i>`]. */
export function madOutliersSql(scope: ProfileScope, figures: GroupFigures): SqlQuery {
  return numericSql(scope, figures, ['mad_lower', 'mad_upper'], (c, p) => [
    `count(*) filter (where ${c.value} < ${p('mad_lower')} or ${c.value} > ${p('mad_upper')}) as mad_outliers${c.index}`,
  ]);
}
