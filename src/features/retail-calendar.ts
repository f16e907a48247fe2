/**
 * Retail-calendar features (specs `retail:nrf`, `retail:445`, `retail:454`, `retail:544`): a
 * 52/53-week year of four 13-week quarters, each split into periods of 4-5-4 (or 4-4-5, 5-4-4)
 * weeks, ending on a fixed weekday (NRF: the Saturday nearest the end of January; NRF, "4-5-4
 * Calendar", https://www.nrf.com/resources/4-5-4-calendar). The year boundaries are computed in
 * TypeScript (`cal-retail-years.ts`, years whose year-end month falls in 1989-2101) and loaded by
 * the `setup` into a temporary day table `_features_retail_...` (one row per day, about 41,000),
 * which the family joins on the local date: a hash join, fast on tens of millions of rows.
 * Dates outside the table get null features.
 *
 * Rules: weeks start on the day after the previous year end; the 53rd week belongs to the last
 * period (12) and quarter (4). `same_period_last_year` is the date 52 weeks (364 days) earlier,
 * which in the year after a 53-week year is the NRF restated comparison (the 53-week year's weeks
 * 2-53 compare with the next year's weeks 1-52; its first week is dropped), and is the same retail
 * week and weekday otherwise; in week 53 it is 53 weeks (371 days) earlier, the same weekday of the
 * last week of the previous year, since that year has no week 53.
 */
import { InvalidArgumentError } from '../errors.ts';
import { epochDay, isoOfEpochDay, parseIsoDate } from './cal-date.ts';
import {
  checkYearEnd,
  NRF_YEAR_END,
  periodOfWeek,
  type RetailYear,
  type RetailYearEnd,
  retailYears,
} from './cal-retail-years.ts';
import type { FeatureContext, FeatureSet } from './types.ts';

export type { RetailYear, RetailYearEnd, Weekday } from './cal-retail-years.ts';
export { NRF_YEAR_END, RETAIL_ANCHOR_YEARS, retailYearEnd, retailYears } from './cal-retail-years.ts';

/** Options of {@link retailFeatures}. */
export interface RetailCalendarOptions {
  /** Weeks per period within each quarter: `'454'` (NRF), `'445'` or `'544'`. */
  readonly pattern: '445' | '454' | '544';
  /** Where the year ends; default {@link NRF_YEAR_END} (Saturday nearest the end of January). */
  readonly yearEnd?: RetailYearEnd;
  /**
   * How a year is named: `'start'` (default, NRF) by the calendar year of the month after the
   * previous year end (NRF fiscal 2023: 29 January 2023 - 3 February 2024), `'end'` by the
   * calendar year of its year-end month (that year would be 2024).
   */
  readonly naming?: 'start' | 'end';
}

/** The named retail calendars, as in the specs `retail:<name>`. */
export const RETAIL_CALENDARS: Readonly<Record<'nrf' | '445' | '454' | '544', RetailCalendarOptions>> = {
  nrf: { pattern: '454' },
  '445': { pattern: '445' },
  '454': { pattern: '454' },
  '544': { pattern: '544' },
};

/** The retail parts of one date. */
export interface RetailParts {
  readonly retail_year: number;
  readonly retail_quarter: number;
  readonly retail_period: number;
  readonly retail_week: number;
  /** `YYYY-MM-DD` of the comparable date a year earlier (see the module's rule). */
  readonly same_period_last_year: string;
}

interface Resolved {
  readonly pattern: '445' | '454' | '544';
  readonly yearEnd: RetailYearEnd;
  readonly naming: 'start' | 'end';
  readonly spec: string;
  readonly table: string;
}

function resolve(caller: string, options: RetailCalendarOptions): Resolved {
  const { pattern } = options;
  if (pattern !== '445' && pattern !== '454' && pattern !== '544') {
    throw new InvalidArgumentError(
      `${caller}: pattern must be '445', '454' or '544', got ${JSON.stringify(pattern)}`,
    );
  }
  const yearEnd = checkYearEnd(caller, options.yearEnd ?? NRF_YEAR_END);
  const naming = options.naming ?? 'start';
  if (naming !== 'start' && naming !== 'end') {
    throw new InvalidArgumentError(
      `${caller}: naming must be 'start' or 'end', got ${JSON.stringify(naming)}`,
    );
  }
  const { month, weekday, rule } = yearEnd;
  const standard = month === 1 && weekday === 'saturday' && rule === 'nearest' && naming === 'start';
  const spec = standard
    ? `retail:${pattern === '454' ? 'nrf' : pattern}`
    : `retail:${pattern}:${weekday}-${rule}-${month}${naming === 'end' ? ':end' : ''}`;
  return {
    pattern,
    yearEnd,
    naming,
    spec,
    table: `_features_retail_${pattern}_${weekday}_${rule}_${month}_${naming}`,
  };
}

const yearCache = new Map<string, RetailYear[]>();

