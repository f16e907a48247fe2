import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import type { FeatureContext } from '../../src/features/types.ts';
import { parseWindowSpec, windowFeatures } from '../../src/features/windows.ts';
import { Warehouse } from '../../src/warehouse/index.ts';
import { column, contextOf, featureRows, ORDERS_SQL } from './window-fixture.ts';

// Expected values are worked by hand from the fixture (see window-fixture.ts): a has orders on
// 01-01 (ids 1, 2), 01-05, 01-09 and 02-20; b on 01-02 and 01-10.

let wh: Warehouse;
let ctx: FeatureContext;
beforeEach(async () => {
  wh = await Warehouse.open(':memory:');
  await wh.run(ORDERS_SQL);
  ctx = await contextOf(wh);
});
afterEach(() => wh.close());

async function values(specs: string[], training: boolean): Promise<Record<string, unknown[]>> {
  const set = windowFeatures(ctx, specs.map(parseWindowSpec), { training, order: 'id' });
  const rows = await featureRows(wh, set);
  return Object.fromEntries(set.columns.map((c) => [c.name, column(rows, c.name)]));
}

describe('windowFeatures in training mode', () => {
  it('lags skip rows of the same date and start each group with null', async () => {
    const v = await values(['lag:qty:1@customer_id', 'lag:qty:2@customer_id'], true);
    expect(v.qty_lag_1_by_customer_id).toEqual([null, null, 20, 30, 40, null, 5]);
    expect(v.qty_lag_2_by_customer_id).toEqual([null, null, 10, 20, 30, null, null]);
  });

  it('day windows cover the N calendar days before the date, so a gap is empty', async () => {
    const v = await values(
      [
        'sum:qty:7d@customer_id',
        'mean:qty:7d@customer_id',
        'count:qty:7d@customer_id',
        'min:qty:7d@customer_id',
        'max:qty:7d@customer_id',
      ],
      true,
    );
    expect(v.qty_sum_7d_by_customer_id).toEqual([null, null, 30, 30, null, null, null]);
    expect(v.qty_mean_7d_by_customer_id).toEqual([null, null, 15, 30, null, null, null]);
    expect(v.qty_count_7d_by_customer_id).toEqual([0, 0, 2, 1, 0, 0, 0]);
    expect(v.qty_min_7d_by_customer_id).toEqual([null, null, 10, 30, null, null, null]);
    expect(v.qty_max_7d_by_customer_id).toEqual([null, null, 20, 30, null, null, null]);
  });

  it('row windows take the last N rows strictly before the date', async () => {
    const v = await values(
      [
        'sum:qty:2r@customer_id',
        'mean:qty:2r@customer_id',
        'count:qty:2r@customer_id',
        'min:qty:2r@customer_id',
        'max:qty:2r@customer_id',
      ],
      true,
    );
    expect(v.qty_sum_2r_by_customer_id).toEqual([null, null, 30, 50, 70, null, 5]);
    expect(v.qty_mean_2r_by_customer_id).toEqual([null, null, 15, 25, 35, null, 5]);
    expect(v.qty_count_2r_by_customer_id).toEqual([0, 0, 2, 2, 2, 0, 1]);
    expect(v.qty_min_2r_by_customer_id).toEqual([null, null, 10, 20, 30, null, 5]);
    expect(v.qty_max_2r_by_customer_id).toEqual([null, null, 20, 30, 40, null, 5]);
  });

  it('expanding aggregates and days since previous exclude the current date', async () => {
    const v = await values(
      [
        'expanding_sum:qty@customer_id',
        'expanding_mean:qty@customer_id',
        'expanding_count:qty@customer_id',
        'days_since_previous@customer_id',
      ],
      true,
    );
    expect(v.qty_expanding_sum_by_customer_id).toEqual([null, null, 30, 60, 100, null, 5]);
    expect(v.qty_expanding_mean_by_customer_id).toEqual([null, null, 15, 20, 25, null, 5]);
    expect(v.qty_expanding_count_by_customer_id).toEqual([0, 0, 2, 3, 4, 0, 1]);
    expect(v.days_since_previous_by_customer_id).toEqual([null, null, 4, 4, 42, null, 8]);
  });

  it('refuses lead', () => {
    expect(() => windowFeatures(ctx, [parseWindowSpec('lead:qty@customer_id')], { training: true })).toThrow(
      InvalidArgumentError,
    );
    expect(() => windowFeatures(ctx, [parseWindowSpec('lead:qty@customer_id')], { training: true })).toThrow(
      'lead:qty:1@customer_id',
    );
  });
});

