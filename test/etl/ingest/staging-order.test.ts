import { afterEach, describe, expect, it } from 'vitest';
import { EtlFixture } from '../../support/fixtures.ts';

const CUSTOMERS_HEADER = 'customer_id,gender,birth_date,country,region,city,signup_date\n';
const ORDERS_HEADER = 'order_id,customer_id,order_ts,channel,payment_method,status,currency\n';

/** `n` customer rows starting at id `from`. */
function customers(from: number, n: number): string {
  const rows: string[] = [];
  for (let i = from; i < from + n; i++) rows.push(`c${i},female,,DE,,Berlin,`);
  return `${CUSTOMERS_HEADER}${rows.join('\n')}\n`;
}

/** `n` valid orders starting at id `from`, each of a known customer. */
function orders(from: number, n: number): string {
  const rows: string[] = [];
  for (let i = from; i < from + n; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    rows.push(`o${i},c${i % 1000},2025-01-${day} 10:00:00,web,card,placed,EUR`);
  }
  return `${ORDERS_HEADER}${rows.join('\n')}\n`;
}

let fx: EtlFixture | undefined;
afterEach(() => {
  fx?.cleanup();
  fx = undefined;
});

describe('record numbering does not depend on how DuckDB interleaves the files of a batch', () => {
  // The regression of ../shared/data/regressions/staging-order: several files per entity, one
  // larger than a DuckDB row group (122,880 rows), two batches (customers, then orders) in one
  // run. The files of a multi-file read were interleaved in the staging table and the run
  // stopped with "staging rows of the file are not contiguous".
  it('valid data in several files per entity, files larger than a row group, two batches in one run, all loads', async () => {
    fx = new EtlFixture({
      'customers.csv': customers(0, 170_000),
      'customers_2.csv': customers(170_000, 6_000),
      'customers_3.csv': customers(176_000, 6_000),
      'orders.csv': orders(0, 280_000),
      'orders_2.csv': orders(280_000, 45_000),
      'orders_3.csv': orders(325_000, 44_000),
      'orders_4.csv': orders(369_000, 46_000),
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(0);
    expect(result.rowsRejected).toBe(0);
    // Every row's record number is its position in its file: id - the file's first id + 1.
    const misnumbered = await fx.query(
      `select count(*) as n from bronze.orders o
       where cast(substr(o.order_id, 2) as BIGINT) + 1 - (case o._source_file when 'orders.csv' then 0
         when 'orders_2.csv' then 280000 when 'orders_3.csv' then 325000 else 369000 end) <> o._row_number`,
    );
    expect(misnumbered).toEqual([{ n: 0 }]);
    expect(await fx.query('select count(*) as n from bronze.orders')).toEqual([{ n: 415_000 }]);
    expect(await fx.query('select count(*) as n from bronze.customers')).toEqual([{ n: 182_000 }]);
  });
});
