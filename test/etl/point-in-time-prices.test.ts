import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtlFixture } from '../support/fixtures.ts';

/**
 * The list price in force at order time (contract §3: the latest effective_ts <= order_ts; before
 * the first entry, the product's list_price), at the edges: an order exactly at a change, two
 * changes within a day, a price that holds for half a year, an entry with a zone offset, and
 * orders long after the last change. Expected prices are read off the price list by hand.
 */
const PRICES = [
  'product_id,effective_ts,list_price',
  'p1,2024-01-01 00:00:00,11.00',
  'p1,2024-01-01 12:00:00,11.50',
  'p1,2024-06-30 23:59:59,13.00',
  'p1,2025-03-01 00:00:00+02:00,14.00', // = 2025-02-28 22:00:00 UTC
].join('\n');

/** order id, order_ts (UTC), and the price it must get. */
const CASES: readonly (readonly [string, string, string])[] = [
  ['o01', '2023-12-31 23:59:59', '10.0000'], // before the first entry: the product's list price
  ['o02', '2024-01-01 00:00:00', '11.0000'], // exactly at the first change
  ['o03', '2024-01-01 11:59:59', '11.0000'],
  ['o04', '2024-01-01 12:00:00', '11.5000'], // the second change of the day
  ['o05', '2024-04-15 08:00:00', '11.5000'], // months into a long-lasting price
  ['o06', '2024-06-30 23:59:58', '11.5000'],
  ['o07', '2024-06-30 23:59:59', '13.0000'],
  ['o08', '2025-02-28 21:59:59', '13.0000'],
  ['o09', '2025-02-28 22:00:00', '14.0000'], // the zoned entry, at its instant
  ['o10', '2030-01-01 00:00:00', '14.0000'], // years after the last change
];

let fx: EtlFixture;
beforeAll(async () => {
  fx = new EtlFixture({
    'customers.csv': 'customer_id,country\nu1,DE\n',
    'products.csv': 'product_id,list_price\np1,10.00\np2,3.00\n',
    'product_prices.csv': PRICES,
    'orders.csv': [
      'order_id,customer_id,order_ts,status',
      ...CASES.map(([id, ts]) => `${id},u1,${ts}Z,placed`),
    ].join('\n'),
    'order_items.csv': [
      'order_id,line_number,product_id,quantity,unit_price',
      ...CASES.flatMap(([id]) => [`${id},1,p1,1,9.00`, `${id},2,p2,1,3.00`]),
    ].join('\n'),
  });
  expect((await fx.run()).exitCode).toBe(0);
});
afterAll(() => fx?.root.cleanup());

describe('point-in-time list prices', () => {
  it('each line gets the price in force at its order instant', async () => {
    const rows = await fx.query(
      "select order_id, list_price_at_order from silver.fact_order_items where product_id = 'p1' order by 1",
    );
    expect(rows).toEqual(CASES.map(([order_id, , price]) => ({ order_id, list_price_at_order: price })));
  });

  it('a product without price entries keeps its own list price, and no line is lost or doubled', async () => {
    const rows = await fx.query(
      "select count(*) as n, count(distinct order_id) as orders, min(list_price_at_order) as lo, max(list_price_at_order) as hi from silver.fact_order_items where product_id = 'p2'",
    );
    expect(rows).toEqual([{ n: CASES.length, orders: CASES.length, lo: '3.0000', hi: '3.0000' }]);
  });

  it('reads the prices again in another reporting zone, where naive times move and zoned ones stay', async () => {
    // In Europe/Berlin naive order and price times are both Berlin wall times: o04 at 12:00 still
    // meets the 12:00 change. The zoned entry stays at 2025-02-28 22:00 UTC = 23:00 Berlin, so
    // an order at 22:00 Berlin (21:00 UTC) still pays 13.00 and one at 23:00 Berlin pays 14.00.
    const zoned = new EtlFixture({
      'customers.csv': 'customer_id,country\nu1,DE\n',
      'products.csv': 'product_id,list_price\np1,10.00\n',
      'product_prices.csv': PRICES,
      'orders.csv':
        'order_id,customer_id,order_ts,status\no04,u1,2024-01-01 12:00:00,placed\nb22,u1,2025-02-28 22:00:00,placed\nb23,u1,2025-02-28 23:00:00,placed\n',
      'order_items.csv':
        'order_id,line_number,product_id,quantity,unit_price\no04,1,p1,1,9.00\nb22,1,p1,1,9.00\nb23,1,p1,1,9.00\n',
    });
    try {
      expect((await zoned.run({ timeZone: 'Europe/Berlin' })).exitCode).toBe(0);
      expect(
        await zoned.query('select order_id, list_price_at_order from silver.fact_order_items order by 1'),
      ).toEqual([
        { order_id: 'b22', list_price_at_order: '13.0000' },
        { order_id: 'b23', list_price_at_order: '14.0000' },
        { order_id: 'o04', list_price_at_order: '11.5000' },
      ]);
    } finally {
      zoned.root.cleanup();
    }
  });
});
