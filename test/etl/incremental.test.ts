import { afterEach, describe, expect, it } from 'vitest';
import type { FileJudge } from '../../etl/ledger.ts';
import { decideAction } from '../../etl/runner.ts';
import { BASE_DIMENSIONS, EtlFixture } from '../support/fixtures.ts';

/** Silver and gold tables or views a build staged beside the current ones and left behind. */
const STAGED_TABLES = `select table_name from duckdb_tables() where schema_name in ('silver', 'gold') and ends_with(table_name, '__next')
  union all select view_name from duckdb_views() where schema_name in ('silver', 'gold') and ends_with(view_name, '__next')`;

const ORDERS_HEADER = 'order_id,customer_id,order_ts,channel,payment_method,status,currency\n';
const ITEMS_HEADER = 'order_id,line_number,product_id,quantity,unit_price,discount_amount\n';

let fx: EtlFixture;
afterEach(() => fx?.cleanup());

const LAYERS = [
  'bronze.orders',
  'bronze.order_items',
  'quarantine.order_items',
  'silver.fact_orders',
  'silver.fact_order_items',
  'gold.daily_sales',
  'gold.monthly_kpis',
  'gold.revenue_by',
  'gold.cancellations_by',
  'gold.customer_monthly_spend',
];

/** Every row of the layers that matter, as one comparable value. */
async function snapshot(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const t of LAYERS) out[t] = await fx.query(`select * from ${t} order by all`);
  return out;
}

