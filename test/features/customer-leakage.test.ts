import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerFeatures } from '../../src/features/customer-features.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { mulberry32 } from '../support/prng.ts';
import { contextOf, featureRows } from './window-fixture.ts';

// Property test: on seeded random order tables, every customer feature (without asOf) equals
// what this TypeScript oracle computes from the customer's orders on earlier dates only.

interface Order {
  id: number;
  c: string;
  day: number;
  cents: number;
}

const iso = (day: number): string => new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
const money = (cents: number): string => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open(':memory:');
});
afterEach(() => wh.close());

describe('customerFeatures never see a later or same-date order', () => {
  it.each([21, 22, 23])('match the oracle over earlier dates (seed %i)', async (seed) => {
    const rnd = mulberry32(seed);
    const orders: Order[] = Array.from({ length: 100 }, (_, i) => ({
      id: i + 1,
      c: `c${Math.floor(rnd() * 6)}`,
      day: Math.floor(rnd() * 90),
      cents: Math.floor(rnd() * 100_000),
    }));
    const values = orders
      .map((o) => `(${o.id}, '${o.c}', date '${iso(o.day)}', ${money(o.cents)})`)
      .join(', ');
    await wh.run('create table o (id integer, customer_id varchar, d date, revenue decimal(12,2))');
    await wh.run(`insert into o values ${values}`);
    const set = customerFeatures(await contextOf(wh, 'o', 'd'), { customer: 'customer_id', order: 'id' });
    const got = await featureRows(wh, set);
    for (const o of orders) {
      const mine = orders.filter((x) => x.c === o.c);
      const earlier = mine.filter((x) => x.day < o.day);
      const first = Math.min(...mine.filter((x) => x.day <= o.day).map((x) => x.day));
      const last = earlier.length === 0 ? null : Math.max(...earlier.map((x) => x.day));
      const index = mine.filter((x) => x.day < o.day || (x.day === o.day && x.id <= o.id)).length;
      const prior = earlier.reduce((s, x) => s + x.cents, 0);
      const want = {
        id: o.id,
        customer_first_order_date: iso(first),
        customer_last_order_date: last === null ? null : iso(last),
        customer_tenure_days: o.day - first,
        customer_order_index: index,
        customer_days_since_previous_order: last === null ? null : o.day - last,
        customer_prior_orders: earlier.length,
        customer_prior_revenue: earlier.length === 0 ? null : money(prior),
      };
      expect(got[o.id - 1], `order ${o.id}`).toEqual(want);
    }
  });
});
