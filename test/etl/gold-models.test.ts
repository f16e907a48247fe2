import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EtlFixture } from '../support/fixtures.ts';

/**
 * Five orders written to exercise every gold rule once; each expected number is worked out by
 * hand in the comments.
 *
 * o1 u1 Jan 10 web    card    delivered  p1 2 x 10.00 - 1.00 = 19.00; p2 1 x 2.50 = 2.50  -> 21.50, 3 units
 * o2 u2 Jan 10 mobile paypal  cancelled  p1 1 x 10.00 = 10.00                              -> lost 10.00
 * o3 u1 Feb 05 web    card    returned   p2 4 x 2.50 = 10.00                               -> neither revenue nor lost
 * o4 u3 Feb 05 web    invoice placed     p1 1 x 12.00 = 12.00; p2 2 x 2.50 - 0.50 = 4.50   -> 16.50, 3 units
 * o5 u2 Feb 20 mobile paypal  shipped    p2 2 x 2.50 = 5.00                                -> 5.00, 2 units
 * Customers: u1 female DE, u2 male AT, u3 (no gender) DE. Valid revenue: 21.50 + 16.50 + 5.00 = 43.00.
 */
const FILES = {
  'categories.csv': 'category_id,category_name,parent_category_id\nc1,Shoes,\nc2,Socks,c1\n',
  'brands.csv': 'brand_id,brand_name\nb1,Acme\nb2,Bolt\n',
  'customers.csv':
    'customer_id,gender,birth_date,country,region,city,signup_date\nu1,female,,DE,,,\nu2,male,,AT,,,\nu3,,,DE,,,\n',
  'products.csv':
    'product_id,product_name,category_id,brand_id,list_price,unit_cost\np1,Shoe,c1,b1,10.00,4\np2,Sock,c2,b2,2.50,1\n',
  'product_prices.csv': 'product_id,effective_ts,list_price\np1,2025-02-01 00:00:00,12.00\n',
  'orders.csv': [
    'order_id,customer_id,order_ts,channel,payment_method,status,currency',
    'o1,u1,2025-01-10 10:00:00,web,card,delivered,EUR',
    'o2,u2,2025-01-10 11:00:00,mobile,paypal,cancelled,EUR',
    'o3,u1,2025-02-05 09:00:00,web,card,returned,EUR',
    'o4,u3,2025-02-05 12:00:00,web,invoice,placed,EUR',
    'o5,u2,2025-02-20 08:00:00,mobile,paypal,shipped,EUR',
  ].join('\n'),
  'order_items.csv': [
    'order_id,line_number,product_id,quantity,unit_price,discount_amount',
    'o1,1,p1,2,10.00,1.00',
    'o1,2,p2,1,2.50,',
    'o2,1,p1,1,10.00,',
    'o3,1,p2,4,2.50,',
    'o4,1,p1,1,12.00,',
    'o4,2,p2,2,2.50,0.50',
    'o5,1,p2,2,2.50,',
  ].join('\n'),
  'events.csv': [
    'event_ts,visitor_id,event_type,product_id,order_id',
    '2025-01-09 10:00:00,v1,view,p1,',
    '2025-01-09 10:01:00,v1,addtocart,p1,',
    '2025-01-09 10:02:00,v2,view,p1,',
    '2025-01-09 10:03:00,v1,transaction,p1,o1',
    '2025-01-09 10:04:00,v2,view,p2,',
    '2025-01-09 10:05:00,v2,view,p2,',
    '2025-01-09 10:06:00,v3,addtocart,p2,',
  ].join('\n'),
};

let fx: EtlFixture;
beforeAll(async () => {
  fx = new EtlFixture(FILES);
  const result = await fx.run();
  expect(result.exitCode).toBe(0);
});
afterAll(() => fx?.cleanup());