describe('incremental runs', () => {
  it('a re-run with no new files changes nothing and says so', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
      'order_items.csv': `${ITEMS_HEADER}o1,1,p1,2,10.00,\no1,2,p9,1,1.00,\n`,
    });
    const first = await fx.run();
    expect(first.status).toBe('ok');
    const before = await snapshot();
    const second = await fx.run();
    expect(second.status).toBe('nothing_new');
    expect(second.message).toBe('nothing new: bronze, silver and gold are unchanged');
    expect(second.goldRebuilt).toBe(false);
    expect(second.files.every((f) => f.action === 'skip')).toBe(true);
    expect(await snapshot()).toEqual(before);
    expect(await fx.query('select run_id, status from meta.runs order by 1')).toEqual([
      { run_id: 1, status: 'ok' },
      { run_id: 2, status: 'nothing_new' },
    ]);
  });

  it('a key sent again in a later file replaces the earlier row (latest wins), and the last row within a file wins', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_1.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\no2,u2,2025-01-16 10:00:00,web,card,placed,EUR\no2,u2,2025-01-16 10:00:00,web,card,shipped,EUR\n`,
      'order_items_1.csv': `${ITEMS_HEADER}o1,1,p1,2,10.00,\no1,2,p2,1,2.50,\no2,1,p1,1,10.00,\n`,
    });
    await fx.run();
    fx.write({
      // o1 cancelled later; a rejected re-send of o2 replaces nothing; o1's line 2 is not re-sent and stays.
      'orders_2.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,cancelled,EUR\no2,u2,2025-01-16 10:00:00,web,card,lost,EUR\n`,
      'order_items_2.csv': `${ITEMS_HEADER}o1,1,p1,3,10.00,\n`,
    });
    const result = await fx.run();
    expect(result.files.filter((f) => f.action === 'load').map((f) => f.file)).toEqual([
      'orders_2.csv',
      'order_items_2.csv',
    ]);
    expect(await fx.query('select order_id, status from silver.fact_orders order by 1')).toEqual([
      { order_id: 'o1', status: 'cancelled' },
      { order_id: 'o2', status: 'shipped' },
    ]);
    expect(
      await fx.query(
        'select order_id, line_number, quantity, line_revenue from silver.fact_order_items order by 1, 2',
      ),
    ).toEqual([
      { order_id: 'o1', line_number: 1, quantity: 3, line_revenue: '30.0000' },
      { order_id: 'o1', line_number: 2, quantity: 1, line_revenue: '2.5000' },
      { order_id: 'o2', line_number: 1, quantity: 1, line_revenue: '10.0000' },
    ]);
    // o1 is cancelled: lost revenue 3 x 10.00 + 1 x 2.50 = 32.50; o2 valid: revenue 10.00.
    expect(
      await fx.query(
        'select orders, revenue, cancelled_orders, lost_revenue, cancellation_rate from gold.monthly_kpis',
      ),
    ).toEqual([
      { orders: 1, revenue: '10.0000', cancelled_orders: 1, lost_revenue: '32.5000', cancellation_rate: 0.5 },
    ]);
    // Superseded rows stay in bronze.
    expect(await fx.query('select count(*) as n from bronze.orders')).toEqual([{ n: 4 }]);
  });

  it('a known file whose content changed is an error unless --reprocess names it', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
    });
    await fx.run();
    fx.write({
      'orders.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,delivered,EUR\no2,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
    });
    const changed = await fx.run();
    expect(changed.exitCode).toBe(2);
    const file = changed.files.find((f) => f.file === 'orders.csv');
    expect(file?.action).toBe('changed');
    expect(file?.detail).toContain("--reprocess 'orders.csv'");
    expect(await fx.query('select order_id, status from bronze.orders')).toEqual([
      { order_id: 'o1', status: 'placed' },
    ]);

    const reprocessed = await fx.run({ reprocess: ['orders*.csv'] });
    expect(reprocessed.exitCode).toBe(0);
    expect(reprocessed.files.find((f) => f.file === 'orders.csv')?.action).toBe('reprocess');
    // Earlier rows of the file are replaced, not added to.
    expect(await fx.query('select order_id, status from bronze.orders order by 1')).toEqual([
      { order_id: 'o1', status: 'delivered' },
      { order_id: 'o2', status: 'placed' },
    ]);
    expect(await fx.query('select orders from gold.monthly_kpis')).toEqual([{ orders: 2 }]);
  });

  it('--reprocess recovers lines quarantined as unknown_product once their products have arrived', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
      'order_items.csv': `${ITEMS_HEADER}o1,1,p1,1,10.00,\no1,2,p3,2,5.00,\n`,
    });
    await fx.run();
    expect(await fx.query('select _reason from quarantine.order_items')).toEqual([
      { _reason: 'unknown_product' },
    ]);
    fx.write({
      'products_late.csv':
        'product_id,product_name,category_id,brand_id,list_price,unit_cost\np3,Scarf,c1,b1,5.00,2\n',
    });
    await fx.run();
    expect(await fx.query('select revenue from gold.monthly_kpis')).toEqual([{ revenue: '10.0000' }]);
    await fx.run({ reprocess: ['order_items.csv'] });
    expect(await fx.query('select count(*) as n from quarantine.order_items')).toEqual([{ n: 0 }]);
    expect(await fx.query('select revenue from gold.monthly_kpis')).toEqual([{ revenue: '20.0000' }]);
    expect(
      await fx.query(
        "select rows_read, rows_accepted, rows_rejected from meta.file_ledger where file_name = 'order_items.csv'",
      ),
    ).toEqual([{ rows_read: 2, rows_accepted: 2, rows_rejected: 0 }]);
  });

  it('a changed reporting time zone rebuilds silver and gold in the new zone', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      // Naive 23:30 on Jan 31 is a wall time in the zone; the -05:00 order is an instant.
      'orders.csv': `${ORDERS_HEADER}o1,u1,2025-01-31 23:30:00,web,card,placed,EUR\no2,u1,2025-01-31T20:00:00-05:00,web,card,placed,EUR\n`,
    });
    await fx.run({ timeZone: 'UTC' });
    // UTC: o1 on Jan 31 (wall time), o2 at 01:00Z on Feb 1.
    expect(await fx.query('select order_id, order_date from silver.fact_orders order by 1')).toEqual([
      { order_id: 'o1', order_date: '2025-01-31' },
      { order_id: 'o2', order_date: '2025-02-01' },
    ]);
    const rerun = await fx.run({ timeZone: 'America/New_York' });
    expect(rerun.goldRebuilt).toBe(true);
    // New York: o1 still Jan 31 23:30 local (now 04:30Z on Feb 1); o2 is 20:00 local on Jan 31.
    expect(
      await fx.query(
        "select order_id, order_date, strftime(order_ts, '%Y-%m-%d %H:%M') as utc from silver.fact_orders order by 1",
      ),
    ).toEqual([
      { order_id: 'o1', order_date: '2025-01-31', utc: '2025-02-01 04:30' },
      { order_id: 'o2', order_date: '2025-01-31', utc: '2025-02-01 01:00' },
    ]);
    expect(await fx.query('select month, orders from gold.monthly_kpis')).toEqual([
      { month: '2025-01-01', orders: 2 },
    ]);
  });

  it('wall times in a daylight-saving gap move forward and overlaps take the later instant', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}gap,u1,2025-03-30 02:30:00,web,card,placed,EUR\noverlap,u1,2025-10-26 02:30:00,web,card,placed,EUR\n`,
    });
    await fx.run({ timeZone: 'Europe/Berlin' });
    expect(
      await fx.query(
        "select order_id, strftime(order_ts, '%Y-%m-%dT%H:%M') as utc from silver.fact_orders order by 1",
      ),
    ).toEqual([
      { order_id: 'gap', utc: '2025-03-30T01:30' },
      { order_id: 'overlap', utc: '2025-10-26T01:30' },
    ]);
  });

  it('an error-level check fails the run and leaves the previous gold tables as they were', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_1.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
      'order_items_1.csv': `${ITEMS_HEADER}o1,1,p1,2,10.00,\n`,
    });
    await fx.run();
    const gold = await fx.query('select * from gold.monthly_kpis');
    // A second currency cannot arrive through a file any more (currency_mismatch rejects it), so
    // it is written into bronze by hand to make an error-level check fail.
    await fx.query(
      "insert into bronze.orders select * replace ('o9' as order_id, 'USD' as currency, 99 as _file_id) from bronze.orders where order_id = 'o1'",
    );
    fx.write({ 'orders_2.csv': `${ORDERS_HEADER}o2,u1,2025-01-16 10:00:00,web,card,placed,EUR\n` });
    const failed = await fx.run();
    expect(failed.exitCode).toBe(1);
    expect(failed.status).toBe('failed');
    expect(failed.message).toContain('one reporting currency');
    expect(failed.message).toContain('EUR, USD');
    expect(await fx.query('select * from gold.monthly_kpis')).toEqual(gold);
    // Silver too is as it was, and the tables built and checked beside it are gone.
    expect(await fx.query('select order_id, currency from silver.fact_orders')).toEqual([
      { order_id: 'o1', currency: 'EUR' },
    ]);
    expect(await fx.query(STAGED_TABLES)).toEqual([]);
    expect(
      await fx.query(
        "select passed from meta.dq_results where run_id = 2 and check_name = 'one reporting currency'",
      ),
    ).toEqual([{ passed: false }]);
    // The next run tries again (bronze changed since gold was built) and fails the same way.
    expect((await fx.run()).status).toBe('failed');
  });

  it('a file of orders in another currency is rejected whole (currency_mismatch) and the other files load', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_1.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
      'order_items_1.csv': `${ITEMS_HEADER}o1,1,p1,2,10.00,\n`,
    });
    await fx.run();
    fx.write({
      'orders_2.csv': `${ORDERS_HEADER}o2,u1,2025-01-16 10:00:00,web,card,placed,EUR\no3,u1,2025-01-16 11:00:00,web,card,placed,USD\n`,
      'orders_3.csv': `${ORDERS_HEADER}o4,u2,2025-01-17 10:00:00,web,card,placed,\n`,
    });
    const result = await fx.run();
    expect(result.exitCode).toBe(2);
    expect(result.files.find((f) => f.file === 'orders_2.csv')).toMatchObject({
      action: 'reject',
      reason: 'currency_mismatch',
      detail:
        "orders_2.csv: orders in USD, but the warehouse's currency is EUR (the orders already in the warehouse); conversion is not supported: load the file into a warehouse of its own",
    });
    // Nothing of the rejected file is in bronze or quarantine; the file without a currency loads.
    expect(await fx.query('select order_id from bronze.orders order by 1')).toEqual([
      { order_id: 'o1' },
      { order_id: 'o4' },
    ]);
    expect(await fx.query('select count(*) as n from quarantine.orders')).toEqual([{ n: 0 }]);
    expect(await fx.query('select order_id from silver.fact_orders order by 1')).toEqual([
      { order_id: 'o1' },
      { order_id: 'o4' },
    ]);
  });

  it('in a new warehouse the first file sets the currency, and a later file of the same run in another is rejected', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_1.csv': `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,GBP\n`,
      'orders_2.csv': `${ORDERS_HEADER}o2,u1,2025-01-16 10:00:00,web,card,placed,EUR\n`,
    });
    const result = await fx.run();
    expect(result.files.find((f) => f.file === 'orders_2.csv')).toMatchObject({
      reason: 'currency_mismatch',
      detail:
        "orders_2.csv: orders in EUR, but the warehouse's currency is GBP (the first orders loaded); conversion is not supported: load the file into a warehouse of its own",
    });
    expect(await fx.query('select order_id, currency from bronze.orders')).toEqual([
      { order_id: 'o1', currency: 'GBP' },
    ]);
  });

  it('order lines of unknown orders stay in bronze, out of silver, and a warning counts them', async () => {
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}o1,u3,2025-01-15 10:00:00,web,card,placed,EUR\no2,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`,
      'order_items.csv': `${ITEMS_HEADER}o1,1,p1,1,10.00,\nlate,1,p1,1,10.00,\n`,
    });
    const result = await fx.run();
    expect(await fx.query('select count(*) as n from bronze.order_items')).toEqual([{ n: 2 }]);
    expect(await fx.query('select order_id from silver.fact_order_items')).toEqual([{ order_id: 'o1' }]);
    expect(result.checks.find((c) => c.name.startsWith('order lines whose order'))).toMatchObject({
      passed: false,
      failingRows: 1,
      detail: 'late',
    });
    // o1's customer u3 is unknown: kept with null country; o2 has no lines: an order with revenue 0.
    expect(
      await fx.query(
        'select date, country, orders, revenue from gold.daily_sales order by country nulls first',
      ),
    ).toEqual([
      { date: '2025-01-15', country: null, orders: 1, revenue: '10.0000' },
      { date: '2025-01-15', country: 'DE', orders: 1, revenue: '0.0000' },
    ]);
  });
});

