import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { formatWindowSpec, parseWindowSpec, windowFeatureName } from '../../src/features/windows.ts';

describe('parseWindowSpec', () => {
  it('reads every accepted form', () => {
    expect(parseWindowSpec('lag:revenue:1@customer_id')).toEqual({
      op: 'lag',
      value: 'revenue',
      by: ['customer_id'],
      k: 1,
    });
    expect(parseWindowSpec('lead:revenue@customer_id')).toEqual({
      op: 'lead',
      value: 'revenue',
      by: ['customer_id'],
      k: 1,
    });
    expect(parseWindowSpec('sum:revenue:7d@customer_id')).toEqual({
      op: 'sum',
      value: 'revenue',
      by: ['customer_id'],
      window: { days: 7 },
    });
    expect(parseWindowSpec(' mean : revenue : 30d @ customer_id , channel ')).toEqual({
      op: 'mean',
      value: 'revenue',
      by: ['customer_id', 'channel'],
      window: { days: 30 },
    });
    expect(parseWindowSpec('count:order_id:90d@customer_id')).toEqual({
      op: 'count',
      value: 'order_id',
      by: ['customer_id'],
      window: { days: 90 },
    });
    expect(parseWindowSpec('max:revenue:3r@customer_id')).toEqual({
      op: 'max',
      value: 'revenue',
      by: ['customer_id'],
      window: { rows: 3 },
    });
    expect(parseWindowSpec('days_since_previous@customer_id')).toEqual({
      op: 'days_since_previous',
      value: '',
      by: ['customer_id'],
    });
    expect(parseWindowSpec('expanding_sum:revenue@customer_id')).toEqual({
      op: 'expanding_sum',
      value: 'revenue',
      by: ['customer_id'],
    });
    expect(parseWindowSpec('expanding_count:Umsatz (€)')).toEqual({
      op: 'expanding_count',
      value: 'Umsatz (€)',
      by: [],
    });
  });

  it('formats a spec back to the text it was read from', () => {
    for (const text of [
      'lag:revenue:2@customer_id',
      'sum:revenue:7d@customer_id,channel',
      'min:qty:3r',
      'expanding_mean:revenue@c',
      'days_since_previous@c',
    ]) {
      expect(formatWindowSpec(parseWindowSpec(text))).toBe(text);
    }
  });

  it.each([
    ['', /unknown operation/],
    ['median:revenue:7d@c', /unknown operation "median"/],
    ['sum:revenue@c', /needs a window <N>d \(days\) or <N>r \(rows\)/],
    ['sum:revenue:7w@c', /needs a window/],
    ['sum:revenue:0d@c', /N must be 1\.\.100000, got 0/],
    ['lag:revenue:-1@c', /k must be a positive integer/],
    ['lag:revenue:1.5@c', /k must be a positive integer/],
    ['lag::1@c', /missing value column/],
    ['expanding_sum:revenue:7d@c', /takes no window/],
    ['days_since_previous:revenue@c', /takes no value column/],
    ['sum:revenue:7d:x@c', /too many/],
    ['sum:revenue:7d@c,,d', /empty group column/],
  ])('refuses %j, listing the accepted forms', (text, why) => {
    expect(() => parseWindowSpec(text)).toThrow(InvalidArgumentError);
    expect(() => parseWindowSpec(text)).toThrow(why);
    expect(() => parseWindowSpec(text)).toThrow(/accepted forms:\n {2}lag:<value>/);
  });
});

describe('windowFeatureName', () => {
  it('is readable and deterministic', () => {
    expect(windowFeatureName(parseWindowSpec('sum:revenue:7d@customer_id'))).toBe(
      'revenue_sum_7d_by_customer_id',
    );
    expect(windowFeatureName(parseWindowSpec('mean:Revenue EUR:30d@customer_id,channel'))).toBe(
      'revenue_eur_mean_30d_by_customer_id_channel',
    );
    expect(windowFeatureName(parseWindowSpec('lag:revenue@customer_id'))).toBe(
      'revenue_lag_1_by_customer_id',
    );
    expect(windowFeatureName(parseWindowSpec('count:2024:5r'))).toBe('c_2024_count_5r');
    expect(windowFeatureName(parseWindowSpec('days_since_previous'))).toBe('days_since_previous');
  });

  it('refuses a name longer than 63 characters', () => {
    const long = `sum:revenue:7d@${'a'.repeat(60)}`;
    expect(() => windowFeatureName(parseWindowSpec(long))).toThrow(InvalidArgumentError);
  });
});