describe('windowFeatures outside training mode', () => {
  it('lag and lead follow the row order, the same date included', async () => {
    const v = await values(['lag:qty:1@customer_id', 'lead:qty:1@customer_id'], false);
    expect(v.qty_lag_1_by_customer_id).toEqual([null, 10, 20, 30, 40, null, 5]);
    expect(v.qty_lead_1_by_customer_id).toEqual([20, 30, 40, 50, null, 7, null]);
  });

  it('day windows end with the whole current date; row windows with the current row', async () => {
    const v = await values(
      [
        'sum:qty:7d@customer_id',
        'count:qty:7d@customer_id',
        'sum:qty:2r@customer_id',
        'max:qty:1d@customer_id',
      ],
      false,
    );
    expect(v.qty_sum_7d_by_customer_id).toEqual([30, 30, 60, 70, 50, 5, 7]);
    expect(v.qty_count_7d_by_customer_id).toEqual([2, 2, 3, 2, 1, 1, 1]);
    expect(v.qty_sum_2r_by_customer_id).toEqual([10, 30, 50, 70, 90, 5, 12]);
    expect(v.qty_max_1d_by_customer_id).toEqual([20, 20, 30, 40, 50, 5, 7]);
  });

  it('expanding aggregates include the current date; days since previous counts rows', async () => {
    const v = await values(
      [
        'expanding_sum:qty@customer_id',
        'expanding_mean:qty@customer_id',
        'expanding_count:qty@customer_id',
        'days_since_previous@customer_id',
      ],
      false,
    );
    expect(v.qty_expanding_sum_by_customer_id).toEqual([30, 30, 60, 100, 150, 5, 12]);
    expect(v.qty_expanding_mean_by_customer_id).toEqual([15, 15, 20, 25, 30, 5, 6]);
    expect(v.qty_expanding_count_by_customer_id).toEqual([2, 2, 3, 4, 5, 1, 2]);
    expect(v.days_since_previous_by_customer_id).toEqual([null, 0, 4, 4, 42, null, 8]);
  });
});

