import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { customerFeatures, rfmQuery } from '../../src/features/customer-features.ts';
import type { FeatureContext } from '../../src/features/types.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { column, contextOf, featureRows, ORDERS_SQL } from './window-fixture.ts';

// Expected values worked by hand from window-fixture.ts: customer a ordered on 01-01 (ids 1, 2:
// 10.50 and 20.25), 01-05 (30.00), 01-09 (40.00), 02-20 (50.00); b on 01-02 (5.00), 01-10 (7.00).

let wh: Warehouse;
let ctx: FeatureContext;
beforeEach(async () => {
  wh = await Warehouse.open(':memory:');
  await wh.run(ORDERS_SQL);
  ctx = await contextOf(wh);
});
afterEach(() => wh.close());

async function features(options: Parameters<typeof customerFeatures>[1]): Promise<Record<string, unknown[]>> {
  const set = customerFeatures(ctx, options);
  const rows = await featureRows(wh, set);
  return Object.fromEntries(set.columns.map((c) => [c.name, column(rows, c.name)]));
}

describe('customerFeatures as of each row', () => {
  it('sees only the customer history up to the row, same-date orders not seeing each other', async () => {
    const v = await features({ customer: 'customer_id', order: 'id' });
    expect(v.customer_first_order_date).toEqual([
      '2024-01-01',
      '2024-01-01',
      '2024-01-01',
      '2024-01-01',
      '2024-01-01',
      '2024-01-02',
      '2024-01-02',
    ]);
    expect(v.customer_last_order_date).toEqual([
      null,
      null,
      '2024-01-01',
      '2024-01-05',
      '2024-01-09',
      null,
      '2024-01-02',
    ]);
    expect(v.customer_tenure_days).toEqual([0, 0, 4, 8, 50, 0, 8]);
    expect(v.customer_order_index).toEqual([1, 2, 3, 4, 5, 1, 2]);
    expect(v.customer_days_since_previous_order).toEqual([null, null, 4, 4, 42, null, 8]);
    expect(v.customer_prior_orders).toEqual([0, 0, 2, 3, 4, 0, 1]);
    expect(v.customer_prior_revenue).toEqual([null, null, '30.75', '60.75', '100.75', null, '5.00']);
  });

  it('gives orders of the same date one index without an order column', async () => {
    const v = await features({ customer: 'customer_id' });
    expect(v.customer_order_index).toEqual([1, 1, 3, 4, 5, 1, 2]);
  });

  it('uses another value column and declares the types DuckDB returns', async () => {
    const set = customerFeatures(ctx, { customer: 'customer_id', value: 'qty' });
    expect(set.columns.map((c) => c.name).at(-1)).toBe('customer_prior_qty');
    const cols = set.columns.map((c) => `${c.sql} as "${c.name}"`).join(', ');
    const result = await wh.query(`select ${cols} from o t`);
    expect(result.columns.map((c) => c.type)).toEqual(set.columns.map((c) => c.type));
  });

  it('gives rows without a customer null features', async () => {
    await wh.run(`insert into o values (8, null, 'web', date '2024-01-03', 1, 1.00)`);
    const v = await features({ customer: 'customer_id', order: 'id' });
    expect(Object.values(v).map((values) => values[7])).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('customerFeatures as of a date', () => {
  it('counts only orders on or before asOf, the same on every row of the customer', async () => {
    const v = await features({ customer: 'customer_id', order: 'id', asOf: '2024-01-06' });
    expect(v.customer_first_order_date).toEqual([
      '2024-01-01',
      '2024-01-01',
      '2024-01-01',
      '2024-01-01',
      '2024-01-01',
      '2024-01-02',
      '2024-01-02',
    ]);
    expect(v.customer_last_order_date).toEqual([
      '2024-01-05',
      '2024-01-05',
      '2024-01-05',
      '2024-01-05',
      '2024-01-05',
      '2024-01-02',
      '2024-01-02',
    ]);
    expect(v.customer_tenure_days).toEqual([5, 5, 5, 5, 5, 4, 4]);
    expect(v.customer_prior_orders).toEqual([3, 3, 3, 3, 3, 1, 1]);
    expect(v.customer_prior_revenue).toEqual(['60.75', '60.75', '60.75', '60.75', '60.75', '5.00', '5.00']);
    expect(v.customer_order_index).toEqual([1, 2, 3, 4, 5, 1, 2]);
  });

  it('refuses a bad asOf, an unknown column and a text value', () => {
    for (const asOf of ['2024-02-30', '2024-1-6', 'yesterday']) {
      expect(() => customerFeatures(ctx, { customer: 'customer_id', asOf })).toThrow(InvalidArgumentError);
      expect(() => customerFeatures(ctx, { customer: 'customer_id', asOf })).toThrow(JSON.stringify(asOf));
    }
    expect(() => customerFeatures(ctx, { customer: 'nope' })).toThrow(/customer column "nope"/);
    expect(() => customerFeatures(ctx, { customer: 'customer_id', value: 'channel' })).toThrow(
      /must be numeric/,
    );
  });

  it('leaves out the value feature when the default revenue column is absent', async () => {
    await wh.run('create table q as select id, order_date, customer_id from o');
    const set = customerFeatures(await contextOf(wh, 'q'), { customer: 'customer_id' });
    expect(set.columns.map((c) => c.name)).not.toContain('customer_prior_revenue');
    expect(await featureRows(wh, set, 'q')).toHaveLength(7);
  });
});

describe('rfmQuery', () => {
  it('gives recency, frequency and monetary per customer from orders on or before asOf', async () => {
    const rows = await wh.all(rfmQuery('o', ctx, { customer: 'customer_id', asOf: '2024-01-06' }));
    expect(rows).toEqual([
      { customer_id: 'a', recency_days: 1, frequency: 3, monetary: '60.75' },
      { customer_id: 'b', recency_days: 4, frequency: 1, monetary: '5.00' },
    ]);
    const later = await wh.all(
      rfmQuery('o', ctx, { customer: 'customer_id', value: 'qty', asOf: '2024-03-01' }),
    );
    expect(later).toEqual([
      { customer_id: 'a', recency_days: 10, frequency: 5, monetary: 150 },
      { customer_id: 'b', recency_days: 51, frequency: 2, monetary: 12 },
    ]);
  });

  it('has no rows before the first order', async () => {
    expect(await wh.all(rfmQuery('o', ctx, { customer: 'customer_id', asOf: '2023-12-31' }))).toEqual([]);
  });

  it('binds asOf as a parameter and refuses a bad one', () => {
    expect(rfmQuery('o', ctx, { customer: 'customer_id', asOf: '2024-01-06' }).params).toEqual({
      as_of: '2024-01-06',
    });
    expect(() => rfmQuery('o', ctx, { customer: 'customer_id', asOf: "2024-01-06' or 1=1" })).toThrow(
      InvalidArgumentError,
    );
  });
});