describe('re-sent files', () => {
  it('the same content under a new name is a duplicate delivery: skipped with a warning naming the earlier file, for every entity', async () => {
    const orders = `${ORDERS_HEADER}o1,u1,2025-01-15 10:00:00,web,card,placed,EUR\n`;
    const items = `${ITEMS_HEADER}o1,1,p1,2,10.00,\n`;
    const events = 'event_ts,visitor_id,event_type,product_id,order_id\n2025-01-15 09:00:00,v1,view,p1,\n';
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders_a.csv': orders,
      'order_items_a.csv': items,
      'events_a.csv': events,
    });
    await fx.run();
    const gold = await fx.query('select * from gold.monthly_kpis');
    fx.write({ 'orders_b.csv': orders, 'order_items_b.csv': items, 'events_b.csv': events });
    const result = await fx.run();
    // Contract v1.1 §3: identical content is a duplicate delivery whatever its name, not an input error.
    expect(result.exitCode).toBe(0);
    expect(result.files.filter((f) => f.action === 'duplicate').map((f) => [f.file, f.reason])).toEqual([
      ['orders_b.csv', 'duplicate_content'],
      ['order_items_b.csv', 'duplicate_content'],
      ['events_b.csv', 'duplicate_content'],
    ]);
    expect(result.warnings.filter((w) => w.code === 'duplicate_content').map((w) => w.message)).toEqual([
      'orders_b.csv has the same content as orders_a.csv, loaded before: a duplicate delivery, skipped',
      'order_items_b.csv has the same content as order_items_a.csv, loaded before: a duplicate delivery, skipped',
      'events_b.csv has the same content as events_a.csv, loaded before: a duplicate delivery, skipped',
    ]);
    expect(await fx.query('select * from gold.monthly_kpis')).toEqual(gold);
    // The re-sent view is not counted twice.
    expect(await fx.query('select count(*) as n from silver.fact_events')).toEqual([{ n: 1 }]);
    expect(await fx.query("select count(*) as n from meta.file_ledger where status = 'duplicate'")).toEqual([
      { n: 3 },
    ]);
    // Next run: the duplicates are known and skipped without a word.
    const third = await fx.run();
    expect(third.exitCode).toBe(0);
    expect(third.warnings.filter((w) => w.code === 'duplicate_content')).toEqual([]);
  });
});

