/**
 * How busy each day and hour is: yearly seasonality (summer low, Q4 high), weekly seasonality
 * (weekends high), holiday peaks computed for every year covered (Black Friday weekend, Cyber
 * Monday, the weeks before Christmas) and one planned dip month.
 */
import { dateParts, dayOfWeek, nthWeekdayOfMonth } from './calendar.ts';

/** Relative demand by calendar month (January first): summer is low, Q4 is high. */
export const MONTH_FACTORS: readonly number[] = [
  0.9, 0.82, 0.92, 0.94, 0.96, 0.88, 0.8, 0.84, 0.97, 1.04, 1.22, 1.34,
];

/** Relative demand by day of week (Sunday first): weekends are high. */
export const WEEKDAY_FACTORS: readonly number[] = [1.25, 0.96, 0.9, 0.9, 0.92, 0.95, 1.15];

/** How much the dip month keeps of its seasonal demand (a 30 % drop). */
export const DIP_FACTOR = 0.7;

/** Relative demand by hour of day (00 first): low at night, an evening peak. */
export const HOUR_WEIGHTS: readonly number[] = [
  0.35, 0.18, 0.1, 0.07, 0.07, 0.1, 0.22, 0.45, 0.7, 0.9, 1.0, 1.05, 1.15, 1.1, 1.0, 1.0, 1.05, 1.15, 1.3,
  1.55, 1.7, 1.6, 1.2, 0.7,
];

/**
 * Black Friday of a year: the day after the fourth Thursday of November (US Thanksgiving), as a
 * day number.
 *
 * @example formatIsoDate(blackFriday(2025)) // '2025-11-28'
 */
export function blackFriday(year: number): number {
  return nthWeekdayOfMonth(year, 10, 4, 4) + 1;
}

const blackFridays = new Map<number, number>();

/** The multiplier of a day of Black Week (Monday to Cyber Monday), or 1 outside it. */
function blackWeekFactor(day: number, year: number): number {
  let bf = blackFridays.get(year);
  if (bf === undefined) {
    bf = blackFriday(year);
    blackFridays.set(year, bf);
  }
  const offset = day - bf;
  if (offset === 0) return 2.8; // Black Friday
  if (offset === 3) return 2.3; // Cyber Monday (1 or 2 December in some years)
  if (offset === 1 || offset === 2) return 1.6; // the weekend between
  if (offset >= -4 && offset <= -1) return 1.15; // Black Week run-up
  return 1;
}

/** The holiday multiplier of a day (1 on ordinary days), for any year. */
export function holidayFactor(day: number): number {
  const { year, month0, dayOfMonth } = dateParts(day);
  if (month0 === 10) return blackWeekFactor(day, year);
  if (month0 === 11) {
    if (dayOfMonth <= 2) {
      const f = blackWeekFactor(day, year);
      if (f !== 1) return f;
    }
    if (dayOfMonth <= 17) return 1.25; // the weeks before Christmas
    if (dayOfMonth <= 22) return 1.4; // last days for delivery before Christmas
    if (dayOfMonth === 23) return 1.1;
    if (dayOfMonth === 24) return 0.55;
    if (dayOfMonth === 25) return 0.45;
    if (dayOfMonth === 26) return 0.75;
    return 1.05;
  }
  if (month0 === 0 && dayOfMonth === 1) return 0.6;
  return 1;
}

/**
 * The relative demand of one day: month factor x weekday factor x holiday factor, times
 * {@link DIP_FACTOR} in the dip month.
 */
export function dayWeight(day: number, inDipMonth: boolean): number {
  const { month0 } = dateParts(day);
  const base = (MONTH_FACTORS[month0] as number) * (WEEKDAY_FACTORS[dayOfWeek(day)] as number);
  return base * holidayFactor(day) * (inDipMonth ? DIP_FACTOR : 1);
}
