import type { SqlQuery } from '../warehouse/params.ts';
import type { SliceCondition } from './drift-compare.ts';
import { type ColumnKind, QUANTILE_PROBS } from './types.ts';

/**
 * The SQL of a drift comparison (`compareSlices`): three queries over both slices that each read
 * the table once, whatever the number of columns, and return a few rows per column.
 *
 * Grain: `sliced` has one row per table row in slice A or B (a row in both is in both), with the
 * slice (`'a'` / `'b'`) and the compared columns under generated names `v0`, `v1`, ... (so no
 * column name of the table can clash). Identifiers are quoted by the caller; values are bound.
 */

/** A column compared between the slices, with its position among the compared columns. */
export interface DriftColumnSpec {
  readonly name: string;
  /** `quoteIdentifier(name)`. */
  readonly sql: string;
  readonly type: string;
  readonly kind: ColumnKind;
  /** Its index: the column is `v<index>` in `sliced` and `col = index` in the results. */
  readonly index: number;
}

/** What every query shares: the table, the slices, the user's predicate and the columns. */
export interface SlicedSource {
  readonly tableSql: string;
  readonly a: SliceCondition;
  readonly b: SliceCondition;
  /** A single SQL expression (checked by the caller), or null. */
  readonly where: string | null;
  readonly columns: readonly DriftColumnSpec[];
}

/** The deciles of slice A that bound the numeric PSI bins. */
export const DECILE_PROBS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

function slicedCte(s: SlicedSource): string {
  const projection = ['', ...s.columns.map((c) => `${c.sql} as v${c.index}`)].join(', ');
  const where = s.where === null ? '' : `(${s.where}) and `;
  return `sliced as (
  select 'a' as slice${projection} from ${s.tableSql} where ${where}(${s.a.sql})
  union all
  select 'b' as slice${projection} from ${s.tableSql} where ${where}(${s.b.sql})
)`;
}

const params = (s: SlicedSource) => ({ ...s.a.params, ...s.b.params });
const list = (xs: readonly number[]) => `[${xs.join(', ')}]`;

/**
 * Per slice: its rows, and per column its non-missing count (`present_i`); for numeric columns
 * also the mean (`favg`, Kahan-summed, on doubles), the quantiles at `QUANTILE_PROBS` and the
 * deciles (`quantile_cont`: R type 7). One row per slice that has rows.
 */
export function sliceStatsQuery(s: SlicedSource): SqlQuery {
  const parts = ['slice', 'count(*) as rows'];
  for (const c of s.columns) {
    const v = `v${c.index}`;
    parts.push(`count(${v}) as present_${c.index}`);
    if (c.kind === 'numeric') {
      parts.push(
        `favg(${v}::double) as mean_${c.index}`,
        `quantile_cont(${v}::double, ${list(QUANTILE_PROBS)}) as quantiles_${c.index}`,
        `quantile_cont(${v}::double, ${list(DECILE_PROBS)}) as deciles_${c.index}`,
      );
    }
  }
  return {
    sql: `with ${slicedCte(s)}\nselect ${parts.join(', ')} from sliced group by slice order by slice`,
    params: params(s),
  };
}

/**
 * Per slice, numeric column and bin: how many values fall in it. Bin j of a column with edges
 * e_1 < ... < e_m is the number of edges at or below the value: 0 below e_1, m at or above e_m.
 * Edges are bound as parameters `$e<index>_<j>`.
 */
export function numericBinsQuery(
  s: SlicedSource,
  edges: ReadonlyMap<number, readonly number[]>,
): SqlQuery | null {
  if (edges.size === 0) return null;
  const bound: Record<string, number | string> = { ...params(s) };
  const cols: number[] = [];
  const bins: string[] = [];
  for (const [index, e] of edges) {
    const v = `v${index}::double`;
    const whens = e.map((edge, j) => {
      bound[`e${index}_${j}`] = edge;
      return `when ${v} < $e${index}_${j} then ${j}`;
    });
    cols.push(index);
    bins.push(`case when v${index} is null then null ${whens.join(' ')} else ${e.length} end`);
  }
  return {
    sql: `with ${slicedCte(s)}
select slice, col, bin, count(*) as n from (
  select slice, unnest(${list(cols)}) as col, unnest([${bins.join(', ')}]) as bin from sliced
) where bin is not null group by slice, col, bin order by slice, col, bin`,
    params: bound,
  };
}

/**
 * Per categorical column (values as text, missing left out), three parts ranked by count then
 * value: `new` (in B, not A) and `vanished` (in A, not B), the first `$k` of each with how many
 * categories and rows the part holds in all (`total_values`, `total_rows`); and `top`, the `$k`
 * values most frequent in A with their counts in A and B (the PSI bins).
 */
export function categoriesQuery(s: SlicedSource, indexes: readonly number[], topK: number): SqlQuery | null {
  if (indexes.length === 0) return null;
  const values = indexes.map((i) => `v${i}::varchar`).join(', ');
  const part = (
    name: string,
    where: string,
    count: string,
  ) => `select '${name}' as part, col, value, n_a, n_b,
    count(*) over (partition by col) as total_values, sum(${count}) over (partition by col) as total_rows,
    row_number() over (partition by col order by ${count} desc, value) as rank
  from counts where ${where} qualify rank <= $k`;
  return {
    sql: `with ${slicedCte(s)},
counts as materialized (
  select col, value, count(*) filter (where slice = 'a') as n_a, count(*) filter (where slice = 'b') as n_b
  from (select slice, unnest(${list(indexes)}) as col, unnest([${values}]) as value from sliced)
  where value is not null group by col, value
)
${part('new', 'n_a = 0', 'n_b')}
union all
${part('vanished', 'n_b = 0', 'n_a')}
union all
${part('top', 'n_a > 0', 'n_a')}
order by col, part, rank`,
    params: { ...params(s), k: topK },
  };
}
