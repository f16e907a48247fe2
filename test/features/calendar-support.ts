/**
 * Shared by the calendar, season, fiscal and retail tests: a table of dates in a real in-memory
 * DuckDB and the family's SQL run over it the way `shopstat features` combines it
 * (`select t.*, <columns> from <table> t <joins>`, after the setup statements).
 */
import type { FeatureContext, FeatureSet } from '../../src/features/types.ts';
import type { Row } from '../../src/warehouse/index.ts';
import type { Warehouse } from '../../src/warehouse/warehouse.ts';

/** A context over the `d` DATE column of the table `t`, without time of day. */
export const DATE_CONTEXT: FeatureContext = {
  date: 't."d"',
  localTimestamp: null,
  timeZone: 'UTC',
  columns: [{ name: 'd', type: 'DATE' }],
};

/** Creates `name(id integer, d date, ...extra varchar)` holding the dates in order. */
export async function createDateTable(
  wh: Warehouse,
  name: string,
  rows: readonly (string | null)[],
  extra: Readonly<Record<string, readonly (string | null)[]>> = {},
): Promise<void> {
  const names = Object.keys(extra);
  await wh.run(
    `create or replace table ${name} (id integer, d date${names.map((n) => `, "${n}" varchar`).join('')})`,
  );
  for (const [i, d] of rows.entries()) {
    const values = [d, ...names.map((n) => extra[n]?.[i] ?? null)];
    await wh.run(`insert into ${name} values (${i}, ${values.map(() => '?').join(', ')})`, values);
  }
}

/** Runs a family's setup and columns over the table; returns the feature columns of each row by id. */
export async function featureRows(wh: Warehouse, table: string, set: FeatureSet): Promise<Row[]> {
  for (const statement of set.setup) await wh.run(statement.sql, statement.params as never);
  const select = set.columns.map((c) => `${c.sql} as "${c.name}"`).join(', ');
  return wh.all(`select ${select} from ${table} t ${set.joins.join(' ')} order by t.id`);
}
