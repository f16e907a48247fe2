import { InvalidArgumentError } from '../errors.ts';
import type { ColumnInfo } from './decode.ts';
import { qualifiedName } from './identifiers.ts';
import type { Warehouse } from './warehouse.ts';

/** A table or view of the warehouse (or a temporary view over a file), found by a user's name. */
export interface ResolvedTable {
  /** Its schema (`'gold'`; `'main'` for a temporary view). */
  readonly schema: string;
  /** Its name as stored. */
  readonly name: string;
  /** The quoted name to put in SQL: `"gold"."monthly_kpis"`. */
  readonly sql: string;
  /** Its columns in table order, with their DuckDB types. */
  readonly columns: ColumnInfo[];
}

interface CatalogColumn {
  database_name: string;
  schema_name: string;
  table_name: string;
  column_name: string;
  data_type: string;
}

const CATALOG = `select database_name, schema_name, table_name, column_name, data_type
  from duckdb_columns()
  where not internal and database_name in (current_database(), 'temp')
  order by database_name = 'temp' desc, schema_name, table_name, column_index`;

/**
 * Finds a table or view by the name a user gives: `schema.table`, or a bare name when one
 * schema has it (temporary views first). Names are matched exactly, else ignoring case (as DuckDB
 * does) when that is unambiguous; any characters are allowed, nothing is ever spliced into SQL.
 *
 * @throws InvalidArgumentError naming the table and listing the tables there are, or the schemas
 *   that each have a table of that name.
 */
export async function resolveTable(wh: Warehouse, table: string): Promise<ResolvedTable> {
  const catalog = await wh.all<CatalogColumn>(CATALOG);
  const tables = new Map<string, { schema: string; name: string; database: string; columns: ColumnInfo[] }>();
  for (const c of catalog) {
    const key = `${c.database_name}\u0000${c.schema_name}\u0000${c.table_name}`;
    let t = tables.get(key);
    if (t === undefined) {
      t = { schema: c.schema_name, name: c.table_name, database: c.database_name, columns: [] };
      tables.set(key, t);
    }
    t.columns.push({ name: c.column_name, type: c.data_type });
  }
  const all = [...tables.values()];
  const label = (t: { schema: string; name: string; database: string }) =>
    t.database === 'temp' ? t.name : `${t.schema}.${t.name}`;
  const dot = table.indexOf('.');
  const matching = (same: (a: string, b: string) => boolean) =>
    all.filter(
      (t) =>
        same(t.name, table) ||
        (dot > 0 && same(t.schema, table.slice(0, dot)) && same(t.name, table.slice(dot + 1))),
    );
  let found = matching((a, b) => a === b);
  if (found.length === 0) found = matching((a, b) => a.toLowerCase() === b.toLowerCase());
  if (found.length > 1 && found[0]?.database === 'temp') found = [found[0]];
  if (found.length === 1 && found[0] !== undefined) {
    const t = found[0];
    return { schema: t.schema, name: t.name, sql: qualifiedName(t.schema, t.name), columns: t.columns };
  }
  if (found.length > 1) {
    throw new InvalidArgumentError(
      `resolveTable: table ${JSON.stringify(table)} is in several schemas; name one of: ${found.map(label).join(', ')}`,
    );
  }
  throw new InvalidArgumentError(
    `resolveTable: no table or view ${JSON.stringify(table)}; there are: ${all.map(label).join(', ') || '(none)'}`,
  );
}

/**
 * Finds a column of a table by the name a user gives (`--value`, `--group`): exactly as it is in
 * the table, with spaces, quotes or any Unicode, else ignoring case when only one column matches.
 * Quote the returned `name` with `quoteIdentifier` to use it in SQL.
 *
 * @throws InvalidArgumentError naming the column and the table, and listing the table's columns.
 * @example await resolveColumn(wh, 'gold.monthly_kpis', 'REVENUE') // { name: 'revenue', type: 'DECIMAL(38,4)' }
 */
export async function resolveColumn(wh: Warehouse, table: string, column: string): Promise<ColumnInfo> {
  const resolved = await resolveTable(wh, table);
  const exact = resolved.columns.find((c) => c.name === column);
  if (exact !== undefined) return exact;
  const folded = resolved.columns.filter((c) => c.name.toLowerCase() === column.toLowerCase());
  if (folded.length === 1 && folded[0] !== undefined) return folded[0];
  throw new InvalidArgumentError(
    `resolveColumn: no column ${JSON.stringify(column)} in ${resolved.schema}.${resolved.name}; its columns are: ${resolved.columns.map((c) => JSON.stringify(c.name)).join(', ')}`,
  );
}
