/**
 * Writes instants as contract timestamps in a realistic mix of spellings. Every spelling denotes
 * the same instant: a naive timestamp shows the UTC wall time (so a run in the default UTC
 * reporting zone reads it as that instant), `Z` is UTC, and an offset is Central European time
 * (`+01:00`, or `+02:00` in summer) with the wall time shifted accordingly.
 */
import { dateParts, formatIsoDate, lastWeekdayOfMonth, SECONDS_PER_DAY, TWO_DIGITS } from './calendar.ts';
import type { Rng } from './random.ts';

/** How a timestamp is spelled. All are valid per the contract. */
export type TimestampStyle =
  | 'space' // 2025-08-01 14:03:09
  | 'T' // 2025-08-01T14:03:09
  | 'Z' // 2025-08-01T14:03:09Z
  | 'spaceZ' // 2025-08-01 14:03:09Z
  | 'offset' // 2025-08-01T16:03:09+02:00
  | 'offsetCompact' // 2025-08-01 16:03:09+0200
  | 'fraction' // 2025-08-01 14:03:09.123
  | 'fractionZ'; // 2025-08-01T14:03:09.123456Z

/** A mix of spellings and their shares. */
export type TimestampMix = readonly (readonly [TimestampStyle, number])[];

/** Order timestamps: mostly naive with a space, a few of every other spelling. */
export const ORDER_TIMESTAMP_MIX: TimestampMix = [
  ['space', 0.8],
  ['T', 0.06],
  ['Z', 0.05],
  ['offset', 0.05],
  ['spaceZ', 0.01],
  ['offsetCompact', 0.01],
  ['fraction', 0.015],
  ['fractionZ', 0.005],
];

/** Event timestamps (a tracking tool): mostly naive, many `Z` with fractions. */
export const EVENT_TIMESTAMP_MIX: TimestampMix = [
  ['space', 0.7],
  ['Z', 0.12],
  ['fractionZ', 0.1],
  ['offset', 0.05],
  ['T', 0.03],
];

/** Picks a spelling from a mix (the shares need not add to one; the last takes the remainder). */
export function pickStyle(mix: TimestampMix, rng: Rng): TimestampStyle {
  let u = rng.next();
  for (const [style, share] of mix) {
    if (u < share) return style;
    u -= share;
  }
  return (mix[mix.length - 1] as readonly [TimestampStyle, number])[0];
}

const summerTime = new Map<number, readonly [number, number]>();

/**
 * The Central European offset in minutes at an instant: +120 from the last Sunday of March
 * 01:00 UTC to the last Sunday of October 01:00 UTC (EU rule since 1996), +60 otherwise.
 */
export function centralEuropeanOffset(instant: number): number {
  const { year } = dateParts(Math.floor(instant / SECONDS_PER_DAY));
  let bounds = summerTime.get(year);
  if (bounds === undefined) {
    bounds = [
      lastWeekdayOfMonth(year, 2, 0) * SECONDS_PER_DAY + 3600,
      lastWeekdayOfMonth(year, 9, 0) * SECONDS_PER_DAY + 3600,
    ];
    summerTime.set(year, bounds);
  }
  return instant >= bounds[0] && instant < bounds[1] ? 120 : 60;
}

/** Formats instants (whole seconds since 1970-01-01 UTC) as timestamps; caches date texts. */
export class TimestampFormatter {
  private readonly dates = new Map<number, string>();

  /** `YYYY-MM-DD` of a day number, cached. */
  date(day: number): string {
    let text = this.dates.get(day);
    if (text === undefined) {
      text = formatIsoDate(day);
      this.dates.set(day, text);
    }
    return text;
  }

  /** `YYYY-MM-DD HH:MM:SS`-style text; `micros` (0..999999) feeds the fraction styles. */
  format(instant: number, style: TimestampStyle, micros = 0): string {
    if (style === 'offset' || style === 'offsetCompact') {
      const minutes = centralEuropeanOffset(instant);
      const hh = TWO_DIGITS[minutes / 60] as string;
      const wall = this.wall(instant + minutes * 60, style === 'offset' ? 'T' : ' ');
      return style === 'offset' ? `${wall}+${hh}:00` : `${wall}+${hh}00`;
    }
    switch (style) {
      case 'space':
        return this.wall(instant, ' ');
      case 'T':
        return this.wall(instant, 'T');
      case 'Z':
        return `${this.wall(instant, 'T')}Z`;
      case 'spaceZ':
        return `${this.wall(instant, ' ')}Z`;
      case 'fraction':
        return `${this.wall(instant, ' ')}.${String(Math.floor(micros / 1000)).padStart(3, '0')}`;
      case 'fractionZ':
        return `${this.wall(instant, 'T')}.${String(micros).padStart(6, '0')}Z`;
    }
  }

  private wall(seconds: number, separator: ' ' | 'T'): string {
    const day = Math.floor(seconds / SECONDS_PER_DAY);
    const s = seconds - day * SECONDS_PER_DAY;
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    return `${this.date(day)}${separator}${TWO_DIGITS[h]}:${TWO_DIGITS[m]}:${TWO_DIGITS[s % 60]}`;
  }
}
