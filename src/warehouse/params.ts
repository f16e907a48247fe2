import { BIGINT, type DuckDBType, type DuckDBValue, LIST, listValue, VARCHAR } from '@duckdb/node-api';
import { InvalidArgumentError } from '../errors.ts';

/** A parameter value with its DuckDB type, for values whose type cannot be inferred (lists). */
export class TypedParam {
  constructor(
    readonly value: DuckDBValue,
    readonly type: DuckDBType,
  ) {}
}

/** A `BIGINT[]` parameter (an empty list needs its type spelled out). */
export function bigintList(values: readonly (number | null)[]): TypedParam {
  return new TypedParam(listValue(values.map((v) => (v === null ? null : BigInt(v)))), LIST(BIGINT));
}

/** A `VARCHAR[]` parameter. */
export function varcharList(values: readonly (string | null)[]): TypedParam {
  return new TypedParam(listValue([...values]), LIST(VARCHAR));
}

/** A value bound to a statement. */
export type SqlValue = DuckDBValue | TypedParam;

/** Parameters bound to a statement: positional (`?`, `$1`) or named (`$name`). */
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/**
 * A query with its bound values, as returned by query builders. Every reading method of
 * `Warehouse` (`query`, `stream`, `all`, `one`, `scalar`, `run`, `changes`) takes one in place of
 * the SQL text.
 */
export interface SqlQuery {
  readonly sql: string;
  readonly params?: SqlParams;
}

/** Values and types in the shape DuckDB's client binds. */
export interface BoundParams {
  readonly values: DuckDBValue[] | Record<string, DuckDBValue>;
  readonly types: DuckDBType[] | Record<string, DuckDBType | undefined>;
}

/**
 * One query from the two ways a caller may give it: SQL text with optional parameters, or a
 * {@link SqlQuery}.
 *
 * @throws InvalidArgumentError when a SqlQuery is given together with separate parameters.
 */
export function toSqlQuery(method: string, query: string | SqlQuery, params?: SqlParams): SqlQuery {
  if (typeof query === 'string') return params === undefined ? { sql: query } : { sql: query, params };
  if (params !== undefined) {
    throw new InvalidArgumentError(
      `Warehouse.${method}: pass the parameters inside the SqlQuery, not beside it (query: ${JSON.stringify(query.sql.slice(0, 80))})`,
    );
  }
  return query;
}

/**
 * Parameters as DuckDB binds them. Named parameters the statement does not use are left out
 * (DuckDB refuses them), so a builder may pass a shared set.
 */
export function bindParams(sql: string, params: SqlParams): BoundParams {
  if (Array.isArray(params)) {
    const list = params as readonly SqlValue[];
    return {
      values: list.map((v) => (v instanceof TypedParam ? v.value : v)),
      types: list.map((v) => (v instanceof TypedParam ? v.type : (undefined as unknown as DuckDBType))),
    };
  }
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType | undefined> = {};
  for (const [k, v] of Object.entries(params as Record<string, SqlValue>)) {
    if (!new RegExp(`\\$${k}\\b`).test(sql)) continue;
    values[k] = v instanceof TypedParam ? v.value : v;
    if (v instanceof TypedParam) types[k] = v.type;
  }
  return { values, types };
}
