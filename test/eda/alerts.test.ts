import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, profileAlerts, resolveThresholds } from '../../src/eda/alerts.ts';
import type { ColumnProfile, Outliers, ProfileAlert } from '../../src/eda/types.ts';
import { InvalidArgumentError } from '../../src/errors.ts';
import { date, flag, matrix, numeric, tableWith, text } from './alerts-fixtures.ts';

const T = DEFAULT_THRESHOLDS;
const codes = (alerts: readonly ProfileAlert[]) => alerts.map((a) => `${a.code}:${a.columns.join('+')}`);
const only = (columns: readonly ColumnProfile[], code: ProfileAlert['code'], t = T) =>
  profileAlerts(columns, null, t).filter((a) => a.code === code);

function outliers(iqrCount: number, madCount: number): Outliers {
  return {
    iqr: { k: 1.5, lower: -10, upper: 10, count: iqrCount },
    mad: { z: 3.5, mad: 2, lower: -12, upper: 12, count: madCount },
  };
}

describe('alert thresholds', () => {
  it('the defaults are the ones documented in types.ts', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({
      highMissing: 0.2,
      highCardinality: 0.5,
      skewness: 2,
      manyZeros: 0.5,
      iqrK: 1.5,
      madZ: 3.5,
      outlierShare: 0.01,
      highCorrelation: 0.9,
      parsedAsText: 0.95,
      psi: 0.2,
    });
    expect(resolveThresholds()).toEqual(DEFAULT_THRESHOLDS);
  });

  it('a user value replaces its default and leaves the others', () => {
    const t = resolveThresholds({ highMissing: 0.5, psi: 0.1 });
    expect(t).toEqual({ ...DEFAULT_THRESHOLDS, highMissing: 0.5, psi: 0.1 });
  });

  it.each([
    [{ highMissing: 0 }, 'threshold highMissing must be a number in (0, 1], got 0'],
    [{ highMissing: 1.5 }, 'threshold highMissing must be a number in (0, 1], got 1.5'],
    [{ highCorrelation: -0.9 }, 'threshold highCorrelation must be a number in (0, 1], got -0.9'],
    [{ skewness: Number.NaN }, 'threshold skewness must be a finite number above 0, got NaN'],
    [{ psi: Number.POSITIVE_INFINITY }, 'threshold psi must be a finite number above 0, got Infinity'],
    [{ iqrK: '2' as unknown as number }, 'threshold iqrK must be a finite number above 0, got "2"'],
    [
      { missing: 0.2 } as unknown as Partial<typeof T>,
      'no threshold "missing"; the thresholds are highMissing',
    ],
  ])('%j is refused naming the threshold and the value', (partial, message) => {
    expect(() => resolveThresholds(partial)).toThrow(InvalidArgumentError);
    expect(() => resolveThresholds(partial)).toThrow(message);
  });
});

