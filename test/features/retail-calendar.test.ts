import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoOfEpochDay } from '../../src/features/cal-date.ts';
import {
  NRF_YEAR_END,
  RETAIL_CALENDARS,
  retailFeatures,
  retailOf,
  retailYearEnd,
  retailYears,
} from '../../src/features/retail-calendar.ts';
import { Warehouse } from '../../src/warehouse/warehouse.ts';
import { createDateTable, DATE_CONTEXT, featureRows } from './calendar-support.ts';

// Source of the expected years: NRF, "4-5-4 Calendar", https://www.nrf.com/resources/4-5-4-calendar
// ("most recently occurred in FY'12 and FY'17 and will occur in FY'23"), fiscal 2023 ending
// 3 February 2024 (Coresight Research, "The 4-5-4 US Retail Calendar, 2023-24"), and the NRF FAQ's
// restatement: the restated fiscal 2017 starts on 5 February 2017 for comparison with 2018.
// Period boundaries of fiscal 2023 as in NRF's calendar: February = 29 Jan - 25 Feb 2023,
// March = 26 Feb - 1 Apr, November = 29 Oct - 25 Nov, January = 31 Dec 2023 - 3 Feb 2024 (5 weeks).

let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(':memory:');
});
afterAll(() => wh.close());

const row = (r: Record<string, unknown>) => [
  r.retail_year,
  r.retail_quarter,
  r.retail_period,
  r.retail_week,
  r.same_period_last_year,
];

describe('retail years', () => {
  it('NRF fiscal 2017 and 2023 have 53 weeks ending 3 February 2018 and 3 February 2024; 2022 has 52', () => {
    const byYear = new Map(retailYears(NRF_YEAR_END, 'start').map((y) => [y.retailYear, y]));
    const show = (n: number) => {
      const y = byYear.get(n);
      return y && [isoOfEpochDay(y.start), isoOfEpochDay(y.end), y.weeks];
    };
    expect(show(2017)).toEqual(['2017-01-29', '2018-02-03', 53]);
    expect(show(2023)).toEqual(['2023-01-29', '2024-02-03', 53]);
    expect(show(2022)).toEqual(['2022-01-30', '2023-01-28', 52]);
    expect(show(2018)).toEqual(['2018-02-04', '2019-02-02', 52]);
    const long = [...byYear.values()].filter(
      (y) => y.retailYear >= 2012 && y.retailYear <= 2023 && y.weeks === 53,
    );
    expect(long.map((y) => y.retailYear)).toEqual([2012, 2017, 2023]);
    expect(isoOfEpochDay(retailYearEnd(2024, NRF_YEAR_END))).toBe('2024-02-03');
  });

  it('every year from 1989 to 2100 follows the last one without a gap and has 52 or 53 weeks', () => {
    const years = retailYears(NRF_YEAR_END, 'start');
    for (const [i, y] of years.entries()) {
      if (i > 0) expect(y.start).toBe((years[i - 1]?.end ?? 0) + 1);
      expect(y.end - y.start + 1).toBe(y.weeks * 7);
    }
    expect(years[0]?.retailYear).toBe(1988);
    expect(years.at(-1)?.retailYear).toBe(2100);
  });
});

