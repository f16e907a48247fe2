import { describe, expect, it } from 'vitest';
import { lastCompleteMonth, parsePeriod, previousPeriod } from '../../src/decompose/periods.ts';

describe('previousPeriod', () => {
  it('steps back one month, quarter or year across a year boundary', () => {
    expect(previousPeriod(parsePeriod('2025-01'))).toEqual(parsePeriod('2024-12'));
    expect(previousPeriod(parsePeriod('2025-09'))).toEqual(parsePeriod('2025-08'));
    expect(previousPeriod(parsePeriod('2025-Q1'))).toEqual(parsePeriod('2024-Q4'));
    expect(previousPeriod(parsePeriod('2025-Q3'))).toEqual(parsePeriod('2025-Q2'));
    expect(previousPeriod(parsePeriod('2025'))).toEqual(parsePeriod('2024'));
  });

  it('takes as many days before a range of days, ending the day before it starts', () => {
    // 16 days, 16-31 August -> 31 July .. 15 August (16 days: 1 in July, 15 in August).
    expect(previousPeriod(parsePeriod('2025-08-16..2025-08-31'))).toEqual(
      parsePeriod('2025-07-31..2025-08-15'),
    );
    // 1 March 2024 (leap year) -> 29 February 2024.
    expect(previousPeriod(parsePeriod('2024-03-01'))).toEqual(parsePeriod('2024-02-29'));
  });
});

describe('lastCompleteMonth', () => {
  it('is the month of the last order day when that is the last day of its month, else the month before', () => {
    expect(lastCompleteMonth('2025-12-31')).toBe('2025-12');
    expect(lastCompleteMonth('2025-12-30')).toBe('2025-11');
    expect(lastCompleteMonth('2024-02-29')).toBe('2024-02');
    expect(lastCompleteMonth('2025-01-15')).toBe('2024-12');
    expect(lastCompleteMonth(null)).toBeNull();
  });
});
