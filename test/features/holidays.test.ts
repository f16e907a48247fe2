import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.ts';
import { publicHolidays } from '../../src/features/holiday-table.ts';
import { holidayFeatures, unmatchedCountriesQuery } from '../../src/features/holidays.ts';
import type { FeatureContext, FeatureSet } from '../../src/features/types.ts';
import { Warehouse } from '../../src/warehouse/index.ts';

let wh: Warehouse | null = null;
afterEach(() => {
  wh?.close();
  wh = null;
});

const ctx: FeatureContext = { date: 't."day"', localTimestamp: null, timeZone: 'UTC', columns: [] };

async function run(set: FeatureSet, table: string): Promise<Record<string, unknown>[]> {
  const w = wh as Warehouse;
  for (const s of set.setup) await w.run(s.sql, (s.params ?? undefined) as never);
  const cols = set.columns.map((c) => `${c.sql} as ${c.name}`).join(', ');
  return w.all(`select t.*, ${cols} from ${table} t ${set.joins.join(' ')} order by t.id`);
}

describe('publicHolidays', () => {
  // Expected: the rules of 5 U.S.C. 6103(a) (federal holidays) worked by hand for 2024, as the
  // OPM federal holidays page lists them (https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/).
  it('lists the 11 US federal holidays of 2024 on their dates', () => {
    const rows = publicHolidays('US', null, { from: 2024, to: 2024 }).map((h) => `${h.date} ${h.name}`);
    expect(rows).toEqual([
      "2024-01-01 New Year's Day",
      '2024-01-15 Martin Luther King Jr. Day',
      "2024-02-19 Washington's Birthday",
      '2024-05-27 Memorial Day',
      '2024-06-19 Juneteenth',
      '2024-07-04 Independence Day',
      '2024-09-02 Labour Day', // date-holidays' English name,
      '2024-10-14 Columbus Day',
      '2024-11-11 Veterans Day',
      '2024-11-28 Thanksgiving Day',
      '2024-12-25 Christmas Day',
    ]);
  });

  // 4 July 2021 was a Sunday: observed Monday 5 July (5 U.S.C. 6103(b)); Christmas 2021 a Saturday: observed Friday 24 December.
  it('adds observed days as "<name> (observed)"', () => {
    const rows = publicHolidays('US', null, { from: 2021, to: 2021 }).map((h) => `${h.date} ${h.name}`);
    expect(rows).toContain('2021-07-05 Independence Day (observed)');
    expect(rows).toContain('2021-12-24 Christmas Day (observed)');
    expect(rows).toContain('2021-07-04 Independence Day');
  });

  it('adds the sourced festivals to the Indian national holidays', () => {
    const rows = publicHolidays('IN', null, { from: 2024, to: 2024 }).map((h) => `${h.date} ${h.name}`);
    expect(rows).toEqual([
      '2024-01-26 Republic Day',
      '2024-03-25 Holi',
      '2024-03-29 Good Friday',
      '2024-04-11 Id-ul-Fitr (Eid al-Fitr)',
      '2024-04-14 Ambedkar Jayanti',
      '2024-08-15 Independence Day',
      '2024-10-02 Gandhi Jayanti',
      '2024-10-12 Dussehra (Vijaya Dashami)',
      '2024-10-31 Diwali (Deepavali)',
      '2024-12-25 Christmas Day',
    ]);
  });

  it('uses the regional list for a German state', () => {
    const by = publicHolidays('DE', 'BY', { from: 2025, to: 2025 }).map((h) => h.date);
    const be = publicHolidays('DE', 'BE', { from: 2025, to: 2025 }).map((h) => h.date);
    expect(by).toContain('2025-01-06'); // Epiphany: Bavaria, not Berlin
    expect(be).not.toContain('2025-01-06');
  });

  it('rejects a region date-holidays does not know', () => {
    expect(() => publicHolidays('DE', 'XX', { from: 2025, to: 2025 })).toThrow(InvalidArgumentError);
  });
});