function yearsOf(r: Resolved): RetailYear[] {
  let years = yearCache.get(r.table);
  if (years === undefined) {
    years = retailYears(r.yearEnd, r.naming);
    yearCache.set(r.table, years);
  }
  return years;
}

function setupSql(r: Resolved): string {
  const values = yearsOf(r)
    .map((y) => `(${y.retailYear}, date '${isoOfEpochDay(y.start)}', date '${isoOfEpochDay(y.end)}')`)
    .join(',\n  ');
  return `create or replace temp table ${r.table} as
with years(retail_year, year_start, year_end) as (values
  ${values}
), days as (
  select retail_year, year_start, cast(unnest(generate_series(year_start, year_end, interval 1 day)) as date) as day
  from years
), weeks as (
  select day, retail_year, cast((day - year_start) // 7 + 1 as integer) as retail_week from days
)
select day, cast(retail_year as integer) as retail_year,
  cast(([${periodOfWeek(r.pattern).join(', ')}][retail_week] - 1) // 3 + 1 as integer) as retail_quarter,
  cast([${periodOfWeek(r.pattern).join(', ')}][retail_week] as integer) as retail_period,
  retail_week,
  cast(day - (case when retail_week = 53 then 371 else 364 end) as date) as same_period_last_year
from weeks`;
}

/**
 * The retail family: `retail_year`, `retail_quarter` (1-4), `retail_period` (1-12),
 * `retail_week` (1-52, or 53 in a 53-week year) as INTEGER and `same_period_last_year` (DATE),
 * by the rules in this module's header. Its `setup` creates the temporary day table and its one
 * `left join` matches it on `ctx.date`, so the combined select must take the table's columns
 * as `t.*`. A null date, or one outside the table, gives nulls.
 *
 * @throws InvalidArgumentError for an unknown pattern, year end or naming.
 * @example retailFeatures(ctx, RETAIL_CALENDARS.nrf).spec // 'retail:nrf'; 2024-02-03 is 2023, period 12, week 53
 */
export function retailFeatures(ctx: FeatureContext, options: RetailCalendarOptions): FeatureSet {
  const r = resolve('retailFeatures', options);
  const { weekday, rule, month } = r.yearEnd;
  const calendar = `${r.pattern.split('').join('-')} retail calendar ending on the ${weekday} ${rule === 'nearest' ? 'nearest the end of' : 'last in'} month ${month}`;
  const column = (name: string, type: string, description: string) => ({
    name,
    sql: `${r.table}.${name}`,
    type,
    description: `${description} (${calendar})`,
  });
  return {
    spec: r.spec,
    columns: [
      column(
        'retail_year',
        'INTEGER',
        r.naming === 'start'
          ? 'retail year, named by the calendar year it starts in'
          : 'retail year, named by its year-end month',
      ),
      column(
        'retail_quarter',
        'INTEGER',
        'retail quarter, 1-4 (13 weeks; 14 in the last quarter of a 53-week year)',
      ),
      column('retail_period', 'INTEGER', 'retail period (month), 1-12; week 53 is in period 12'),
      column('retail_week', 'INTEGER', 'retail week of the year, 1-52 or 53'),
      column(
        'same_period_last_year',
        'DATE',
        'comparable date a year earlier: 52 weeks earlier (NRF restated after a 53-week year), 53 weeks in week 53',
      ),
    ],
    setup: [{ sql: setupSql(r) }],
    joins: [`left join ${r.table} on ${r.table}.day = (${ctx.date})`],
    warnings: [],
  };
}

/**
 * The retail parts of one `YYYY-MM-DD` date, the TypeScript twin of {@link retailFeatures}.
 *
 * @throws InvalidArgumentError for a bad date or options, or a date outside the table's years.
 * @example retailOf('2024-02-03', RETAIL_CALENDARS.nrf) // { retail_year: 2023, retail_quarter: 4, retail_period: 12, retail_week: 53, same_period_last_year: '2023-01-28' }
 */
export function retailOf(date: string, options: RetailCalendarOptions): RetailParts {
  const r = resolve('retailOf', options);
  const day = epochDay(parseIsoDate('retailOf', date));
  const year = yearsOf(r).find((y) => y.start <= day && day <= y.end);
  if (year === undefined) {
    const years = yearsOf(r);
    throw new InvalidArgumentError(
      `retailOf: ${date} is outside the retail years computed (${isoOfEpochDay(years[0]?.start ?? 0)} to ${isoOfEpochDay(years.at(-1)?.end ?? 0)})`,
    );
  }
  const week = Math.floor((day - year.start) / 7) + 1;
  const period = periodOfWeek(r.pattern)[week - 1] ?? 12;
  return {
    retail_year: year.retailYear,
    retail_quarter: Math.floor((period - 1) / 3) + 1,
    retail_period: period,
    retail_week: week,
    same_period_last_year: isoOfEpochDay(day - (week === 53 ? 371 : 364)),
  };
}
