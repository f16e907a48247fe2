import { InvalidArgumentError, WarehouseError } from '../errors.ts';
import type { Warehouse } from '../warehouse/warehouse.ts';

const PROBE_TABLE = '__shopstat_where_probe';

/**
 * Checks that a user's `where` text is one SQL expression and nothing else, so that
 * `where (<text>\n)` cannot close the parenthesis and add a clause, a UNION or a second
 * statement: the text must make exactly one statement (`Warehouse.statementCount`), and DuckDB's
 * parse tree of `select * from t where (<text>)` must equal that of `select * from t` except for
 * its where clause (`json_serialize_sql`). A subquery inside the expression can still read other
 * tables: callers open the warehouse read-only and set `enable_external_access = false`.
 *
 * @param fn The function named in the error (profileTable, compareSlices, compareGroups).
 * @throws InvalidArgumentError quoting the text and DuckDB's parser message, or saying what it adds.
 * @example await checkWhere(wh, "order_date >= '2025-01-01'") // "order_date >= '2025-01-01'"
 */
export async function checkWhere(wh: Warehouse, where: string, fn = 'profileTable'): Promise<string> {
  const bad = (why: string) =>
    new InvalidArgumentError(`${fn}: where must be one SQL condition, ${why}: ${JSON.stringify(where)}`);
  const probe = `select * from ${PROBE_TABLE} where (${where}\n)`;
  let statements: number;
  try {
    statements = await wh.statementCount(probe);
  } catch (error) {
    if (!(error instanceof WarehouseError)) throw error;
    throw bad(`DuckDB cannot parse it (${error.message.replace(/^Warehouse: /, '')})`);
  }
  if (statements !== 1) throw bad(`it makes ${statements} statements`);
  const withWhere = await parseTree(wh, probe);
  const without = await parseTree(wh, `select * from ${PROBE_TABLE}`);
  if (withWhere === null) throw bad('DuckDB cannot parse it');
  const node = (withWhere.statements as { node: Record<string, unknown> }[] | undefined)?.[0]?.node;
  if (node === undefined || node.where_clause === null) throw bad('it is empty');
  const rest = {
    ...withWhere,
    statements: [{ ...(withWhere.statements as object[])[0], node: { ...node, where_clause: null } }],
  };
  if (JSON.stringify(rest) !== JSON.stringify(without)) throw bad('it adds more than a condition');
  return where;
}

async function parseTree(wh: Warehouse, sql: string): Promise<Record<string, unknown> | null> {
  const text = await wh.scalar('select json_serialize_sql($1::varchar)', [sql]);
  if (typeof text !== 'string') return null;
  const tree = JSON.parse(text) as Record<string, unknown>;
  return tree.error === false ? tree : null;
}
