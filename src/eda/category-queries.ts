import type { SqlQuery } from '../warehouse/params.ts';
import type { ProfileScope } from './profile-source.ts';

const ISO_DATE = `'^\\d{4}-\\d{2}-\\d{2}$'`;

/** Columns whose values are listed by frequency: text, boolean and other kinds. */
export function isCategorical(kind: string): boolean {
  return kind === 'text' || kind === 'boolean' || kind === 'other';
}

/**
 * The top-values query: for each text, boolean and other column (one `union all` branch each),
 * one GROUP BY over (group, value) gives the exact distinct count (the number of value groups)
 * and the `topK` most frequent values, ties by value, and, for text, how many rows parse as numbers
 * (`try_cast(x as double)`) and as ISO dates: tested once per distinct value and weighted by its
 * rows, which is far cheaper than testing every row.
 * Rows: `col, g, value, n, distinct_values, numeric_like, date_like, position`.
 * `null` when the scope has no such column.
 */
export function topValuesSql(scope: ProfileScope, topK: number): SqlQuery | null {
  const branches = scope.columns
    .filter((c) => isCategorical(c.kind))
    .map((c) => {
      const text = 'value::varchar';
      const weighted = (test: string) =>
        c.kind === 'text' ? `sum(case when ${test} then n else 0 end) over (partition by g)` : '0';
      return `select ${c.index} as col, g, value::varchar as value, n, distinct_values, numeric_like, date_like, position from (
  select g, value, n, count(*) over (partition by g) as distinct_values,
    ${weighted(`try_cast(${text} as double) is not null`)} as numeric_like,
    ${weighted(`regexp_matches(${text}, ${ISO_DATE}) and try_cast(${text} as date) is not null`)} as date_like,
    row_number() over (partition by g order by n desc, value) as position
  from (select g, ${c.raw} as value, count(*) as n from src where ${c.raw} is not null group by g, ${c.raw})
) where position <= ${topK}`;
    });
  if (branches.length === 0) return null;
  return { sql: `${scope.cte} ${branches.join('\nunion all\n')}` };
}

/**
 * The date-gaps query: for each date or timestamp column, the distinct calendar days (in the
 * session time zone, UTC, for TIMESTAMP WITH TIME ZONE), each with the next one (`lead` over the
 * days in order), and the longest run of missing days between them, earliest first on ties.
 * Rows: `col, g, gap_from, gap_to, gap_days` (only groups with a gap). `null` without such columns.
 */
export function dateGapsSql(scope: ProfileScope): SqlQuery | null {
  const branches = scope.columns
    .filter((c) => c.kind === 'date' || c.kind === 'timestamp')
    .map(
      (c) => `select ${c.index} as col, g, gap_from, gap_to, gap_days from (
  select g, day + 1 as gap_from, next_day - 1 as gap_to, next_day - day - 1 as gap_days,
    row_number() over (partition by g order by next_day - day desc, day) as position
  from (
    select g, day, lead(day) over (partition by g order by day) as next_day
    from (select distinct g, ${c.raw}::date as day from src where ${c.raw} is not null)
  ) where next_day - day > 1
) where position = 1`,
    );
  if (branches.length === 0) return null;
  return { sql: `${scope.cte} ${branches.join('\nunion all\n')}` };
}
