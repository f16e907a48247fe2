/**
 * Calendar features (spec `calendar`): the parts of the row's local date as SQL over `ctx.date`,
 * plus cyclical sine/cosine encodings, and {@link calendarOf}, the same features of one date
 * computed in TypeScript with UTC arithmetic (tested against the SQL on the same dates).
 *
 * Conventions: `day_of_week` is ISO 8601 (1 = Monday ... 7 = Sunday; DuckDB `isodow`);
 * `iso_year` / `iso_week` are the ISO 8601 week-numbering year and week (DuckDB `isoyear`,
 * `week`): 2021-01-03 is 2020-W53 and 2018-12-31 is 2019-W01. The weekend is Saturday and Sunday.
 * Cyclical encodings put the first value at angle 0: `month_sin = sin(2π(month − 1)/12)`,
 * `day_of_week_sin = sin(2π(day_of_week − 1)/7)`, `hour_sin = sin(2π·hour/24)`, cosine alike.
 */
import { epochDay, isoWeekdayOfEpochDay, daysInMonth as monthLength, parseIsoDate } from './cal-date.ts';
import type { FeatureColumn, FeatureContext, FeatureSet } from './types.ts';

function column(name: string, sql: string, type: string, description: string): FeatureColumn {
  return { name, sql, type, description };
}

function cyclical(name: string, value: string, period: number, what: string): FeatureColumn[] {
  const angle = `(2 * pi() * (${value}) / ${period})`;
  return [
    column(`${name}_sin`, `sin${angle}`, 'DOUBLE', `sine of ${what} on a circle of period ${period}`),
    column(`${name}_cos`, `cos${angle}`, 'DOUBLE', `cosine of ${what} on a circle of period ${period}`),
  ];
}

/**
 * The calendar family: year, quarter, month, iso_year, iso_week, day_of_month, day_of_year,
 * day_of_week (ISO, 1 = Monday), is_weekend, is_month_start, is_month_end, days_in_month, the
 * sine/cosine of month (period 12) and day of week (period 7), and, only when
 * `ctx.localTimestamp` is not null, hour (0-23, local wall clock) with its sine/cosine (period 24).
 * A null date gives null features. No setup or joins.
 *
 * @example calendarFeatures({ date: '"d"', localTimestamp: null, timeZone: 'UTC', columns: [] }).columns[0]
 * // { name: 'year', sql: 'cast(year(("d")) as integer)', type: 'INTEGER', ... }
 */
export function calendarFeatures(ctx: FeatureContext): FeatureSet {
  const d = `(${ctx.date})`;
  const int = (name: string, sql: string, description: string) =>
    column(name, `cast(${sql} as integer)`, 'INTEGER', description);
  const columns: FeatureColumn[] = [
    int('year', `year(${d})`, 'calendar year'),
    int('quarter', `quarter(${d})`, 'calendar quarter, 1-4'),
    int('month', `month(${d})`, 'calendar month, 1-12'),
    int('iso_year', `isoyear(${d})`, 'ISO 8601 week-numbering year'),
    int(
      'iso_week',
      `week(${d})`,
      'ISO 8601 week, 1-53 (weeks start on Monday; week 1 holds the first Thursday)',
    ),
    int('day_of_month', `day(${d})`, 'day of the month, 1-31'),
    int('day_of_year', `dayofyear(${d})`, 'day of the year, 1-366'),
    int('day_of_week', `isodow(${d})`, 'ISO 8601 day of the week: 1 = Monday ... 7 = Sunday'),
    column('is_weekend', `(isodow(${d}) >= 6)`, 'BOOLEAN', 'Saturday or Sunday'),
    column('is_month_start', `(day(${d}) = 1)`, 'BOOLEAN', 'first day of the month'),
    column('is_month_end', `(${d} = last_day(${d}))`, 'BOOLEAN', 'last day of the month'),
    int('days_in_month', `day(last_day(${d}))`, 'number of days in the month, 28-31'),
    ...cyclical('month', `month(${d}) - 1`, 12, 'the month (January at angle 0)'),
    ...cyclical('day_of_week', `isodow(${d}) - 1`, 7, 'the ISO day of the week (Monday at angle 0)'),
  ];
  if (ctx.localTimestamp !== null) {
    const ts = `(${ctx.localTimestamp})`;
    columns.push(
      int('hour', `hour(${ts})`, `hour of the local wall clock in ${ctx.timeZone}, 0-23`),
      ...cyclical('hour', `hour(${ts})`, 24, 'the local hour (midnight at angle 0)'),
    );
  }
  return { spec: 'calendar', columns, setup: [], joins: [], warnings: [] };
}

/** ISO 8601 week-numbering year and week of a day count (the week's Thursday decides the year). */
function isoWeekOf(day: number): { isoYear: number; isoWeek: number } {
  const thursday = day - isoWeekdayOfEpochDay(day) + 4;
  const isoYear = new Date(thursday * 86_400_000).getUTCFullYear();
  const jan1 = epochDay({ year: isoYear, month: 1, day: 1 });
  return { isoYear, isoWeek: Math.floor((thursday - jan1) / 7) + 1 };
}

/**
 * The calendar features of one date (without hour), in TypeScript with UTC arithmetic: the same
 * names and values as {@link calendarFeatures}' SQL.
 *
 * @throws InvalidArgumentError when `date` is not a valid `YYYY-MM-DD`.
 * @example calendarOf('2021-01-03').iso_week // 53 (iso_year 2020)
 */
export function calendarOf(date: string): Record<string, number | boolean> {
  const p = parseIsoDate('calendarOf', date);
  const day = epochDay(p);
  const dow = isoWeekdayOfEpochDay(day);
  const { isoYear, isoWeek } = isoWeekOf(day);
  const length = monthLength(p.year, p.month);
  const angle = (value: number, period: number) => (2 * Math.PI * value) / period;
  return {
    year: p.year,
    quarter: Math.floor((p.month - 1) / 3) + 1,
    month: p.month,
    iso_year: isoYear,
    iso_week: isoWeek,
    day_of_month: p.day,
    day_of_year: day - epochDay({ year: p.year, month: 1, day: 1 }) + 1,
    day_of_week: dow,
    is_weekend: dow >= 6,
    is_month_start: p.day === 1,
    is_month_end: p.day === length,
    days_in_month: length,
    month_sin: Math.sin(angle(p.month - 1, 12)),
    month_cos: Math.cos(angle(p.month - 1, 12)),
    day_of_week_sin: Math.sin(angle(dow - 1, 7)),
    day_of_week_cos: Math.cos(angle(dow - 1, 7)),
  };
}
