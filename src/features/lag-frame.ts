/**
 * The pieces every window feature is built from: the table's columns checked and quoted, the
 * `partition by` of a group, the row order (date, then a tie-breaker) and the result types DuckDB
 * gives an aggregate. Shared by `lags.ts`, `windows.ts` and `customer-features.ts`.
 */
import { InvalidArgumentError } from '../errors.ts';
import { quoteIdentifier } from '../warehouse/identifiers.ts';
import type { FeatureContext } from './types.ts';

/** The frame clause of "every row of the group strictly before the current row's date". */
export const BEFORE_CURRENT_DATE = 'range between unbounded preceding and interval 1 day preceding';

/** A table column checked against the context: its quoted SQL (`t."col"`) and DuckDB type. */
export interface TableColumn {
  readonly name: string;
  readonly sql: string;
  readonly type: string;
}

/**
 * Looks a column up in `ctx.columns` (exact name, as the caller resolved it) and quotes it as a
 * column of the table alias `t`.
 *
 * @throws InvalidArgumentError naming the column, what it is for, and the columns there are.
 */
export function tableColumn(ctx: FeatureContext, name: string, what: string, caller: string): TableColumn {
  const column = ctx.columns.find((c) => c.name === name);
  if (column === undefined) {
    const names = ctx.columns.map((c) => JSON.stringify(c.name)).join(', ');
    throw new InvalidArgumentError(
      `${caller}: ${what} column ${JSON.stringify(name)} is not a column of the table (columns: ${names})`,
    );
  }
  return { name, sql: `t.${quoteIdentifier(name)}`, type: column.type };
}

/** `partition by t."a", t."b"`, or nothing for a single group. */
export function partitionClause(by: readonly TableColumn[]): string {
  return by.length === 0 ? '' : `partition by ${by.map((c) => c.sql).join(', ')} `;
}

const NUMERIC =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL\(\d+,\s*\d+\))$/i;

/** Whether a DuckDB type is a number that sums and averages. */
export function isNumericType(type: string): boolean {
  return NUMERIC.test(type.trim());
}

/**
 * The DuckDB type of `sum` over a column type, as DuckDB computes it: DECIMAL(p,s) gives
 * DECIMAL(38,s) (exact money stays exact), FLOAT / DOUBLE give DOUBLE, integers give HUGEINT.
 */
export function sumType(type: string): string {
  const decimal = /^DECIMAL\(\d+,\s*(\d+)\)$/i.exec(type.trim());
  if (decimal !== null) return `DECIMAL(38,${decimal[1]})`;
  if (/^(FLOAT|DOUBLE)$/i.test(type.trim())) return 'DOUBLE';
  return 'HUGEINT';
}

/**
 * The row order inside a group: the date, then a tie-breaker for rows of the same date. With an
 * `order` column the tie-breaker is that column (ascending, nulls last); without one it is the
 * value itself, so results never depend on the physical order of the table.
 */
export interface RowOrder {
  /** `<date>, <tie>` ascending: the order of `lag`, `lead` and row windows. */
  readonly ascending: string;
  /** The exact reverse: the latest row first. */
  readonly descending: string;
}

/** Builds the {@link RowOrder} of a date expression and a tie-breaker expression. */
export function rowOrder(date: string, tieBreaker: string | null): RowOrder {
  if (tieBreaker === null) {
    return { ascending: `${date} asc`, descending: `${date} desc` };
  }
  return {
    ascending: `${date} asc, ${tieBreaker} asc nulls last`,
    descending: `${date} desc, ${tieBreaker} desc nulls first`,
  };
}

/**
 * Checks an `asOf` date: `YYYY-MM-DD` and a real calendar date; returns a SQL DATE literal.
 *
 * @throws InvalidArgumentError naming the bad value.
 */
export function asOfLiteral(asOf: string, caller: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const date = match === null ? null : new Date(`${asOf}T00:00:00Z`);
  if (date === null || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== asOf) {
    throw new InvalidArgumentError(`${caller}: asOf must be a date YYYY-MM-DD, got ${JSON.stringify(asOf)}`);
  }
  return `date '${asOf}'`;
}
