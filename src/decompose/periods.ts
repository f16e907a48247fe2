import { InvalidArgumentError } from '../errors.ts';

/**
 * A span of calendar days in the reporting time zone: `start` inclusive, `end` exclusive, both
 * `'YYYY-MM-DD'`. `label` is how a sentence names it (`'August 2025'`, `'Q3 2025'`, `'2025'`,
 * `'2025-08-01 to 2025-08-15'`).
 */
export interface Period {
  readonly label: string;
  readonly start: string;
  readonly end: string;
  readonly kind: 'month' | 'quarter' | 'year' | 'range';
}

/** English month names, January first (labels of periods and of report months). */
export const MONTH_NAMES: readonly string[] = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `'YYYY-MM-DD'` of a proleptic Gregorian day, computed in UTC (never the machine's zone). */
function isoDay(year: number, month: number, day: number): string {
  const d = new Date(Date.UTC(2000, month - 1, day));
  d.setUTCFullYear(year, month - 1, day);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function validDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && isoDay(Number(m[1]), Number(m[2]), Number(m[3])) === text;
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return isoDay(y, m, d + 1);
}

/**
 * Parses a period as `shopstat decompose --from/--to` take it: a month `2025-09`, a quarter
 * `2025-Q3` (`q` too), a year `2025`, or an inclusive range of days `2025-08-01..2025-08-15`
 * (a single day `2025-08-01` is the range of that day). Pure calendar arithmetic in UTC: the
 * days are those of the reporting time zone, which the query applies.
 *
 * @throws InvalidArgumentError naming the text when it is none of these, names a day that does not
 *   exist (`2025-02-30`), or is a range that ends before it starts.
 * @example parsePeriod('2025-Q3') // { label: 'Q3 2025', start: '2025-07-01', end: '2025-10-01', kind: 'quarter' }
 */
export function parsePeriod(text: string): Period {
  const t = typeof text === 'string' ? text.trim() : '';
  let m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m !== null) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (mo >= 1 && mo <= 12) {
      return {
        label: `${MONTH_NAMES[mo - 1]} ${m[1]}`,
        start: isoDay(y, mo, 1),
        end: isoDay(y, mo + 1, 1),
        kind: 'month',
      };
    }
  }
  m = /^(\d{4})-[Qq]([1-4])$/.exec(t);
  if (m !== null) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return {
      label: `Q${q} ${m[1]}`,
      start: isoDay(y, 3 * q - 2, 1),
      end: isoDay(y, 3 * q + 1, 1),
      kind: 'quarter',
    };
  }
  m = /^(\d{4})$/.exec(t);
  if (m !== null) {
    const y = Number(m[1]);
    return { label: t, start: isoDay(y, 1, 1), end: isoDay(y + 1, 1, 1), kind: 'year' };
  }
  m = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/.exec(t);
  if (m?.[1] !== undefined && validDay(m[1]) && (m[2] === undefined || validDay(m[2]))) {
    const first = m[1];
    const last = m[2] ?? first;
    if (last >= first) {
      const label = first === last ? first : `${first} to ${last}`;
      return { label, start: first, end: nextDay(last), kind: 'range' };
    }
  }
  throw new InvalidArgumentError(
    `parsePeriod: cannot read ${JSON.stringify(text)} as a period; write a month (2025-09), a quarter (2025-Q3), a year (2025) or an inclusive range of days (2025-08-01..2025-08-15)`,
  );
}

/**
 * Checks that `from` lies wholly before `to` (it ends on or before the day `to` starts), as a
 * comparison of two periods needs: overlapping periods would count the same orders twice.
 *
 * @throws InvalidArgumentError naming both periods when `from` does not end before `to` starts.
 * @example checkPeriods(parsePeriod('2025-08'), parsePeriod('2025-09')) // passes
 */
export function checkPeriods(from: Period, to: Period): void {
  if (from.end > to.start) {
    throw new InvalidArgumentError(
      `checkPeriods: --from ${from.label} (${from.start}..${previousDay(from.end)}) must end before --to ${to.label} (${to.start}..${previousDay(to.end)}) starts; put the earlier period in --from`,
    );
  }
}

/** Number of days in a period. */
export function periodDays(period: Period): number {
  return Math.round(
    (Date.parse(`${period.end}T00:00:00Z`) - Date.parse(`${period.start}T00:00:00Z`)) / 86_400_000,
  );
}

function previousDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return isoDay(y, m, d - 1);
}

/**
 * The period just before another, of the same kind: the month, quarter or year before, or for a
 * range of days the range of as many days ending the day before it starts. What
 * `shopstat decompose` compares with when `--from` is not given.
 *
 * @example previousPeriod(parsePeriod('2025-01')) // January 2025 -> December 2024
 * @example previousPeriod(parsePeriod('2025-08-16..2025-08-31')) // 2025-07-31..2025-08-15 (16 days)
 */
export function previousPeriod(period: Period): Period {
  const [y, m] = period.start.split('-').map(Number) as [number, number];
  switch (period.kind) {
    case 'month':
      return parsePeriod(isoDay(y, m - 1, 1).slice(0, 7));
    case 'quarter': {
      const start = isoDay(y, m - 3, 1);
      return parsePeriod(`${start.slice(0, 4)}-Q${(Number(start.slice(5, 7)) + 2) / 3}`);
    }
    case 'year':
      return parsePeriod(pad(y - 1, 4));
    case 'range': {
      const last = previousDay(period.start);
      const [ly, lm, ld] = last.split('-').map(Number) as [number, number, number];
      const first = isoDay(ly, lm, ld - periodDays(period) + 1);
      return parsePeriod(first === last ? first : `${first}..${last}`);
    }
  }
}

/**
 * The last complete month of data whose last order day is `lastDay` (`'YYYY-MM-DD'`): its own
 * month when it is that month's last day, else the month before. `null` without data.
 *
 * @example lastCompleteMonth('2025-12-31') // '2025-12'
 * @example lastCompleteMonth('2025-12-30') // '2025-11'
 */
export function lastCompleteMonth(lastDay: string | null): string | null {
  if (lastDay === null) return null;
  const [y, m] = lastDay.split('-').map(Number) as [number, number];
  return nextDay(lastDay).slice(5, 7) !== lastDay.slice(5, 7)
    ? lastDay.slice(0, 7)
    : isoDay(y, m - 1, 1).slice(0, 7);
}