describe('retailFeatures', () => {
  it('gives the NRF year, quarter, period, week and comparable date of known dates as whole rows', async () => {
    await createDateTable(wh, 'nrf', [
      '2023-01-28',
      '2023-01-29',
      '2023-02-25',
      '2023-02-26',
      '2023-11-23',
      '2023-12-31',
      '2024-02-03',
      '2024-02-04',
      '2018-02-03',
      '2018-02-04',
      null,
      '1900-01-01',
    ]);
    const set = retailFeatures(DATE_CONTEXT, RETAIL_CALENDARS.nrf);
    expect(set.spec).toBe('retail:nrf');
    expect((await featureRows(wh, 'nrf', set)).map(row)).toEqual([
      [2022, 4, 12, 52, '2022-01-29'],
      [2023, 1, 1, 1, '2022-01-30'],
      [2023, 1, 1, 4, '2022-02-26'],
      [2023, 1, 2, 5, '2022-02-27'],
      [2023, 4, 10, 43, '2022-11-24'], // Thanksgiving compares with Thanksgiving
      [2023, 4, 12, 49, '2023-01-01'],
      [2023, 4, 12, 53, '2023-01-28'], // week 53: 53 weeks earlier, the last Saturday of 2022
      [2024, 1, 1, 1, '2023-02-05'], // after a 53-week year: 52 weeks earlier (NRF restated)
      [2017, 4, 12, 53, '2017-01-28'],
      [2018, 1, 1, 1, '2017-02-05'], // the restated fiscal 2017 starts on 5 February 2017
      [null, null, null, null, null],
      [null, null, null, null, null],
    ]);
  });

  it('4-4-5 and 5-4-4 split each quarter differently with the same year end', async () => {
    await createDateTable(wh, 'patterns', ['2023-02-26', '2023-03-26', '2023-04-29', '2024-01-07']);
    const periods = async (pattern: '445' | '454' | '544') => {
      const set = retailFeatures(DATE_CONTEXT, { pattern });
      return {
        spec: set.spec,
        periods: (await featureRows(wh, 'patterns', set)).map((r) => r.retail_period),
      };
    };
    // weeks 5, 9, 13 and 50
    expect(await periods('445')).toEqual({ spec: 'retail:445', periods: [2, 3, 3, 12] });
    expect(await periods('454')).toEqual({ spec: 'retail:nrf', periods: [2, 2, 3, 12] });
    expect(await periods('544')).toEqual({ spec: 'retail:544', periods: [1, 2, 3, 12] });
  });

  it('a year ending on the last Saturday of December, named by its end, has 53 weeks in 2022', async () => {
    const options = {
      pattern: '445',
      yearEnd: { month: 12, weekday: 'saturday', rule: 'last' },
      naming: 'end',
    } as const;
    const set = retailFeatures(DATE_CONTEXT, options);
    expect(set.spec).toBe('retail:445:saturday-last-12:end');
    await createDateTable(wh, 'dec', ['2021-12-26', '2022-12-31', '2023-01-01', '2023-12-30']);
    expect((await featureRows(wh, 'dec', set)).map((r) => [r.retail_year, r.retail_week])).toEqual([
      [2022, 1],
      [2022, 53],
      [2023, 1],
      [2023, 52],
    ]);
  });

  it('retailOf agrees with the SQL on every day of 2010-2030 for each pattern', async () => {
    await wh.run(
      `create or replace table span as select row_number() over (order by d) as id, cast(d as date) as d
       from range(date '2010-01-01', date '2031-01-01', interval 1 day) r(d)`,
    );
    const dates = (await wh.all(`select strftime(d, '%Y-%m-%d') as iso from span order by id`)).map((r) =>
      String(r.iso),
    );
    for (const pattern of ['445', '454', '544'] as const) {
      const rows = await featureRows(wh, 'span', retailFeatures(DATE_CONTEXT, { pattern }));
      expect(rows).toEqual(dates.map((d) => retailOf(d, { pattern })));
    }
  });

  it('rejects bad options and dates outside the table, naming the value', () => {
    expect(() => retailFeatures(DATE_CONTEXT, { pattern: '455' as never })).toThrow(
      `retailFeatures: pattern must be '445', '454' or '544', got "455"`,
    );
    const yearEnd = { ...NRF_YEAR_END, weekday: 'caturday' as never };
    expect(() => retailFeatures(DATE_CONTEXT, { pattern: '454', yearEnd })).toThrow(
      /yearEnd.weekday must be one of monday/,
    );
    expect(() => retailOf('1900-01-01', RETAIL_CALENDARS.nrf)).toThrow(
      /retailOf: 1900-01-01 is outside the retail years computed/,
    );
  });
});
