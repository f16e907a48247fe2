import { readdirSync, readFileSync } from 'node:fs';
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
      // each month holds one order (o1 in January, o2 in February): 8 dimensions x 2 months
      ['gold.monthly_by', 16, 'month'],
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

  it('keeps the DATE month column in the Parquet files of monthly_kpis and customer_monthly_spend', async () => {
    const out = join(fx.root.dir, 'export-month');
    await exportLayer(wh, { layer: 'gold', outDir: out });
    for (const table of ['monthly_kpis', 'customer_monthly_spend']) {
      // The files alone (no folder names) hold every column of the table, with its type.
      const files = join(out, table, '*', '*.parquet');
      const inFiles = await wh.all(
        `select column_name, column_type from (describe select * from read_parquet($p, hive_partitioning = false))`,
        { p: files },
      );
      const inTable = await wh.all(
        `select column_name, data_type as column_type from information_schema.columns where table_schema = 'gold' and table_name = $t order by ordinal_position`,
        { t: table },
      );
      expect(inFiles).toEqual(inTable);
      expect(inFiles).toContainEqual({ column_name: 'month', column_type: 'DATE' });
    }
    // o1 (2025-01-15, valid, u1) and o2 (2025-02-03, cancelled): months from the fixture's orders.
    expect(
      await wh.all(
        `select month::varchar as month, revenue from read_parquet($p, hive_partitioning = false) order by month`,
        { p: join(out, 'monthly_kpis', '*', '*.parquet') },
      ),
    ).toEqual([
      { month: '2025-01-01', revenue: '30.3702' },
      { month: '2025-02-01', revenue: '0.0000' },
    ]);
    // The file in month=2025-01/ holds that month's row: folder and column agree.
    expect(
      await wh.all(`select customer_id, month::varchar as month, revenue from read_parquet($p)`, {
        p: join(out, 'customer_monthly_spend', 'month=2025-01', '*.parquet'),
      }),
    ).toEqual([{ customer_id: 'u1', month: '2025-01', revenue: '30.3702' }]);
    expect(
      await wh.all(
        `select customer_id, month::varchar as month from read_parquet($p, hive_partitioning = false)`,
        { p: join(out, 'customer_monthly_spend', 'month=2025-01', '*.parquet') },
      ),
    ).toEqual([{ customer_id: 'u1', month: '2025-01-01' }]);
  });

  it('keeps the month as an ISO date in the CSV files, for a reader that ignores the folders', async () => {
    const out = join(fx.root.dir, 'csv-month');
    await exportLayer(wh, { layer: 'gold', outDir: out, format: 'csv' });
    const csvOf = (table: string, folder: string) => {
      const dir = join(out, table, folder);
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      return readFileSync(join(dir, files[0] as string), 'utf8')
        .trimEnd()
        .split('\n');
    };
    const [header, ...rows] = csvOf('monthly_kpis', 'month=2025-01');
    expect(header?.split(',')[0]).toBe('month');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.split(',')[0]).toBe('2025-01-01');
    expect(csvOf('monthly_kpis', 'month=2025-02')[1]?.split(',')[0]).toBe('2025-02-01');
    const spend = csvOf('customer_monthly_spend', 'month=2025-01');
    expect(spend[0]?.split(',')).toContain('month');
    const monthAt = spend[0]?.split(',').indexOf('month') ?? -1;
    expect(spend.slice(1).map((line) => line.split(',')[monthAt])).toEqual(['2025-01-01']);
    // Read back by DuckDB without the folders, the column is a DATE again.
    expect(
      await wh.all(
        `select month, typeof(month) as t from read_csv($p, hive_partitioning = false) order by month`,
        { p: join(out, 'monthly_kpis', '*', '*.csv') },
      ),
    ).toEqual([
      { month: '2025-01-01', t: 'DATE' },
      { month: '2025-02-01', t: 'DATE' },
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

  it("puts rows without a month in Hive's null folder, and refuses a table with the partition key's name", async () => {
    const mem = await Warehouse.open(':memory:');
    try {
      await mem.run(
        "create schema gold; create table gold.t as select * from (values (date '2025-03-01', 1), (null, 2)) v(month, n)",
      );
      const out = join(fx.root.dir, 'null-month');
      await exportLayer(mem, { layer: 'gold', outDir: out });
      expect(readdirSync(join(out, 't')).sort()).toEqual([
        'month=2025-03',
        'month=__HIVE_DEFAULT_PARTITION__',
      ]);
      expect(
        await mem.all(
          `select month::varchar as month, n from read_parquet($p, hive_partitioning = false) order by n`,
          { p: join(out, 't', '*', '*.parquet') },
        ),
      ).toEqual([
        { month: '2025-03-01', n: 1 },
        { month: null, n: 2 },
      ]);
      await mem.run('create table gold.u as select 1 as __export_month, current_date as date');
      await expect(exportLayer(mem, { layer: 'gold', outDir: out })).rejects.toThrow(
        "exportLayer: gold.u has a column '__export_month', the name export uses for its month folders",
      );
    } finally {
      mem.close();
    }
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
