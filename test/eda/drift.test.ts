import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compareSlices, parseCompare } from '../../src/eda/drift.ts';
import { DRIFT_CATEGORY_SHARE, DRIFT_MISSING_CHANGE } from '../../src/eda/drift-alerts.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { Warehouse } from '../../src/warehouse/index.ts';

let wh: Warehouse;
beforeEach(async () => {
  wh = await Warehouse.open(':memory:');
});
afterEach(() => {
  wh.close();
});

const close = (actual: number | null | undefined, expected: number, rel = 1e-12) => {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected) / Math.abs(expected)).toBeLessThanOrEqual(rel);
};

/**
 * A: revenue 10, 20, 30, 40. B: 20, 30, 40, 50 and one missing.
 * Means 25 and 35: shift +10. Missing 0 of 4 against 1 of 5: +20 points.
 * Deciles of A (type 7, h = 3p): 13, 16, 19, 22, 25, 28, 31, 34, 37, so A's values fall in bins
 * 0 (< 13), 3 ([19, 22)), 6 ([28, 31)) and 9 (>= 37), a quarter each; B's in bins 3, 6, 9, 9.
 * PSI = (0.0001 - 0.25) ln(0.0001 / 0.25) + (0.5 - 0.25) ln(0.5 / 0.25); bins empty in both add 0.
 */
const SALES = `create table sales (month varchar, revenue decimal(10,2), channel varchar, paid boolean);
insert into sales values
  ('2025-09', 10, 'web', true), ('2025-09', 20, 'web', true), ('2025-09', 30, 'store', false), ('2025-09', 40, 'mobile', true),
  ('2025-10', 20, 'web', true), ('2025-10', 30, 'app', true), ('2025-10', 40, 'app', false), ('2025-10', 50, 'web', false),
  ('2025-10', null, 'web', true)`;

