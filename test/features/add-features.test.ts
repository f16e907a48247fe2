import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/warehouse/index.ts';
import { shopstat } from '../support/cli.ts';
import { BASE_DIMENSIONS, EtlFixture, tempDir } from '../support/fixtures.ts';

const ORDERS = [
  'order_id,customer_id,order_ts,channel,payment_method,status,currency',
  'o1,u1,2024-11-29 10:00:00,web,card,delivered,EUR',
  'o2,u2,2024-12-25 10:00:00,web,card,delivered,EUR',
].join('\n');
const ITEMS = [
  'order_id,line_number,product_id,quantity,unit_price,discount_amount',
  'o1,1,p1,1,10.00,',
  'o2,1,p1,2,10.00,',
].join('\n');

let fx: EtlFixture | null = null;
afterEach(() => {
  fx?.cleanup();
  fx = null;
});

describe('shopstat features', () => {
  it('writes a features table into the warehouse and every later etl rebuilds it with the new rows', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ORDERS, 'order_items.csv': ITEMS });
    expect((await fx.run()).exitCode).toBe(0);
    const add = shopstat(
      'features',
      '--warehouse',
      fx.warehouse,
      '--table',
      'gold.daily_sales',
      '--date',
      'date',
      '--add',
      'calendar,holidays:US,events,retail:nrf',
      '--into',
      'features.daily_sales',
      '--json',
    );
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    // 2024-11-29: Black Friday (the day after Thanksgiving, 28 Nov 2024); 2024-12-25: Christmas Day.
    const rows = await fx.query(
      'select cast(date as varchar) as date, holiday_name, commerce_event, iso_week from features.daily_sales order by date',
    );
    expect(rows).toEqual([
      { date: '2024-11-29', holiday_name: '', commerce_event: 'Black Friday', iso_week: 48 },
      { date: '2024-12-25', holiday_name: 'Christmas Day', commerce_event: '', iso_week: 52 },
    ]);
    fx.write({
      'orders_2.csv': `${ORDERS.split('\n')[0]}\no3,u1,2025-07-04 10:00:00,web,card,delivered,EUR\n`,
      'order_items_2.csv': `${ITEMS.split('\n')[0]}\no3,1,p1,1,10.00,\n`,
    });
    expect((await fx.run()).exitCode).toBe(0);
    const after = await fx.query("select holiday_name from features.daily_sales where date = '2025-07-04'");
    expect(after).toEqual([{ holiday_name: 'Independence Day' }]);
  });

  it('writes a file’s features to CSV with text that would start a formula kept as text', () => {
    const dir = tempDir('shopstat-features-');
    try {
      const csv = join(dir.dir, 'dates.csv');
      const out = join(dir.dir, 'out.csv');
      writeFileSync(csv, 'date,label\n2020-12-31,=HYPERLINK("x")\n2021-01-04,plain\n');
      const r = shopstat('features', '--file', csv, '--date', 'date', '--add', 'calendar', '--out', out);
      expect(r.code).toBe(0);
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines[0]?.startsWith('date,label,year,quarter,month,iso_year,iso_week')).toBe(true);
      // 2020-12-31 is ISO 2020-W53; 2021-01-04 is 2021-W01 (ISO 8601).
      expect(lines[1]).toContain(`'=HYPERLINK`);
      expect(lines[1]).toMatch(/^2020-12-31,.*,2020,4,12,2020,53,/);
      expect(lines[2]).toMatch(/^2021-01-04,plain,2021,1,1,2021,1,/);
    } finally {
      dir.cleanup();
    }
  });

  it('exits 2 with one line for an unknown family, a bad --into, a column that is not a date', async () => {
    fx = new EtlFixture({ ...BASE_DIMENSIONS, 'orders.csv': ORDERS, 'order_items.csv': ITEMS });
    await fx.run();
    const w = fx.warehouse;
    const folder = fx.root.dir;
    for (const [args, message] of [
      [['--table', 'gold.daily_sales', '--date', 'date', '--add', 'moon'], /unknown family "moon"/],
      [
        ['--table', 'gold.daily_sales', '--date', 'date', '--add', 'calendar', '--into', 'gold.x'],
        /belongs to the ETL/,
      ],
      [['--table', 'gold.daily_sales', '--date', 'channel', '--add', 'calendar'], /not a DATE or TIMESTAMP/],
      [['--table', 'gold.daily_sales', '--date', 'date', '--add', 'season:mars'], /mars/],
      [
        ['--table', 'gold.daily_sales', '--date', 'date', '--window', 'lead:revenue:1@channel', '--training'],
        /lead/,
      ],
      [
        ['--table', 'gold.daily_sales', '--date', 'date', '--add', 'calendar', '--out', folder],
        /not a file to write/,
      ],
      [['--table', 'gold.daily_sales', '--date', 'date', '--add', 'holidays:XX'], /XX/],
      [
        [
          '--table',
          'gold.daily_sales',
          '--date',
          'date',
          '--add',
          'calendar',
          '--out',
          '/nonexistent-folder/x.csv',
        ],
        /cannot write --out/,
      ],
    ] as const) {
      const r = shopstat('features', '--warehouse', w, ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    // Nothing was written.
    const wh = await Warehouse.open(w, { readOnly: true });
    try {
      expect(
        await wh.scalar("select count(*) from information_schema.tables where table_schema = 'features'"),
      ).toBe(0);
    } finally {
      wh.close();
    }
  });
});
