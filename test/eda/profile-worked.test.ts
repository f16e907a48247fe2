import { describe, expect, it } from 'vitest';
import { profileTable } from '../../src/eda/profile-table.ts';
import { approx, useWarehouse } from './support.ts';

// Five rows worked by hand; every expected number is derived in the comments.
const ROWS = `create table t as select * from (values
  (1, 'b', date '2025-03-01', 2.0::double),
  (2, 'a', date '2025-03-02', 4.0),
  (3, 'b', null, 6.0),
  (4, '', date '2025-03-06', 8.0),
  (100, '12', date '2025-03-02', 200.0)) v(x, label, day, y)`;

describe('profileTable on a table worked by hand', () => {
  const db = useWarehouse();

  it('numeric column: counts, moments, R type 7 quantiles, FD histogram and both outlier rules', async () => {
    await db.wh.run(ROWS);
    const p = await profileTable(db.wh, 't', { columns: ['x'] });
    // mean 22; deviations -21 -20 -19 -18 78, sum of squares 7610, sd = sqrt(7610 / 4).
    // Skewness / kurtosis: scipy 1.10.1 skew([1,2,3,4,100], bias=False), kurtosis(..., bias=False).
    // Type 7: h = 4p, x[h] interpolated: 1.04, 1.2, 2, 3, 4, 4 + 0.8 * 96, 4 + 0.96 * 96.
    // FD: IQR 2, width 2 * 2 * 5^(-1/3) = 2.3392; 99 / 2.3392 -> 43 bins; 1, 2, 3 in bin 0, 4 in bin 1, 100 in bin 42.
    // IQR rule: [2 - 1.5 * 2, 4 + 1.5 * 2] = [-1, 7] -> 100. MAD: |x - 3| = 2 1 0 1 97, median 1; 3 -/+ 3.5 * 1.4826.
    const width = 4 * 5 ** (-1 / 3);
    const counts = Array.from({ length: 43 }, (_, i) => (i === 0 ? 3 : i === 1 || i === 42 ? 1 : 0));
    expect(p.columns).toEqual([
      approx({
        name: 'x',
        type: 'INTEGER',
        count: 5,
        missing: 0,
        missingShare: 0,
        distinct: 5,
        kind: 'numeric',
        nonFinite: 0,
        zeros: 0,
        negatives: 0,
        min: 1,
        max: 100,
        sum: 110,
        mean: 22,
        sd: Math.sqrt(7610 / 4),
        median: 3,
        quantiles: [
          { p: 0.01, value: 1.04 },
          { p: 0.05, value: 1.2 },
          { p: 0.25, value: 2 },
          { p: 0.5, value: 3 },
          { p: 0.75, value: 4 },
          { p: 0.95, value: 80.8 },
          { p: 0.99, value: 96.16 },
        ],
        skewness: 2.232395911636458,
        kurtosis: 4.986865957200654,
        histogram: {
          rule: 'freedman-diaconis',
          binWidth: width,
          bins: counts.map((count, i) => ({ lower: 1 + i * width, upper: 1 + (i + 1) * width, count })),
        },
        outliers: {
          iqr: { k: 1.5, lower: -1, upper: 7, count: 1 },
          mad: { z: 3.5, mad: 1, lower: 3 - 3.5 * 1.4826, upper: 3 + 3.5 * 1.4826, count: 1 },
        },
      }),
    ]);
  });

  it('text and date columns: top values with ties by value, lengths, gaps', async () => {
    await db.wh.run(ROWS);
    const p = await profileTable(db.wh, 't', { columns: ['label', 'day'], topK: 3 });
    expect(p.columns).toEqual([
      {
        name: 'label',
        type: 'VARCHAR',
        count: 5,
        missing: 0,
        missingShare: 0,
        distinct: 4,
        kind: 'text',
        // b twice; then '', '12', 'a' once each, by value; topK 3 keeps the first three.
        top: [
          { value: 'b', count: 2 },
          { value: '', count: 1 },
          { value: '12', count: 1 },
        ],
        length: { min: 0, mean: 1, max: 2 },
        empty: 1,
        numericLike: 1,
        dateLike: 0,
      },
      {
        name: 'day',
        type: 'DATE',
        count: 5,
        missing: 1,
        missingShare: 0.2,
        distinct: 3,
        kind: 'date',
        min: '2025-03-01',
        max: '2025-03-06',
        // 1..6 March: 6 days, 3 present (1, 2, 6), missing 3, 4, 5 in one run.
        days: 6,
        daysPresent: 3,
        coverage: 0.5,
        missingDays: 3,
        longestGap: { from: '2025-03-03', to: '2025-03-05', days: 3 },
      },
    ]);
  });

  it('table figures: duplicates, correlations of y = 2x, columns missing together', async () => {
    await db.wh.run(ROWS);
    await db.wh.run("insert into t values (1, 'b', date '2025-03-01', 2.0), (5, null, null, null)");
    const p = await profileTable(db.wh, 't');
    expect(p.table).toEqual(
      approx({
        rows: 7,
        duplicateRows: 1,
        pearson: {
          method: 'pearson',
          columns: ['x', 'y'],
          values: [
            [1, 1],
            [1, 1],
          ],
        },
        spearman: {
          method: 'spearman',
          columns: ['x', 'y'],
          values: [
            [1, 1],
            [1, 1],
          ],
        },
        missingTogether: [
          { columns: ['label', 'day'], rows: 1 },
          { columns: ['label', 'y'], rows: 1 },
          { columns: ['day', 'y'], rows: 1 },
        ],
      }),
    );
    // x = 1 1 2 3 4 5 100: Q1 1.5, Q3 4.5 (type 7), IQR 3, bounds [-3, 9]: 100 is an outlier (1 of 7)
    // and makes x skewed; y = 2x likewise (200 of 6 values); r(x, y) = 1 >= 0.9; day misses 2 of 7
    // rows (28.6 % >= 20 %) and 3 of its 6 days.
    expect(p.alerts.map((a) => `${a.code} ${a.columns.join(',')}`)).toEqual([
      'high_correlation x,y',
      'outliers x',
      'skewed x',
      'date_gaps day',
      'high_missing day',
      'outliers y',
      'skewed y',
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('by: the same statistics per group, ordered by value with the missing group first', async () => {
    await db.wh.run(ROWS);
    await db.wh.run('insert into t values (7, null, null, 14.0)');
    const p = await profileTable(db.wh, 't', { columns: ['x'], by: 'label' });
    const groups = p.groups?.map((g) => ({
      group: g.group,
      rows: g.rows,
      sum: (g.columns[0] as { sum: unknown }).sum,
    }));
    expect(groups).toEqual([
      { group: null, rows: 1, sum: 7 },
      { group: '', rows: 1, sum: 4 },
      { group: '12', rows: 1, sum: 100 },
      { group: 'a', rows: 1, sum: 2 },
      { group: 'b', rows: 2, sum: 4 },
    ]);
    expect(p.columns[0]).toMatchObject({ count: 6, sum: 117 });
  });
});