describe('holidayFeatures', () => {
  it('computes the four columns for fixed countries on a real DuckDB', async () => {
    wh = await Warehouse.open(':memory:');
    await wh.run(`create table orders as select * from (values
      (1, date '2024-12-24'), (2, date '2024-12-25'), (3, date '2024-12-26'), (4, date '2023-06-01')) v(id, day)`);
    const set = holidayFeatures(ctx, { countries: ['US'], years: { from: 2024, to: 2024 } });
    expect(set.warnings).toEqual([]);
    expect(await run(set, 'orders')).toEqual([
      {
        id: 1,
        day: '2024-12-24',
        holiday_name: '',
        is_holiday: false,
        days_to_next_holiday: 1,
        days_since_last_holiday: 26,
      }, // Thanksgiving 28 Nov,
      {
        id: 2,
        day: '2024-12-25',
        holiday_name: 'Christmas Day',
        is_holiday: true,
        days_to_next_holiday: 0,
        days_since_last_holiday: 0,
      },
      // next: New Year's Day 2025 (the year after is loaded for the distances)
      {
        id: 3,
        day: '2024-12-26',
        holiday_name: '',
        is_holiday: false,
        days_to_next_holiday: 6,
        days_since_last_holiday: 1,
      },
      {
        id: 4,
        day: '2023-06-01',
        holiday_name: null,
        is_holiday: null,
        days_to_next_holiday: null,
        days_since_last_holiday: null,
      },
    ]);
  });

  it('matches a free-text country column and reports the unmatched values', async () => {
    wh = await Warehouse.open(':memory:');
    await wh.run(`create table orders as select * from (values
      (1, date '2021-07-05', 'United States'), (2, date '2021-07-05', 'U.S.A.'), (3, date '2024-10-31', 'india'),
      (4, date '2025-01-06', 'Bayern'), (5, date '2025-01-06', 'Deutschland'), (6, date '2025-01-06', 'Atlantis'),
      (7, date '2025-01-06', null), (8, date '2031-11-14', 'IN')) v(id, day, country)`);
    const values = await wh.all<{ country: string | null; region: string | null }>(
      unmatchedCountriesQuery('orders', 'country'),
    );
    const set = holidayFeatures(ctx, {
      countryColumn: 'country',
      countryValues: values,
      years: { from: 2021, to: 2031 },
    });
    expect(set.warnings.map((w) => w.code).sort()).toEqual([
      'india_festivals_not_covered',
      'india_festivals_projected',
      'unmatched_country',
    ]);
    expect(set.warnings.find((w) => w.code === 'india_festivals_not_covered')?.message).toContain('2031');
    expect(set.warnings.find((w) => w.code === 'unmatched_country')?.message).toContain('"Atlantis"');
    const rows = await run(set, 'orders');
    expect(rows.map((r) => r.holiday_name)).toEqual([
      'Independence Day (observed)',
      'Independence Day (observed)',
      'Diwali (Deepavali)',
      'Epiphany',
      '',
      null,
      null,
      null, // 2031: after the festival table (2015-2030), India not covered
    ]);
  });

  it('uses a region column, falling back to national holidays for an unknown region', async () => {
    wh = await Warehouse.open(':memory:');
    await wh.run(`create table orders as select * from (values
      (1, date '2025-01-06', 'DE', 'Bayern'), (2, date '2025-01-06', 'DE', 'Berlin'), (3, date '2025-01-06', 'Germany', 'Tirol'),
      (4, date '2025-12-26', 'Germany', 'Tirol')) v(id, day, country, state)`);
    const values = await wh.all<{ country: string | null; region: string | null }>(
      unmatchedCountriesQuery('orders', 'country', 'state'),
    );
    const set = holidayFeatures(ctx, {
      countryColumn: 'country',
      regionColumn: 'state',
      countryValues: values,
      years: { from: 2025, to: 2025 },
    });
    expect(set.warnings.map((w) => w.code)).toEqual(['unmatched_region']);
    expect((await run(set, 'orders')).map((r) => r.holiday_name)).toEqual(['Epiphany', '', '', 'Boxing Day']);
  });

  it('prefixes names with the country when several fixed countries are given', async () => {
    wh = await Warehouse.open(':memory:');
    await wh.run(
      `create table orders as select * from (values (1, date '2024-12-25'), (2, date '2024-10-31')) v(id, day)`,
    );
    const set = holidayFeatures(ctx, { countries: ['US', 'India'], years: { from: 2024, to: 2024 } });
    expect((await run(set, 'orders')).map((r) => r.holiday_name)).toEqual([
      'US: Christmas Day / IN: Christmas Day',
      'IN: Diwali (Deepavali)',
    ]);
  });

  it('warns when Indian festival dates are a projection (2027-2030), and not for gazetted years', async () => {
    wh = await Warehouse.open(':memory:');
    await wh.run(
      `create table orders as select * from (values (1, date '2029-11-05'), (2, date '2024-10-31'), (3, date '2027-03-22')) v(id, day)`,
    );
    const set = holidayFeatures(ctx, { countries: ['IN'], years: { from: 2024, to: 2029 } });
    // 2027-2029 are projections (src/features/india-festivals.ts).
    expect(set.warnings.map((w) => w.code)).toEqual(['india_festivals_projected']);
    const projected = set.warnings.find((w) => w.code === 'india_festivals_projected')?.message ?? '';
    expect(projected).toContain('2027, 2028, 2029');
    expect(projected).not.toContain('2024');
    // Diwali 2029 as projected by theholidayspot.com: Monday, 5 November.
    expect((await run(set, 'orders')).map((r) => r.holiday_name)).toEqual([
      'Diwali (Deepavali)',
      'Diwali (Deepavali)',
      'Holi', // 2027 by the almanac rule (test/features/reference/festival_rules.py): Monday 22 March
    ]);
    expect(holidayFeatures(ctx, { countries: ['IN'], years: { from: 2024, to: 2026 } }).warnings).toEqual([]);
    expect(holidayFeatures(ctx, { countries: ['US'], years: { from: 2029, to: 2029 } }).warnings).toEqual([]);
  });

  it('gives null features to every row when no country value matches, and works on an empty table', async () => {
    wh = await Warehouse.open(':memory:');
    await wh.run(
      `create table orders as select * from (values (1, date '2024-12-25', 'Narnia')) v(id, day, country)`,
    );
    const set = holidayFeatures(ctx, {
      countryColumn: 'country',
      countryValues: [{ country: 'Narnia' }],
      years: { from: 2024, to: 2024 },
    });
    expect((await run(set, 'orders'))[0]?.holiday_name).toBeNull();
    await wh.run('create table empty_orders (id integer, day date)');
    expect(
      await run(holidayFeatures(ctx, { countries: ['US'], years: { from: 2024, to: 2024 } }), 'empty_orders'),
    ).toEqual([]);
  });

  it('rejects neither or both of countries and countryColumn, and a column without its values', () => {
    const years = { from: 2024, to: 2024 };
    expect(() => holidayFeatures(ctx, { years })).toThrow(/either countries/);
    expect(() => holidayFeatures(ctx, { countryColumn: 'c', years })).toThrow(/unmatchedCountriesQuery/);
    expect(() => holidayFeatures(ctx, { countries: ['Narnia'], years })).toThrow(/"Narnia"/);
    expect(() => holidayFeatures(ctx, { countries: ['US'], years: { from: 2025, to: 2024 } })).toThrow(
      InvalidArgumentError,
    );
  });
});
