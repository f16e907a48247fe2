import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLayer } from '../../etl/export.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { BASE_DIMENSIONS, EtlFixture } from '../support/fixtures.ts';

let fx: EtlFixture;
let wh: Warehouse;

beforeAll(async () => {
  fx = new EtlFixture({
    ...BASE_DIMENSIONS,
    'orders.csv':
      'order_id,customer_id,order_ts,channel,payment_method,status,currency\no1,u1,2025-01-15 10:00:00,web,card,placed,EUR\no2,u2,2025-02-03 10:00:00,web,card,cancelled,EUR\n',
    'order_items.csv':
      'order_id,line_number,product_id,quantity,unit_price,discount_amount\no1,1,p1,3,10.1234,\no2,1,p2,1,2.50,\n',
  });
  await fx.run();
  wh = await Warehouse.open(fx.warehouse, { readOnly: true });
});

afterAll(() => {
  wh?.close();
  fx?.cleanup();
});

describe('exportLayer', () => {
  it('writes gold as Parquet with month=YYYY-MM folders where a table has a month, money as DECIMAL', async () => {
    const out = join(fx.root.dir, 'export');
    const result = await exportLayer(wh, { layer: 'gold', outDir: out });
    expect(result.tables.map((t) => [t.table, t.rows, t.partitionedBy])).toEqual([
      // 8 dimensions; two orders give two members each but for brand (b1), channel (web), payment (card)
      ['gold.cancellations_by', 13, null],
      ['gold.conversion_funnel', 0, null],
      ['gold.customer_monthly_spend', 1, 'month'],
      ['gold.daily_sales', 2, 'date'],
      ['gold.monthly_kpis', 2, 'month'],
      // one valid order (o1): one member in each of the 8 dimensions
      ['gold.revenue_by', 8, null],
    ]);
    expect(readdirSync(join(out, 'monthly_kpis')).sort()).toEqual(['month=2025-01', 'month=2025-02']);
    // Read back the way Spark would: the folder name becomes the partition column.
    const back = await wh.all(
      `select month, revenue, typeof(revenue) as t from read_parquet($p, hive_partitioning = true) order by month`,
      { p: join(out, 'monthly_kpis', '*', '*.parquet') },
    );
    expect(back).toEqual([
      { month: '2025-01', revenue: '30.3702', t: 'DECIMAL(38,4)' },
      { month: '2025-02', revenue: '0.0000', t: 'DECIMAL(38,4)' },
    ]);
    const daily = await wh.all(
      `select date, month from read_parquet($p, hive_partitioning = true) order by date`,
      {
        p: join(out, 'daily_sales', '*', '*.parquet'),
      },
    );
    expect(daily).toEqual([
      { date: '2025-01-15', month: '2025-01' },
      { date: '2025-02-03', month: '2025-02' },
    ]);
  });

  it('writes CSV when asked, and an export run twice replaces the folder', async () => {
    const out = join(fx.root.dir, 'csv');
    await exportLayer(wh, { layer: 'gold', outDir: out, format: 'csv' });
    await exportLayer(wh, { layer: 'gold', outDir: out, format: 'csv' });
    const back = await wh.all(`select count(*) as n from read_csv($p, hive_partitioning = true)`, {
      p: join(out, 'monthly_kpis', '*', '*.csv'),
    });
    expect(back).toEqual([{ n: 2 }]);
  });

  it('exports silver, views included, with facts split by the order month', async () => {
    const out = join(fx.root.dir, 'silver');
    const result = await exportLayer(wh, { layer: 'silver', outDir: out });
    expect(result.tables.map((t) => [t.table, t.rows, t.partitionedBy])).toEqual([
      ['silver.dim_customers', 2, null],
      ['silver.dim_date', 20, 'date'],
      ['silver.dim_products', 2, null],
      ['silver.fact_events', 0, 'event_date'],
      ['silver.fact_order_items', 2, null],
      ['silver.fact_orders', 2, 'order_month'],
      ['silver.order_lines', 2, 'order_month'],
      ['silver.product_prices', 0, null],
    ]);
    expect(readdirSync(join(out, 'fact_orders')).sort()).toEqual(['month=2025-01', 'month=2025-02']);
    expect(readdirSync(join(out, 'dim_date')).sort()).toEqual(['month=2025-01', 'month=2025-02']);
  });

  it('refuses an unknown layer or format, naming it', async () => {
    await expect(exportLayer(wh, { layer: 'platinum' as 'gold', outDir: fx.root.dir })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(
      exportLayer(wh, { layer: 'gold', outDir: fx.root.dir, format: 'xlsx' as 'csv' }),
    ).rejects.toThrow('"xlsx"');
  });
});