describe('gold models on a hand-written five-order landing zone', () => {
  it('gold.daily_sales has a row per date x channel x country with an order of any status', async () => {
    expect(await fx.query('select * from gold.daily_sales order by date, channel, country')).toEqual([
      // o2 only: cancelled, so no valid order but lost 10.00
      {
        date: '2025-01-10',
        channel: 'mobile',
        country: 'AT',
        orders: 0,
        units: 0,
        revenue: '0.0000',
        customers: 0,
        cancelled_orders: 1,
        lost_revenue: '10.0000',
      },
      {
        date: '2025-01-10',
        channel: 'web',
        country: 'DE',
        orders: 1,
        units: 3,
        revenue: '21.5000',
        customers: 1,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
      // o3 (returned) and o4 (valid): only o4 counts
      {
        date: '2025-02-05',
        channel: 'web',
        country: 'DE',
        orders: 1,
        units: 3,
        revenue: '16.5000',
        customers: 1,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
      {
        date: '2025-02-20',
        channel: 'mobile',
        country: 'AT',
        orders: 1,
        units: 2,
        revenue: '5.0000',
        customers: 1,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
    ]);
  });

  it('gold.monthly_kpis computes AOV, new customers and the cancellation rate over orders of any status', async () => {
    expect(await fx.query('select * from gold.monthly_kpis order by month')).toEqual([
      // Jan: o1 valid (21.50), o2 cancelled: rate 1/2; u1's first valid order -> 1 new
      {
        month: '2025-01-01',
        orders: 1,
        units: 3,
        revenue: '21.5000',
        aov: 21.5,
        active_customers: 1,
        new_customers: 1,
        cancelled_orders: 1,
        cancellation_rate: 0.5,
        lost_revenue: '10.0000',
      },
      // Feb: o4 + o5 valid = 21.50 over 2 orders = 10.75; u3 and u2 have their first valid order here
      {
        month: '2025-02-01',
        orders: 2,
        units: 5,
        revenue: '21.5000',
        aov: 10.75,
        active_customers: 2,
        new_customers: 2,
        cancelled_orders: 0,
        cancellation_rate: 0,
        lost_revenue: '0.0000',
      },
    ]);
  });

  it('gold.revenue_by counts distinct valid orders per product and shares of the 43.00 total', async () => {
    const rows = await fx.query('select * from gold.revenue_by order by dimension, member nulls first');
    const s = (x: number) => x / 43;
    expect(rows).toEqual([
      { dimension: 'brand', member: 'b1', orders: 2, units: 3, revenue: '31.0000', revenue_share: s(31) },
      { dimension: 'brand', member: 'b2', orders: 3, units: 5, revenue: '12.0000', revenue_share: s(12) },
      { dimension: 'category', member: 'c1', orders: 2, units: 3, revenue: '31.0000', revenue_share: s(31) },
      { dimension: 'category', member: 'c2', orders: 3, units: 5, revenue: '12.0000', revenue_share: s(12) },
      { dimension: 'channel', member: 'mobile', orders: 1, units: 2, revenue: '5.0000', revenue_share: s(5) },
      { dimension: 'channel', member: 'web', orders: 2, units: 6, revenue: '38.0000', revenue_share: s(38) },
      { dimension: 'country', member: 'AT', orders: 1, units: 2, revenue: '5.0000', revenue_share: s(5) },
      { dimension: 'country', member: 'DE', orders: 2, units: 6, revenue: '38.0000', revenue_share: s(38) },
      {
        dimension: 'customer',
        member: 'u1',
        orders: 1,
        units: 3,
        revenue: '21.5000',
        revenue_share: s(21.5),
      },
      { dimension: 'customer', member: 'u2', orders: 1, units: 2, revenue: '5.0000', revenue_share: s(5) },
      {
        dimension: 'customer',
        member: 'u3',
        orders: 1,
        units: 3,
        revenue: '16.5000',
        revenue_share: s(16.5),
      },
      { dimension: 'gender', member: null, orders: 1, units: 3, revenue: '16.5000', revenue_share: s(16.5) },
      {
        dimension: 'gender',
        member: 'female',
        orders: 1,
        units: 3,
        revenue: '21.5000',
        revenue_share: s(21.5),
      },
      { dimension: 'gender', member: 'male', orders: 1, units: 2, revenue: '5.0000', revenue_share: s(5) },
      {
        dimension: 'payment_method',
        member: 'card',
        orders: 1,
        units: 3,
        revenue: '21.5000',
        revenue_share: s(21.5),
      },
      {
        dimension: 'payment_method',
        member: 'invoice',
        orders: 1,
        units: 3,
        revenue: '16.5000',
        revenue_share: s(16.5),
      },
      {
        dimension: 'payment_method',
        member: 'paypal',
        orders: 1,
        units: 2,
        revenue: '5.0000',
        revenue_share: s(5),
      },
      // p1: o1 line 1 (19.00, 2 units) + o4 line 1 (12.00, 1 unit); p2: 2.50 + 4.50 + 5.00 over o1, o4, o5
      { dimension: 'product', member: 'p1', orders: 2, units: 3, revenue: '31.0000', revenue_share: s(31) },
      { dimension: 'product', member: 'p2', orders: 3, units: 5, revenue: '12.0000', revenue_share: s(12) },
    ]);
  });

  it('gold.cancellations_by counts orders of any status and the lost revenue of cancelled ones', async () => {
    const rows = await fx.query(
      'select dimension, member, orders, cancelled_orders, cancellation_rate, lost_revenue from gold.cancellations_by order by dimension, member nulls first',
    );
    const none = (orders: number) => ({
      orders,
      cancelled_orders: 0,
      cancellation_rate: 0,
      lost_revenue: '0.0000',
    });
    expect(rows).toEqual([
      // p1 is in o1, o2 (cancelled, 10.00) and o4
      {
        dimension: 'brand',
        member: 'b1',
        orders: 3,
        cancelled_orders: 1,
        cancellation_rate: 1 / 3,
        lost_revenue: '10.0000',
      },
      { dimension: 'brand', member: 'b2', ...none(4) },
      {
        dimension: 'category',
        member: 'c1',
        orders: 3,
        cancelled_orders: 1,
        cancellation_rate: 1 / 3,
        lost_revenue: '10.0000',
      },
      { dimension: 'category', member: 'c2', ...none(4) },
      {
        dimension: 'channel',
        member: 'mobile',
        orders: 2,
        cancelled_orders: 1,
        cancellation_rate: 0.5,
        lost_revenue: '10.0000',
      },
      { dimension: 'channel', member: 'web', ...none(3) },
      {
        dimension: 'country',
        member: 'AT',
        orders: 2,
        cancelled_orders: 1,
        cancellation_rate: 0.5,
        lost_revenue: '10.0000',
      },
      { dimension: 'country', member: 'DE', ...none(3) },
      { dimension: 'customer', member: 'u1', ...none(2) },
      {
        dimension: 'customer',
        member: 'u2',
        orders: 2,
        cancelled_orders: 1,
        cancellation_rate: 0.5,
        lost_revenue: '10.0000',
      },
      { dimension: 'customer', member: 'u3', ...none(1) },
      { dimension: 'gender', member: null, ...none(1) },
      { dimension: 'gender', member: 'female', ...none(2) },
      {
        dimension: 'gender',
        member: 'male',
        orders: 2,
        cancelled_orders: 1,
        cancellation_rate: 0.5,
        lost_revenue: '10.0000',
      },
      { dimension: 'payment_method', member: 'card', ...none(2) },
      { dimension: 'payment_method', member: 'invoice', ...none(1) },
      {
        dimension: 'payment_method',
        member: 'paypal',
        orders: 2,
        cancelled_orders: 1,
        cancellation_rate: 0.5,
        lost_revenue: '10.0000',
      },
      {
        dimension: 'product',
        member: 'p1',
        orders: 3,
        cancelled_orders: 1,
        cancellation_rate: 1 / 3,
        lost_revenue: '10.0000',
      },
      { dimension: 'product', member: 'p2', ...none(4) },
    ]);
  });

  it('gold.customer_monthly_spend has customer-months with a valid order', async () => {
    expect(await fx.query('select * from gold.customer_monthly_spend order by month, customer_id')).toEqual([
      { customer_id: 'u1', month: '2025-01-01', orders: 1, revenue: '21.5000' },
      { customer_id: 'u2', month: '2025-02-01', orders: 1, revenue: '5.0000' },
      { customer_id: 'u3', month: '2025-02-01', orders: 1, revenue: '16.5000' },
    ]);
  });

  it('gold.monthly_by gives each month the members of every dimension, lines for product, category and brand', async () => {
    const rows = await fx.query(
      "select strftime(month, '%Y-%m') as month, member, orders, units, revenue, customers, cancelled_orders, lost_revenue from gold.monthly_by where dimension = $d order by 1, 2",
      { d: 'product' },
    );
    expect(rows).toEqual([
      // Jan: p1 in o1 (valid, 2 x 10.00 - 1.00 = 19.00) and o2 (cancelled, lost 10.00); p2 in o1 (2.50).
      {
        month: '2025-01',
        member: 'p1',
        orders: 1,
        units: 2,
        revenue: '19.0000',
        customers: 1,
        cancelled_orders: 1,
        lost_revenue: '10.0000',
      },
      {
        month: '2025-01',
        member: 'p2',
        orders: 1,
        units: 1,
        revenue: '2.5000',
        customers: 1,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
      // Feb: p1 in o4 (12.00); p2 in o3 (returned: neither), o4 (4.50) and o5 (5.00) = 9.50, 4 units, u3 and u2.
      {
        month: '2025-02',
        member: 'p1',
        orders: 1,
        units: 1,
        revenue: '12.0000',
        customers: 1,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
      {
        month: '2025-02',
        member: 'p2',
        orders: 2,
        units: 4,
        revenue: '9.5000',
        customers: 2,
        cancelled_orders: 0,
        lost_revenue: '0.0000',
      },
    ]);
    // Order-level: Jan channel mobile holds only the cancelled o2 (a row with its lost revenue);
    // Feb mobile holds o5 (5.00).
    expect(
      await fx.query(
        "select strftime(month, '%Y-%m') as month, orders, revenue, cancelled_orders, lost_revenue from gold.monthly_by where dimension = 'channel' and member = 'mobile' order by 1",
      ),
    ).toEqual([
      { month: '2025-01', orders: 0, revenue: '0.0000', cancelled_orders: 1, lost_revenue: '10.0000' },
      { month: '2025-02', orders: 1, revenue: '5.0000', cancelled_orders: 0, lost_revenue: '0.0000' },
    ]);
  });

  it('gold.conversion_funnel counts distinct visitors per step', async () => {
    expect(await fx.query('select * from gold.conversion_funnel order by product_id')).toEqual([
      // p1: views {v1, v2}, carts {v1}, purchases {v1}
      {
        product_id: 'p1',
        views: 2,
        addtocarts: 1,
        purchases: 1,
        view_to_cart_rate: 0.5,
        cart_to_purchase_rate: 1,
      },
      // p2: views {v2} (twice), carts {v3}, no purchase
      {
        product_id: 'p2',
        views: 1,
        addtocarts: 1,
        purchases: 0,
        view_to_cart_rate: 1,
        cart_to_purchase_rate: 0,
      },
    ]);
  });

  it('order lines carry the list price in force at order time', async () => {
    // p1 costs 10.00 until the 12.00 entry of 2025-02-01; p2 has no price entries.
    expect(
      await fx.query(
        'select order_id, line_number, list_price_at_order from silver.fact_order_items order by 1, 2',
      ),
    ).toEqual([
      { order_id: 'o1', line_number: 1, list_price_at_order: '10.0000' },
      { order_id: 'o1', line_number: 2, list_price_at_order: '2.5000' },
      { order_id: 'o2', line_number: 1, list_price_at_order: '10.0000' },
      { order_id: 'o3', line_number: 1, list_price_at_order: '2.5000' },
      { order_id: 'o4', line_number: 1, list_price_at_order: '12.0000' },
      { order_id: 'o4', line_number: 2, list_price_at_order: '2.5000' },
      { order_id: 'o5', line_number: 1, list_price_at_order: '2.5000' },
    ]);
  });

  it('silver dimensions carry names and dim_date spans the order dates', async () => {
    expect(
      await fx.query(
        'select product_id, category_name, parent_category_id, brand_name from silver.dim_products order by 1',
      ),
    ).toEqual([
      { product_id: 'p1', category_name: 'Shoes', parent_category_id: null, brand_name: 'Acme' },
      { product_id: 'p2', category_name: 'Socks', parent_category_id: 'c1', brand_name: 'Bolt' },
    ]);
    // 2025-01-10 .. 2025-02-20 inclusive: 22 days of January + 20 of February
    expect(
      await fx.query('select count(*) as n, min(date) as lo, max(date) as hi from silver.dim_date'),
    ).toEqual([{ n: 42, lo: '2025-01-10', hi: '2025-02-20' }]);
  });

  it('every error-level data-quality check passes', async () => {
    const failed = await fx.query(
      "select check_name from meta.dq_results where severity = 'error' and not passed",
    );
    expect(failed).toEqual([]);
  });
});
