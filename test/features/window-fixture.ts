/**
 * Shared fixture of the lag / window tests: a small orders table in an in-memory DuckDB and a
 * helper selecting feature columns the way the integrator does (`select t.*, <columns> from o t`).
 */
import type { FeatureContext, FeatureSet } from '../../src/features/types.ts';
import type { Warehouse } from '../../src/warehouse/index.ts';

/**
 * Customer a: two orders on 2024-01-01, then 01-05, 01-09 and, after a 42-day gap, 02-20.
 * Customer b: 01-02 and 01-10. `id` orders rows of the same date.
 */
export const ORDERS_SQL = `create table o as select * from (values
  (1, 'a', 'web', date '2024-01-01', 10, 10.50::decimal(12,2)),
  (2, 'a', 'web', date '2024-01-01', 20, 20.25::decimal(12,2)),
  (3, 'a', 'app', date '2024-01-05', 30, 30.00::decimal(12,2)),
  (4, 'a', 'web', date '2024-01-09', 40, 40.00::decimal(12,2)),
  (5, 'a', 'web', date '2024-02-20', 50, 50.00::decimal(12,2)),
  (6, 'b', 'web', date '2024-01-02', 5, 5.00::decimal(12,2)),
  (7, 'b', 'app', date '2024-01-10', 7, 7.00::decimal(12,2))
) v(id, customer_id, channel, order_date, qty, revenue)`;

/** The context of table `o`. */
export async function contextOf(wh: Warehouse, table = 'o', date = 'order_date'): Promise<FeatureContext> {
  const columns = await wh.columnsOf(table);
  return {
    date: `t."${date}"`,
    localTimestamp: null,
    timeZone: 'UTC',
    columns: columns.map((c) => ({ name: c.name, type: c.type })),
  };
}

/** `select t.id, <feature columns> from <table> t order by t.id`, as rows. */
export async function featureRows(
  wh: Warehouse,
  set: FeatureSet,
  table = 'o',
): Promise<Record<string, unknown>[]> {
  const columns = set.columns.map((c) => `${c.sql} as "${c.name}"`).join(', ');
  return wh.all(`select t.id, ${columns} from ${table} t ${set.joins.join(' ')} order by t.id`);
}

/** The values of one feature column in id order. */
export function column(rows: readonly Record<string, unknown>[], name: string): unknown[] {
  return rows.map((r) => r[name]);
}