describe('calendar', () => {
  it('dim_date carries ISO weeks across a year end with a week 53', async () => {
    // 2020 has 53 ISO weeks: 2020-12-31 (Thursday) and 2021-01-03 (Sunday) are in week 53 of ISO
    // year 2020; 2021-01-04 (Monday) starts week 1 of 2021 (ISO 8601; e.g. `date +%G-W%V -d 2021-01-03`).
    fx = new EtlFixture({
      ...BASE_DIMENSIONS,
      'orders.csv': `${ORDERS_HEADER}a,u1,2020-12-31 10:00:00,web,card,placed,EUR\nb,u1,2021-01-04 10:00:00,web,card,placed,EUR\n`,
    });
    await fx.run();
    expect(
      await fx.query(
        "select strftime(date, '%Y-%m-%d') as d, iso_year, iso_week, iso_day_of_week, is_weekend from silver.dim_date where date in ('2020-12-31', '2021-01-03', '2021-01-04') order by 1",
      ),
    ).toEqual([
      { d: '2020-12-31', iso_year: 2020, iso_week: 53, iso_day_of_week: 4, is_weekend: false },
      { d: '2021-01-03', iso_year: 2020, iso_week: 53, iso_day_of_week: 7, is_weekend: true },
      { d: '2021-01-04', iso_year: 2021, iso_week: 1, iso_day_of_week: 1, is_weekend: false },
    ]);
  });
});