describe('windowFeatures columns', () => {
  it('declares the types DuckDB returns, and money stays DECIMAL', async () => {
    const specs = [
      'sum:revenue:7d@customer_id',
      'mean:revenue:7d@customer_id',
      'count:revenue:3r@customer_id',
      'lag:revenue@customer_id',
      'sum:qty:3r@customer_id',
      'days_since_previous@customer_id',
      'max:channel:3r@customer_id',
    ];
    for (const training of [true, false]) {
      const set = windowFeatures(ctx, specs.map(parseWindowSpec), { training, order: 'id' });
      const cols = set.columns.map((c) => `${c.sql} as "${c.name}"`).join(', ');
      const result = await wh.query(`select ${cols} from o t`);
      expect(result.columns.map((c) => c.type)).toEqual(set.columns.map((c) => c.type));
    }
    const set = windowFeatures(ctx, [parseWindowSpec('sum:revenue:7d@customer_id')], { training: true });
    expect(set.columns[0]?.type).toBe('DECIMAL(38,2)');
    expect(column(await featureRows(wh, set), 'revenue_sum_7d_by_customer_id')).toEqual([
      null,
      null,
      '30.75',
      '30.00',
      null,
      null,
      null,
    ]);
  });

  it('groups by several columns', async () => {
    const v = await values(['expanding_count:qty@customer_id,channel'], true);
    expect(v.qty_expanding_count_by_customer_id_channel).toEqual([0, 0, 0, 2, 3, 0, 0]);
  });

  it('treats the table as one group without by', async () => {
    const v = await values(['lag:qty'], true);
    // dates in order: 01-01 (10, 20), 01-02 (5), 01-05 (30), 01-09 (40), 01-10 (7), 02-20 (50)
    expect(v.qty_lag_1).toEqual([null, null, 5, 30, 7, 20, 40]);
  });

  it('orders same-date rows by the value without an order column, and says so', async () => {
    const set = windowFeatures(ctx, [parseWindowSpec('lag:qty@customer_id')], {});
    expect(set.warnings.map((w) => w.code)).toEqual(['same_date_ordered_by_value']);
    expect(column(await featureRows(wh, set), 'qty_lag_1_by_customer_id')).toEqual([
      null,
      10,
      20,
      30,
      40,
      null,
      5,
    ]);
    expect(set.spec).toBe('windows[inclusive]:lag:qty:1@customer_id');
  });

  it('refuses unknown columns, non-numeric sums and duplicate names', () => {
    expect(() => windowFeatures(ctx, [parseWindowSpec('sum:nope:7d@customer_id')])).toThrow(
      /"nope" is not a column/,
    );
    expect(() => windowFeatures(ctx, [parseWindowSpec('sum:qty:7d@nope')])).toThrow(InvalidArgumentError);
    expect(() => windowFeatures(ctx, [parseWindowSpec('sum:qty:7d')], { order: 'nope' })).toThrow(
      InvalidArgumentError,
    );
    expect(() => windowFeatures(ctx, [parseWindowSpec('mean:channel:7d@customer_id')])).toThrow(
      /needs a numeric column/,
    );
    expect(() => windowFeatures(ctx, [parseWindowSpec('lag:qty'), parseWindowSpec('lag:qty:1')])).toThrow(
      /two specs/,
    );
    expect(() => windowFeatures(ctx, [{ op: 'lag', value: 'qty', by: [], k: 0 }])).toThrow(
      /k must be an integer/,
    );
    expect(() => windowFeatures(ctx, [{ op: 'sum', value: 'qty', by: [], window: { days: 1.5 } }])).toThrow(
      InvalidArgumentError,
    );
  });

  it('quotes awkward column names and gives the feature a readable name', async () => {
    await wh.run(`create table odd as select id, order_date, customer_id, qty as "Umsatz (€)" from o`);
    const odd = await contextOf(wh, 'odd');
    const set = windowFeatures(odd, [{ op: 'expanding_sum', value: 'Umsatz (€)', by: ['customer_id'] }], {
      training: true,
    });
    expect(set.columns[0]?.name).toBe('umsatz_expanding_sum_by_customer_id');
    expect(column(await featureRows(wh, set, 'odd'), 'umsatz_expanding_sum_by_customer_id')).toEqual([
      null,
      null,
      30,
      60,
      100,
      null,
      5,
    ]);
  });

  it('an empty table gives no rows and no error', async () => {
    await wh.run('create table e as select * from o where false');
    const set = windowFeatures(
      await contextOf(wh, 'e'),
      [parseWindowSpec('sum:qty:3r@customer_id'), parseWindowSpec('lag:qty@customer_id')],
      { training: true },
    );
    expect(await featureRows(wh, set, 'e')).toEqual([]);
  });
});

describe('windowFeatures on a date taken in the reporting zone', () => {
  it('counts days between local dates, not UTC instants', async () => {
    await wh.run(`create table z as select * from (values
      (1, 'a', timestamptz '2024-03-30 22:30:00+00'),
      (2, 'a', timestamptz '2024-03-31 21:30:00+00'),
      (3, 'a', timestamptz '2024-03-31 22:30:00+00')) v(id, customer_id, ts)`);
    const zoned: FeatureContext = {
      ...(await contextOf(wh, 'z')),
      date: `cast(timezone('Europe/Berlin', t."ts") as date)`,
      timeZone: 'Europe/Berlin',
    };
    // Berlin dates 03-30, 03-31 (after the DST change), 04-01; in UTC the last two share 03-31
    // and would give days [null, 1, 0], counts [1, 1, 2]
    const set = windowFeatures(
      zoned,
      [parseWindowSpec('days_since_previous@customer_id'), parseWindowSpec('count:id:1d@customer_id')],
      { order: 'id' },
    );
    const rows = await featureRows(wh, set, 'z');
    expect(column(rows, 'days_since_previous_by_customer_id')).toEqual([null, 1, 1]);
    expect(column(rows, 'id_count_1d_by_customer_id')).toEqual([1, 1, 1]);
  });
});
