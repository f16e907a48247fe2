import type { ColumnInfo } from '../warehouse/decode.ts';
import { quoteIdentifier } from '../warehouse/identifiers.ts';
import type { SqlValue } from '../warehouse/params.ts';
import { columnKind, decimalShape, isFloating } from './column-kind.ts';
import type { ColumnKind } from './types.ts';

/** A column being profiled: its name and type, its kind, and its aliases in the profile's SQL. */
export interface ProfiledColumn {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly kind: ColumnKind;
  /** The raw column in the source CTE (`c0`). */
  readonly raw: string;
  /** Numeric columns: its finite values as DOUBLE (`v0`), NaN and infinities as null. */
  readonly value: string;
  readonly decimal: { readonly precision: number; readonly scale: number } | null;
  readonly floating: boolean;
}

/**
 * The rows a profile reads, as one CTE `src` shared by all its queries: each profiled column
 * renamed `c<i>` (numeric ones also as finite doubles `v<i>`), and the group key `g` (the `by`
 * column as text, `null` for every row without `by`) with `g_order` to sort groups by value.
 */
export interface ProfileScope {
  readonly columns: readonly ProfiledColumn[];
  /** `with src as (...)`, to put before a query that reads `src`. */
  readonly cte: string;
  readonly grouped: boolean;
}

/** Describes the profiled columns of a table. */
export function profiledColumns(columns: readonly ColumnInfo[]): ProfiledColumn[] {
  return columns.map((c, index) => ({
    index,
    name: c.name,
    type: c.type,
    kind: columnKind(c.type),
    raw: `c${index}`,
    value: `v${index}`,
    decimal: decimalShape(c.type),
    floating: isFloating(c.type),
  }));
}

/**
 * The source CTE over a table (its quoted SQL name), optionally filtered by a checked `where`
 * text and grouped by a resolved column name.
 */
export function profileScope(
  tableSql: string,
  columns: readonly ProfiledColumn[],
  options: { readonly where: string | null; readonly by: string | null },
): ProfileScope {
  const select: string[] = [];
  for (const c of columns) {
    const q = quoteIdentifier(c.name);
    select.push(`${q} as ${c.raw}`);
    if (c.kind === 'numeric') {
      select.push(
        c.floating
          ? `case when isfinite(${q}) then ${q}::double end as ${c.value}`
          : `${q}::double as ${c.value}`,
      );
    }
  }
  if (options.by === null) select.push('null::varchar as g', 'null::varchar as g_order');
  else
    select.push(`${quoteIdentifier(options.by)}::varchar as g`, `${quoteIdentifier(options.by)} as g_order`);
  const filter = options.where === null ? '' : ` where (${options.where}\n)`;
  return {
    columns,
    cte: `with src as not materialized (select ${select.join(', ')} from ${tableSql}${filter})`,
    grouped: options.by !== null,
  };
}

/** Positional parameters collected while a query is written: `p.add(x)` returns `$n`. */
export class SqlParamList {
  readonly values: SqlValue[] = [];
  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
