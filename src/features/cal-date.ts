/**
 * Plain-date arithmetic for the calendar families' TypeScript twins: a date is a `YYYY-MM-DD`
 * string or a count of days since 1970-01-01, and every computation runs in UTC
 * (`Date.UTC`, `getUTC*`), so the machine's time zone never enters.
 */
import { InvalidArgumentError } from '../errors.ts';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date split into its parts (month 1-12). */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/**
 * Parses a `YYYY-MM-DD` date strictly (no time, no zone, no rollover such as `2023-02-30`).
 *
 * @throws InvalidArgumentError naming the function and the bad value.
 * @example parseIsoDate('calendarOf', '2024-02-29') // { year: 2024, month: 2, day: 29 }
 */
export function parseIsoDate(caller: string, date: string): DateParts {
  const match = ISO_DATE.exec(date);
  if (match !== null) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const check = new Date(Date.UTC(year, month - 1, day));
    check.setUTCFullYear(year);
    if (check.getUTCMonth() === month - 1 && check.getUTCDate() === day) return { year, month, day };
  }
  throw new InvalidArgumentError(`${caller}: expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
}

/** Days since 1970-01-01 of a calendar date (proleptic Gregorian, UTC). */
export function epochDay(parts: DateParts): number {
  const d = new Date(Date.UTC(2000, parts.month - 1, parts.day));
  d.setUTCFullYear(parts.year);
  return Math.round(d.getTime() / DAY_MS);
}

/** The calendar date of a count of days since 1970-01-01. */
export function partsOfEpochDay(day: number): DateParts {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** `YYYY-MM-DD` of a count of days since 1970-01-01 (years 0-9999). */
export function isoOfEpochDay(day: number): string {
  const p = partsOfEpochDay(day);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** ISO 8601 day of the week of a count of days since 1970-01-01: 1 = Monday ... 7 = Sunday. */
export function isoWeekdayOfEpochDay(day: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Number of days in a month (month 1-12), Gregorian leap years. */
export function daysInMonth(year: number, month: number): number {
  const next = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  return partsOfEpochDay(epochDay(next) - 1).day;
}