describe('profileAlerts, one rule at a time', () => {
  it('constant fires for one distinct value and for a column that is all missing, not for two values', () => {
    expect(only([text('status', { distinct: 1 })], 'constant')).toEqual([
      {
        code: 'constant',
        columns: ['status'],
        message: 'status: constant: one distinct value in 100 non-missing of 100 rows',
        value: 1,
        threshold: 1,
      },
    ]);
    const empty = profileAlerts([numeric('refund', { missing: 100, distinct: 0 })], null, T);
    expect(codes(empty)).toEqual(['constant:refund', 'high_missing:refund']);
    expect(empty[0]?.message).toBe('refund: constant: all 100 rows missing');
    expect(only([text('status', { distinct: 2 })], 'constant')).toEqual([]);
  });

  it('high_missing fires at its threshold and not just below; a lower user threshold changes that', () => {
    expect(only([numeric('revenue', { count: 10_000, missing: 2_000 })], 'high_missing')).toEqual([
      {
        code: 'high_missing',
        columns: ['revenue'],
        message: 'revenue: 20.0 % missing (2,000 of 10,000 rows), threshold 20 %',
        value: 0.2,
        threshold: 0.2,
      },
    ]);
    expect(only([numeric('revenue', { count: 10_000, missing: 1_999 })], 'high_missing')).toEqual([]);
    const lower = resolveThresholds({ highMissing: 0.1 });
    expect(
      only([numeric('revenue', { count: 10_000, missing: 1_234 })], 'high_missing', lower)[0]?.message,
    ).toBe('revenue: 12.3 % missing (1,234 of 10,000 rows), threshold 10 %');
  });

  it('unique fires when every non-missing value is distinct (at least two), not with one repeat', () => {
    const alerts = only([numeric('order_id', { count: 100, missing: 2, distinct: 98 })], 'unique');
    expect(alerts).toEqual([
      {
        code: 'unique',
        columns: ['order_id'],
        message: 'order_id: unique: 98 distinct values in 98 non-missing rows',
        value: 1,
        threshold: 1,
      },
    ]);
    expect(only([numeric('order_id', { count: 100, distinct: 99 })], 'unique')).toEqual([]);
    expect(only([numeric('order_id', { count: 1, distinct: 1 })], 'unique')).toEqual([]);
  });

  it('high_cardinality needs more than 50 distinct values and distinct / non-missing at the threshold', () => {
    const at = text('sku', { count: 102, distinct: 51 }); // 51 / 102 = 0.5
    expect(only([at], 'high_cardinality')).toEqual([
      {
        code: 'high_cardinality',
        columns: ['sku'],
        message: 'sku: 51 distinct values in 102 non-missing rows (0.5 per row), threshold 0.5',
        value: 0.5,
        threshold: 0.5,
      },
    ]);
    expect(only([text('sku', { count: 103, distinct: 51 })], 'high_cardinality')).toEqual([]); // 0.495
    expect(only([text('sku', { count: 100, distinct: 50 })], 'high_cardinality')).toEqual([]); // 50 values
    expect(
      only(
        [text('sku', { count: 103, distinct: 51 })],
        'high_cardinality',
        resolveThresholds({ highCardinality: 0.4 }),
      ),
    ).toHaveLength(1);
    // A unique column is reported as unique only.
    expect(codes(profileAlerts([text('email', { count: 80, distinct: 80 })], null, T))).toEqual([
      'unique:email',
    ]);
  });

  it('skewed compares |skewness| with the threshold, either sign', () => {
    expect(only([numeric('revenue', { skewness: -2 })], 'skewed')).toEqual([
      {
        code: 'skewed',
        columns: ['revenue'],
        message: 'revenue: skewness -2, threshold |skewness| 2',
        value: 2,
        threshold: 2,
      },
    ]);
    expect(only([numeric('revenue', { skewness: 1.999 })], 'skewed')).toEqual([]);
    expect(
      only([numeric('revenue', { skewness: 2.5 })], 'skewed', resolveThresholds({ skewness: 3 })),
    ).toEqual([]);
    expect(only([numeric('revenue', { skewness: null })], 'skewed')).toEqual([]);
  });

  it('many_zeros counts zeros among the non-missing values', () => {
    // 100 rows, 20 missing: 40 zeros of 80 values = 50 %.
    expect(only([numeric('discount', { missing: 20, zeros: 40 })], 'many_zeros')).toEqual([
      {
        code: 'many_zeros',
        columns: ['discount'],
        message: 'discount: 50.0 % zeros (40 of 80 values), threshold 50 %',
        value: 0.5,
        threshold: 0.5,
      },
    ]);
    expect(only([numeric('discount', { missing: 20, zeros: 39 })], 'many_zeros')).toEqual([]);
  });

  it('outliers fire when the larger of the IQR and MAD counts reaches the share, with both counts', () => {
    const [alert] = only([numeric('revenue', { count: 100, outliers: outliers(1, 0) })], 'outliers');
    expect(alert).toEqual({
      code: 'outliers',
      columns: ['revenue'],
      message:
        'revenue: 1.0 % outliers: 1 outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR] = [-10, 10], 0 with |x - median| / (1.4826 MAD) above 3.5, of 100 values; threshold 1 %',
      value: 0.01,
      threshold: 0.01,
    });
    expect(only([numeric('revenue', { count: 101, outliers: outliers(1, 1) })], 'outliers')).toEqual([]);
    expect(only([numeric('revenue', { count: 100, outliers: outliers(0, 3) })], 'outliers')[0]?.value).toBe(
      0.03,
    );
    const stricter = resolveThresholds({ outlierShare: 0.05 });
    expect(
      only([numeric('revenue', { count: 100, outliers: outliers(0, 3) })], 'outliers', stricter),
    ).toEqual([]);
  });

  it('numbers and dates stored as text fire at the share of non-missing values that parse', () => {
    // 20 non-missing of 100 rows; 19 parse as numbers: 95 %.
    expect(only([text('zip', { missing: 80, distinct: 5, numericLike: 19 })], 'numbers_as_text')).toEqual([
      {
        code: 'numbers_as_text',
        columns: ['zip'],
        message: 'zip: 95.0 % of the values are numbers stored as text (19 of 20), threshold 95 %',
        value: 0.95,
        threshold: 0.95,
      },
    ]);
    expect(only([text('zip', { missing: 80, numericLike: 18 })], 'numbers_as_text')).toEqual([]);
    expect(only([text('day', { dateLike: 95 })], 'dates_as_text')[0]?.message).toBe(
      'day: 95.0 % of the values are dates stored as text (95 of 100), threshold 95 %',
    );
    expect(only([text('day', { dateLike: 94 })], 'dates_as_text')).toEqual([]);
    expect(
      only([text('day', { dateLike: 80 })], 'dates_as_text', resolveThresholds({ parsedAsText: 0.8 })),
    ).toHaveLength(1);
  });

  it('date_gaps fires for one missing day and names the longest gap', () => {
    const gaps = date('order_date', {
      missingDays: 3,
      daysPresent: 27,
      longestGap: { from: '2025-09-10', to: '2025-09-11', days: 2 },
    });
    expect(only([gaps], 'date_gaps')).toEqual([
      {
        code: 'date_gaps',
        columns: ['order_date'],
        message:
          'order_date: 3 of 30 days from 2025-09-01 to 2025-09-30 have no rows; longest gap 2 days (2025-09-10 to 2025-09-11)',
        value: 3,
        threshold: 1,
      },
    ]);
    expect(only([date('order_date', { missingDays: 0 })], 'date_gaps')).toEqual([]);
    expect(only([date('order_date', { missingDays: null })], 'date_gaps')).toEqual([]);
  });
});