describe('compareSlices on a numeric column, worked by hand', () => {
  it('gives the mean and quantile shifts, the missing shares and the PSI over the deciles of A', async () => {
    await wh.run(SALES);
    const r = await compareSlices(wh, 'sales', parseCompare('month=2025-09,2025-10'), {
      columns: ['revenue'],
    });
    expect(r.rows).toEqual({ a: 4, b: 5 });
    const [revenue] = r.columns;
    expect(revenue?.missingShare).toEqual({ a: 0, b: 0.2 });
    expect(revenue?.meanShift).toBe(10);
    expect(revenue?.quantileShifts?.filter((q) => q.p === 0.25 || q.p === 0.5)).toEqual([
      { p: 0.25, a: 17.5, b: 27.5 },
      { p: 0.5, a: 25, b: 35 },
    ]);
    expect(revenue?.psi?.bins.map((b) => b.label)).toEqual([
      '< 13',
      '[13, 16)',
      '[16, 19)',
      '[19, 22)',
      '[22, 25)',
      '[25, 28)',
      '[28, 31)',
      '[31, 34)',
      '[34, 37)',
      '>= 37',
    ]);
    expect(revenue?.psi?.bins.map((b) => [b.a, b.b])).toEqual([
      [0.25, 0],
      [0, 0],
      [0, 0],
      [0.25, 0.25],
      [0, 0],
      [0, 0],
      [0.25, 0.25],
      [0, 0],
      [0, 0],
      [0.25, 0.5],
    ]);
    close(revenue?.psi?.value, (0.0001 - 0.25) * Math.log(0.0001 / 0.25) + 0.25 * Math.log(2));
    expect(revenue?.psi?.rule).toContain('bins at the distinct deciles of A');
    expect(r.alerts.map((a) => [a.code, a.value])).toEqual([
      ['drift_missing', 0.2],
      ['drift_psi', revenue?.psi?.value],
    ]);
    expect(r.alerts[0]?.message).toBe(
      'revenue: missing 0.0 % in A, 20.0 % in B (+20.0 points), threshold 10 points',
    );
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('a user PSI threshold above the value silences drift_psi', async () => {
    await wh.run(SALES);
    const r = await compareSlices(wh, 'sales', parseCompare('month=2025-09,2025-10'), {
      columns: ['revenue'],
      thresholds: { psi: 5 },
    });
    expect(r.alerts.map((a) => a.code)).toEqual(['drift_missing']);
    expect(r.thresholds.psi).toBe(5);
  });
});

describe('compareSlices on categories', () => {
  it('lists new and vanished categories with counts and totals, and the PSI over A top values plus other', async () => {
    await wh.run(SALES);
    const r = await compareSlices(
      wh,
      'sales',
      { column: 'month', a: '2025-09', b: '2025-10' },
      {
        columns: ['channel', 'paid'],
        topK: 1,
      },
    );
    const [channel, paid] = r.columns;
    // A: web 2, store 1, mobile 1. B: web 3, app 2.
    expect(channel?.newCategories).toEqual([{ value: 'app', count: 2 }]);
    expect(channel?.vanishedCategories).toEqual([{ value: 'mobile', count: 1 }]); // ties by value: mobile < store
    expect(channel?.categoryTotals).toEqual({
      new: { values: 1, rows: 2 },
      vanished: { values: 2, rows: 2 },
    });
    // topK 1: bins web (A 2/4, B 3/5) and other (A 2/4, B 2/5).
    expect(channel?.psi?.bins).toEqual([
      { label: 'web', a: 0.5, b: 0.6 },
      { label: '(other values)', a: 0.5, b: 0.4 },
    ]);
    close(channel?.psi?.value, 0.1 * Math.log(0.6 / 0.5) - 0.1 * Math.log(0.4 / 0.5));
    // Booleans as categories: A true 3 false 1; B true 3 false 2, nothing new or vanished.
    expect(paid?.newCategories).toEqual([]);
    expect(paid?.vanishedCategories).toEqual([]);
    expect(paid?.psi?.bins).toEqual([
      { label: 'true', a: 0.75, b: 0.6 },
      { label: '(other values)', a: 0.25, b: 0.4 },
    ]);
    const categories = r.alerts.find((a) => a.code === 'drift_categories');
    expect(categories?.message).toBe(
      "channel: 1 new category holds 40.0 % of B's rows (2 of 5), 2 vanished categories hold 50.0 % of A's rows (2 of 4); threshold 5 %",
    );
    expect(categories?.value).toBe(0.5);
  });

  it('drift_categories fires when new categories hold 5 % of B and not at 1 in 21', async () => {
    await wh.run(`create table t (s varchar, c varchar);
      insert into t select 'a', 'x' from range(20);
      insert into t select 'b', 'x' from range(19);
      insert into t values ('b', 'new');
      insert into t select 'c', 'x' from range(20);
      insert into t values ('c', 'new')`);
    const at = await compareSlices(wh, 't', parseCompare('s=a,b'));
    expect(at.alerts.filter((a) => a.code === 'drift_categories').map((a) => a.value)).toEqual([0.05]);
    expect(DRIFT_CATEGORY_SHARE).toBe(0.05);
    const below = await compareSlices(wh, 't', parseCompare('s=a,c'));
    expect(below.columns[0]?.newCategories).toEqual([{ value: 'new', count: 1 }]);
    expect(below.alerts.filter((a) => a.code === 'drift_categories')).toEqual([]);
  });

  it('drift_missing fires at a change of exactly 10 points and not at 9', async () => {
    await wh.run(`create table t (s varchar, v integer);
      insert into t select 'a', case when i < 2 then null else 1 end from range(10) r(i);
      insert into t select 'b', case when i < 3 then null else 1 end from range(10) r(i);
      insert into t select 'c', case when i < 29 then null else 1 end from range(100) r(i)`);
    const at = await compareSlices(wh, 't', parseCompare('s=a,b'));
    expect(at.alerts.filter((a) => a.code === 'drift_missing').map((a) => a.value)).toEqual([0.1]);
    expect(DRIFT_MISSING_CHANGE).toBe(0.1);
    const below = await compareSlices(wh, 't', parseCompare('s=a,c')); // 20 % against 29 %
    expect(below.alerts.filter((a) => a.code === 'drift_missing')).toEqual([]);
  });
});

describe('compareSlices, values and slices', () => {
  it('a quoted value holding a comma selects its rows', async () => {
    await wh.run(`create table t (region varchar, n integer);
      insert into t values ('Bayern, DE', 1), ('Bayern, DE', 2), ('Berlin', 3), ('Bayern', 4)`);
    const r = await compareSlices(wh, 't', parseCompare('region="Bayern, DE","Berlin"'));
    expect(r.rows).toEqual({ a: 2, b: 1 });
    expect(r.compare).toEqual({ column: 'region', a: 'Bayern, DE', b: 'Berlin' });
    expect(r.columns[0]?.meanShift).toBe(1.5);
  });

  it('YYYY-MM on a DATE column means the whole month; a full date is one day', async () => {
    await wh.run(`create table t (d date, n integer);
      insert into t values ('2025-08-31', 1), ('2025-09-01', 2), ('2025-09-30', 3), ('2025-10-01', 4), ('2025-10-31', 5), ('2025-11-01', 6)`);
    const r = await compareSlices(wh, 't', parseCompare('d=2025-09,2025-10'));
    expect(r.rows).toEqual({ a: 2, b: 2 });
    expect(r.slices).toEqual({ a: '"d" in [2025-09-01, 2025-10-01)', b: '"d" in [2025-10-01, 2025-11-01)' });
    expect(r.columns[0]?.meanShift).toBe(2); // 4.5 - 2.5
    const days = await compareSlices(wh, 't', parseCompare('d=2025-09-30,2025-10-01'));
    expect(days.rows).toEqual({ a: 1, b: 1 });
  });

  it('YYYY-MM on a TIMESTAMP column means the whole month', async () => {
    await wh.run(`create table t (ts timestamp, n integer);
      insert into t values ('2025-09-30 23:59:59', 1), ('2025-10-01 00:00:00', 2), ('2025-10-31 23:00:00', 3)`);
    const r = await compareSlices(wh, 't', parseCompare('ts=2025-09,2025-10'));
    expect(r.rows).toEqual({ a: 1, b: 2 });
  });

  it('the where predicate applies to both slices', async () => {
    await wh.run(SALES);
    const r = await compareSlices(wh, 'sales', parseCompare('month=2025-09,2025-10'), {
      columns: ['revenue'],
      where: "channel = 'web'",
    });
    expect(r.rows).toEqual({ a: 2, b: 3 });
    expect(r.options?.where).toBe("channel = 'web'");
  });

  it('a value absent from the column gives an empty slice: a warning, null shares and PSI, no alerts', async () => {
    await wh.run(SALES);
    const r = await compareSlices(wh, 'sales', parseCompare('month=2025-09,2025-12'));
    expect(r.rows).toEqual({ a: 4, b: 0 });
    expect(r.warnings).toEqual([
      {
        code: 'empty_slice',
        message: 'slice B ("month" = "2025-12") has no rows; its figures and the PSI are null',
      },
    ]);
    for (const c of r.columns) {
      expect(c.missingShare.b).toBeNull();
      expect(c.psi).toBeNull();
    }
    expect(r.columns[0]?.meanShift).toBeNull();
    expect(r.alerts).toEqual([]);
  });

  it('a column missing everywhere in A has null figures, not NaN', async () => {
    await wh.run(`create table t (s varchar, v double, c varchar);
      insert into t values ('a', null, null), ('b', 1, 'x')`);
    const r = await compareSlices(wh, 't', parseCompare('s=a,b'));
    expect(r.columns.map((c) => [c.name, c.meanShift, c.psi])).toEqual([
      ['v', null, null],
      ['c', null, null],
    ]);
    expect(r.columns[1]?.newCategories).toEqual([{ value: 'x', count: 1 }]);
  });
});

describe('compareSlices refuses bad input', () => {
  beforeEach(async () => {
    await wh.run(`create table t (s varchar, qty integer, d date);
      insert into t values ('a', 1, '2025-09-01'), ('b', 2, '2025-10-01')`);
  });

  it.each([
    ['an unknown table', 'nope', { column: 's', a: 'a', b: 'b' }, {}, 'no table or view "nope"'],
    ['an unknown column', 't', { column: 'nope', a: 'a', b: 'b' }, {}, 'no column "nope" in main.t'],
    [
      'A equal to B',
      't',
      { column: 's', a: 'a', b: 'a' },
      {},
      'compareSlices: A and B are the same value "a"',
    ],
    [
      'a value that is not of the column type',
      't',
      { column: 'qty', a: 'abc', b: '2' },
      {},
      'compareSlices: value A "abc" is not a INTEGER, the type of column "qty"',
    ],
    [
      'a date that does not parse',
      't',
      { column: 'd', a: '2025-09-01', b: 'September' },
      {},
      'value B "September" is not a DATE (or YYYY-MM for a whole month)',
    ],
    [
      'a where with two statements',
      't',
      { column: 's', a: 'a', b: 'b' },
      { where: 'true); drop table t; select (1' },
      'compareSlices: where must be one SQL condition, it makes 3 statements',
    ],
    [
      'a where that is not SQL',
      't',
      { column: 's', a: 'a', b: 'b' },
      { where: 'qty >' },
      'compareSlices: where must be one SQL condition, DuckDB cannot parse it',
    ],
    [
      'the compare column among the columns',
      't',
      { column: 's', a: 'a', b: 'b' },
      { columns: ['S'] },
      'column "s" is the compare column',
    ],
    [
      'a topK of 0',
      't',
      { column: 's', a: 'a', b: 'b' },
      { topK: 0 },
      'topK must be an integer from 1 to 1000, got 0',
    ],
    ['a bad threshold', 't', { column: 's', a: 'a', b: 'b' }, { thresholds: { psi: -1 } }, 'threshold psi'],
  ])('%s', async (_what, table, compare, options, message) => {
    const run = compareSlices(wh, table, compare, options);
    await expect(run).rejects.toThrow(InvalidArgumentError);
    await expect(compareSlices(wh, table, compare, options)).rejects.toThrow(message);
  });

  it('the table is still there after a hostile where', async () => {
    await expect(
      compareSlices(wh, 't', parseCompare('s=a,b'), { where: 'true); drop table t; select (1' }),
    ).rejects.toThrow();
    expect(await wh.scalar('select count(*) from t')).toBe(2);
  });
});
