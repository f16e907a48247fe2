import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { quoteIdentifier, validateIdentifier, Warehouse } from '../../src/warehouse/index.ts';

let wh: Warehouse | null = null;
afterEach(() => {
  wh?.close();
  wh = null;
});

/** A table whose column names a user would type from their export's header. */
async function shop(): Promise<Warehouse> {
  wh = await Warehouse.open(':memory:');
  await wh.run(`create schema gold; create schema silver;
    create table gold.sales ("Order ID" varchar, "Umsatz (€)" decimal(18,4), "say ""hi""" integer, "x; drop table y --" integer, "東京" double);
    create table gold.dup (a integer); create table silver.dup (b integer);
    create table silver.cased ("Revenue" integer)`);
  return wh;
}

describe('columnsOf', () => {
  it('lists the columns of a table in order with their DuckDB types', async () => {
    const w = await shop();
    expect(await w.columnsOf('gold.sales')).toEqual([
      { name: 'Order ID', type: 'VARCHAR' },
      { name: 'Umsatz (€)', type: 'DECIMAL(18,4)' },
      { name: 'say "hi"', type: 'INTEGER' },
      { name: 'x; drop table y --', type: 'INTEGER' },
      { name: '東京', type: 'DOUBLE' },
    ]);
  });

  it('finds a bare table name in the one schema that has it, and asks which when several do', async () => {
    const w = await shop();
    expect((await w.resolveTable('sales')).sql).toBe('"gold"."sales"');
    await expect(w.columnsOf('dup')).rejects.toThrow(
      'resolveTable: table "dup" is in several schemas; name one of: gold.dup, silver.dup',
    );
    expect(await w.columnsOf('silver.dup')).toEqual([{ name: 'b', type: 'INTEGER' }]);
  });

  it('names a missing table and lists the tables there are', async () => {
    const w = await shop();
    const error = await w.columnsOf('gold.nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(
      'resolveTable: no table or view "gold.nope"; there are: gold.dup, gold.sales, silver.cased, silver.dup',
    );
  });
});

describe('resolveColumn', () => {
  it('accepts a column name exactly as it is in the table (spaces, quotes, unicode, SQL-looking text) and it quotes safely', async () => {
    const w = await shop();
    await w.run(`insert into gold.sales values ('o1', 12.5, 1, 2, 3.5)`);
    for (const name of ['Order ID', 'Umsatz (€)', 'say "hi"', 'x; drop table y --', '東京']) {
      const column = await w.resolveColumn('gold.sales', name);
      expect(column.name).toBe(name);
      const rows = await w.all(`select ${quoteIdentifier(column.name)} as v from gold.sales`);
      expect(rows).toHaveLength(1);
    }
    expect(await w.scalar('select count(*) from gold.sales')).toBe(1); // nothing was dropped
    // validateIdentifier stays for names the code itself makes; it would have refused all of these.
    expect(() => validateIdentifier('Order ID')).toThrow(InvalidArgumentError);
  });

  it('ignores case when only one column matches, as DuckDB does', async () => {
    const w = await shop();
    expect(await w.resolveColumn('silver.cased', 'revenue')).toEqual({ name: 'Revenue', type: 'INTEGER' });
    expect(await w.resolveColumn('GOLD.SALES', 'order id')).toEqual({ name: 'Order ID', type: 'VARCHAR' });
  });

  it('names a column the table lacks and lists the columns it has', async () => {
    const w = await shop();
    await expect(w.resolveColumn('gold.sales', 'revenue')).rejects.toThrow(
      'resolveColumn: no column "revenue" in gold.sales; its columns are: "Order ID", "Umsatz (€)", "say \\"hi\\"", "x; drop table y --", "東京"',
    );
  });
});