describe('profileAlerts, correlations', () => {
  const cols = ['price', 'quantity', 'revenue'];
  const none = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];

  it('reports a pair once with both coefficients, the larger |r| as its value', () => {
    const pearson = matrix('pearson', cols, [
      [1, 0.2, 0.9],
      [0.2, 1, 0.1],
      [0.9, 0.1, 1],
    ]);
    const spearman = matrix('spearman', cols, [
      [1, 0.1, 0.95],
      [0.1, 1, 0.2],
      [0.95, 0.2, 1],
    ]);
    const columns = cols.map((c) => numeric(c));
    expect(profileAlerts(columns, tableWith(pearson, spearman), T)).toEqual([
      {
        code: 'high_correlation',
        columns: ['price', 'revenue'],
        message: 'price and revenue: Pearson 0.9, Spearman 0.95, threshold |r| 0.9',
        value: 0.95,
        threshold: 0.9,
      },
    ]);
    const stricter = resolveThresholds({ highCorrelation: 0.96 });
    expect(profileAlerts(columns, tableWith(pearson, spearman), stricter)).toEqual([]);
  });

  it('a negative coefficient at the threshold fires; just below does not; null cells are skipped', () => {
    const pearson = matrix('pearson', cols, [
      [1, -0.9, null],
      [-0.9, 1, 0.8999],
      [null, 0.8999, 1],
    ]);
    const alerts = profileAlerts(
      cols.map((c) => numeric(c)),
      tableWith(pearson, matrix('spearman', cols, none)),
      T,
    );
    expect(alerts.map((a) => [a.columns, a.value, a.message])).toEqual([
      [['price', 'quantity'], 0.9, 'price and quantity: Pearson -0.9, Spearman 0, threshold |r| 0.9'],
    ]);
  });
});

describe('profileAlerts, order and shape', () => {
  it('orders by column position, then code, with correlation pairs under their earlier column', () => {
    const columns = [
      numeric('b_amount', { missing: 50, skewness: 3 }),
      text('a_status', { distinct: 1 }),
      numeric('c_price'),
    ];
    const r = matrix(
      'pearson',
      ['c_price', 'b_amount'],
      [
        [1, 0.99],
        [0.99, 1],
      ],
    );
    const alerts = profileAlerts(columns, tableWith(r, matrix('spearman', [], [])), T);
    expect(codes(alerts)).toEqual([
      'high_correlation:b_amount+c_price',
      'high_missing:b_amount',
      'skewed:b_amount',
      'constant:a_status',
    ]);
  });

  it('copies the group into every alert when given, and leaves the key out otherwise', () => {
    const columns = [numeric('revenue', { missing: 30 })];
    expect(profileAlerts(columns, null, T, 'web')[0]?.group).toBe('web');
    expect(profileAlerts(columns, null, T, null)[0]?.group).toBeNull();
    expect(Object.keys(profileAlerts(columns, null, T)[0] ?? {})).not.toContain('group');
  });

  it('empty-ish inputs: no columns, a column with no rows, an ordinary boolean column give no alerts', () => {
    expect(profileAlerts([], null, T)).toEqual([]);
    expect(profileAlerts([numeric('x', { count: 0, missing: 0, distinct: 0 })], null, T)).toEqual([]);
    expect(profileAlerts([flag('paid')], null, T)).toEqual([]);
  });

  it('alerts are plain JSON', () => {
    const alerts = profileAlerts([numeric('revenue', { missing: 30, skewness: 5 })], null, T, 'web');
    expect(JSON.parse(JSON.stringify(alerts))).toEqual(alerts);
  });
});
