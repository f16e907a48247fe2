import { DOUBLE, INTEGER, VARCHAR } from '@duckdb/node-api';
import { TypedParam } from '../warehouse/params.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';
import type { ProfileScope, SqlParamList } from './profile-source.ts';

/** The temporary table of a profile's value counts (see {@link withValueCounts}). */
export const VALUE_COUNTS = 'shopstat_profile_value_counts';

/**
 * Runs `fn` while the value-counts table of a scope exists, and drops it in `finally`: for each
 * numeric column (one `union all` branch, a hash GROUP BY over (group, value)), each distinct
 * non-null value with its number of rows and its DOUBLE value `v` (null for NaN and infinities),
 * as columns `col, g, v, n`. The exact distinct count (rows per column and group) and the numeric
 * statistics after the summary (quantiles, power sums, histogram, IQR and MAD rules, on the rows
 * with `v`) are computed from it, so the rows are read once more, not sorted, however many
 * statistics need them: ~500k rows for a 10M-row column of 500k distinct values, 40 for one of 40.
 * Distinct values that are equal as DOUBLE (wide DECIMALs can be) are separate rows with equal `v`.
 */
export async function withValueCounts<T>(
  wh: Warehouse,
  scope: ProfileScope,
  fn: () => Promise<T>,
): Promise<T> {
  const branches = scope.columns
    .filter((c) => c.kind === 'numeric')
    .map(
      (c) =>
        `select ${c.index} as col, g, any_value(${c.value}) as v, count(*) as n from src where ${c.raw} is not null group by g, ${c.raw}`,
    );
  await wh.run(
    `create or replace temp table ${VALUE_COUNTS} as ${scope.cte} ${branches.join('\nunion all\n')}`,
  );
  try {
    return await fn();
  } finally {
    await wh.run(`drop table if exists ${VALUE_COUNTS}`);
  }
}

/** Figures of one numeric column in one group, computed by an earlier query. */
export interface ColumnFigures {
  readonly col: number;
  readonly g: string | null;
  readonly values: readonly (number | null)[];
}

/**
 * The rows of the value-counts table with a finite value as `c`, each with per-(column, group)
 * figures of an earlier query (the mean, the quartiles) as `p.<name>`, joined from a `values` list
 * of bound parameters (`g is not distinct from`, so the null group joins). Rows without figures
 * are left out; `figures` must not be empty.
 */
export function countsWithFigures(
  params: SqlParamList,
  names: readonly string[],
  figures: readonly ColumnFigures[],
): string {
  const tuples = figures.map(
    (f) =>
      `(${params.add(new TypedParam(f.col, INTEGER))}, ${params.add(new TypedParam(f.g, VARCHAR))}, ${f.values.map((v) => params.add(new TypedParam(v, DOUBLE))).join(', ')})`,
  );
  return `${VALUE_COUNTS} as c join (select * from (values ${tuples.join(', ')}) as t(col, g, ${names.join(', ')})) as p
  on c.col = p.col and c.g is not distinct from p.g and c.v is not null`;
}
