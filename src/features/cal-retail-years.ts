/**
 * The year boundaries of a 52/53-week retail calendar, computed in TypeScript: each retail year
 * ends on a given weekday either nearest the last day of a month or the last such weekday in that
 * month, and runs from the day after the previous year end. A year of 371 days has 53 weeks.
 * The NRF 4-5-4 calendar ends its years on the Saturday nearest the end of January (NRF,
 * "4-5-4 Calendar", https://www.nrf.com/resources/4-5-4-calendar: fiscal 2012, 2017 and 2023
 * have 53 weeks).
 */
import { InvalidArgumentError } from '../errors.ts';
import { daysInMonth, epochDay, isoWeekdayOfEpochDay } from './cal-date.ts';

/** A day of the week, lowercase English. */
export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** ISO 8601 numbers of the weekdays (1 = Monday). */
export const ISO_WEEKDAY: Readonly<Record<Weekday, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

/** Where a retail year ends: `weekday` nearest the last day of `month`, or the last one in it. */
export interface RetailYearEnd {
  readonly month: number;
  readonly weekday: Weekday;
  readonly rule: 'nearest' | 'last';
}

/** The NRF year end: the Saturday nearest the end of January. */
export const NRF_YEAR_END: RetailYearEnd = { month: 1, weekday: 'saturday', rule: 'nearest' };

/** One retail year: its name, first and last day (days since 1970-01-01) and 52 or 53 weeks. */
export interface RetailYear {
  readonly retailYear: number;
  readonly start: number;
  readonly end: number;
  readonly weeks: 52 | 53;
}

/** The first and last year-end-month years of the table: years from 1989 to 2101 are covered. */
export const RETAIL_ANCHOR_YEARS = { first: 1989, last: 2101 } as const;

/**
 * Checks a year end.
 *
 * @throws InvalidArgumentError naming the caller and the bad value.
 */
export function checkYearEnd(caller: string, yearEnd: RetailYearEnd): RetailYearEnd {
  if (!Number.isInteger(yearEnd.month) || yearEnd.month < 1 || yearEnd.month > 12) {
    throw new InvalidArgumentError(`${caller}: yearEnd.month must be an integer 1-12, got ${yearEnd.month}`);
  }
  if (!Object.hasOwn(ISO_WEEKDAY, yearEnd.weekday)) {
    throw new InvalidArgumentError(
      `${caller}: yearEnd.weekday must be one of ${Object.keys(ISO_WEEKDAY).join(', ')}, got ${JSON.stringify(yearEnd.weekday)}`,
    );
  }
  if (yearEnd.rule !== 'nearest' && yearEnd.rule !== 'last') {
    throw new InvalidArgumentError(
      `${caller}: yearEnd.rule must be 'nearest' or 'last', got ${JSON.stringify(yearEnd.rule)}`,
    );
  }
  return yearEnd;
}

/**
 * The day (since 1970-01-01) a retail year ends whose year-end month lies in calendar year
 * `year`: the weekday on or before the month's last day (`last`), or the one at most three days
 * before or after it (`nearest`).
 *
 * @example isoOfEpochDay(retailYearEnd(2024, NRF_YEAR_END)) // '2024-02-03'
 */
export function retailYearEnd(year: number, yearEnd: RetailYearEnd): number {
  const lastDay = epochDay({ year, month: yearEnd.month, day: daysInMonth(year, yearEnd.month) });
  const ahead = (ISO_WEEKDAY[yearEnd.weekday] - isoWeekdayOfEpochDay(lastDay) + 7) % 7;
  if (yearEnd.rule === 'last') return ahead === 0 ? lastDay : lastDay + ahead - 7;
  return ahead <= 3 ? lastDay + ahead : lastDay + ahead - 7;
}

/**
 * The retail years whose year-end month falls in {@link RETAIL_ANCHOR_YEARS}, in order. A year is
 * named by the calendar year of its year-end month (`naming: 'end'`) or of the month after the
 * previous year end (`'start'`: NRF fiscal 2023 runs from 29 January 2023 to 3 February 2024).
 */
export function retailYears(yearEnd: RetailYearEnd, naming: 'start' | 'end'): RetailYear[] {
  const years: RetailYear[] = [];
  let previousEnd = retailYearEnd(RETAIL_ANCHOR_YEARS.first - 1, yearEnd);
  for (let anchor = RETAIL_ANCHOR_YEARS.first; anchor <= RETAIL_ANCHOR_YEARS.last; anchor++) {
    const end = retailYearEnd(anchor, yearEnd);
    const weeks = (end - previousEnd) / 7;
    if (weeks !== 52 && weeks !== 53)
      throw new Error(`retailYears: a year of ${weeks} weeks ending in ${anchor}`);
    const retailYear = naming === 'end' || yearEnd.month === 12 ? anchor : anchor - 1;
    years.push({ retailYear, start: previousEnd + 1, end, weeks });
    previousEnd = end;
  }
  return years;
}

/** Weeks per period of a quarter for each pattern. */
export const PATTERN_WEEKS: Readonly<Record<'445' | '454' | '544', readonly number[]>> = {
  '445': [4, 4, 5],
  '454': [4, 5, 4],
  '544': [5, 4, 4],
};

/** The period (1-12) of each week 1-53 (index 0 is week 1); week 53 belongs to period 12. */
export function periodOfWeek(pattern: '445' | '454' | '544'): number[] {
  const periods: number[] = [];
  for (let period = 1; period <= 12; period++) {
    const weeks = PATTERN_WEEKS[pattern][(period - 1) % 3] ?? 0;
    for (let w = 0; w < weeks; w++) periods.push(period);
  }
  periods.push(12);
  return periods;
}