describe('decideAction', () => {
  const judge: FileJudge = { timeZone: 'UTC', mappingSha256: null, maxRejected: '0.25/100/100' };
  const known = (status: string, sha256 = 'aaa', judgedBy: Partial<FileJudge> = {}) => ({
    file_id: 1,
    file_name: 'f.csv',
    sha256,
    status,
    time_zone: judgedBy.timeZone ?? judge.timeZone,
    mapping_sha256: judgedBy.mappingSha256 ?? judge.mappingSha256,
    max_rejected: judgedBy.maxRejected ?? judge.maxRejected,
  });
  it.each([
    ['a new file', undefined, 'aaa', false, 'load'],
    ['a new file named by --reprocess', undefined, 'aaa', true, 'load'],
    ['a loaded file, unchanged', known('loaded'), 'aaa', false, 'skip'],
    ['a loaded file, changed', known('loaded'), 'bbb', false, 'changed'],
    ['a loaded file named by --reprocess', known('loaded'), 'aaa', true, 'reprocess'],
    ['a changed file named by --reprocess', known('loaded'), 'bbb', true, 'reprocess'],
    ['a rejected file, unchanged', known('rejected'), 'aaa', false, 'rejected_before'],
    ['a rejected file, fixed', known('rejected'), 'bbb', false, 'load'],
    ['a rejected file named by --reprocess', known('rejected'), 'aaa', true, 'reprocess'],
    [
      'a rejected file judged in another zone',
      known('rejected', 'aaa', { timeZone: 'Europe/Berlin' }),
      'aaa',
      false,
      'load',
    ],
    [
      'a rejected file judged by another mapping',
      known('rejected', 'aaa', { mappingSha256: 'ccc' }),
      'aaa',
      false,
      'load',
    ],
    [
      'a rejected file judged by another --max-rejected',
      known('rejected', 'aaa', { maxRejected: '0.5/100/100' }),
      'aaa',
      false,
      'load',
    ],
    ['a duplicate delivery, unchanged', known('duplicate'), 'aaa', false, 'skip'],
    ['a duplicate delivery, changed', known('duplicate'), 'bbb', false, 'load'],
  ] as const)('%s', (_what, row, sha, reprocess, expected) => {
    expect(decideAction(row, sha, reprocess, judge)).toBe(expected);
  });
});
