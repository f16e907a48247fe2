/**
 * Calendar arithmetic for the demo generator, in UTC only (`Date.UTC`, `getUTC*`): the machine's
 * time zone never changes the output. A *day* is a whole number of days since 1970-01-01.
 */

/** Seconds in a calendar day (UTC has no daylight saving time). */
export const SECONDS_PER_DAY = 86_400;
const MS_PER_DAY = 86_400_000;

/** Two-digit strings `00`..`99`, for fast formatting of dates, times and cents. */
export const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) =>
  String(i).padStart(2, '0'),
);

/** The day number of a calendar date (month0 is 0 for January; out-of-range parts roll over). */
export function epochDay(year: number, month0: number, dayOfMonth: number): number {
  return Math.floor(Date.UTC(year, month0, dayOfMonth) / MS_PER_DAY);
}

/** Year, 0-based month and day of month of a day number. */
export interface DateParts {
  readonly year: number;
  readonly month0: number;
  readonly dayOfMonth: number;
}

/** Splits a day number into its calendar parts. */
export function dateParts(day: number): DateParts {
  const d = new Date(day * MS_PER_DAY);
  return { year: d.getUTCFullYear(), month0: d.getUTCMonth(), dayOfMonth: d.getUTCDate() };
}

/**
 * The day number of a `YYYY-MM-DD` text, or `null` when it is not a real calendar date.
 *
 * @example parseIsoDate('2025-02-29') // null
 */
export function parseIsoDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return null;
  const year = Number(m[1]);
  const month0 = Number(m[2]) - 1;
  const dayOfMonth = Number(m[3]);
  const day = epochDay(year, month0, dayOfMonth);
  const back = dateParts(day);
  if (back.year !== year || back.month0 !== month0 || back.dayOfMonth !== dayOfMonth) return null;
  return day;
}

/** `YYYY-MM-DD` of a day number (years 1000-9999). */
export function formatIsoDate(day: number): string {
  const p = dateParts(day);
  return `${p.year}-${TWO_DIGITS[p.month0 + 1]}-${TWO_DIGITS[p.dayOfMonth]}`;
}

/** `YYYY-MM` of the month holding a day. */
export function monthKey(day: number): string {
  const p = dateParts(day);
  return `${p.year}-${TWO_DIGITS[p.month0 + 1]}`;
}

/** Day of week, 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The first day of the month `n` months after the month holding `day`. */
export function firstOfMonthAfter(day: number, n: number): number {
  const p = dateParts(day);
  return epochDay(p.year, p.month0 + n, 1);
}

/** `day` moved by `n` calendar months, the day of month clamped to the target month's length. */
export function addMonths(day: number, n: number): number {
  const p = dateParts(day);
  const lastOfTarget = dateParts(epochDay(p.year, p.month0 + n + 1, 0)).dayOfMonth;
  return epochDay(p.year, p.month0 + n, Math.min(p.dayOfMonth, lastOfTarget));
}

/** The last `weekday` (0 = Sunday) of a month, as a day number. */
export function lastWeekdayOfMonth(year: number, month0: number, weekday: number): number {
  const last = epochDay(year, month0 + 1, 0);
  return last - ((dayOfWeek(last) - weekday + 7) % 7);
}

/** The `n`-th (1-based) `weekday` (0 = Sunday) of a month, as a day number. */
export function nthWeekdayOfMonth(year: number, month0: number, weekday: number, n: number): number {
  const first = epochDay(year, month0, 1);
  return first + ((weekday - dayOfWeek(first) + 7) % 7) + 7 * (n - 1);
}
