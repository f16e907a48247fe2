import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarFeatures, calendarOf } from '../../src/features/calendar.ts';
import { Warehouse } from '../../src/warehouse/warehouse.ts';
import { createDateTable, DATE_CONTEXT, featureRows } from './calendar-support.ts';

let wh: Warehouse;
beforeAll(async () => {
  wh = await Warehouse.open(':memory:');
});
afterAll(() => wh.close());

const c = Math.cos;
const s = Math.sin;
const tau = 2 * Math.PI;

describe('calendarFeatures', () => {
  it('the tests run with TZ=UTC (guard)', () => {
    expect(process.env.TZ).toBe('UTC');
  });

  it('gives ISO week 53 and week 1 edges, leap days and month ends as whole rows', async () => {
    // ISO 8601 weeks: 2020 has 53 weeks (1 Jan 2020 is a Wednesday... 31 Dec 2020 a Thursday);
    // 2018-12-31 (Monday) starts 2019-W01; 2024-02-29 exists (leap year).
    await createDateTable(wh, 'cal', [
      '2020-12-31',
      '2021-01-03',
      '2021-01-04',
      '2018-12-31',
      '2024-02-29',
      null,
    ]);
    const rows = await featureRows(wh, 'cal', calendarFeatures(DATE_CONTEXT));
    const pick = (r: Record<string, unknown>) => [
      r.year,
      r.quarter,
      r.month,
      r.iso_year,
      r.iso_week,
      r.day_of_month,
      r.day_of_year,
      r.day_of_week,
      r.is_weekend,
      r.is_month_start,
      r.is_month_end,
      r.days_in_month,
    ];
    expect(rows.map(pick)).toEqual([
      [2020, 4, 12, 2020, 53, 31, 366, 4, false, false, true, 31],
      [2021, 1, 1, 2020, 53, 3, 3, 7, true, false, false, 31],
      [2021, 1, 1, 2021, 1, 4, 4, 1, false, false, false, 31],
      [2018, 4, 12, 2019, 1, 31, 365, 1, false, false, true, 31],
      [2024, 1, 2, 2024, 9, 29, 60, 4, false, false, true, 29],
      [null, null, null, null, null, null, null, null, null, null, null, null],
    ]);
    expect(rows[0]).not.toHaveProperty('hour');
  });

  it('encodes month and day of week on circles with January and Monday at angle 0', async () => {
    await createDateTable(wh, 'cyc', ['2024-01-01', '2024-07-07']); // a Monday; a Sunday in July
    const rows = await featureRows(wh, 'cyc', calendarFeatures(DATE_CONTEXT));
    const expected = [
      [s(0), c(0), s(0), c(0)],
      [s((tau * 6) / 12), c((tau * 6) / 12), s((tau * 6) / 7), c((tau * 6) / 7)],
    ];
    for (const [i, r] of rows.entries()) {
      const got = [r.month_sin, r.month_cos, r.day_of_week_sin, r.day_of_week_cos] as number[];
      for (const [j, v] of got.entries()) expect(v).toBeCloseTo(expected[i]?.[j] ?? Number.NaN, 12);
    }
  });

  it('takes the hour from the local timestamp across the spring-forward and fall-back changes in Europe/Berlin', async () => {
    // 31 March 2024: clocks in Europe/Berlin go from 02:00 CET to 03:00 CEST, so 00:30 UTC is
    // 01:30 local and 01:30 UTC is 03:30 local (there is no 02:xx that day).
    await wh.run(
      `create or replace table dst as select * from (values (0, timestamptz '2024-03-31 00:30:00+00'),
       (1, timestamptz '2024-03-31 01:30:00+00'), (2, timestamptz '2024-03-30 22:30:00+00'),
       (3, timestamptz '2024-10-27 00:30:00+00'), (4, timestamptz '2024-10-27 01:30:00+00')) v(id, ts)`,
    );
    const ctx = {
      date: `cast(timezone('Europe/Berlin', t."ts") as date)`,
      localTimestamp: `timezone('Europe/Berlin', t."ts")`,
      timeZone: 'Europe/Berlin',
      columns: [{ name: 'ts', type: 'TIMESTAMP WITH TIME ZONE' }],
    };
    const rows = await featureRows(wh, 'dst', calendarFeatures(ctx));
    expect(rows.map((r) => [r.day_of_month, r.hour])).toEqual([
      [31, 1],
      [31, 3],
      [30, 23],
      [27, 2], // 27 October 2024, fall-back: 02:30 CEST...
      [27, 2], // ...and 02:30 CET an hour later
    ]);
    expect(rows[1]?.hour_sin).toBeCloseTo(Math.sin((tau * 3) / 24), 12);
    expect(rows[1]?.hour_cos).toBeCloseTo(Math.cos((tau * 3) / 24), 12);
  });

  it('calendarOf agrees with the SQL on every day of 2015-2025 (week-53 years 2015 and 2020 included)', async () => {
    await wh.run(
      `create or replace table span as select row_number() over (order by d) as id, cast(d as date) as d
       from range(date '2015-01-01', date '2026-01-01', interval 1 day) r(d)`,
    );
    const set = calendarFeatures(DATE_CONTEXT);
    const rows = await wh.all(
      `select strftime(t.d, '%Y-%m-%d') as iso, ${set.columns.map((x) => `${x.sql} as "${x.name}"`).join(', ')}
       from span t order by t.id`,
    );
    expect(rows.length).toBe(4018);
    for (const row of rows) {
      const { iso, ...sql } = row;
      const ts = calendarOf(String(iso));
      for (const [name, value] of Object.entries(ts)) {
        if (typeof value === 'number' && !Number.isInteger(value)) {
          expect(Math.abs((sql[name] as number) - value), `${iso} ${name}`).toBeLessThan(1e-12);
        } else if (sql[name] !== value) {
          expect(sql[name], `${iso} ${name}`).toBe(value);
        }
      }
    }
  });

  it('calendarOf rejects what is not a real YYYY-MM-DD date, naming it', () => {
    expect(() => calendarOf('2023-02-29')).toThrow(
      'calendarOf: expected a date as YYYY-MM-DD, got "2023-02-29"',
    );
    expect(() => calendarOf('2023-1-5')).toThrow(/got "2023-1-5"/);
  });

  it('calendarOf gives ISO weeks of known dates', () => {
    expect(calendarOf('2020-12-31')).toMatchObject({ iso_year: 2020, iso_week: 53, day_of_week: 4 });
    expect(calendarOf('2021-01-03')).toMatchObject({
      iso_year: 2020,
      iso_week: 53,
      day_of_week: 7,
      is_weekend: true,
    });
    expect(calendarOf('2021-01-04')).toMatchObject({ iso_year: 2021, iso_week: 1 });
    expect(calendarOf('2018-12-31')).toMatchObject({ iso_year: 2019, iso_week: 1 });
    expect(calendarOf('2024-02-29')).toMatchObject({
      days_in_month: 29,
      is_month_end: true,
      day_of_year: 60,
    });
    expect(calendarOf('2023-02-28')).toMatchObject({ days_in_month: 28, is_month_end: true });
  });
});
