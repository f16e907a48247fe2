import { describe, expect, it } from 'vitest';
import { quantileFromRuns, type ValueRun } from '../../src/eda/order-statistics.ts';
import { profileTable } from '../../src/eda/profile-table.ts';
import { QUANTILE_PROBS } from '../../src/eda/types.ts';
import { approx, expectRel, useWarehouse } from './support.ts';

/** The runs of a sorted sample, as orderStatisticsSql selects them (here: all of them). */
function runsOf(sorted: readonly number[]): ValueRun[] {
  const runs: ValueRun[] = [];
  sorted.forEach((v, k) => {
    const last = runs.at(-1);
    if (last?.v === v) runs[runs.length - 1] = { ...last, n: last.n + 1 };
    else {
      if (last) runs[runs.length - 1] = { ...last, next: v };
      runs.push({ v, n: 1, below: k, next: null });
    }
  });
  return runs;
}

describe('quantileFromRuns (R type 7 from counts of equal values)', () => {
  it('interpolates inside a run of ties and across a run boundary', () => {
    // R: quantile(c(1, 1, 5), c(0.25, 0.75), type = 7) gives 1 and 3.
    const runs = runsOf([1, 1, 5]);
    expect(quantileFromRuns(runs, 3, 0.25)).toBe(1);
    expect(quantileFromRuns(runs, 3, 0.75)).toBe(3);
    // R: quantile(c(2, 4, 4, 4, 10), c(0, 0.5, 0.8, 0.9, 1)) gives 2, 4, 5.2, 7.6, 10.
    const five = runsOf([2, 4, 4, 4, 10]);
    expect([0, 0.5, 0.8, 0.9, 1].map((p) => quantileFromRuns(five, 5, p))).toEqual(
      approx([2, 4, 5.2, 7.6, 10]),
    );
  });

  it('a single value, and an empty sample (null)', () => {
    expect(quantileFromRuns(runsOf([7]), 1, 0.99)).toBe(7);
    expect(quantileFromRuns([], 0, 0.5)).toBeNull();
  });

  it('throws when the runs miss the order statistic', () => {
    expect(() => quantileFromRuns([{ v: 1, n: 1, below: 0, next: 2 }], 10, 0.5)).toThrow(/order statistic 4/);
  });
});

describe('profile quantiles and MAD from value counts, against DuckDB quantile_cont on the rows', () => {
  const db = useWarehouse();

  it('match per group: ties, group boundaries, one-value and constant groups, NaN and infinities left out', async () => {
    await db.wh.run(`create table t as
      select case when i % 7 = 0 then 'a' when i % 7 < 3 then 'b' else 'c' end as g,
        ((i * 7919) % 23) * 0.25 - 1 as x,
        ((i * 104729) % 1009)::decimal(18, 2) / 7 as d,
        case when i % 50 = 0 then 'nan'::double when i % 51 = 0 then 'inf'::double else (i % 5) * 1e12 + (i % 3) end as f
      from range(1, 2000) r(i)
      union all select 'one', 3.5, 1.25, 2 union all select 'same', 2, 2, 2 union all select 'same', 2, 2, 2`);
    const p = await profileTable(db.wh, 't', { by: 'g' });
    expect(p.groups?.map((g) => g.group)).toEqual(['a', 'b', 'c', 'one', 'same']);
    for (const group of p.groups ?? []) {
      for (const column of group.columns) {
        if (column.kind !== 'numeric') continue;
        const c = `"${column.name}"`;
        const value = `case when isfinite(${c}::double) then ${c}::double end`;
        const row = await db.wh.one(
          `with s as (select ${value} as v from t where g = $1)
           select (select quantile_cont(v, [${QUANTILE_PROBS.join(', ')}]) from s) as q,
             (select quantile_cont(abs(v - (select quantile_cont(v, 0.5) from s)), 0.5) from s) as mad`,
          [group.group],
        );
        const expected = row?.q as number[];
        column.quantiles.forEach((q, k) => {
          expectRel(q.value, expected[k] as number, 1e-12);
        });
        expect(column.outliers?.mad.mad).toBeDefined();
        expectRel(column.outliers?.mad.mad, row?.mad as number, 1e-12);
      }
    }
  });

  it('distinct counts are of the stored values: DECIMALs equal as DOUBLE stay apart, -0.0 and 0.0 are one', async () => {
    await db.wh.run(`create table t as select * from (values
      (100000000000000000000.0001::decimal(38, 4), 0.0::double), (100000000000000000000.0002, -0.0),
      (100000000000000000000.0002, 1), (100000000000000000000.0003, 'nan')) v(d, x)`);
    const [d, x] = (await profileTable(db.wh, 't')).columns;
    const expected = await db.wh.one('select count(distinct d) as d, count(distinct x) as x from t');
    expect(expected).toEqual({ d: 3, x: 3 });
    expect(d).toMatchObject({ distinct: 3, median: 1e20, quantiles: expect.any(Array) });
    expect(x).toMatchObject({ distinct: 3, nonFinite: 1, median: 0 });
  });
});
