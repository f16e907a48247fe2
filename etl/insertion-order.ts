import type { Warehouse } from '../src/warehouse/index.ts';

/**
 * Runs `work` with DuckDB free to store inserted rows in any order, then restores the warehouse
 * default (insertion order kept, which the loads' per-file record numbering relies on). Tables
 * whose rows carry their own keys or record numbers are written faster so: DuckDB writes the rows
 * out as it goes instead of at the next checkpoint.
 */
export async function withoutInsertionOrder<T>(wh: Warehouse, work: () => Promise<T>): Promise<T> {
  await wh.run('set preserve_insertion_order = false');
  try {
    return await work();
  } finally {
    await wh.run('set preserve_insertion_order = true');
  }
}
